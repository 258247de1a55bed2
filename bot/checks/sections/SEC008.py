"""SEC008 duplicate-heading."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["DuplicateHeading"]


class DuplicateHeading(Rule):
    """Two sections with the same heading under the same parent.

    ## What it does
    Reports a heading whose text repeats a sibling's (same parent section, case and
    spacing ignored).

    ## Why is this bad?
    Links to the section (``[[Page#Title]]``) reach only the first one, and readers cannot
    tell the two apart in the table of contents (CheckWiki #92).

    ## Example
    ```wikitext
    == Research ==
    == Research ==
    ```

    ## Use instead
    ```wikitext
    == Research ==
    == Clinical trials ==
    ```

    ## Fix safety
    No automatic fix: merging sections is an editor's decision.
    """

    code = "SEC008"
    name = "duplicate-heading"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING
    checkwiki = 92

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        seen: dict[tuple, str] = {}
        for section in doc.sections:
            if not section.key:
                continue
            key = (section.path[:-1], section.level, section.key)
            if key in seen:
                where = " › ".join(section.path[:-1]) or "the top level"
                yield self.finding(
                    doc,
                    section.start,
                    f'Heading "{section.title}" appears twice under {where}: give the '
                    f"sections different titles or merge them.",
                )
            else:
                seen[key] = section.title
