"""CIT008 invalid-pmid."""

from bot.checks.citations._identifier import IdentifierRule
from bot.citations.identifiers import check_pmid

__all__ = ["InvalidPmid"]


class InvalidPmid(IdentifierRule):
    """Malformed PubMed ID.

    ## What it does
    Reports a ``pmid=`` that is not a plain positive number in PubMed's range (CheckWiki
    #102).

    ## Why is this bad?
    The PubMed link readers follow leads nowhere, or to the wrong paper.

    ## Example
    ```wikitext
    {{cite journal |title=B12 |journal=PLOS ONE |pmid=PMID 25902009}}
    ```

    ## Use instead
    ```wikitext
    {{cite journal |title=B12 |journal=PLOS ONE |pmid=25902009}}
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "CIT008"
    name = "invalid-pmid"
    parameters = ("pmid",)
    label = "PMID"
    limit_key = "PMID"
    validator = check_pmid
    checkwiki = 102
