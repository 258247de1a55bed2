"""CIT001 citation-missing-required."""

from __future__ import annotations

from collections.abc import Iterator

from bot.citations import find_citations
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["CitationMissingRequired"]


class CitationMissingRequired(Rule):
    """Citation template without a required parameter.

    ## What it does
    Reports a citation template that lacks a parameter it needs: ``title`` for all of them,
    ``url`` for ``{{cite web}}``, ``journal`` for ``{{cite journal}}``.  Accepted stand-ins
    count (``script-title``, ``trans-title``; ``work`` for ``journal``; ``archive-url`` for
    ``url``).  An empty value is reported by CIT004 instead.

    ## Why is this bad?
    The citation renders with a red error, or without what a reader needs to find the source.

    ## Example
    ```wikitext
    <ref>{{cite web |url=https://example.org/b12 |access-date=2024-05-01}}</ref>
    ```

    ## Use instead
    ```wikitext
    <ref>{{cite web |url=https://example.org/b12 |title=Vitamin B12 |access-date=2024-05-01}}</ref>
    ```

    ## Fix safety
    No automatic fix: the missing value has to come from the source.
    """

    code = "CIT001"
    name = "citation-missing-required"
    family = "CIT"
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for citation in find_citations(doc):
            for required, present in citation.required():
                if not present:
                    yield self.finding(
                        doc, citation.span.start,
                        f"{{{{{citation.name}}}}} has no {required}= : add the source's "
                        f"{required}.",
                    )
