"""REF001 ref-without-reflist."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.refs import find_ref_lists, find_refs
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
        refs = [r for r in find_refs(doc.spans) if not r.group and not r.list_defined]
        if not refs:
            return
        if any(not lst.group for lst in find_ref_lists(doc.spans, ctx.profile)):
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
