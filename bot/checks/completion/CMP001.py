"""CMP001 bare-reference."""

from __future__ import annotations

from collections.abc import Iterator

from bot.checks.completion._base import CompletionRule, describe_source, name_style
from bot.citations.complete import (
    TEMPLATES,
    complete_enough,
    edit_title,
    new_citation,
    record_fields,
    usable,
)
from bot.citations.targets import bare_refs
from bot.findings import Finding
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety

__all__ = ["BareReference"]


class BareReference(CompletionRule):
    """Reference that is only a link or an identifier, when its metadata is known.

    ## What it does
    Reports a ``<ref>`` whose whole content is a bare URL, DOI, PubMed or PMC id or ISBN,
    when ``wikiwarden cite`` found the source's metadata (Crossref, DataCite, PubMed, Open
    Library, or the web page's own citation meta tags).

    ## Why is this bad?
    Readers see only a link: no authors, title, journal or date, and nothing is left when
    the link dies.

    ## Example
    ```wikitext
    B12 deficiency causes fatigue.<ref>https://doi.org/10.1000/b12</ref>
    ```

    ## Use instead
    ```wikitext
    B12 deficiency causes fatigue.<ref>{{cite journal |last1=Smith |first1=Jane
    |title=B12 and fatigue |journal=Blood |date=2015 |doi=10.1000/b12}}</ref>
    ```

    ## Fix safety
    Safe: the reference's content is replaced by a citation template built only from the
    looked-up record, with the identifier kept.  Retracted works, retraction and erratum
    notices (CMP005) and records without a title (or journal, for articles) are not used.

    ## Options
    ``citation_names`` in the profile: ``last-first`` (``last1``/``first1``) or
    ``vauthors``.
    """

    code = "CMP001"
    name = "bare-reference"
    fix_safety = FixSafety.SAFE

    def _completable(self, doc: Document, ctx: Context):
        records = self.records(ctx)
        if not records:
            return
        for bare in bare_refs(doc, ctx.profile):
            record = records.get(bare.key)
            if usable(record) and complete_enough(record):
                yield bare, record

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for bare, record in self._completable(doc, ctx):
            yield self.finding(
                doc, bare.ref.span.start,
                f"This reference is only a link ({bare.content.strip()[:60]}): it can be a "
                f"full {{{{{TEMPLATES[record.kind]}}}}} from {describe_source(record)}.",
            )

    def fix(self, doc: Document, ctx: Context) -> list:
        style = name_style(ctx)
        edits = []
        for bare, record in self._completable(doc, ctx):
            names = [name for name, _ in record_fields(record, style=style)]
            citation = new_citation(record, style)
            edits.append(self.edit(
                bare.start, bare.end, citation,
                edit_title(names, f"{{{{{TEMPLATES[record.kind]}}}}}"), drops=bare.content,
                adds=citation,
            ))
        return edits
