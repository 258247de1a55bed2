"""CIT003 duplicate-citation-parameter."""

from __future__ import annotations

from collections.abc import Iterator

from bot.citations import find_citations, parameter_spans
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["DuplicateCitationParameter"]


class DuplicateCitationParameter(Rule):
    """Citation template with the same parameter twice.

    ## What it does
    Reports a parameter given more than once in one template call (``|date=`` twice).

    ## Why is this bad?
    MediaWiki keeps only the last value and puts the page in a maintenance category; the
    other value is lost without a trace.

    ## Example
    ```wikitext
    {{cite journal |title=B12 |journal=Blood |date=2015 |date=2016}}
    ```

    ## Use instead
    ```wikitext
    {{cite journal |title=B12 |journal=Blood |date=2016}}
    ```

    ## Fix safety
    Safe and cosmetic for exact duplicates (same name, same value): the earlier copy is
    removed; MediaWiki used the last one anyway.  Duplicates with different values are left
    for an editor.
    """

    code = "CIT003"
    name = "duplicate-citation-parameter"
    family = "CIT"
    severity = Severity.WARNING
    fix_safety = FixSafety.SAFE
    cosmetic = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for citation in find_citations(doc):
            if len(citation.raws) == citation.count:
                continue  # every name once (citation.raws keeps one per name)
            seen: dict[str, str] = {}
            for name, raw, named in citation.entries:
                if not named:
                    continue
                value = raw.strip()
                if name in seen:
                    same = "the same value" if seen[name] == value else "different values"
                    yield self.finding(
                        doc, citation.span.start,
                        f"{{{{{citation.name}}}}} has {name}= twice, with {same}: only the "
                        f"last one is used; keep one.",
                    )
                seen[name] = value

    def fix(self, doc: Document, ctx: Context) -> list:
        edits = []
        for citation in find_citations(doc):
            spans = [(p, s, e) for p, s, e in parameter_spans(citation) if p.showkey]
            for i, (param, start, end) in enumerate(spans):
                key = (str(param.name).strip(), str(param.value).strip())
                if any((str(p.name).strip(), str(p.value).strip()) == key
                       for p, _, _ in spans[i + 1 :]):
                    edits.append(self.edit(start - 1, end, "",
                                           f"drop the repeated {key[0]}=",
                                           drops=str(param)))
        return edits
