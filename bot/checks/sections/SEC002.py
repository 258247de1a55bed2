"""SEC002 heading-level-skip."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["HeadingLevelSkip"]


class HeadingLevelSkip(Rule):
    """Heading skips a level.

    ## What it does
    Reports a heading more than one level deeper than the heading before it, such as a
    level-4 heading (``====``) right after a level-2 one (``==``).

    ## Why is this bad?
    The table of contents and screen readers present the page as an outline; a skipped
    level leaves a hole in it (WP:MOSHEAD, CheckWiki #25).

    ## Example
    ```wikitext
    == Treatment ==
    ==== Vitamin B12 ====
    ```

    ## Use instead
    ```wikitext
    == Treatment ==
    === Vitamin B12 ===
    ```

    ## Fix safety
    Safe: the heading gets the level one deeper than the heading before it (its own
    subsections follow in the next pass).  Unbalanced headings (SEC005) are left alone.
    """

    code = "SEC002"
    name = "heading-level-skip"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING
    checkwiki = 25
    fix_safety = FixSafety.SAFE

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        sections = doc.sections
        for previous, section in itertools.pairwise(sections):
            if section.level > previous.level + 1:
                wanted = previous.level + 1
                yield self.finding(
                    doc,
                    section.start,
                    f'Heading "{section.title}" is level {section.level} right after the '
                    f'level-{previous.level} heading "{previous.title}": use level {wanted} '
                    f"({'=' * wanted}).",
                )

    def fix(self, doc: Document, ctx: Context) -> list:
        edits = []
        for previous, section in itertools.pairwise(doc.sections):
            raw = str(section.heading.title)
            if section.level <= previous.level + 1 or raw.startswith("=") or raw.endswith("="):
                continue
            marks = "=" * (previous.level + 1)
            edits.append(self.edit(section.start, section.heading_end, marks + raw + marks,
                                   f"make the heading level {previous.level + 1}"))
        return edits
