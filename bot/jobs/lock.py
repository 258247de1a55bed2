"""One run per job at a time: an OS file lock (``filelock``) next to the state file.

The lock is an ``flock`` on ``<state file>.<job>.lock``: the kernel drops it when the holding
process ends in any way (``kill -9`` included), so a stale lock cannot block the next run;
the file itself may stay and is reused.  Who holds it (pid, host, start time) is written to
a side file, only to make the "locked" message useful.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
from pathlib import Path

from filelock import FileLock, Timeout

from bot.errors import ConfigError, WikiwardenError

__all__ = ["JobLocked", "job_lock", "lock_path"]


class JobLocked(WikiwardenError):
    """Another run of the same job holds the lock."""


def lock_path(state_file: Path, job: str) -> Path:
    return Path(f"{state_file}.{job}.lock")


@contextlib.contextmanager
def job_lock(state_file: Path, job: str):
    """Hold the job's lock for the ``with`` block, or raise :class:`JobLocked` at once."""
    path = lock_path(state_file, job)
    if not path.parent.is_dir():
        raise ConfigError(f"{state_file}: the folder of the state file does not exist")
    holder = path.with_name(path.name + ".holder")
    lock = FileLock(path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise JobLocked(f"job {job!r} is already running ({_describe(holder)}); "
                        f"lock file {path}") from None
    try:
        holder.write_text(json.dumps({
            "pid": os.getpid(), "host": socket.gethostname(),
            "since": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }))
        yield path
    finally:
        with contextlib.suppress(OSError):
            holder.unlink()
        lock.release()


def _describe(holder: Path) -> str:
    try:
        info = json.loads(holder.read_text())
        return f"pid {info['pid']} on {info['host']} since {info['since']}"
    except (OSError, ValueError, KeyError):
        return "holder unknown"
