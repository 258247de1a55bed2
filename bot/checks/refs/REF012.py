"""REF012 space-before-ref."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["SpaceBeforeRef"]


class SpaceBeforeRef(Rule):
    """Space before a reference.

    ## What it does
    Reports a reference preceded by a space or tab on the same line (after some text).

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
    No automatic fix yet (removing the space is planned as a safe fix).
    """

    code = "REF012"
    name = "space-before-ref"
    family = "REF"
    severity = Severity.INFO

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        for ref in cite_analysis(doc, ctx.profile).refs:
            if ref.list_group is not None or ref.in_template:
                continue
            start = ref.span.start
            line_start = text.rfind("\n", 0, start) + 1
            before = text[line_start:start]
            if before and before[-1] in " \t" and before.strip():
                yield self.finding(
                    doc, start - (len(before) - len(before.rstrip(" \t"))),
                    "Space before the reference: remove it so the footnote mark sits on "
                    "the text it supports.",
                )
