"""CMP006 identifier-not-found."""

from __future__ import annotations

from collections.abc import Iterator

from bot.checks.completion._base import CompletionRule, describe_source
from bot.checks.completion.CMP005 import cited_keys
from bot.findings import Finding
from bot.parse.document import Document
from bot.rules.base import Context

__all__ = ["IdentifierNotFound"]


class IdentifierNotFound(CompletionRule):
    """Cited identifier that its registry does not know.

    ## What it does
    Reports a DOI, PMID, PMC id, ISBN or URL that the service asked answered "not found"
    (Crossref and then DataCite for a DOI, PubMed, Open Library, the web server's 404).
    A lookup that failed (network, malformed reply) is not reported here.

    ## Why is this bad?
    The identifier is probably mistyped, or the page is gone: readers cannot follow it.

    ## Example
    ```wikitext
    <ref>{{cite journal |title=B12 and fatigue |doi=10.1000/b21}}</ref>
    ```

    ## Use instead
    ```wikitext
    <ref>{{cite journal |title=B12 and fatigue |doi=10.1000/b12}}</ref>
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "CMP006"
    name = "identifier-not-found"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        records = self.records(ctx)
        if not records:
            return
        for offset, key in cited_keys(doc, ctx):
            record = records.get(key)
            if record is not None and record.status == "not-found":
                yield self.finding(
                    doc, offset,
                    f"{key.split(':', 1)[1]} was not found ({describe_source(record)} "
                    f"has no such record): check it for a typo.",
                )
