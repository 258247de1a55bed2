"""CIT007 invalid-doi."""

from bot.checks.citations._identifier import IdentifierRule
from bot.citations.identifiers import check_doi

__all__ = ["InvalidDoi"]


class InvalidDoi(IdentifierRule):
    """Malformed DOI.

    ## What it does
    Reports a ``doi=`` that is not a DOI: it must be ``10.`` + a registrant code of 4–9
    digits + ``/`` + a suffix, with no spaces, no ``doi:`` prefix and no URL.

    ## Why is this bad?
    The DOI link readers follow is broken.

    ## Example
    ```wikitext
    {{cite journal |title=B12 |journal=PLOS ONE |doi=https://doi.org/10.1371/journal.pone.0124648}}
    ```

    ## Use instead
    ```wikitext
    {{cite journal |title=B12 |journal=PLOS ONE |doi=10.1371/journal.pone.0124648}}
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "CIT007"
    name = "invalid-doi"
    parameters = ("doi",)
    label = "DOI"
    validator = check_doi
