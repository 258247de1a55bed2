"""SEC011 heading-link."""

from __future__ import annotations

from collections.abc import Iterator

from mwparserfromhell.nodes import ExternalLink, Tag, Wikilink

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.sections import EXTENSION_TAGS
from bot.parse.wikitext import tag_name
from bot.rules.base import Context, Rule

__all__ = ["HeadingLink"]


class HeadingLink(Rule):
    """Link in a heading.

    ## What it does
    Reports wiki links (``[[...]]``) and external links in a heading's title (not those
    inside a ``<ref>`` in the heading: they are the footnote's).

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
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            title = section.heading.title
            text = str(title)
            if "[" not in text and ":" not in text:
                continue  # no link without "[" or a scheme's ":": the title's nodes unbuilt
            links = [
                link for link in title.filter(recursive=True, forcetype=(Wikilink, ExternalLink))
                if not any(isinstance(a, Tag) and tag_name(a) in EXTENSION_TAGS
                           for a in title.get_ancestors(link))
            ]  # a link inside a <ref> in the heading is the footnote's, not the heading's
            if links:
                yield self.finding(
                    doc,
                    section.start,
                    f'Heading "{section.plain_title}" contains a link ({links[0]}): move the '
                    f"link into the section text.",
                )
