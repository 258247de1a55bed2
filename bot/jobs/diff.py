"""What changed on one page between two runs: new findings, fixed by people, fixed by the bot.

A finding is identified across revisions by its code, section and message (not its line,
which moves when someone edits above it).  Findings are compared as multisets, so a page
with two identical findings and one fixed has one fixed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["PageDiff", "diff_page", "finding_key", "stored_finding"]


def finding_key(finding: dict) -> tuple:
    return (finding["code"], tuple(finding.get("section") or ()), finding["message"])


def stored_finding(finding) -> dict:
    """The JSON form kept in the cache (a :class:`~bot.findings.Finding`'s own dict)."""
    record = finding.to_dict()
    for key in ("title", "revid", "source"):
        record.pop(key, None)
    return record


def _minus(a: list[dict], b: list[dict]) -> list[dict]:
    """The findings of ``a`` not matched by one in ``b`` (multiset difference)."""
    left = Counter(finding_key(f) for f in b)
    out = []
    for finding in a:
        key = finding_key(finding)
        if left[key]:
            left[key] -= 1
        else:
            out.append(finding)
    return out


@dataclass
class PageDiff:
    """One page's changes in one run."""

    new: list[dict] = field(default_factory=list)
    fixed_people: list[dict] = field(default_factory=list)
    fixed_bot: list[dict] = field(default_factory=list)
    open: list[dict] = field(default_factory=list)
    new_open: int = 0  # new findings still open after the run (what makes exit 1)

    def changes(self) -> list[tuple[str, dict]]:
        return ([("new", f) for f in self.new]
                + [("fixed-people", f) for f in self.fixed_people]
                + [("fixed-bot", f) for f in self.fixed_bot])


def diff_page(previous: list[dict] | None, fetched: list[dict], after: list[dict]) -> PageDiff:
    """``previous``: open at the end of the last run (None: a page new to the job);
    ``fetched``: found on the revision read now; ``after``: left after the bot's save."""
    previous = previous or []
    new = _minus(fetched, previous)
    return PageDiff(
        new=new,
        fixed_people=_minus(previous, fetched),
        fixed_bot=_minus(fetched, after),
        open=after,
        new_open=len(new) - len(_minus(new, after)),
    )
