"""REF011 ref-before-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["RefBeforePunctuation"]

PUNCTUATION = ".,;:!?"


class RefBeforePunctuation(Rule):
    """Reference placed before punctuation.

    ## What it does
    Reports a reference (or a run of references) directly followed by ``. , ; : ! ?``.
    References go after punctuation (WP:REFPUNCT, MEpedia style; CheckWiki #61), except
    before dashes and closing parentheses, which are not reported.

    ## Why is this bad?
    The footnote mark floats before the full stop, which looks like a typo and can attach
    the citation to the wrong clause.

    ## Example
    ```wikitext
    B12 is a vitamin<ref>Smith 2015</ref>.
    ```

    ## Use instead
    ```wikitext
    B12 is a vitamin.<ref>Smith 2015</ref>
    ```

    ## Fix safety
    No automatic fix yet (moving the punctuation is planned as a safe fix).
    """

    code = "REF011"
    name = "ref-before-punctuation"
    family = "REF"
    severity = Severity.WARNING
    checkwiki = 61

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        refs = cite_analysis(doc, ctx.profile).refs
        by_end = {ref.span.end: ref for ref in refs}
        starts = {ref.span.start for ref in refs}
        for ref in refs:
            if ref.list_group is not None or ref.in_template or ref.span.end in starts:
                continue  # in a list or template, or not the last of a run of references
            mark = text[ref.span.end : ref.span.end + 1]
            if mark and mark in PUNCTUATION:
                first = ref
                while first.span.start in by_end:
                    first = by_end[first.span.start]
                yield self.finding(
                    doc, first.span.start,
                    f'The reference comes before "{mark}": put the punctuation first, '
                    f"then the reference.",
                )
