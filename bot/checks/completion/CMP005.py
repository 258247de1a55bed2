"""CMP005 retracted-source."""

from __future__ import annotations

from collections.abc import Iterator

from bot.checks.completion._base import CompletionRule, describe_source
from bot.citations import find_citations
from bot.citations.targets import bare_refs, citation_keys, study_targets
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context

__all__ = ["RetractedSource", "cited_keys"]

_SAYS = {
    "retracted": "the work has been retracted",
    "retraction": "this is a retraction notice, not the study",
    "erratum": "this is an erratum (correction notice), not the study",
}


def cited_keys(doc: Document, ctx: Context) -> list[tuple[int, str]]:
    """(offset, key) for every identifier the page cites, in page order."""
    found = [(bare.ref.span.start, bare.key) for bare in bare_refs(doc, ctx.profile)]
    found += [(c.span.start, key) for c in find_citations(doc) for key in citation_keys(c)]
    found += [(t.item.start, t.key) for t in study_targets(doc, ctx.profile)]
    return sorted(found)


class RetractedSource(CompletionRule):
    """Cited work that is retracted, or a retraction or erratum notice cited as a study.

    ## What it does
    Reports an identifier whose record says the work was retracted (Crossref's
    ``updated-by``, PubMed's "Retracted Publication"), or that the record is itself a
    retraction or correction notice.

    ## Why is this bad?
    A retracted study must not support a claim, and a notice is not the study it corrects.

    ## Example
    ```wikitext
    <ref>{{cite journal |title=XMRV in chronic fatigue syndrome |pmid=19815723}}</ref>
    ```

    ## Use instead
    ```wikitext
    Remove the claim, or say the study was retracted, citing the retraction notice.
    ```

    ## Fix safety
    No automatic fix: never completed or cited by the bot.
    """

    code = "CMP005"
    name = "retracted-source"
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        records = self.records(ctx)
        if not records:
            return
        for offset, key in cited_keys(doc, ctx):
            record = records.get(key)
            if record is not None and record.found and record.notice:
                yield self.finding(
                    doc, offset,
                    f"{_SAYS.get(record.notice, record.notice)} according to "
                    f"{describe_source(record)}: check the claim it supports.",
                )
