"""CIT011 invalid-issn."""

from bot.checks.citations._identifier import IdentifierRule
from bot.citations.identifiers import check_issn

__all__ = ["InvalidIssn"]


class InvalidIssn(IdentifierRule):
    """Invalid ISSN (format, length or check digit).

    ## What it does
    Reports an ``issn=`` or ``eissn=`` that is not NNNN-NNNN with a correct check digit
    (computed by python-stdnum).

    ## Why is this bad?
    A mistyped ISSN points readers to the wrong journal.

    ## Example
    ```wikitext
    {{cite journal |title=B12 |journal=Blood |issn=0006-4972}}
    ```

    ## Use instead
    ```wikitext
    {{cite journal |title=B12 |journal=Blood |issn=0006-4971}}
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "CIT011"
    name = "invalid-issn"
    parameters = ("issn", "eissn")
    label = "ISSN"
    validator = check_issn
