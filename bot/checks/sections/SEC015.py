"""SEC015 references-section-missing."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.parse.layout import is_article, match_any_appendix, page_convention
from bot.parse.reflists import list_sections
from bot.rules.base import Context, Rule

__all__ = ["ReferencesSectionMissing"]


class ReferencesSectionMissing(Rule):
    """Page cites sources but has no References section.

    ## What it does
    Reports a page with ``<ref>`` tags and no section that the profile says holds
    references (MEpedia: "References" or an alias such as "Notes"; Wikipedia: "Notes" or
    "References" and their aliases, also combined as in "References and further reading").
    A section of any level counts (Wiktionary puts "References" under each language), and
    so does a section whose text holds the reference list, whatever its title (a wiki in
    another language, a list template the profile does not know: see
    :mod:`bot.parse.reflists`), unless it is another appendix section ("See also").
    Articles only: pages in the profile's ``content_namespaces`` (default: the main
    namespace), not talk archives, project pages or templates.

    ## Why is this bad?
    The reference list then appears under whatever section happens to be last, or at the
    bottom of the page with no heading.

    ## Example
    ```wikitext
    B12 is a vitamin.<ref>Smith 2015</ref>
    == See also ==
    <references />
    ```

    ## Use instead
    ```wikitext
    B12 is a vitamin.<ref>Smith 2015</ref>
    == See also ==
    == References ==
    <references />
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "SEC015"
    name = "references-section-missing"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not is_article(doc, ctx.profile):
            return
        refs = [r for r in cite_analysis(doc, ctx.profile).refs if r.list_group is None]
        convention = page_convention(doc, ctx.profile)
        holders = [e.title for e in convention.appendix if e.holds_references]
        if not refs or not holders:
            return
        for section in reversed(doc.sections):  # (the references section is near the end)
            placed = match_any_appendix(section.key, ctx.profile)
            if placed is not None and placed[1].holds_references:
                return
        for section in list_sections(doc, ctx.profile):
            if match_any_appendix(section.key, ctx.profile) is None:
                return  # a section of its own shows the list: the references section
        yield self.finding(
            doc,
            refs[0].span.start,
            f'The page cites sources but has no "{holders[-1]}" section: add '
            f'"== {holders[-1]} ==" with the reference list at the end of the article.',
        )
