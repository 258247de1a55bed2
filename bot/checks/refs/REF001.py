"""REF001 ref-without-reflist."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.parse.layout import is_article, page_convention, page_placed_sections, trailer_start
from bot.parse.reflists import likely_list_templates, possible_list_templates
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["RefWithoutReflist"]


class RefWithoutReflist(Rule):
    """References without a reference list.

    ## What it does
    Reports a page that has ``<ref>`` tags (in the default group) but no reference list:
    no ``<references />`` tag and none of the wiki profile's list templates (``{{Reflist}}``
    and the like).  A template the profile does not know that stands alone on its line
    after the references, named as its section (``== Nūruodis i olūti ==`` /
    ``{{Nūruodis}}``) or first under a heading of nothing but templates, is taken for the
    wiki's own list template, and the page is not reported (see :mod:`bot.parse.reflists`).
    When such a template only may be the list (it stands in a section that holds
    references, "References" or "Notes", but is not named like it), the finding is a
    warning that names it, and there is no fix: check the rendered page.
    Articles only: pages in the profile's ``content_namespaces`` (default: the main
    namespace), not talk archives, project pages or templates.

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
    Safe: the profile's list (``reference_list``, e.g. ``<references />``) is added under
    the existing References section, or a new References section is added where the
    profile's layout puts it: before the appendix sections that follow it, else at the end
    of the article, above the categories.
    """

    code = "REF001"
    name = "ref-without-reflist"
    family = "REF"
    severity = Severity.ERROR
    checkwiki = 3
    fix_safety = FixSafety.SAFE

    @staticmethod
    def _refs_without_list(doc: Document, ctx: Context):
        analysis = cite_analysis(doc, ctx.profile)
        refs = [r for r in analysis.refs if not r.group and r.list_group is None]
        if not refs or any(not lst.group for lst in analysis.lists):
            return []
        if likely_list_templates(doc, ctx.profile):
            return []  # a template the profile does not know probably outputs the list
        return refs

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not is_article(doc, ctx.profile):
            return
        refs = self._refs_without_list(doc, ctx)
        if not refs:
            return
        count = len(refs)
        names = ctx.profile.reference_list_templates
        hint = f" or {{{{{names[0]}}}}}" if names else ""
        message = (f"The page has {count} reference{'s' if count != 1 else ''} (<ref> tags) "
                   f"but no reference list: add a References section with "
                   f"<references />{hint}.")
        possible = possible_list_templates(doc, ctx.profile)
        if possible:
            shown = ", ".join(f"{{{{{str(span.node.name).strip()}}}}}" for span in possible)
            finding = self.finding(
                doc, refs[0].span.start,
                f"{message} Unless {shown} outputs the list: check the rendered page.",
                severity=Severity.WARNING)
            yield replace(finding, fixable=False)  # when unsure, no edit (see fix())
            return
        yield self.finding(doc, refs[0].span.start, message)

    def fix(self, doc: Document, ctx: Context) -> list:
        if not is_article(doc, ctx.profile):
            return []
        if not self._refs_without_list(doc, ctx):
            return []
        if possible_list_templates(doc, ctx.profile):
            return []  # a template may output the list: when unsure, no edit
        profile = page_convention(doc, ctx.profile)  # the page's language convention
        entry = profile.references_entry()
        listing = profile.reference_list
        placed = page_placed_sections(doc, ctx.profile)
        holder = next((p for p in placed if p.entry is not None and p.entry.holds_references),
                      None)
        if holder is not None:
            at = holder.section.heading_end
            return [self.edit(at, at, "\n" + listing, "add the reference list")]
        title = entry.title if entry else "References"
        later = [p for p in placed if p.rank is not None and entry is not None
                 and p.rank > profile.appendix.index(entry)]
        if later:
            at = later[0].section.start
            block = f"== {title} ==\n{listing}\n\n"
        else:
            at = trailer_start(doc, profile.category_prefixes)
            block = f"\n\n== {title} ==\n{listing}" if at else f"== {title} ==\n{listing}"
            if at == len(doc.text) and doc.text.endswith("\n"):
                at -= 1
        return [self.edit(at, at, block, f'add a "{title}" section with the reference list')]
