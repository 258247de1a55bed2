"""CMP003 incomplete-study-reference."""

from __future__ import annotations

from collections.abc import Iterator

from bot.checks.completion._base import CompletionRule, describe_source, name_style
from bot.citations.complete import (
    TEMPLATES,
    complete_enough,
    disagreements,
    edit_title,
    new_citation,
    record_fields,
    usable,
)
from bot.citations.targets import study_targets
from bot.findings import Finding
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety

__all__ = ["IncompleteStudyReference"]


def study_completions(doc: Document, ctx: Context, records: dict):
    """(target, record) for study entries a record can complete; disagreements excluded."""
    for target in study_targets(doc, ctx.profile):
        record = records.get(target.key)
        if not (usable(record) and complete_enough(record)):
            continue
        year = str(target.item.year) if target.item.year else None
        if disagreements(record, target.link_title, year):
            continue  # CMP004
        yield target, record


class IncompleteStudyReference(CompletionRule):
    """"Notable studies" entry whose reference lacks the study's metadata.

    ## What it does
    In the profile's study sections (MEpedia's "Notable studies"), reports an entry whose
    ``<ref>`` is only a link (``<ref>[https://doi.org/10.1/x Title]</ref>``), or which has no
    reference at all while its link names a DOI, PubMed or PMC id, when ``wikiwarden cite``
    found the study's metadata.

    ## Why is this bad?
    MEpedia's format wants the full citation (authors, journal, date) in the reference list;
    a link alone says nothing when it dies.

    ## Example
    ```wikitext
    == Notable studies ==
    * 2015, [https://doi.org/10.1000/b12 B12 and fatigue]<ref>[https://doi.org/10.1000/b12]</ref>
    ```

    ## Use instead
    ```wikitext
    == Notable studies ==
    * 2015, [https://doi.org/10.1000/b12 B12 and fatigue]<ref>{{cite journal |last1=Smith
    |first1=Jane |title=B12 and fatigue |journal=Blood |date=2015 |doi=10.1000/b12}}</ref>
    ```

    ## Fix safety
    Safe: a link-only reference is replaced by the citation, or a reference is added after
    the entry; never when the entry's year or link title disagrees with the record (CMP004).

    ## Options
    ``study_sections`` and ``citation_names`` in the profile.
    """

    code = "CMP003"
    name = "incomplete-study-reference"
    fix_safety = FixSafety.SAFE

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        records = self.records(ctx)
        if not records:
            return
        for target, record in study_completions(doc, ctx, records):
            what = "reference is only a link" if target.ref else "entry has no reference"
            yield self.finding(
                doc, target.item.start,
                f"This study {what}: the full citation can come from "
                f"{describe_source(record)}.",
            )

    def fix(self, doc: Document, ctx: Context) -> list:
        records = self.records(ctx)
        if not records:
            return []
        style = name_style(ctx)
        edits = []
        for target, record in study_completions(doc, ctx, records):
            citation = new_citation(record, style)
            names = [name for name, _ in record_fields(record, style=style)]
            title = edit_title(names, f"a study's {{{{{TEMPLATES[record.kind]}}}}}")
            if target.ref is not None:
                edits.append(self.edit(target.start, target.end, citation, title,
                                       drops=doc.text[target.start : target.end],
                                       adds=citation))
            else:
                ref = f"<ref>{citation}</ref>"
                edits.append(self.edit(target.start, target.end, ref, title, adds=ref))
        return edits
