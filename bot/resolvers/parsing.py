"""Small helpers the service modules share: dates and names as CS1 wants them."""

from __future__ import annotations

import re

__all__ = ["clean", "cs1_date", "split_name"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
_ABBREVIATIONS = {m[:3].lower(): i for i, m in enumerate(MONTHS, start=1)}


def clean(value) -> str:
    """A single-line string with no markup characters that would break a template."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = re.sub(r"<[^>]+>", "", text)  # JATS/HTML tags in titles (<i>, <sup>)
    return text.replace("|", "&#124;").replace("{{", "{ {").replace("}}", "} }") \
        .replace("[[", "[ [").replace("]]", "] ]").strip()


def cs1_date(year=None, month=None, day=None) -> str:
    """``2015-03-02``, ``March 2015`` or ``2015`` (CS1 does not accept ``2015-03``)."""
    try:
        year = int(year) if year not in (None, "") else None
        month = int(month) if month not in (None, "") else None
        day = int(day) if day not in (None, "") else None
    except (TypeError, ValueError):
        return ""
    if year is None or not 1000 <= year <= 2999:
        return ""
    if month and 1 <= month <= 12 and day and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if month and 1 <= month <= 12:
        return f"{MONTHS[month - 1]} {year}"
    return str(year)


def date_from_text(text: str) -> str:
    """``2015 Mar 2`` / ``2015 Mar`` / ``2015-03-02`` / ``March 2, 2015`` → a CS1 date."""
    text = (text or "").strip()
    match = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text)
    if match:
        return cs1_date(*match.groups())
    match = re.match(r"^(\d{4})[-/](\d{1,2})$", text)
    if match:
        return cs1_date(*match.groups())
    match = re.match(r"^(\d{4})(?:\s+([A-Za-z]{3})[a-z]*\.?(?:\s+(\d{1,2}))?)?$", text)
    if match:
        month = _ABBREVIATIONS.get((match.group(2) or "").lower())
        return cs1_date(match.group(1), month, match.group(3) if month else None)
    match = re.search(r"\b(\d{4})\b", text)
    return cs1_date(match.group(1)) if match else ""


def split_name(name: str, initials_last: bool = False) -> tuple[str, str]:
    """(last, first) from ``Mark Twain``, ``Twain, Mark`` or PubMed's ``Smith JA``."""
    name = " ".join((name or "").split())
    if "," in name:
        last, first = name.split(",", 1)
        return clean(last), clean(first)
    parts = name.rsplit(" ", 1) if not initials_last else name.split(" ")
    if initials_last and len(parts) >= 2 and parts[-1].isupper() and len(parts[-1]) <= 4:
        return clean(" ".join(parts[:-1])), clean(parts[-1])
    parts = name.rsplit(" ", 1)
    if len(parts) == 1:
        return clean(name), ""
    return clean(parts[1]), clean(parts[0])
