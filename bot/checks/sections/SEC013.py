"""SEC013 heading-template."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["HeadingTemplate"]


class HeadingTemplate(Rule):
    """Template inside a heading.

    ## What it does
    Reports template calls (``{{...}}``) in a heading's title.

    ## Why is this bad?
    What the template produces becomes part of the section's title and anchor, so section
    links break whenever the template changes, and the heading's text cannot be read in
    the wikitext (MOS:HEADINGS).

    ## Example
    ```wikitext
    == {{Lang|la|Cobalamin}} ==
    ```

    ## Use instead
    ```wikitext
    == Cobalamin ==
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "SEC013"
    name = "heading-template"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.INFO

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            if "{{" not in str(section.heading.title):
                continue  # no template: the title's nodes are not built
            templates = [
                t for t in section.heading.title.filter_templates(recursive=True)
                if not ctx.profile.is_anchor_template(str(t.name))
            ]  # an anchor keeps old links to the section working: WP:HEADINGS advises it
            if templates:
                name = str(templates[0].name).strip()
                yield self.finding(
                    doc,
                    section.start,
                    f'Heading "{section.title}" uses the template {{{{{name}}}}}: write the '
                    f"heading as plain text.",
                )
