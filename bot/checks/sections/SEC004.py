"""SEC004 level-one-heading."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["LevelOneHeading"]


class LevelOneHeading(Rule):
    """Level-1 heading in an article.

    ## What it does
    Reports headings written with a single ``=`` on each side.

    ## Why is this bad?
    Level 1 is the page title; a level-1 section heading looks like a second title and
    breaks the outline (CheckWiki #19).

    ## Example
    ```wikitext
    = History =
    ```

    ## Use instead
    ```wikitext
    == History ==
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "SEC004"
    name = "level-one-heading"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING
    checkwiki = 19

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            if section.level == 1:
                yield self.finding(
                    doc,
                    section.start,
                    f'Heading "{section.title}" is level 1 (= Title =), the level of the page '
                    f"title: use level 2 (== Title ==).",
                )
