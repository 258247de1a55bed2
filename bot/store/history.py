"""Run history, read back: the list of runs and one run's saves (``wikiwarden runs``).

Small functions over the state file, so other commands (``revert``) can list runs too.
"""

from __future__ import annotations

import json

__all__ = ["list_runs", "run_details"]

_RUN_COLUMNS = (
    "r.id, r.command, r.arguments, r.started_at, r.finished_at, r.status, j.job, j.mode,"
    " j.pages_selected, j.pages_checked, j.new, j.fixed_bot, j.fixed_people, j.open,"
    " j.skipped, j.failed, j.exit_code,"
    " (SELECT COUNT(*) FROM saves s WHERE s.run_id = r.id) AS saves"
)


def _rows(cursor) -> list[dict]:
    names = [c[0] for c in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor]
    for row in rows:
        row["arguments"] = json.loads(row["arguments"])
    return rows


def list_runs(store, job: str | None = None, command: str | None = None,
              limit: int = 50) -> list[dict]:
    """The latest runs first: every command that recorded a run (``fix``, ``run``, ...).

    Job columns (``job``, ``new``, ``open`` ...) are None for runs that were not jobs.
    """
    where, params = [], []
    if job is not None:
        where.append("j.job = ?")
        params.append(job)
    if command is not None:
        where.append("r.command = ?")
        params.append(command)
    query = (f"SELECT {_RUN_COLUMNS} FROM runs r LEFT JOIN job_runs j ON j.run_id = r.id"
             + (" WHERE " + " AND ".join(where) if where else "")
             + " ORDER BY r.rowid DESC LIMIT ?")
    return _rows(store.db.execute(query, (*params, limit)))


def run_details(store, run_id: str) -> dict | None:
    """One run (as in :func:`list_runs`) with its ``saves`` and per-code ``counts``.

    A unique prefix of the run id is enough.
    """
    matches = store.db.execute("SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\'",
                               (run_id.replace("%", r"\%").replace("_", r"\_") + "%",)
                               ).fetchall()
    if len(matches) != 1:
        return None
    run_id = matches[0][0]
    run = _rows(store.db.execute(
        f"SELECT {_RUN_COLUMNS} FROM runs r LEFT JOIN job_runs j ON j.run_id = r.id"
        " WHERE r.id = ?", (run_id,)))[0]
    run["saves"] = store.saves(run_id)
    for save in run["saves"]:
        save["codes"] = json.loads(save["codes"])
    cursor = store.db.execute(
        "SELECT code, open, new, fixed_bot, fixed_people FROM run_counts WHERE run_id = ?"
        " ORDER BY code", (run_id,))
    run["counts"] = {code: {"open": o, "new": n, "fixed_bot": b, "fixed_people": p}
                     for code, o, n, b, p in cursor}
    return run
