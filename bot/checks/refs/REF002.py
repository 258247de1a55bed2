"""REF002 duplicate-reflist."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["DuplicateReflist"]


class DuplicateReflist(Rule):
    """More than one reference list for the same group.

    ## What it does
    Reports a second ``<references />`` (or list template) for a group that already has
    one on the page (CheckWiki #78).

    ## Why is this bad?
    Each list shows only the references since the previous one, so citations end up split
    across several lists, often by accident after a copy-and-paste.

    ## Example
    ```wikitext
    == References ==
    <references />
    {{Reflist}}
    ```

    ## Use instead
    ```wikitext
    == References ==
    <references />
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "REF002"
    name = "duplicate-reflist"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "REF"
    severity = Severity.WARNING
    checkwiki = 78

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        seen: set[str] = set()
        for lst in cite_analysis(doc, ctx.profile).lists:
            if lst.group in seen:
                group = f' for group "{lst.group}"' if lst.group else ""
                yield self.finding(
                    doc, lst.span.start,
                    f"A second reference list{group}: keep one list per group, at the end "
                    f"of the article.",
                )
            seen.add(lst.group)
