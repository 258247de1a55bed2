"""One persisted cache for every lookup: SQLite, one row per identifier, with an expiry.

Answers are kept per identifier (not per HTTP request), so a PMID fetched in one batch is
found again whatever batch it comes in next.  "Not found" answers are kept too; failures
(network, malformed reply) are not, so the next run tries again.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from bot.errors import ConfigError
from bot.resolvers.record import FAILED, Record, record_from_dict

__all__ = ["LookupCache"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS lookups (
    key        TEXT PRIMARY KEY,   -- doi:..., pmid:..., isbn:..., url:...
    record     TEXT NOT NULL,      -- JSON of the Record
    fetched_at REAL NOT NULL,      -- seconds since the epoch
    expires_at REAL NOT NULL
)
"""


class LookupCache:
    def __init__(self, path: Path, days: float = 30.0, clock=time.time):
        self.path = Path(path)
        self.seconds = days * 86400
        self.clock = clock
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"{self.path}: cannot use the lookup cache: {exc}") from None

    def get(self, key: str) -> Record | None:
        row = self.db.execute(
            "SELECT record FROM lookups WHERE key = ? AND expires_at > ?", (key, self.clock())
        ).fetchone()
        return record_from_dict(json.loads(row[0])) if row else None

    def put(self, record: Record) -> None:
        if record.status == FAILED:
            return
        now = self.clock()
        self.db.execute(
            "INSERT OR REPLACE INTO lookups VALUES (?, ?, ?, ?)",
            (record.key, json.dumps(record.to_dict(), sort_keys=True), now, now + self.seconds),
        )

    def close(self) -> None:
        self.db.close()
