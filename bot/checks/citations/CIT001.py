"""CIT001 citation-missing-required."""

from __future__ import annotations

from collections.abc import Iterator

from bot.citations import cs1_for, find_citations
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["CitationMissingRequired"]


class CitationMissingRequired(Rule):
    """Citation template without a required parameter.

    ## What it does
    Reports a citation template that lacks a parameter CS1 requires, by CS1's own rules:
    ``title`` (or ``trans-title``/``script-title``) for all of them but ``{{cite episode}}``,
    which needs ``series``; ``url`` for ``{{cite web}}``, ``{{cite podcast}}`` and
    ``{{cite mailing list}}``; the periodical (``journal``, ``work`` ...) for ``{{cite
    journal}}`` and ``{{cite magazine}}``; the identifier of ``{{cite arXiv}}`` & co.  An
    ``archive-url`` does not stand in for ``url`` (CS1 reports that too).  A parameter present
    but empty is reported by CIT004 instead.

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
        for citation in find_citations(doc, cs1_for(ctx)):
            for requirement in citation.requirements():
                if not requirement.present:
                    wanted = requirement.wanted
                    yield self.finding(
                        doc, citation.span.start,
                        f"{{{{{citation.name}}}}} has no {wanted}= : add the source's "
                        f"{wanted}.",
                    )
