"""SEC007 html-heading."""

from __future__ import annotations

from collections.abc import Iterator

from mwparserfromhell.nodes import Tag

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.wikitext import tag_name
from bot.rules.base import Context, Rule

__all__ = ["HtmlHeading"]

#: the names of HTML heading tags (a set: asked of every tag of the page)
_HEADING_TAGS = frozenset(f"h{level}" for level in range(1, 7))


class HtmlHeading(Rule):
    """HTML heading tag instead of wiki heading markup.

    ## What it does
    Reports ``<h1>`` … ``<h6>`` tags in the wikitext.

    ## Why is this bad?
    An HTML heading gets no edit link and no section number, so editors cannot edit the
    section on its own (CheckWiki #49).

    ## Example
    ```wikitext
    <h2>Symptoms</h2>
    ```

    ## Use instead
    ```wikitext
    == Symptoms ==
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "SEC007"
    name = "html-heading"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING
    checkwiki = 49

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for span in doc.index.of(Tag):  # (the shared list: no copy)
            name = tag_name(span.node)
            if name in _HEADING_TAGS and not span.node.self_closing:
                level = int(name[1])
                title = span.node.contents.strip_code().strip()
                yield self.finding(
                    doc,
                    span.start,
                    f'"{title}" is an HTML <h{level}> heading: write it as '
                    f"{'=' * level} {title} {'=' * level} so it gets an edit link.",
                )
