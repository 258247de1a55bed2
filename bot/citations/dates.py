"""Dates as CS1 accepts them: 2015, 2015-03-07, 7 March 2015, March 7, 2015, March 2015,
Spring 2015, ranges such as 2014–2015 or March–April 2015, and n.d."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["parse_date"]

_MONTHS = {
    name.lower(): number
    for number, names in enumerate(
        [("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
         ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
         ("September", "Sep", "Sept"), ("October", "Oct"), ("November", "Nov"),
         ("December", "Dec")],
        start=1,
    )
    for name in names
}
_SEASONS = {"winter": 12, "spring": 3, "summer": 6, "fall": 9, "autumn": 9}
_MONTH = r"([A-Za-z]+)\.?"
_PATTERNS = [
    (re.compile(r"^(\d{4})$"), "y"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "ymd"),
    (re.compile(rf"^(\d{{1,2}}) {_MONTH} (\d{{4}})$"), "dmy"),
    (re.compile(rf"^{_MONTH} (\d{{1,2}}), (\d{{4}})$"), "mdy"),
    (re.compile(rf"^{_MONTH},? (\d{{4}})$"), "my"),
]
_RANGE = re.compile(r"\s*[–—-]\s*")


def _one(text: str) -> dt.date | None:
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        try:
            if kind == "y":
                return dt.date(int(match.group(1)), 1, 1)
            if kind == "ymd":
                return dt.date(*(int(g) for g in match.groups()))
            if kind == "dmy":
                month = _MONTHS.get(match.group(2).lower())
                return dt.date(int(match.group(3)), month, int(match.group(1))) if month else None
            if kind == "mdy":
                month = _MONTHS.get(match.group(1).lower())
                return dt.date(int(match.group(3)), month, int(match.group(2))) if month else None
            if kind == "my":
                name = match.group(1).lower()
                month = _MONTHS.get(name) or _SEASONS.get(name)
                return dt.date(int(match.group(2)), month, 1) if month else None
        except ValueError:
            return None
    return None


def parse_date(value: str) -> tuple[bool, dt.date | None]:
    """(valid, earliest date meant).  ``n.d.`` and empty values are valid with no date.

    The earliest date is what a "future date" check must compare: "2026" or "November 2026"
    are not in the future on 25 November 2026.
    """
    text = " ".join(value.replace("\u00a0", " ").split())
    if text.lower() in ("", "n.d.", "nd"):
        return True, None
    text = re.sub(r"^c\. ", "", text)  # circa
    direct = _one(text)
    if direct:
        return True, direct
    parts = _RANGE.split(text)
    if len(parts) == 2:
        left, right = parts
        end = _one(right)
        if end is None:
            return False, None
        # "2014–2015", "March–April 2015", "5–7 March 2015": the left side borrows the year
        start = _one(left) or _one(f"{left} {end.year}") or _one(f"{left} {right.split()[-1]}")
        if start is None and left.isdigit() and 1 <= int(left) <= 31:
            start = end
        valid = start is not None and start <= end
        return valid, start if valid else None
    return False, None
