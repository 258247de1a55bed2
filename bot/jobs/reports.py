"""Where a run's report goes: files (by suffix) and, optionally, a wiki page.

The wiki page is edited only when its content changed: the last published content's digest
is kept in the state file, so an unchanged report costs no request at all.
"""

from __future__ import annotations

import hashlib

from bot.fileio import atomic_text_writer
from bot.jobs.config import JobConfig
from bot.report.jobrun import render_html, render_json, render_text, render_wikitext
from bot.store.jobs import JobState

__all__ = ["publish_report", "write_reports"]

_RENDER = {"html": render_html, "json": render_json, "text": render_text}


def write_reports(outcome, job: JobConfig) -> list[str]:
    """Write the job's report files (each atomically); returns their paths."""
    written = []
    for fmt, path in job.reports:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_text_writer(path) as fh:
            fh.write(_RENDER[fmt](outcome))
        written.append(str(path))
    return written


def publish_report(outcome, job: JobConfig, wiki, state: JobState) -> bool:
    """Edit ``job.report_page`` when the wikitext report differs from what is there."""
    if not job.report_page or wiki is None:
        return False
    text = render_wikitext(outcome)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if state.published_digest(job.name, job.report_page) == digest:
        return False
    current = wiki.read_page(job.report_page)
    revid = None
    if current is None or current.strip() != text.strip():
        revid = wiki.write_page(job.report_page, text,
                                f"wikiwarden: report of job {job.name} updated")
        outcome.published = job.report_page
    state.set_published(job.name, job.report_page, digest, revid)
    return outcome.published is not None
