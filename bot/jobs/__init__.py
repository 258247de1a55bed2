"""Scheduled maintenance runs: ``[jobs.NAME]`` in the config, run by ``wikiwarden run NAME``.

A job sits above :mod:`bot.runner` and :mod:`bot.fixes` and keeps its state in
:mod:`bot.store`:

- :mod:`.config`: the ``[jobs.NAME]`` tables, checked;
- :mod:`.lock`: one run per job at a time (an OS lock: stale locks cannot happen);
- :mod:`.plan`: the incremental part: what changed on the wiki since the last run;
- :mod:`.run`: the run loop: fetch, check, fix, record page by page (resumable);
- :mod:`.diff`: new findings, fixed by the bot, fixed by people, per page;
- :mod:`.outcome`: what a run did, and its exit status;
- :mod:`.reports`: report files and the wikitext report page.
"""

from bot.jobs.config import JobConfig, get_job, load_jobs
from bot.jobs.lock import JobLocked, job_lock
from bot.jobs.outcome import RunOutcome
from bot.jobs.reports import publish_report, write_reports
from bot.jobs.run import run_job

__all__ = [
    "JobConfig", "JobLocked", "RunOutcome", "get_job", "job_lock", "load_jobs",
    "publish_report", "run_job", "write_reports",
]
