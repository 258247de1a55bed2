"""SEC014 appendix-order."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.layout import is_article, page_convention, page_placed_sections, trailer_start
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["AppendixOrder"]


class AppendixOrder(Rule):
    """Appendix sections out of the profile's order.

    ## What it does
    Reports an end-of-article section ("See also", "References" ...) that comes after one
    the wiki's profile puts later.  MEpedia: Notable studies, Learn more, See also,
    References.  Wikipedia (WP:LAYOUT): See also, Notes, References, Further reading,
    External links.  Aliases such as "Sources" count as the section they stand for.  A page
    whose titles follow another language's convention that the profile knows is compared
    with that language's order (French Wikipedia: Notes et références, then Annexes), or not
    at all where no order is known for it (``ordered = false``).
    Articles only: pages in the profile's ``content_namespaces`` (default: the main
    namespace), not talk archives, project pages or templates.

    ## Why is this bad?
    Readers find appendix sections by position; every article of the wiki should end the
    same way.

    ## Example
    ```wikitext
    == References ==
    <references />
    == See also ==
    * [[Vitamin B6]]
    ```

    ## Use instead
    ```wikitext
    == See also ==
    * [[Vitamin B6]]
    == References ==
    <references />
    ```

    ## Fix safety
    Safe when the appendix sections form one run at the end of the article (no content
    section among them): the sections, with their subsections, are put in the profile's
    order; blank lines between sections stay where they were, and categories stay last.

    ## Options
    The order comes from the profile's ``[[appendix]]`` entries.
    """

    code = "SEC014"
    name = "appendix-order"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING
    fix_safety = FixSafety.SAFE

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not is_article(doc, ctx.profile):
            return
        convention = page_convention(doc, ctx.profile)
        latest = None
        for placed in page_placed_sections(doc, ctx.profile):
            if placed.rank is None:
                continue
            if latest is not None and placed.rank < latest.rank:
                yield self.finding(
                    doc,
                    placed.section.start,
                    f'"{placed.section.title}" should come before "{latest.section.title}" '
                    f"({convention.name} order: {convention.appendix_order()}).",
                )
            elif latest is None or placed.rank > latest.rank:
                latest = placed

    def fix(self, doc: Document, ctx: Context) -> list:
        if not is_article(doc, ctx.profile):
            return []
        placed = page_placed_sections(doc, ctx.profile)
        first = next((i for i, p in enumerate(placed) if p.rank is not None), None)
        if first is None or any(p.rank is None for p in placed[first:]):
            return []  # no appendix, or content among it (SEC016): not mechanical
        run = placed[first:]
        if [p.rank for p in run] == sorted(p.rank for p in run):
            return []
        end = max(trailer_start(doc, ctx.profile.category_prefixes), run[-1].section.heading_end)
        bounds = [p.section.start for p in run] + [end]
        blocks = [doc.text[a:b] for a, b in itertools.pairwise(bounds)]
        cores = [block.rstrip("\n") for block in blocks]
        separators = [block[len(core):] for block, core in zip(blocks, cores, strict=True)]
        order = sorted(range(len(run)), key=lambda i: (run[i].rank, i))
        text = "".join(cores[i] + separators[n] for n, i in enumerate(order))
        return [self.edit(bounds[0], end, text,
                          f"put the appendix sections in "
                          f"{page_convention(doc, ctx.profile).name} order")]
