"""REF001 ref-without-reflist."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["RefWithoutReflist"]


class RefWithoutReflist(Rule):
    """References without a reference list.

    ## What it does
    Reports a page that has ``<ref>`` tags (in the default group) but no reference list:
    no ``<references />`` tag and none of the wiki profile's list templates (``{{Reflist}}``
    and the like).

    ## Why is this bad?
    The citations have no proper place on the page: MediaWiki's Cite extension puts the list
    at the very bottom, outside any "References" section, where readers do not look for it
    (for a named group it shows an error instead).

    ## Example
    ```wikitext
    B12 is a vitamin.<ref>Smith 2015</ref>

    == See also ==
    ```

    ## Use instead
    ```wikitext
    B12 is a vitamin.<ref>Smith 2015</ref>

    == See also ==

    == References ==
    <references />
    ```

    ## Fix safety
    No automatic fix yet (adding the References section is planned as a safe fix).
    """

    code = "REF001"
    name = "ref-without-reflist"
    family = "REF"
    severity = Severity.ERROR
    checkwiki = 3

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        analysis = cite_analysis(doc, ctx.profile)
        refs = [r for r in analysis.refs if not r.group and r.list_group is None]
        if not refs or any(not lst.group for lst in analysis.lists):
            return
        count = len(refs)
        names = ctx.profile.reference_list_templates
        hint = f" or {{{{{names[0]}}}}}" if names else ""
        yield self.finding(
            doc,
            refs[0].span.start,
            f"The page has {count} reference{'s' if count != 1 else ''} (<ref> tags) but no "
            f"reference list: add a References section with <references />{hint}.",
        )
