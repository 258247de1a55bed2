"""Run rules over pages and collect what they find.

A rule that raises does not stop the run: the page gets an ``INT001`` finding naming the
rule, and the next rule and page go on.
"""

from __future__ import annotations

import time
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.gcpause import gc_paused
from bot.rules.base import Context, Rule
from bot.sources.base import SourceProblem

__all__ = ["AuditStats", "PageResult", "audit_document", "run_audit"]

INTERNAL_CODE = "INT001"


@dataclass
class PageResult:
    """The outcome for one input item: a page and its findings, or a problem."""

    document: Document | None
    findings: list[Finding] = field(default_factory=list)
    problem: SourceProblem | None = None


@dataclass
class AuditStats:
    """Counts for the summary line and the JSON ``summary`` object."""

    pages: int = 0
    characters: int = 0
    problems: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_code: Counter = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None

    @property
    def findings(self) -> int:
        return sum(self.by_code.values())

    @property
    def seconds(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: PageResult) -> None:
        if result.problem is not None:
            self.problems += 1
            return
        self.pages += 1
        self.characters += len(result.document.text)
        for finding in result.findings:
            self.by_severity[str(finding.severity)] += 1
            self.by_code[finding.code] += 1

    def to_dict(self) -> dict:
        return {
            "pages": self.pages,
            "problems": self.problems,
            "findings": self.findings,
            "by_severity": dict(sorted(self.by_severity.items())),
            "by_code": dict(sorted(self.by_code.items())),
            "seconds": round(self.seconds, 3),
            "pages_per_second": round(self.pages_per_second, 1),
        }


def audit_document(doc: Document, rules: Iterable[Rule], ctx: Context) -> list[Finding]:
    """All findings of ``rules`` on ``doc``, in position order.

    The cyclic garbage collector is paused for the page (:mod:`bot.parse.gcpause`); a page
    this call parsed is released before it resumes (its parse is made again if a caller asks
    for it), so the collector does not walk the page's hundreds of thousands of nodes.
    """
    parsed_here = not doc.is_parsed()
    with gc_paused():
        findings = _audit(doc, rules, ctx)
        if parsed_here:
            doc.release_parse()
    return findings


def _audit(doc: Document, rules: Iterable[Rule], ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        if not rule.applies_to(doc, ctx):
            continue
        try:
            findings.extend(rule.check(doc, ctx))
        except Exception as exc:  # a bug in one rule must not stop the run
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(
                Finding(
                    code=INTERNAL_CODE,
                    name="internal-error",
                    severity=Severity.ERROR,
                    title=doc.title,
                    line=1,
                    column=1,
                    message=(
                        f"rule {rule.code} crashed on this page ({type(exc).__name__}: {exc} "
                        f"at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}); please report it"
                    ),
                    revid=doc.revid,
                    source=doc.source,
                )
            )
    findings.sort(key=Finding.sort_key)
    return findings


def run_audit(
    items: Iterable[Document | SourceProblem], rules: list[Rule], ctx: Context
) -> Iterator[PageResult]:
    """Audit every document; pass problems through as results without a document."""
    for item in items:
        if isinstance(item, SourceProblem):
            yield PageResult(document=None, problem=item)
        else:
            yield PageResult(document=item, findings=audit_document(item, rules, ctx))
