"""The :class:`Finding` record every rule produces, and its severities."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

__all__ = ["Finding", "Severity"]


class Severity(enum.IntEnum):
    """How bad a finding is.  Ordered, so ``max()`` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        return cls[value.upper()]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found on one page.

    ``line`` and ``column`` are 1-based; ``column`` counts characters, not bytes.
    ``section`` is the path of headings that contain the problem, outermost first
    (empty for the lead).  ``revid`` is the revision the text came from, when known.
    """

    code: str
    name: str
    severity: Severity
    title: str
    line: int
    column: int
    message: str
    section: tuple[str, ...] = ()
    revid: int | None = None
    source: str = ""
    fixable: bool = False
    extra: dict = field(default_factory=dict, compare=False)

    def sort_key(self) -> tuple:
        return (self.source, self.title, self.line, self.column, self.code)

    def to_dict(self) -> dict:
        """The JSON form (schema in docs/json-schema.md; keys are stable)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "title": self.title,
            "revid": self.revid,
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "section": list(self.section),
            "message": self.message,
            "fixable": self.fixable,
        }
