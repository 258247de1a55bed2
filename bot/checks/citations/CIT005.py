"""CIT005 access-date-without-url."""

from __future__ import annotations

from collections.abc import Iterator

from bot.citations import find_citations
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["AccessDateWithoutUrl"]


class AccessDateWithoutUrl(Rule):
    """``access-date`` given without ``url``.

    ## What it does
    Reports a citation with an access date but no URL (``url``, ``chapter-url`` or
    ``archive-url``).

    ## Why is this bad?
    The access date says when an online source was read; without a URL it is meaningless and
    CS1 shows an error.

    ## Example
    ```wikitext
    {{cite book |title=Vitamins |access-date=2024-05-01}}
    ```

    ## Use instead
    ```wikitext
    {{cite book |title=Vitamins |url=https://example.org/vitamins |access-date=2024-05-01}}
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "CIT005"
    name = "access-date-without-url"
    family = "CIT"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for citation in find_citations(doc):
            if citation.value("access-date", "accessdate") and not citation.value(
                "url", "chapter-url", "chapterurl", "archive-url", "archiveurl", "map-url",
                "conference-url", "transcript-url",
            ):
                yield self.finding(
                    doc, citation.span.start,
                    f"{{{{{citation.name}}}}} has access-date= but no url= : add the URL "
                    f"that was accessed, or remove the access date.",
                )
