"""SEC003 first-heading-too-deep."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["FirstHeadingTooDeep"]


class FirstHeadingTooDeep(Rule):
    """First heading is deeper than level 2.

    ## What it does
    Reports a page whose first heading is level 3 or deeper (``===``), whether or not
    level-2 headings follow later (CheckWiki #7 and #83).

    ## Why is this bad?
    Article sections start at level 2; a page that starts at level 3 has a broken outline
    and a table of contents that begins indented.

    ## Example
    ```wikitext
    Lead.
    === Symptoms ===
    ```

    ## Use instead
    ```wikitext
    Lead.
    == Symptoms ==
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "SEC003"
    name = "first-heading-too-deep"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING
    checkwiki = 7

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if doc.sections and doc.sections[0].level > 2:
            first = doc.sections[0]
            yield self.finding(
                doc,
                first.start,
                f'The first heading "{first.title}" is level {first.level}: sections start '
                f"at level 2 (== Title ==).",
            )
