"""What one job run did, for the reports and the exit status."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from bot.exits import Exit

__all__ = ["RunOutcome"]

@dataclass
class RunOutcome:
    """Everything a report shows about one run."""

    job: str
    run_id: str | None
    dry_run: bool = False
    mode: str = "full"
    reason: str = ""
    site: str | None = None
    links: dict | None = None
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    finished: dt.datetime | None = None
    pages_selected: int = 0
    pages_checked: int = 0        # fetched (or read) and parsed in this run
    changes_seen: int = 0
    new: list[dict] = field(default_factory=list)           # {title, version, ...finding}
    fixed_people: list[dict] = field(default_factory=list)
    fixed_bot: list[dict] = field(default_factory=list)
    open: list[dict] = field(default_factory=list)
    previous_open: dict = field(default_factory=dict)       # code -> open at the last run
    new_open: int = 0
    saves: list[dict] = field(default_factory=list)         # {title, base_revid, new_revid, codes}
    would_change: list[dict] = field(default_factory=list)  # dry run: {title, diff, codes}
    skipped: list[dict] = field(default_factory=list)       # {title, reason, expected}
    problems: list[str] = field(default_factory=list)
    config_errors: list[str] = field(default_factory=list)  # e.g. -page: of a missing page
    warnings: list[str] = field(default_factory=list)
    stopped: str | None = None    # why the run stopped before the end (max_runtime, limit)
    halted: str | None = None     # the stop page
    wiki_down: str | None = None
    published: str | None = None  # the report page, when it was edited

    @property
    def failed(self) -> list[dict]:
        return [s for s in self.skipped if not s["expected"]]

    @property
    def expected_skips(self) -> list[dict]:
        return [s for s in self.skipped if s["expected"]]

    @property
    def status(self) -> str:
        if self.wiki_down:
            return "wiki-down"
        if self.halted:
            return "halted"
        if self.config_errors:
            return "config-error"
        if self.problems or self.failed:
            return "failed"
        if self.stopped:
            return "stopped"
        return "done"

    @property
    def exit_code(self) -> Exit:
        """The scheduler's view: failures first, then new findings, then expected skips."""
        if self.wiki_down:
            return Exit.WIKI_DOWN
        if self.halted:
            return Exit.HALTED
        if self.config_errors:
            return Exit.USAGE
        if self.problems or self.failed:
            return Exit.FAILED
        if self.new_open:
            return Exit.FINDINGS
        if self.expected_skips or self.stopped:
            return Exit.SKIPPED
        return Exit.CLEAN

    def counts(self) -> dict[str, dict]:
        """Per code: open now, at the last run, new, fixed by the bot and by people."""
        counts: dict[str, dict] = {}
        tallies = {name: Counter(f["code"] for f in getattr(self, name))
                   for name in ("open", "new", "fixed_bot", "fixed_people")}
        codes = set(self.previous_open).union(*tallies.values())
        for code in sorted(codes):
            counts[code] = {name: tallies[name][code] for name in tallies}
            counts[code]["previous"] = self.previous_open.get(code, 0)
            counts[code]["trend"] = counts[code]["open"] - counts[code]["previous"]
        return counts

    def totals(self) -> dict:
        return {
            "mode": "dry-run" if self.dry_run else self.mode,
            "pages_selected": self.pages_selected, "pages_checked": self.pages_checked,
            "new": len(self.new), "fixed_bot": len(self.fixed_bot),
            "fixed_people": len(self.fixed_people), "open": len(self.open),
            "saves": len(self.saves), "skipped": len(self.expected_skips),
            "failed": len(self.failed) + len(self.problems),
            "exit_code": int(self.exit_code),
        }
