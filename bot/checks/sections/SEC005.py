"""SEC005 unbalanced-heading."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["UnbalancedHeading"]


class UnbalancedHeading(Rule):
    """Heading has different numbers of "=" on each side.

    ## What it does
    Reports headings such as ``== Title ===`` or ``=== Title ==``.  MediaWiki takes the
    smaller count as the level and shows the extra ``=`` signs as part of the title.

    ## Why is this bad?
    Readers see a stray "=" in the heading, and the level may not be the one intended
    (CheckWiki #8).

    ## Example
    ```wikitext
    == Symptoms ===
    ```

    ## Use instead
    ```wikitext
    == Symptoms ==
    ```

    ## Fix safety
    No automatic fix yet: which side is right is the editor's call.
    """

    code = "SEC005"
    name = "unbalanced-heading"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING
    checkwiki = 8

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            raw = str(section.heading.title)
            if raw.startswith("=") or raw.endswith("="):
                left = section.level + len(raw) - len(raw.lstrip("="))
                right = section.level + len(raw) - len(raw.rstrip("="))
                yield self.finding(
                    doc,
                    section.start,
                    f'Heading "{section.title}" has {left} "=" on the left and {right} on the '
                    f"right: MediaWiki shows the extra \"=\" in the title.",
                )
