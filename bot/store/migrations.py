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
    (
        "0003_scheduled_jobs",
        """
        CREATE TABLE job_positions (
            job           TEXT NOT NULL,
            site          TEXT NOT NULL,
            rcid          INTEGER NOT NULL,  -- last recent-changes id seen at the run's start
            rc_timestamp  TEXT NOT NULL,
            rules_version TEXT NOT NULL,     -- the checks the position is valid for
            profile       TEXT NOT NULL,
            run_id        TEXT NOT NULL,
            updated_at    TEXT NOT NULL,
            PRIMARY KEY (job, site)
        );
        CREATE TABLE findings_cache (
            site          TEXT NOT NULL,     -- the wiki, or 'local'
            title         TEXT NOT NULL,     -- page title, or file path
            version       TEXT NOT NULL,     -- revision id, or 'sha1:...' of a file's text
            rules_version TEXT NOT NULL,
            profile       TEXT NOT NULL,
            findings      TEXT NOT NULL,     -- JSON list of findings
            checked_at    TEXT NOT NULL,
            PRIMARY KEY (site, title, version, rules_version, profile)
        );
        CREATE TABLE job_pages (
            job           TEXT NOT NULL,
            site          TEXT NOT NULL,
            title         TEXT NOT NULL,
            version       TEXT NOT NULL,     -- the version whose findings are current
            rules_version TEXT NOT NULL,
            profile       TEXT NOT NULL,
            run_id        TEXT NOT NULL,
            PRIMARY KEY (job, site, title)
        );
        CREATE TABLE job_runs (
            run_id        TEXT PRIMARY KEY REFERENCES runs(id),
            job           TEXT NOT NULL,
            mode          TEXT NOT NULL,     -- full, incremental, dry-run
            pages_selected INTEGER NOT NULL DEFAULT 0,
            pages_checked INTEGER NOT NULL DEFAULT 0,
            new           INTEGER NOT NULL DEFAULT 0,
            fixed_bot     INTEGER NOT NULL DEFAULT 0,
            fixed_people  INTEGER NOT NULL DEFAULT 0,
            open          INTEGER NOT NULL DEFAULT 0,
            saves         INTEGER NOT NULL DEFAULT 0,
            skipped       INTEGER NOT NULL DEFAULT 0,
            failed        INTEGER NOT NULL DEFAULT 0,
            exit_code     INTEGER
        );
        CREATE INDEX job_runs_by_job ON job_runs (job, run_id);
        CREATE TABLE run_changes (
            run_id        TEXT NOT NULL REFERENCES runs(id),
            site          TEXT NOT NULL,
            title         TEXT NOT NULL,
            version       TEXT NOT NULL,
            kind          TEXT NOT NULL,     -- new, fixed-bot, fixed-people
            finding       TEXT NOT NULL      -- JSON finding
        );
        CREATE INDEX run_changes_by_run ON run_changes (run_id);
        CREATE TABLE run_counts (
            run_id        TEXT NOT NULL REFERENCES runs(id),
            code          TEXT NOT NULL,
            open          INTEGER NOT NULL,
            new           INTEGER NOT NULL,
            fixed_bot     INTEGER NOT NULL,
            fixed_people  INTEGER NOT NULL,
            PRIMARY KEY (run_id, code)
        );
        CREATE TABLE job_reports (
            job           TEXT NOT NULL,
            target        TEXT NOT NULL,     -- the wiki page the wikitext report goes to
            digest        TEXT NOT NULL,     -- sha256 of the last published content
            revid         INTEGER,
            published_at  TEXT NOT NULL,
            PRIMARY KEY (job, target)
        );
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
