"""CIT010 invalid-isbn."""

from bot.checks.citations._identifier import IdentifierRule
from bot.citations.identifiers import check_isbn

__all__ = ["InvalidIsbn"]


class InvalidIsbn(IdentifierRule):
    """Invalid ISBN (format, length or check digit).

    ## What it does
    Reports an ``isbn=`` with characters other than digits and hyphens (``X`` only as an
    ISBN-10's last character), the wrong length, or a wrong check digit (CheckWiki #69–#73).
    Check digits are computed by python-stdnum.

    ## Why is this bad?
    A mistyped ISBN sends readers to the wrong book or to none.

    ## Example
    ```wikitext
    {{cite book |title=Vitamins |isbn=978-0-306-40615-6}}
    ```

    ## Use instead
    ```wikitext
    {{cite book |title=Vitamins |isbn=978-0-306-40615-7}}
    ```

    ## Fix safety
    No automatic fix: the right digits have to come from the book.
    """

    code = "CIT010"
    name = "invalid-isbn"
    parameters = ("isbn",)
    label = "ISBN"
    validator = check_isbn
    checkwiki = 69
