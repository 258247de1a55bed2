"""REF003 ref-after-reflist."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["RefAfterReflist"]


class RefAfterReflist(Rule):
    """Reference placed after the last reference list.

    ## What it does
    Reports a ``<ref>`` of the default group that comes after the page's last default
    reference list.  (For a named group, REF009 reports the resulting Cite error.)

    ## Why is this bad?
    The list cannot show it; Cite adds a second, unheaded list at the very bottom of the
    page just for these references.

    ## Example
    ```wikitext
    == References ==
    <references />
    == External links ==
    * A site.<ref>Smith 2015</ref>
    ```

    ## Use instead
    ```wikitext
    == External links ==
    * A site.<ref>Smith 2015</ref>
    == References ==
    <references />
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "REF003"
    name = "ref-after-reflist"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "REF"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        analysis = cite_analysis(doc, ctx.profile)
        ends = [lst.span.end for lst in analysis.lists if not lst.group]
        if not ends:
            return
        last = max(ends)
        for ref in analysis.refs:
            if ref.list_group is None and not ref.group and ref.span.start >= last:
                yield self.finding(
                    doc, ref.span.start,
                    "This reference comes after the last reference list, so the list cannot "
                    "show it: move the list below it (to the end of the article).",
                )
