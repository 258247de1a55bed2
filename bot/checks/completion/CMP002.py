"""CMP002 incomplete-citation."""

from __future__ import annotations

from collections.abc import Iterator

from bot.checks.completion._base import CompletionRule, describe_source, name_style
from bot.citations import find_citations, parameter_spans
from bot.citations.complete import (
    citation_disagreements,
    edit_title,
    missing_fields,
    template_kind,
    usable,
)
from bot.citations.targets import citation_keys
from bot.findings import Finding
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety

__all__ = ["IncompleteCitation"]


def completion_of(citation, records: dict, style: str):
    """(record, missing fields) for a citation the records can complete, else None."""
    if template_kind(citation) is None:
        return None
    found = [records[key] for key in citation_keys(citation)
             if key in records and records[key].found]
    if any(not usable(r) or citation_disagreements(citation, r) for r in found):
        return None  # one of its identifiers is retracted or disagrees (CMP005 / CMP004)
    if not found:
        return None
    missing = missing_fields(citation, found[0], style)
    return (found[0], missing) if missing else None


class IncompleteCitation(CompletionRule):
    """Citation template missing fields its identifier's record has.

    ## What it does
    For a ``{{cite journal}}``, ``{{cite book}}`` or ``{{cite web}}`` with a DOI, PMID, PMC,
    ISBN or URL whose metadata ``wikiwarden cite`` found, reports the parameters the record
    has and the template lacks (or has empty): authors, title, journal, date, volume, issue,
    pages, the other identifiers, publisher.

    ## Why is this bad?
    An incomplete citation is harder to find and check, and CS1 may flag it.

    ## Example
    ```wikitext
    <ref>{{cite journal |title=B12 and fatigue |doi=10.1000/b12}}</ref>
    ```

    ## Use instead
    ```wikitext
    <ref>{{cite journal |title=B12 and fatigue |doi=10.1000/b12 |journal=Blood
    |date=2015 |volume=12 |pages=1–9}}</ref>
    ```

    ## Fix safety
    Safe: only missing or empty parameters are added, nothing on the page is changed.
    Authors are added only when the template names none.  A template whose title, year or
    journal disagrees with the record is left alone (CMP004), as is a retracted work
    (CMP005).

    ## Options
    ``citation_names`` in the profile: ``last-first`` or ``vauthors``.
    """

    code = "CMP002"
    name = "incomplete-citation"
    fix_safety = FixSafety.SAFE

    def _completable(self, doc: Document, ctx: Context):
        records = self.records(ctx)
        if not records:
            return
        style = name_style(ctx)
        for citation in find_citations(doc):
            found = completion_of(citation, records, style)
            if found:
                yield citation, found[0], found[1]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for citation, record, missing in self._completable(doc, ctx):
            names = ", ".join(dict.fromkeys(name.rstrip("0123456789") for name, _, _ in missing))
            yield self.finding(
                doc, citation.span.start,
                f"{{{{{citation.name}}}}} lacks {names}, which {describe_source(record)} "
                f"gives.",
            )

    def fix(self, doc: Document, ctx: Context) -> list:
        edits = []
        where = "{{%s}}"
        for citation, _record, missing in self._completable(doc, ctx):
            fill = {name: value for name, value, empty in missing if empty}
            add = [(name, value) for name, value, empty in missing if not empty]
            for param, start, _ in parameter_spans(citation):
                name = str(param.name).strip()
                if name in fill and param.showkey:
                    at = start + len(str(param.name)) + 1
                    value = fill.pop(name)
                    edits.append(self.edit(at, at, value,
                                           edit_title([name], where % citation.name),
                                           adds=value))
            if add:
                text = doc.text[citation.span.start : citation.span.end]
                body = text[:-2]
                trailing = body[len(body.rstrip()):]
                at = citation.span.end - 2 - len(trailing)
                sep = "\n|" if "\n" in body.strip() else " |"
                insert = "".join(f"{sep}{name}={value}" for name, value in add)
                edits.append(self.edit(at, at, insert,
                                       edit_title([n for n, _ in add], where % citation.name),
                                       adds=insert))
        return edits
