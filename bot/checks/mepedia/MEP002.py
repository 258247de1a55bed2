"""MEP002 study-year-mismatch."""

from __future__ import annotations

import re
from collections.abc import Iterator

import mwparserfromhell

from bot.citations import cs1
from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.parse.studies import find_study_items
from bot.rules.base import Context, Rule

__all__ = ["StudyYearMismatch"]

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


class StudyYearMismatch(Rule):
    """"Notable studies" entry whose year differs from its citation's date.

    ## What it does
    For each study entry that starts with a year (``* 2015, …``), reads the ``date=`` or
    ``year=`` of the citation template in its reference (following a named reference to its
    definition) and reports a different year.

    ## Why is this bad?
    Study lists are read chronologically; a wrong year misplaces the study and suggests the
    wrong paper.

    ## Example
    ```wikitext
    == Notable studies ==
    * 2014, [https://example.org Study]<ref>{{cite journal |title=S |journal=J |date=2015}}</ref>
    ```

    ## Use instead
    ```wikitext
    == Notable studies ==
    * 2015, [https://example.org Study]<ref>{{cite journal |title=S |journal=J |date=2015}}</ref>
    ```

    ## Fix safety
    No automatic fix: which of the two years is wrong needs checking.
    """

    code = "MEP002"
    name = "study-year-mismatch"
    family = "MEP"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        definitions = {
            (ref.group, ref.name): ref.text
            for ref in reversed(cite_analysis(doc, ctx.profile).refs)
            if ref.name and ref.defines
        }
        for item in find_study_items(doc, ctx.profile):
            if item.year is None:
                continue
            for ref in item.refs:
                text = ref.text if ref.defines else definitions.get((ref.group, ref.name))
                cited = _cited_year(text) if text else None
                if cited is not None and cited != item.year:
                    yield self.finding(
                        doc, item.start,
                        f"This study entry says {item.year} but its citation is dated "
                        f"{cited}: correct whichever is wrong.",
                    )
                    break


def _cited_year(text: str) -> int | None:
    spec = cs1()
    for template in mwparserfromhell.parse(text).filter_templates(recursive=True):
        if not spec.is_citation(str(template.name)):
            continue
        for name in ("date", "year", "publication-date"):
            if template.has(name):
                match = _YEAR.search(template.get(name).value.strip_code())
                if match:
                    return int(match.group(1))
    return None
