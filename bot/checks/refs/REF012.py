"""REF012 space-before-ref."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.parse.prose import prose_before
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["SpaceBeforeRef"]


class SpaceBeforeRef(Rule):
    """Space before a reference.

    ## What it does
    Reports a reference preceded by a space or tab on the same line (after some text).
    Markup is not text: a reference that opens a table cell (``| <ref…``), a list item
    (``* <ref…``) or follows a cell separator (``!! <ref…``) is not reported.

    ## Why is this bad?
    The footnote mark is separated from the text it supports and may wrap onto the next
    line on its own.

    ## Example
    ```wikitext
    B12 is a vitamin. <ref>Smith 2015</ref>
    ```

    ## Use instead
    ```wikitext
    B12 is a vitamin.<ref>Smith 2015</ref>
    ```

    ## Fix safety
    Safe and cosmetic: the spaces are removed.  Never saved on its own.
    """

    code = "REF012"
    name = "space-before-ref"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "REF"
    severity = Severity.INFO
    fix_safety = FixSafety.SAFE
    cosmetic = True

    def _spaces(self, doc: Document, ctx: Context):
        """(start, end) of the spaces before each reference that has text before it."""
        text = doc.text
        for ref in cite_analysis(doc, ctx.profile).refs:
            if ref.list_group is not None or ref.in_template:
                continue
            start = ref.span.start
            line_start = text.rfind("\n", 0, start) + 1
            before = text[line_start:start]
            if before and before[-1] in " \t" and before.strip() and prose_before(doc, ref.span):
                yield start - (len(before) - len(before.rstrip(" \t"))), start

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for start, _ in self._spaces(doc, ctx):
            yield self.finding(
                doc, start,
                "Space before the reference: remove it so the footnote mark sits on the text "
                "it supports.",
            )

    def fix(self, doc: Document, ctx: Context) -> list:
        return [self.edit(start, end, "", "remove the space before the reference")
                for start, end in self._spaces(doc, ctx)]
