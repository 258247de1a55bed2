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
        "0004_save_texts_and_reverts",
        """
        CREATE TABLE save_texts (
            save_id     INTEGER PRIMARY KEY REFERENCES saves(id),
            path        TEXT NOT NULL,     -- the local file written
            before_text TEXT NOT NULL,     -- its text before the save (what revert restores)
            after_text  TEXT NOT NULL      -- the text the save wrote
        );
        CREATE TABLE reverts (
            id          INTEGER PRIMARY KEY,
            run_id      TEXT NOT NULL REFERENCES runs(id),   -- the revert run
            save_id     INTEGER NOT NULL REFERENCES saves(id), -- the save it undid (or not)
            status      TEXT NOT NULL,     -- reverted, left (undo does not apply), failed
            detail      TEXT NOT NULL,
            undo_save_id INTEGER REFERENCES saves(id)        -- the revert's own save
        );
        CREATE INDEX reverts_by_save ON reverts (save_id);
        """,
    ),
]
