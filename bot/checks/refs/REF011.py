"""REF011 ref-before-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.parse.prose import text_starts
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["RefBeforePunctuation"]

PUNCTUATION = ".,;:!?"
#: marks that are wiki markup when they follow a reference even if the parser left them as
#: text (an unparsed table): table cell separators
MARKUP = ("!!", "||")


class RefBeforePunctuation(Rule):
    """Reference placed before punctuation.

    ## What it does
    Reports a reference (or a run of references) directly followed by ``. , ; : ! ?``.
    References go after punctuation (WP:REFPUNCT, MEpedia style; CheckWiki #61), except
    before dashes and closing parentheses, which are not reported.  Only sentence
    punctuation counts: a mark that is wiki markup (the ``!!`` / ``||`` between table
    cells, the ``:`` after a ``;term`` of a description list) is not punctuation.

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
    Safe: the punctuation mark moves in front of the run of references.  Skipped when the
    text already ends with punctuation or another mark follows (an ellipsis, ".,").
    """

    code = "REF011"
    name = "ref-before-punctuation"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "REF"
    severity = Severity.WARNING
    checkwiki = 61
    fix_safety = FixSafety.SAFE

    def _runs(self, doc: Document, ctx: Context):
        """(first ref start, last ref end, mark) for each run of refs before punctuation."""
        text = doc.text
        refs = cite_analysis(doc, ctx.profile).refs
        by_end = {ref.span.end: ref for ref in refs}
        starts = {ref.span.start for ref in refs}
        prose = text_starts(doc)
        for ref in refs:
            if ref.list_group is not None or ref.in_template or ref.span.end in starts:
                continue  # in a list or template, or not the last of a run of references
            mark = text[ref.span.end : ref.span.end + 1]
            if (
                mark
                and mark in PUNCTUATION
                and ref.span.end in prose  # plain text follows, not markup (a table cell)
                and not text.startswith(MARKUP, ref.span.end)
            ):
                first = ref
                while first.span.start in by_end:
                    first = by_end[first.span.start]
                yield first.span.start, ref.span.end, mark

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for start, _, mark in self._runs(doc, ctx):
            yield self.finding(
                doc, start,
                f'The reference comes before "{mark}": put the punctuation first, then the '
                f"reference.",
            )

    def fix(self, doc: Document, ctx: Context) -> list:
        text = doc.text
        edits = []
        for start, end, mark in self._runs(doc, ctx):
            before, after = text[start - 1 : start], text[end + 1 : end + 2]
            if (before and before in PUNCTUATION) or (after and after in PUNCTUATION):
                continue  # "x.<ref/>." or an ellipsis: not a mechanical case
            edits.append(self.edit(start, end + 1, mark + text[start:end],
                                   f'move "{mark}" before the reference'))
        return edits
