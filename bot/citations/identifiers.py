"""Identifier checks for citation parameters.  Check digits come from python-stdnum, a
maintained library, rather than hand-written arithmetic."""

from __future__ import annotations

import re

from stdnum import isbn as stdnum_isbn
from stdnum import issn as stdnum_issn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

__all__ = ["check_doi", "check_isbn", "check_issn", "check_pmc", "check_pmid"]

_DOI = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
PMID_MAX = 60_000_000   # PubMed is near 41 million in 2026; leaves room to grow
PMC_MAX = 20_000_000


def check_doi(value: str) -> str | None:
    """None when ``value`` is a well-formed DOI, else what is wrong."""
    value = value.strip()
    if value.lower().startswith(("doi:", "https://doi.org/", "http://dx.doi.org/")):
        return "starts with a prefix or URL: give only the DOI, such as 10.1000/xyz123"
    if not _DOI.match(value):
        return "is not a DOI (it must look like 10.NNNN/suffix, without spaces)"
    if value[-1] in ".,;:":
        return f'ends with "{value[-1]}", which is not part of a DOI'
    return None


def check_pmid(value: str, limit: int | None = None) -> str | None:
    """``limit``: the highest PMID the wiki's CS1 accepts (its ``id_limit``)."""
    value = value.strip()
    if not value.isdigit():
        return "is not a PubMed ID (digits only, no PMID prefix)"
    if not 1 <= int(value) <= (limit or PMID_MAX):
        return "is out of the range of PubMed IDs"
    return None


def check_pmc(value: str, limit: int | None = None) -> str | None:
    value = value.strip()
    if value.upper().startswith("PMC"):
        return 'starts with "PMC": give only the number'
    if not value.isdigit() or not 1 <= int(value) <= (limit or PMC_MAX):
        return "is not a PubMed Central number (digits only)"
    return None


def check_isbn(value: str) -> str | None:
    """None for a valid ISBN-10/13; else the problem (CheckWiki #69-#73)."""
    try:
        stdnum_isbn.validate(value)
    except InvalidChecksum:
        kind = "ISBN-13" if len(stdnum_isbn.compact(value)) == 13 else "ISBN-10"
        return f"has a wrong check digit for an {kind}: a digit is probably mistyped"
    except InvalidLength:
        return "has the wrong number of digits (an ISBN has 10 or 13)"
    except (InvalidFormat, InvalidComponent):
        return "is not an ISBN (digits, hyphens, and X only as the last character of ISBN-10)"
    return None


def check_issn(value: str) -> str | None:
    try:
        stdnum_issn.validate(value)
    except InvalidChecksum:
        return "has a wrong check digit"
    except InvalidLength:
        return "has the wrong number of digits (an ISSN has 8, as NNNN-NNNN)"
    except (InvalidFormat, InvalidComponent):
        return "is not an ISSN (NNNN-NNNN)"
    return None
