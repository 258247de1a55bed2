"""SEC016 content-after-appendix."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.layout import is_article, page_convention, page_placed_sections
from bot.rules.base import Context, Rule

__all__ = ["ContentAfterAppendix"]


class ContentAfterAppendix(Rule):
    """Content section placed among the appendix sections.

    ## What it does
    Reports a top-level section that is not one of the profile's appendix sections but
    comes after one of them (for example a "Treatment" section after "See also").  Titles
    made of appendix titles ("References and further reading") are appendix titles, and the
    profile's ``floating_sections`` (a list of works: "Works", "Discography") may stand on
    either side.  The sections are placed in the convention of the page's own language
    where the profile knows it (Wikipedia's ``appendix_languages``: French "Notes",
    "Bibliographie", "Voir aussi" are all appendix sections there), and a title known only
    in another language's convention is compared with nothing.  Where the profile knows a
    language's titles but not its layout (``ordered = false``), nothing is reported.
    Articles only: pages in the profile's ``content_namespaces`` (default: the main
    namespace), not talk archives, project pages or templates.

    ## Why is this bad?
    The appendix closes the article; content placed after it is easily overlooked and
    breaks the wiki's standard layout.

    ## Example
    ```wikitext
    == See also ==
    * [[Vitamin B6]]
    == Treatment ==
    Injections.
    ```

    ## Use instead
    ```wikitext
    == Treatment ==
    Injections.
    == See also ==
    * [[Vitamin B6]]
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "SEC016"
    name = "content-after-appendix"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not is_article(doc, ctx.profile):
            return
        convention = page_convention(doc, ctx.profile)
        if not convention.appendix_ordered:
            return  # titles known to tell the language, not the wiki's layout
        first_appendix = None
        for placed in page_placed_sections(doc, ctx.profile):
            if placed.rank is not None:
                first_appendix = first_appendix or placed
            elif first_appendix is not None and not placed.floating:
                yield self.finding(
                    doc,
                    placed.section.start,
                    f'Section "{placed.section.title}" comes after the appendix section '
                    f'"{first_appendix.section.title}": move it above the appendix '
                    f"({convention.name} order: {convention.appendix_order()}).",
                )
