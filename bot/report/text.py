"""Readable text: one line per finding, like a compiler's messages.

    samples/Vitamin_B12.wiki:24:1: SEC001 warning: Section "Learn more" is empty ... [Learn more]
"""

from __future__ import annotations

from typing import TextIO

from bot.runner import AuditStats, PageResult

__all__ = ["TextReporter", "format_finding"]


def format_finding(where: str, finding) -> str:
    section = f"  [{' › '.join(finding.section)}]" if finding.section else ""
    return (
        f"{where}:{finding.line}:{finding.column}: {finding.code} {finding.severity}: "
        f"{finding.message}{section}"
    )


class TextReporter:
    def __init__(self, stream: TextIO, **meta):
        self.stream = stream
        self.meta = meta

    def start(self) -> None:
        pass

    def page(self, result: PageResult) -> None:
        if result.document is None:
            return  # problems go to stderr, written by the CLI
        where = result.document.where
        for finding in result.findings:
            self.stream.write(format_finding(where, finding) + "\n")

    def finish(self, stats: AuditStats) -> None:
        pass
