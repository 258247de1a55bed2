"""CIT009 invalid-pmc."""

from bot.checks.citations._identifier import IdentifierRule
from bot.citations.identifiers import check_pmc

__all__ = ["InvalidPmc"]


class InvalidPmc(IdentifierRule):
    """Malformed PubMed Central number.

    ## What it does
    Reports a ``pmc=`` that is not a plain number; the ``PMC`` prefix is added by the
    template and must not be typed.

    ## Why is this bad?
    CS1 shows an error and the free full-text link is broken.

    ## Example
    ```wikitext
    {{cite journal |title=B12 |journal=PLOS ONE |pmc=PMC4406423}}
    ```

    ## Use instead
    ```wikitext
    {{cite journal |title=B12 |journal=PLOS ONE |pmc=4406423}}
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "CIT009"
    name = "invalid-pmc"
    parameters = ("pmc",)
    label = "PMC number"
    limit_key = "PMC"
    validator = check_pmc
