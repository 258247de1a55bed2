"""CS1's date grammar: a port of ``check_date()``, ``dates()`` and ``year_date_check()`` of
Module:Citation/CS1/Date validation, running CS1's own patterns (from the generated data,
translated by :mod:`.luapattern`) and its own month, season, quarter and named-date tables.

Kept in the module's order and logic, so it accepts and rejects what CS1 does: ``2005a``,
``1947–71``, ``November 17–19, 1970``, ``Winter 2001–02``, ``c. 1950`` and ``n.d.`` are good;
``2005-13-01``, ``31 February 2010``, a hyphen-free ``1947-1971`` is good but ``March–Feb 2010``
is not.  The only input besides the values is "today" (CS1 asks the server's clock: no year
beyond next year, no access date before 2001-01-15 or after tomorrow); without it those
limits are not applied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from bot.citations.luapattern import compile_lua

__all__ = ["DateGrammar"]

_WIKIPEDIA_START = dt.date(2001, 1, 15)
#: how many check_date() answers a grammar keeps
_CHECKED_MAX = 16384


class DateGrammar:
    """CS1's date checks over one CS1 data set (``data["dates"]``)."""

    def __init__(self, data: Mapping):
        self.names = data["names"]
        self.digits = data["local_digits"]
        self.param_order = data.get("param_order") or [
            "access-date", "archive-date", "date", "doi-broken-date", "embargo", "lay-date",
            "publication-date", "year"]
        self.patterns = {key: (compile_lua(value[0]), value[0])
                         for key, value in data["patterns"].items()}
        self._checked: dict[tuple[str, str, dt.date | None], bool] = {}  # its answers

    def western_digits(self, value: str) -> str:
        """``value`` with the wiki's local digits as western ones (CS1 does this before its
        date and name checks); ASCII text has none to change."""
        if value.isascii():
            return value
        return "".join(self.digits.get(ch, ch) if ch.isdigit() else ch for ch in value)

    # -- CS1's helpers -------------------------------------------------------------------

    def _lookup(self, kind: str, name: str) -> int:
        return (self.names["local"][kind].get(name) or self.names["en"][kind].get(name) or 0)

    def month(self, name: str) -> int:
        return self._lookup("long", name) or self._lookup("short", name)

    def season(self, name: str, param: str) -> int:
        return self._lookup("season", name) if param == "date" else 0

    def quarter(self, name: str, param: str) -> int:
        return self._lookup("quarter", " ".join(name.split(" "))) if param == "date" else 0

    def named(self, name: str, param: str) -> int:
        return self._lookup("named", name) if param == "date" else 0

    def element(self, name: str, param: str) -> int | None:
        return (self.month(name) or self.season(name, param) or self.quarter(name, param)
                or self.named(name, param) or None)

    @staticmethod
    def year_ok(year, today: dt.date | None) -> bool:
        return today is None or int(year) <= today.year + 1

    def valid_date(self, year, month, day, today) -> bool:
        if not self.year_ok(year, today):
            return False
        year, month, day = int(year), int(month), int(day)
        if month == 2:
            leap = year % 4 == 0 if year < 1582 else (
                year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
            length = 29 if leap else 28
        else:
            length = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
        return day <= length

    @staticmethod
    def range_style(month1: str, month2: str) -> bool:
        if len(month1) == len(month2) or "May" in (month1, month2):
            return True
        return not (len(month1) == 3 or len(month2) == 3)

    def month_season_range(self, start: str, end: str, param: str = "") -> bool:
        first = self.month(start)
        if first == 0:
            return self.season(start, param) != 0 and self.season(end, param) != 0
        return first < self.month(end) and self.range_style(start, end)

    def _match(self, key: str, text: str):
        pattern = self.patterns.get(key)
        match = pattern[0].search(text) if pattern else None
        return match.groups() if match else None

    # -- check_date ------------------------------------------------------------------------
    def check_date(self, text: str, param: str, today: dt.date | None) -> bool:
        """CS1's ``check_date(date_string, param)``: is ``text`` a good date for ``param``?

        The answer depends on nothing else, and pages repeat the same dates (access dates
        above all), so answers are kept (a plain dict, so the grammar still pickles for
        ``--scheduler`` workers; emptied when full: a dump has many dates)."""
        key = (text, param, today)
        answer = self._checked.get(key)
        if answer is None:
            if len(self._checked) >= _CHECKED_MAX:
                self._checked.clear()
            answer = self._checked[key] = self._check_date(text, param, today)
        return answer

    def _check_date(self, text: str, param: str, today: dt.date | None) -> bool:
        year = None
        year2 = month = month2 = day = day2 = 0
        ok = self.year_ok
        if g := self._match("ymd", text):
            year, month, day = g
            if not 1 <= int(month) <= 12 or int(year) < 1582 or int(day) == 0:
                return False
        elif g := self._match("Mdy", text):
            month, day, _, year = g
            month = self.month(month)
            if not month:
                return False
        elif g := self._match("Md-dy", text):
            month, day, day2, _, year = g
            if int(day) >= int(day2):
                return False
            month = self.month(month)
            if not month:
                return False
            month2, year2 = month, year
        elif g := self._match("dMy", text):
            day, month, _, year = g
            month = self.month(month)
            if not month:
                return False
        elif g := self._match("d-dMy", text):
            day, day2, month, _, year = g
            if int(day) >= int(day2):
                return False
            month = self.month(month)
            if not month:
                return False
            month2, year2 = month, year
        elif g := self._match("dM-dMy", text):
            day, month, day2, month2, _, year = g
            if not self.month_season_range(month, month2) or not ok(year, today):
                return False
            month, month2, year2 = self.month(month), self.month(month2), year
        elif g := self._match("Md-Mdy", text):
            month, day, month2, day2, _, year = g
            if not self.month_season_range(month, month2, param) or not ok(year, today):
                return False
            month, month2, year2 = self.month(month), self.month(month2), year
        elif (g := self._match("dMy-dMy", text)) or (g := self._match("Mdy-Mdy", text)):
            if self._match("dMy-dMy", text):
                day, month, year, day2, month2, _, year2 = g
            else:
                month, day, year, month2, day2, _, year2 = g
            if int(year2) <= int(year):
                return False
            if not ok(year2, today) or not self.range_style(month, month2):
                return False
            month, month2 = self.month(month), self.month(month2)
        elif g := self._match("Sy4-y2", text):
            month, year, century, _, year2 = g
            if month not in ("Winter", "Summer"):
                return False
            year2 = century + year2
            if int(year2) - int(year) != 1 or not ok(year2, today):
                return False
            month = self.season(month, param)
        elif g := self._match("Sy-y", text):
            month, year, _, year2 = g
            if month not in ("Winter", "Summer"):
                return False
            if int(year2) - int(year) != 1 or not ok(year2, today):
                return False
            month = self.season(month, param)
        elif g := self._match("My-My", text):
            month, year, month2, _, year2 = g
            if int(year) >= int(year2) or not ok(year2, today):
                return False
            if self.month(month) and self.month(month2) and self.range_style(month, month2):
                month, month2 = self.month(month), self.month(month2)
            elif self.season(month, param) and self.season(month2, param):
                month, month2 = self.season(month, param), self.season(month2, param)
            else:
                return False
        elif g := self._match("M-My", text):
            month, month2, _, year = g
            if not self.month_season_range(month, month2, param) or not ok(year, today):
                return False
            if self.month(month):
                month, month2 = self.month(month), self.month(month2)
            else:
                month, month2 = self.season(month, param), self.season(month2, param)
            year2 = year
        elif g := self._match("My", text):
            month, _, year = g
            if not ok(year, today):
                return False
            month = self.element(month, param)
            if not month:
                return False
        elif g := self._match("y-y", text):
            year, _, year2 = g
            if int(year) >= int(year2) or not ok(year2, today):
                return False
        elif g := self._match("y4-y2", text):
            year, century, _, year2 = g
            if int(year2) < 13:
                return False
            year2 = century + year2
            if int(year) >= int(year2) or not ok(year2, today):
                return False
        elif g := self._match("y", text):
            _, year = g
            if not ok(year, today):
                return False
        else:
            return False

        whole = bool(year) and bool(month) and bool(day)
        if param == "access-date":
            if not (whole and not year2 and not month2 and not day2):
                return False
            if not self._access_date_ok(int(year), int(month), int(day), today):
                return False
        if whole:
            if not year2 and not month2 and not day2:
                return self.valid_date(year, month, day, today)
            if not year2 and not month2:
                return (self.valid_date(year, month, day, today)
                        and self.valid_date(year, month, day2, today))
            if not year2:
                return (self.valid_date(year, month, day, today)
                        and self.valid_date(year, month2, day2, today))
            if month2 and day2:
                return (self.valid_date(year, month, day, today)
                        and self.valid_date(year2, month2, day2, today))
        return True

    @staticmethod
    def _access_date_ok(year: int, month: int, day: int, today: dt.date | None) -> bool:
        try:
            when = dt.date(year, month, day)
        except ValueError:
            return True  # formatDate rolls it over; the day-of-month test rejects it
        if when < _WIKIPEDIA_START:
            return False
        return today is None or when < today + dt.timedelta(days=2)

    # -- dates() and the Date/Year promotion of the main module ---------------------------
    def bad_parameters(self, values: Mapping[str, tuple[str, str]],
                       today: dt.date | None) -> list[str]:
        """The parameter names CS1 lists in "Check date values in: ..." for one citation.

        ``values``: CS1's date keys (``date``, ``year``, ``access-date``, ``archive-date``,
        ``publication-date``, ``lay-date``, ``doi-broken-date``, ``embargo``) -> (value,
        parameter name used); absent or empty keys are left out."""
        values = {k: v for k, v in values.items() if v[0]}
        if "date" not in values:  # the main module promotes |year= (or |publication-date=)
            if "year" in values:
                values["date"] = values.pop("year")
            elif "publication-date" in values:
                values["date"] = values.pop("publication-date")
        if "publication-date" in values and "date" in values and \
                values["publication-date"][0] == values["date"][0]:
            del values["publication-date"]
        bad: list[str] = []
        good = False
        for key in self.param_order:
            if key not in values:
                continue
            value, name = values[key]
            value = self.western_digits(value)
            if compile_lua("^c%. [1-9]%d%d%d?%a?$", False).search(value):
                year = compile_lua("c%. ([1-9]%d%d%d?)%a?", False).search(value).group(1)
                if key in ("date", "year"):
                    good = self.year_ok(year, today)
            elif key == "date":
                if compile_lua("^n%.d%.%a?$", False).search(value) or \
                        compile_lua("^nd%a?$", False).search(value):
                    good = True
                else:
                    good = self.check_date(value, key, today)
            elif key == "year":
                if compile_lua("^[1-9]%d%d%d?%a?$", False).search(value):
                    good = True
            else:
                good = self.check_date(value, key, today)
            if not good:
                bad.append(name)
        if "year" in values and "date" in values and \
                not self.year_matches(values["year"][0], values["date"][0]):
            bad.append("year= / date= mismatch")
        return bad

    @staticmethod
    def year_matches(year_string: str, date_string: str) -> bool:
        """CS1's ``year_date_check() ~= 0``."""
        def find(pattern, text, ustring=False):
            match = compile_lua(pattern, ustring).search(text)
            return match.groups() if match else None

        year = (find("(%d%d%d%d?)", year_string) or [None])[0]
        if find("%d%d%d%d%-%d%d%-%d%d", date_string) is not None and \
                find("%d%d%d%d%a", year_string) is not None:
            return find("(%d%d%d%d)", date_string)[0] == find("(%d%d%d%d)", year_string)[0]
        if find("%d%d%d%d?.-%d%d%d%d?", date_string) is not None:
            date1, date2 = find("(%d%d%d%d?).-(%d%d%d%d?)", date_string)
            return year in (date1, date2)
        if find("%d%d%d%d[%-–]%d%d", date_string, True) is not None:
            date1, century, date2 = find("((%d%d)%d%d)[%-–]+(%d%d)", date_string, True)
            return year in (date1, century + date2)
        if found := find("(%d%d%d%d?)", date_string):
            return year == found[0]
        return False
