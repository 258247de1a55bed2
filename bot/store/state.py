"""Open the state file, migrate it, and record runs and saves."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from pathlib import Path
from typing import ClassVar

from bot.errors import ConfigError
from bot.store.migrations import MIGRATIONS

__all__ = ["StateStore"]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class StateStore:
    """The state file.  Safe to open from several runs; writes are short transactions."""

    #: the named migrations of this kind of file (a subclass may name its own list)
    migrations: ClassVar[list[tuple[str, str]]] = MIGRATIONS

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"{self.path}: cannot use the state file: {exc}") from None

    def migrate(self) -> list[str]:
        """Apply the migrations not applied yet; returns their names."""
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS migrations"
            " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in self.migrations:
            if name in done:
                continue
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in sql.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            applied.append(name)
        return applied

    def start_run(self, command: str, arguments: list[str]) -> str:
        run_id = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        self.db.execute(
            "INSERT INTO runs (id, command, arguments, started_at) VALUES (?, ?, ?, ?)",
            (run_id, command, json.dumps(arguments), _now()),
        )
        return run_id

    def finish_run(self, run_id: str, status: str) -> None:
        self.db.execute("UPDATE runs SET finished_at = ?, status = ? WHERE id = ?",
                        (_now(), status, run_id))

    def record_save(self, run_id: str, target: str, site: str | None, base_revid: int | None,
                    new_revid: int | None, codes: dict, summary: str, *,
                    parent: int | None = None, status: str = "saved",
                    reason: str | None = None, undo: int | None = None) -> int:
        """One save: ``base_revid`` the revision fetched, ``parent`` the one the edit was
        really applied on (differs when MediaWiki merged it), ``status`` saved, reconciled,
        undone or undo-failed."""
        cursor = self.db.execute(
            "INSERT INTO saves (run_id, target, site, base_revid, new_revid, codes, summary,"
            " saved_at, parent_revid, status, reason, undo_revid)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, target, site, base_revid, new_revid, json.dumps(codes, sort_keys=True),
             summary, _now(), parent if parent is not None else base_revid, status, reason,
             undo),
        )
        return cursor.lastrowid

    def record_texts(self, save_id: int, path: str, before: str, after: str) -> None:
        """The texts around a save to a local file (what a revert restores)."""
        self.db.execute("INSERT INTO save_texts VALUES (?, ?, ?, ?)",
                        (save_id, path, before, after))

    def save_texts(self, save_id: int) -> tuple[str, str, str] | None:
        """(path, before, after) of a save to a local file, if recorded."""
        return self.db.execute(
            "SELECT path, before_text, after_text FROM save_texts WHERE save_id = ?",
            (save_id,)).fetchone()

    def run(self, run_id: str) -> dict | None:
        cursor = self.db.execute("SELECT * FROM runs WHERE id = ?", (run_id,))
        row = cursor.fetchone()
        return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None

    def record_revert(self, run_id: str, save_id: int, status: str, detail: str,
                      undo_save_id: int | None = None) -> None:
        self.db.execute(
            "INSERT INTO reverts (run_id, save_id, status, detail, undo_save_id)"
            " VALUES (?, ?, ?, ?, ?)", (run_id, save_id, status, detail, undo_save_id))

    def reverts_of(self, save_id: int) -> list[dict]:
        cursor = self.db.execute("SELECT * FROM reverts WHERE save_id = ? ORDER BY id",
                                 (save_id,))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def saves(self, run_id: str | None = None) -> list[dict]:
        query = "SELECT * FROM saves" + (" WHERE run_id = ?" if run_id else "") + " ORDER BY id"
        cursor = self.db.execute(query, (run_id,) if run_id else ())
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def close(self) -> None:
        self.db.close()
