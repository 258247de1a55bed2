"""CIT006 invalid-citation-date."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

from bot.citations import Citation, CitationSpec, cs1_for, find_citations
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["InvalidCitationDate", "bad_dates"]

#: CS1's date keys and the meta-parameter (Configuration's aliases) each is read from
DATE_KEYS = {
    "access-date": "AccessDate", "archive-date": "ArchiveDate", "date": "Date",
    "doi-broken-date": "DoiBroken", "embargo": "Embargo", "lay-date": "LayDate",
    "publication-date": "PublicationDate", "year": "Year",
}


@functools.lru_cache(maxsize=8)
def _date_names(spec: CitationSpec) -> frozenset[str]:
    """Every parameter name CS1 reads one of its dates from."""
    return frozenset(name for meta in DATE_KEYS.values() for name in spec.aliases.get(meta, ()))


def bad_dates(citation: Citation, today: dt.date | None) -> list[str] | None:
    """The date parameters CS1 lists in its "Check date values in:" error, or None when a
    date value is made by a template (its text is unknown before expansion)."""
    spec = citation.spec
    present = citation.raws.keys() & _date_names(spec)  # most citations have one or two
    values = {}
    for key, meta in DATE_KEYS.items():
        if present.isdisjoint(spec.aliases.get(meta, ())):
            continue  # none of its names: select() would find none
        name = citation.select(meta)
        if name:
            if citation.has_markup(name):
                return None
            values[key] = (citation.text(name), name)
    return citation.spec.dates.bad_parameters(values, today)


class InvalidCitationDate(Rule):
    """Citation date that is malformed or in the future.

    ## What it does
    Reports what CS1 reports as "Check date values in:": date parameters (``date``,
    ``year``, ``access-date``, ``archive-date`` …) whose value is not a date in CS1's grammar
    (a port of its Date validation module, run on its own patterns: 2015, 2005a,
    2015-03-07, 7 March 2015, March 7, 2015, March 2015, Spring 2015, ranges such as
    2014–2015, 1947–71 or November 17–19, 1970, c. 1950, n.d.), an impossible one
    (31 February), a year after next year, an access date before Wikipedia or after
    tomorrow, and ``year=`` that disagrees with ``date=``.

    ## Why is this bad?
    CS1 shows a red date error, and a wrong date misleads readers about the source.

    ## Example
    ```wikitext
    {{cite journal |title=B12 |journal=Blood |date=31 February 2015}}
    ```

    ## Use instead
    ```wikitext
    {{cite journal |title=B12 |journal=Blood |date=28 February 2015}}
    ```

    ## Fix safety
    No automatic fix.

    ## Options
    The "today" of the run comes from the runner (``Context.options["today"]``); without it
    only the format is checked.
    """

    code = "CIT006"
    name = "invalid-citation-date"
    family = "CIT"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        today: dt.date | None = ctx.options.get("today")
        for citation in find_citations(doc, cs1_for(ctx)):
            for name in bad_dates(citation, today) or ():
                if "mismatch" in name:
                    message = ("has year= and date= with different years: keep the date, "
                               "or make them agree.")
                else:
                    value = citation.text(name)
                    if today is not None and self._future(citation, name):
                        message = f'has {name}="{value}", which is in the future: check it.'
                    else:
                        message = (f'has {name}="{value}", which is not a valid date: write '
                                   f"it like 2015-03-07 or 7 March 2015.")
                yield self.finding(doc, citation.span.start,
                                   f"{{{{{citation.name}}}}} {message}")

    @staticmethod
    def _future(citation: Citation, name: str) -> bool:
        """The value is a good date once CS1's time limits are lifted."""
        spec = citation.spec
        keys = [k for k, meta in DATE_KEYS.items() if name in spec.names(meta)]
        key = keys[0] if keys else "date"
        if key == "year":
            key = "date"
        value = citation.text(name)
        return not spec.dates.bad_parameters({key: (value, name)}, None)
