"""CIT006 invalid-citation-date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from bot.citations import find_citations
from bot.citations.dates import parse_date
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["InvalidCitationDate"]

DATE_PARAMETERS = (
    "date", "year", "access-date", "accessdate", "archive-date", "archivedate",
    "publication-date", "orig-date", "lay-date", "doi-broken-date",
)


class InvalidCitationDate(Rule):
    """Citation date that is malformed or in the future.

    ## What it does
    Reports date parameters (``date``, ``year``, ``access-date``, ``archive-date`` …) whose
    value is not a date CS1 understands (2015, 2015-03-07, 7 March 2015, March 7, 2015,
    March 2015, Spring 2015, ranges such as 2014–2015) or an impossible one (31 February),
    and dates after the day of the run.

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
        for citation in find_citations(doc):
            for parameter in DATE_PARAMETERS:
                value = citation.value(parameter)
                if not value or "{{" in citation.raw(parameter):
                    continue
                valid, earliest = parse_date(value)
                if not valid:
                    yield self.finding(
                        doc, citation.span.start,
                        f'{{{{{citation.name}}}}} has {parameter}="{value}", which is not a '
                        f"valid date: write it like 2015-03-07 or 7 March 2015.",
                    )
                elif today is not None and earliest is not None and earliest > today:
                    yield self.finding(
                        doc, citation.span.start,
                        f'{{{{{citation.name}}}}} has {parameter}="{value}", which is in the '
                        f"future: check the date.",
                    )
