"""Base class of the identifier rules (DOI, PMID, PMC, ISBN, ISSN)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ClassVar

from bot.citations import cs1_for, find_citations
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["IdentifierRule"]


class IdentifierRule(Rule):
    """Checks the identifier parameters ``parameters`` with ``validator`` (abstract)."""

    family = "CIT"
    severity = Severity.WARNING
    parameters: ClassVar[tuple[str, ...]] = ()
    label: ClassVar[str] = ""
    validator: ClassVar[Callable[[str], str | None]]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for citation in find_citations(doc, cs1_for(ctx)):
            for parameter in self.parameters:
                if not citation.has(parameter):
                    continue
                raw = citation.raw(parameter)
                value = citation.value(parameter)
                if not value or "{{" in raw:
                    continue
                problem = type(self).validator(value)
                if problem:
                    yield self.finding(
                        doc, citation.span.start,
                        f'The {self.label} "{value}" in {{{{{citation.name}}}}} {problem}.',
                    )
