"""SEC011 heading-link."""

from __future__ import annotations

from collections.abc import Iterator

from mwparserfromhell.nodes import ExternalLink, Wikilink

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["HeadingLink"]


class HeadingLink(Rule):
    """Link in a heading.

    ## What it does
    Reports wiki links (``[[...]]``) and external links in a heading's title.

    ## Why is this bad?
    Links in headings are easy to miss, break the section link (``[[Page#Title]]``) for
    anyone who copies the heading, and are discouraged by MOS:HEADINGS; link the term in
    the section's first sentence, or add a ``{{Main}}`` line, instead.

    ## Example
    ```wikitext
    == [[Vitamin B12]] deficiency ==
    ```

    ## Use instead
    ```wikitext
    == Vitamin B12 deficiency ==
    {{Main|Vitamin B12}}
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "SEC011"
    name = "heading-link"
    family = "SEC"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            links = section.heading.title.filter(
                recursive=True, forcetype=(Wikilink, ExternalLink)
            )
            if links:
                yield self.finding(
                    doc,
                    section.start,
                    f'Heading "{section.plain_title}" contains a link ({links[0]}): move the '
                    f"link into the section text.",
                )
