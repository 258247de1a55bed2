"""Base class of the REF rules that report one kind of :mod:`bot.parse.cite` issue."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["CiteIssueRule"]


class CiteIssueRule(Rule):
    """Reports the Cite issues of the kinds in ``kinds`` (abstract: no code of its own)."""

    family = "REF"
    severity = Severity.ERROR
    kinds: ClassVar[tuple[str, ...]] = ()
    #: what to tell the editor after the problem itself
    advice: ClassVar[str] = ""

    def answered(self, issue, doc: Document, ctx: Context) -> bool:
        """True when the page itself answers the issue, so that it is no finding."""
        return False

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for issue in cite_analysis(doc, ctx.profile).of_kind(*self.kinds):
            if self.answered(issue, doc, ctx):
                continue
            message = issue.detail[:1].upper() + issue.detail[1:]
            if issue.group:
                message += f' (group "{issue.group}")'
            message += f": {self.advice}" if self.advice else "."
            severity = None
            if issue.template_dependent:
                severity = Severity.WARNING
                message += " A template on this page may supply it; check the rendered page."
            yield self.finding(doc, issue.span.start, message, severity=severity)
