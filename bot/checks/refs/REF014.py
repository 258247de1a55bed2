"""REF014 bare-url-ref."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mwparserfromhell.nodes import Comment, ExternalLink, Text

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["BareUrlRef"]

#: what the content of a bare-link reference starts with: comments and the spaces and marks
#: that are let pass around the link, then the link's "[" or its scheme ("https:"); most
#: references start with a citation template or words, and their nodes are not looked at
_MAY_BE_LINK = re.compile(r"(?:[\s.,;]|<!--.*?(?:-->|\Z))*(?:\[|[A-Za-z][\w+.\-]*:)", re.S)


class BareUrlRef(Rule):
    """Reference that is only a bare URL.

    ## What it does
    Reports a reference whose whole content is a link without a title, such as
    ``<ref>https://example.org/paper</ref>`` or ``<ref>[https://example.org/paper]</ref>``.

    ## Why is this bad?
    Readers see a raw address; when the link dies nothing is left to find the source by
    (link rot).  Give at least the title, author, publisher and date.

    ## Example
    ```wikitext
    B12 helps.<ref>https://doi.org/10.1371/journal.pone.0124648</ref>
    ```

    ## Use instead
    ```wikitext
    B12 helps.<ref>{{cite journal |title=Response to vitamin B12 |journal=PLOS ONE
    |date=2015 |doi=10.1371/journal.pone.0124648}}</ref>
    ```

    ## Fix safety
    No automatic fix (filling in citations needs the source's metadata).
    """

    code = "REF014"
    name = "bare-url-ref"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "REF"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for ref in cite_analysis(doc, ctx.profile).refs:
            if not ref.defines or not _MAY_BE_LINK.match(ref.text):
                continue
            nodes = [
                node for node in ref.tag.contents.nodes
                if not isinstance(node, Comment)
                and not (isinstance(node, Text) and not node.value.strip(" \t\n.,;"))
            ]
            if (
                len(nodes) == 1
                and isinstance(nodes[0], ExternalLink)
                and not (nodes[0].title and str(nodes[0].title).strip())
            ):
                yield self.finding(
                    doc, ref.span.start,
                    f"The reference is only a bare link ({str(nodes[0].url).strip()[:60]}): "
                    f"add the title, author, publisher and date, e.g. with {{{{cite web}}}}.",
                )
