"""SEC012 heading-reference."""

from __future__ import annotations

from collections.abc import Iterator

from mwparserfromhell.nodes import Tag

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.wikitext import tag_name
from bot.rules.base import Context, Rule

__all__ = ["HeadingReference"]


class HeadingReference(Rule):
    """Reference inside a heading.

    ## What it does
    Reports ``<ref>`` tags inside a heading's title.

    ## Why is this bad?
    The footnote mark ends up in the table of contents and in section links, and the
    reference supports nothing a reader can see (MOS:HEADINGS).  Cite the sources in the
    section's text instead.

    ## Example
    ```wikitext
    == Prevalence<ref>Smith 2015</ref> ==
    ```

    ## Use instead
    ```wikitext
    == Prevalence ==
    About 1% of people are affected.<ref>Smith 2015</ref>
    ```

    ## Fix safety
    No automatic fix: where the reference belongs is an editor's decision.
    """

    code = "SEC012"
    name = "heading-reference"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            if "<" not in str(section.heading.title):
                continue  # no tag: the title's nodes are not built
            refs = [
                node
                for node in section.heading.title.filter(recursive=True, forcetype=Tag)
                if tag_name(node) == "ref"
            ]
            if refs:
                yield self.finding(
                    doc,
                    section.start,
                    f'Heading "{section.plain_title}" contains a reference: move it into the '
                    f"section's text, after the statement it supports.",
                )
