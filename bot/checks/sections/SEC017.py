"""SEC017 appendix-title-alias."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.layout import is_article, page_placed_sections
from bot.rules.base import Context, Rule

__all__ = ["AppendixTitleAlias"]


class AppendixTitleAlias(Rule):
    """Appendix section under a non-standard title.

    ## What it does
    On wikis whose profile sets ``prefer_standard_titles`` (MEpedia), reports appendix
    sections titled with an alias, such as "Sources" or "Notes" for "References".
    Articles only: pages in the profile's ``content_namespaces`` (default: the main
    namespace), not talk archives, project pages or templates.

    ## Why is this bad?
    Consistent titles let readers and tools find the same section on every page.

    ## Example
    ```wikitext
    == Sources ==
    <references />
    ```

    ## Use instead
    ```wikitext
    == References ==
    <references />
    ```

    ## Fix safety
    No automatic fix yet.

    ## Options
    ``prefer_standard_titles`` and the ``aliases`` of each ``[[appendix]]`` entry in the
    profile.
    """

    code = "SEC017"
    name = "appendix-title-alias"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.INFO

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not is_article(doc, ctx.profile):
            return
        if not ctx.profile.prefer_standard_titles:
            return
        for placed in page_placed_sections(doc, ctx.profile):
            if placed.alias:
                yield self.finding(
                    doc,
                    placed.section.start,
                    f'Use the standard title "{placed.entry.title}" instead of '
                    f'"{placed.section.title}".',
                )
