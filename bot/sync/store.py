"""The working folder's metadata: one SQLite file in the hidden folder ``.wikiwarden/``.

It is a :class:`bot.store.StateStore` (same migration mechanism, same ``runs`` and ``saves``
tables, so pushes are recorded like fix saves) with the sync tables added by the named
migrations in :data:`SYNC_MIGRATIONS`.

Per page it keeps the base: the revision the file was last brought level with, and its text
(needed for a 3-way merge).  Files and metadata change together through ``pending`` rows:
the new base is written as pending with the SHA-1 of the file about to be written, then the
file is replaced atomically, then the pending row becomes the base.  On open, a pending row
whose file was written is finished and one whose file was not is dropped, so a kill -9 at any
point leaves the base matching the file on disk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from bot.store.migrations import MIGRATIONS
from bot.store.state import StateStore, _now
from bot.sync.text import sha1

__all__ = ["SYNC_MIGRATIONS", "PageRecord", "SyncStore"]

SYNC_MIGRATIONS: list[tuple[str, str]] = [
    (
        "sync_0001_pages",
        """
        CREATE TABLE folder (
            key   TEXT PRIMARY KEY,        -- site, global_args, selection, namespaces
            value TEXT NOT NULL            -- JSON
        );
        CREATE TABLE pages (
            path       TEXT PRIMARY KEY,   -- relative to the working folder, '/'-separated
            title      TEXT NOT NULL UNIQUE,
            pageid     INTEGER,
            base_revid INTEGER,
            base_text  TEXT NOT NULL,      -- as MediaWiki stores it (canonical)
            state      TEXT NOT NULL,      -- clean | conflict
            updated_at TEXT NOT NULL
        );
        CREATE TABLE pending (
            path       TEXT PRIMARY KEY,
            title      TEXT NOT NULL,
            pageid     INTEGER,
            base_revid INTEGER,
            base_text  TEXT NOT NULL,
            state      TEXT NOT NULL,
            file_sha1  TEXT NOT NULL       -- SHA-1 of the file being written
        );
        """,
    ),
]


@dataclass(frozen=True)
class PageRecord:
    path: str
    title: str
    pageid: int | None
    base_revid: int | None
    base_text: str
    state: str = "clean"


_COLUMNS = "path, title, pageid, base_revid, base_text, state"


class SyncStore(StateStore):
    """The metadata of one working folder (``.wikiwarden/sync.sqlite``)."""

    migrations: ClassVar[list[tuple[str, str]]] = [*MIGRATIONS, *SYNC_MIGRATIONS]

    def __init__(self, path: Path, root: Path):
        super().__init__(path)
        self.root = Path(root)
        self.recover()

    # -- folder settings ---------------------------------------------------------------------
    def get(self, key: str, default=None):
        row = self.db.execute("SELECT value FROM folder WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def put(self, key: str, value) -> None:
        self.db.execute("INSERT OR REPLACE INTO folder VALUES (?, ?)", (key, json.dumps(value)))

    # -- pages ---------------------------------------------------------------------------------
    def pages(self) -> list[PageRecord]:
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM pages ORDER BY path")
        return [PageRecord(*row) for row in rows]

    def page(self, path: str) -> PageRecord | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM pages WHERE path = ?", (path,)).fetchone()
        return PageRecord(*row) if row else None

    def set_pages(self, records: list[PageRecord]) -> None:
        """Record new bases (no file change), in one transaction."""
        with self._transaction():
            for record in records:
                self._upsert(record)

    def stage(self, items: list[tuple[PageRecord, str]]) -> None:
        """Record (new base, file content about to be written) as pending, in one
        transaction; call :meth:`commit_staged` once the files are written."""
        with self._transaction():
            for record, content in items:
                self.db.execute(
                    f"INSERT OR REPLACE INTO pending ({_COLUMNS}, file_sha1)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (*_values(record), sha1(content)),
                )

    def commit_staged(self, paths: list[str] | None = None) -> int:
        """Turn pending rows whose file is written into bases; drop the others."""
        done = 0
        with self._transaction():
            rows = self.db.execute(f"SELECT {_COLUMNS}, file_sha1 FROM pending").fetchall()
            for *values, file_sha1 in rows:
                record = PageRecord(*values)
                if paths is not None and record.path not in paths:
                    continue
                if self._file_sha1(record.path) == file_sha1:
                    self._upsert(record)
                    done += 1
                self.db.execute("DELETE FROM pending WHERE path = ?", (record.path,))
        return done

    def recover(self) -> int:
        """Finish or drop what a killed run left pending (see the module docstring)."""
        return self.commit_staged()

    def forget(self, path: str) -> None:
        self.db.execute("DELETE FROM pages WHERE path = ?", (path,))

    # -- helpers -------------------------------------------------------------------------------
    def _upsert(self, record: PageRecord) -> None:
        self.db.execute("DELETE FROM pages WHERE title = ? AND path != ?",
                        (record.title, record.path))
        self.db.execute(
            f"INSERT OR REPLACE INTO pages ({_COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*_values(record), _now()),
        )

    def _file_sha1(self, path: str) -> str | None:
        try:
            return sha1((self.root / path).read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError):
            return None

    def _transaction(self):
        return _Transaction(self.db)


def _values(record: PageRecord) -> tuple:
    return (record.path, record.title, record.pageid, record.base_revid, record.base_text,
            record.state)


class _Transaction:
    def __init__(self, db):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb):
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        return False
