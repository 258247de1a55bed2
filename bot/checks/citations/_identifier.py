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
    validator: ClassVar[Callable[..., str | None]]
    #: the id_handlers key whose CS1 ``id_limit`` bounds the value (PMID, PMC), if any
    limit_key: ClassVar[str] = ""

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        spec = cs1_for(ctx)
        limit = spec.id_limit(self.limit_key) if self.limit_key else None
        for citation in find_citations(doc, spec):
            for parameter in self.parameters:
                if not citation.has(parameter):
                    continue
                raw = citation.raw(parameter)
                value = citation.value(parameter)
                if not value or "{{" in raw:
                    continue
                validator = type(self).validator
                problem = validator(value, limit) if self.limit_key else validator(value)
                if problem:
                    yield self.finding(
                        doc, citation.span.start,
                        f'The {self.label} "{value}" in {{{{{citation.name}}}}} {problem}.',
                    )
