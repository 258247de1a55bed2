"""CIT005 access-date-without-url."""

from __future__ import annotations

from collections.abc import Iterator

from bot.citations import cs1_for, find_citations
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["AccessDateWithoutUrl"]


class AccessDateWithoutUrl(Rule):
    """``access-date`` given without ``url``.

    ## What it does
    Reports a citation with an access date but no URL, as CS1 does: ``url`` or
    ``chapter-url`` (and their aliases) count, an ``archive-url`` alone does not; a
    ``{{cite journal}}`` whose title CS1 links to a free PMC or DOI must not have one either.
    A URL made by a template (``url={{NRHP url|...}}``) counts.

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
        for citation in find_citations(doc, cs1_for(ctx)):
            if citation.access_date_without_url():
                yield self.finding(
                    doc, citation.span.start,
                    f"{{{{{citation.name}}}}} has access-date= but no url= : add the URL "
                    f"that was accessed, or remove the access date.",
                )
