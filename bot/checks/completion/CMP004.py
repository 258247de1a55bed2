"""CMP004 source-disagrees."""

from __future__ import annotations

from collections.abc import Iterator

from bot.checks.completion._base import CompletionRule, describe_source
from bot.citations import find_citations
from bot.citations.complete import citation_disagreements, disagreements, template_kind
from bot.citations.targets import citation_keys, study_targets
from bot.findings import Finding
from bot.parse.document import Document
from bot.rules.base import Context

__all__ = ["SourceDisagrees"]


def _say(differences) -> str:
    return "; ".join(f'the page says {field} "{page}", the source "{source}"'
                     for field, page, source in differences)


class SourceDisagrees(CompletionRule):
    """Citation whose title, year or journal differs from its identifier's record.

    ## What it does
    Compares a citation's title, year and journal (and a study entry's link title and year)
    with the record its DOI, PMID, PMC, ISBN or URL resolves to, and reports a difference.

    ## Why is this bad?
    Either the citation is wrong or the identifier points to another work (a typo in the
    DOI is common).  Both mislead readers.

    ## Example
    ```wikitext
    <ref>{{cite journal |title=Vitamin D and sleep |doi=10.1000/b12 |date=2015}}</ref>
    ```

    ## Use instead
    ```wikitext
    <ref>{{cite journal |title=B12 and fatigue |doi=10.1000/b12 |date=2015}}</ref>
    ```

    ## Fix safety
    No automatic fix: which side is right needs a human, and nothing of that citation is
    completed until they agree.
    """

    code = "CMP004"
    name = "source-disagrees"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        records = self.records(ctx)
        if not records:
            return
        for citation in find_citations(doc):
            if template_kind(citation) is None:
                continue
            for key in citation_keys(citation):
                record = records.get(key)
                if record is None or not record.found:
                    continue
                differences = citation_disagreements(citation, record)
                if differences:
                    yield self.finding(
                        doc, citation.span.start,
                        f"{{{{{citation.name}}}}} disagrees with {describe_source(record)}: "
                        f"{_say(differences)}. Check which is right; nothing was added.",
                    )
        for target in study_targets(doc, ctx.profile):
            record = records.get(target.key)
            if record is None or not record.found:
                continue
            year = str(target.item.year) if target.item.year else None
            differences = disagreements(record, target.link_title, year)
            if differences:
                yield self.finding(
                    doc, target.item.start,
                    f"This study entry disagrees with {describe_source(record)}: "
                    f"{_say(differences)}. Check which is right; nothing was added.",
                )
