"""The state of scheduled jobs: positions, the findings cache, each job's pages, run results.

Every write that belongs to one page is one transaction, so a run killed at any point leaves
the file consistent: what was recorded is true, and the next run redoes the rest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass

__all__ = ["JobState", "Position"]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Position:
    """Where a job's last complete run started reading the wiki's recent changes."""

    rcid: int
    timestamp: str
    rules_version: str = ""
    profile: str = ""


class JobState:
    """Job tables of a :class:`~bot.store.StateStore` (migration ``0003_scheduled_jobs``)."""

    def __init__(self, store):
        self.store = store
        self.db = store.db

    @contextlib.contextmanager
    def transaction(self):
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- positions ---------------------------------------------------------------------------
    def position(self, job: str, site: str) -> Position | None:
        row = self.db.execute(
            "SELECT rcid, rc_timestamp, rules_version, profile FROM job_positions"
            " WHERE job = ? AND site = ?", (job, site)).fetchone()
        return Position(*row) if row else None

    def set_position(self, job: str, site: str, position: Position, run_id: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO job_positions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (job, site, position.rcid, position.timestamp, position.rules_version,
             position.profile, run_id, _now()))

    # -- findings cache and the job's pages ----------------------------------------------------
    def cached(self, site: str, title: str, version: str, rules_version: str,
               profile: str) -> list[dict] | None:
        row = self.db.execute(
            "SELECT findings FROM findings_cache WHERE site = ? AND title = ? AND version = ?"
            " AND rules_version = ? AND profile = ?",
            (site, title, version, rules_version, profile)).fetchone()
        return json.loads(row[0]) if row else None

    def cache(self, site: str, title: str, version: str, rules_version: str, profile: str,
              findings: list[dict]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO findings_cache VALUES (?, ?, ?, ?, ?, ?, ?)",
            (site, title, version, rules_version, profile, json.dumps(findings), _now()))

    def job_pages(self, job: str) -> dict[tuple[str, str], dict]:
        """(site, title) -> {version, rules_version, profile, findings} for the job's pages."""
        cursor = self.db.execute(
            "SELECT p.site, p.title, p.version, p.rules_version, p.profile, c.findings"
            " FROM job_pages p LEFT JOIN findings_cache c ON c.site = p.site"
            " AND c.title = p.title AND c.version = p.version"
            " AND c.rules_version = p.rules_version AND c.profile = p.profile"
            " WHERE p.job = ?", (job,))
        return {
            (site, title): {"version": version, "rules_version": rv, "profile": profile,
                            "findings": json.loads(findings) if findings else []}
            for site, title, version, rv, profile, findings in cursor
        }

    def set_job_page(self, job: str, site: str, title: str, version: str, rules_version: str,
                     profile: str, run_id: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO job_pages VALUES (?, ?, ?, ?, ?, ?, ?)",
            (job, site, title, version, rules_version, profile, run_id))

    def drop_job_pages(self, job: str, keys: list[tuple[str, str]]) -> None:
        self.db.executemany("DELETE FROM job_pages WHERE job = ? AND site = ? AND title = ?",
                            [(job, site, title) for site, title in keys])

    # -- runs --------------------------------------------------------------------------------
    def start_job_run(self, run_id: str, job: str, mode: str) -> None:
        self.db.execute("INSERT INTO job_runs (run_id, job, mode) VALUES (?, ?, ?)",
                        (run_id, job, mode))

    def mark_killed(self, job: str, current_run: str) -> int:
        """Record the job's unfinished runs as killed (call while holding the job's lock:
        no other run of the job can be alive).  Returns how many there were."""
        cursor = self.db.execute(
            "UPDATE runs SET status = 'killed', finished_at = ? WHERE finished_at IS NULL"
            " AND id != ? AND id IN (SELECT run_id FROM job_runs WHERE job = ?)",
            (_now(), current_run, job))
        return cursor.rowcount

    def record_changes(self, run_id: str, site: str, title: str, version: str,
                       changes: list[tuple[str, dict]]) -> None:
        self.db.executemany(
            "INSERT INTO run_changes VALUES (?, ?, ?, ?, ?, ?)",
            [(run_id, site, title, version, kind, json.dumps(finding))
             for kind, finding in changes])

    def finish_job_run(self, run_id: str, status: str, totals: dict,
                       counts: dict[str, dict]) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE job_runs SET mode = ?, pages_selected = ?, pages_checked = ?, new = ?,"
                " fixed_bot = ?, fixed_people = ?, open = ?, saves = ?, skipped = ?,"
                " failed = ?, exit_code = ? WHERE run_id = ?",
                (totals["mode"], totals["pages_selected"], totals["pages_checked"],
                 totals["new"], totals["fixed_bot"], totals["fixed_people"], totals["open"],
                 totals["saves"], totals["skipped"], totals["failed"], totals["exit_code"],
                 run_id))
            self.db.executemany(
                "INSERT OR REPLACE INTO run_counts VALUES (?, ?, ?, ?, ?, ?)",
                [(run_id, code, c["open"], c["new"], c["fixed_bot"], c["fixed_people"])
                 for code, c in sorted(counts.items())])
            self.db.execute(
                "UPDATE runs SET finished_at = ?, status = ? WHERE id = ?",
                (_now(), status, run_id))

    def previous_counts(self, job: str, before_run: str) -> dict[str, int]:
        """Open findings per code at the end of the job's last finished run before this one."""
        row = self.db.execute(
            "SELECT j.run_id FROM job_runs j JOIN runs r ON r.id = j.run_id"
            " WHERE j.job = ? AND r.finished_at IS NOT NULL AND j.exit_code IS NOT NULL"
            " AND j.rowid < (SELECT rowid FROM job_runs WHERE run_id = ?)"
            " ORDER BY j.rowid DESC LIMIT 1",
            (job, before_run)).fetchone()
        if row is None:
            return {}
        return dict(self.db.execute(
            "SELECT code, open FROM run_counts WHERE run_id = ?", (row[0],)).fetchall())

    def changes(self, run_id: str) -> list[dict]:
        cursor = self.db.execute(
            "SELECT site, title, version, kind, finding FROM run_changes WHERE run_id = ?"
            " ORDER BY rowid", (run_id,))
        return [{"site": s, "title": t, "version": v, "kind": k, **json.loads(f)}
                for s, t, v, k, f in cursor]

    # -- the published wikitext report -----------------------------------------------------------
    def published_digest(self, job: str, target: str) -> str | None:
        row = self.db.execute("SELECT digest FROM job_reports WHERE job = ? AND target = ?",
                              (job, target)).fetchone()
        return row[0] if row else None

    def set_published(self, job: str, target: str, digest: str, revid: int | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO job_reports VALUES (?, ?, ?, ?, ?)",
                        (job, target, digest, revid, _now()))
