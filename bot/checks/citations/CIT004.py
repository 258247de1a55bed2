"""CIT004 citation-empty-required."""

from __future__ import annotations

from collections.abc import Iterator

from bot.citations import cs1_for, find_citations
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["CitationEmptyRequired"]


class CitationEmptyRequired(Rule):
    """Citation template with a required parameter left empty.

    ## What it does
    Reports ``|title=`` (or another required parameter, see CIT001) present but empty,
    when no accepted stand-in has a value either.  A value made by a template or magic word
    (``url={{NRHP url|id=...}}``) is not empty.

    ## Why is this bad?
    An empty title renders as an error and gives readers nothing to find the source by.

    ## Example
    ```wikitext
    <ref>{{cite journal |title= |journal=PLOS ONE |date=2015}}</ref>
    ```

    ## Use instead
    ```wikitext
    <ref>{{cite journal |title=Response to vitamin B12 |journal=PLOS ONE |date=2015}}</ref>
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "CIT004"
    name = "citation-empty-required"
    family = "CIT"
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for citation in find_citations(doc, cs1_for(ctx)):
            for requirement in citation.requirements():
                if requirement.present:
                    yield self.finding(
                        doc, citation.span.start,
                        f"{{{{{citation.name}}}}} has an empty {requirement.present[0]}= : "
                        f"fill it in.",
                    )
