"""Named schema migrations, applied in this order; never edit one that has shipped.

Names are numbered by the work that adds them: 0002 save reconciliation (true parent and
new revisions), 0003 scheduled jobs (positions, findings cache, run findings), 0004 citation
completion and revert (lookup cache lives elsewhere; reverted saves).
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_runs_and_saves",
        """
        CREATE TABLE runs (
            id          TEXT PRIMARY KEY,
            command     TEXT NOT NULL,
            arguments   TEXT NOT NULL,
            started_at  TEXT NOT NULL,
            finished_at TEXT,
            status      TEXT
        );
        CREATE TABLE saves (
            id          INTEGER PRIMARY KEY,
            run_id      TEXT NOT NULL REFERENCES runs(id),
            target      TEXT NOT NULL,     -- page title, or path of a local file
            site        TEXT,              -- the wiki, NULL for local files
            base_revid  INTEGER,
            new_revid   INTEGER,
            codes       TEXT NOT NULL,     -- JSON object: code -> number of edits
            summary     TEXT NOT NULL,
            saved_at    TEXT NOT NULL
        );
        CREATE INDEX saves_by_target ON saves (site, target);
        """,
    ),
    (
        "0002_save_reconciliation",
        # parent_revid: the revision the edit was really applied on (not the base when
        # MediaWiki merged it); status: saved, reconciled (answer lost, found in the
        # history), undone or undo-failed; reason: why; undo_revid: the bot's undo
        """
        ALTER TABLE saves ADD COLUMN parent_revid INTEGER;
        ALTER TABLE saves ADD COLUMN status TEXT NOT NULL DEFAULT 'saved';
        ALTER TABLE saves ADD COLUMN reason TEXT;
        ALTER TABLE saves ADD COLUMN undo_revid INTEGER
        """,
    ),
]
