"""REF001 ref-without-reflist."""

from __future__ import annotations

from collections.abc import Iterator

from mwparserfromhell.nodes import Tag, Template

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.wikitext import attr_value, tag_name
from bot.rules.base import Context, Rule

__all__ = ["RefWithoutReflist"]


class RefWithoutReflist(Rule):
    """References without a reference list.

    ## What it does
    Reports a page that has ``<ref>`` tags (in the default group) but no reference list:
    no ``<references />`` tag and none of the wiki profile's list templates (``{{Reflist}}``
    and the like).

    ## Why is this bad?
    The citations have no proper place on the page: MediaWiki's Cite extension either flags
    the page as having reference errors or puts the list at the very bottom, outside any
    "References" section, where readers do not look for it.

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
        refs = []
        has_list = False
        for span in doc.spans:
            node = span.node
            if isinstance(node, Tag):
                name = tag_name(node)
                if name == "references" and not attr_value(node, "group"):
                    has_list = True
                elif name == "ref" and not attr_value(node, "group") and not any(
                    isinstance(a, Tag) and tag_name(a) == "references" for a in span.ancestors
                ):
                    refs.append(span)
            elif (
                isinstance(node, Template)
                and ctx.profile.is_reference_list_template(str(node.name))
                and not (node.has("group") and str(node.get("group").value).strip())
            ):
                has_list = True
        if refs and not has_list:
            count = len(refs)
            yield self.finding(
                doc,
                refs[0].start,
                f"The page has {count} reference{'s' if count != 1 else ''} (<ref> tags) but "
                f"no reference list: add a References section with <references />"
                f"{self._template_hint(ctx)}.",
            )

    @staticmethod
    def _template_hint(ctx: Context) -> str:
        names = ctx.profile.reference_list_templates
        return f" or {{{{{names[0]}}}}}" if names else ""
