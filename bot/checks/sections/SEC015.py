"""SEC015 references-section-missing."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.parse.layout import place_sections
from bot.rules.base import Context, Rule

__all__ = ["ReferencesSectionMissing"]


class ReferencesSectionMissing(Rule):
    """Page cites sources but has no References section.

    ## What it does
    Reports a page with ``<ref>`` tags and no top-level section that the profile says
    holds references (MEpedia: "References" or an alias such as "Notes"; Wikipedia:
    "Notes" or "References" and their aliases).

    ## Why is this bad?
    The reference list then appears under whatever section happens to be last, or at the
    bottom of the page with no heading.

    ## Example
    ```wikitext
    B12 is a vitamin.<ref>Smith 2015</ref>
    == See also ==
    <references />
    ```

    ## Use instead
    ```wikitext
    B12 is a vitamin.<ref>Smith 2015</ref>
    == See also ==
    == References ==
    <references />
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "SEC015"
    name = "references-section-missing"
    family = "SEC"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        refs = [r for r in cite_analysis(doc, ctx.profile).refs if r.list_group is None]
        holders = [e.title for e in ctx.profile.appendix if e.holds_references]
        if not refs or not holders:
            return
        placed = place_sections(doc.sections, ctx.profile)
        if any(p.entry is not None and p.entry.holds_references for p in placed):
            return
        yield self.finding(
            doc,
            refs[0].span.start,
            f'The page cites sources but has no "{holders[-1]}" section: add '
            f'"== {holders[-1]} ==" with the reference list at the end of the article.',
        )
