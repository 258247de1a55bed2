"""SEC014 appendix-order."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.layout import place_sections
from bot.rules.base import Context, Rule

__all__ = ["AppendixOrder"]


class AppendixOrder(Rule):
    """Appendix sections out of the profile's order.

    ## What it does
    Reports an end-of-article section ("See also", "References" ...) that comes after one
    the wiki's profile puts later.  MEpedia: Notable studies, Learn more, See also,
    References.  Wikipedia (WP:LAYOUT): See also, Notes, References, Further reading,
    External links.  Aliases such as "Sources" count as the section they stand for.

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
    No automatic fix yet (reordering is planned as a safe fix).

    ## Options
    The order comes from the profile's ``[[appendix]]`` entries.
    """

    code = "SEC014"
    name = "appendix-order"
    family = "SEC"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        latest = None
        for placed in place_sections(doc.sections, ctx.profile):
            if placed.rank is None:
                continue
            if latest is not None and placed.rank < latest.rank:
                yield self.finding(
                    doc,
                    placed.section.start,
                    f'"{placed.section.title}" should come before "{latest.section.title}" '
                    f"({ctx.profile.name} order: {ctx.profile.appendix_order()}).",
                )
            elif latest is None or placed.rank > latest.rank:
                latest = placed
