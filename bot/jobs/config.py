"""``[jobs.NAME]`` tables of ``wikiwarden.toml``, checked into :class:`JobConfig` objects.

.. code-block:: toml

    [jobs.refs]
    sources = ["-cat:Vitamins", "-ns:0"]   # what `audit` takes as SOURCE
    profile = "mepedia"
    select = ["REF", "SEC"]
    ignore = ["SEC012"]
    fix = true                             # fix and save what can be fixed safely
    summary = "reference clean-up"         # added to the edit summary
    limit = 50                             # save at most 50 pages per run
    max_runtime = "20m"                    # stop cleanly between pages after 20 minutes
    report = ["reports/refs.html", "reports/refs.json"]   # by suffix: .html .json .txt
    report_page = "User:WardenBot/Reports/refs"           # wikitext report, edited on change
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.config import Config
from bot.errors import ConfigError
from bot.sources import split_sources

__all__ = ["JobConfig", "get_job", "load_jobs", "parse_duration"]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_KEYS = {"sources", "profile", "select", "ignore", "fix", "summary", "limit", "max_runtime",
         "report", "report_page", "stop_page", "description"}
_REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".json": "json", ".txt": "text"}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class JobConfig:
    """One scheduled job."""

    name: str
    wiki_args: tuple[str, ...] = ()
    local_sources: tuple[str, ...] = ()
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fix: bool = False
    summary: str | None = None
    limit: int | None = None
    max_runtime: float | None = None
    reports: tuple[tuple[str, Path], ...] = ()  # (format, path)
    report_page: str | None = None
    stop_page: str | None = None
    description: str = ""


def parse_duration(value, where: str) -> float:
    """Seconds from ``90``, ``"90s"``, ``"20m"``, ``"1.5h"``."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    match = _DURATION.match(value) if isinstance(value, str) else None
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"{where}: max_runtime must be a positive duration such as 600, "
                          f"\"30m\" or \"2h\"")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _strings(table: dict, key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _job(name: str, table: dict, config: Config) -> JobConfig:
    where = f"{config.path or 'config'}: [jobs.{name}]"
    if not _NAME.match(name):
        raise ConfigError(f"{where}: a job name is letters, digits, '.', '_' and '-' only")
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s): {', '.join(unknown)}")
    sources = _strings(table, "sources", where)
    if not sources:
        raise ConfigError(f"{where}: sources is missing: pages to check, e.g. "
                          f"sources = [\"-cat:Vitamins\"]")
    local, wiki = split_sources(list(sources))
    base = config.path.parent if config.path else Path.cwd()
    local = tuple(str(base / p) for p in local)
    fix = table.get("fix", False)
    if not isinstance(fix, bool):
        raise ConfigError(f"{where}: fix must be true or false")
    limit = table.get("limit")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)
                              or limit < 1):
        raise ConfigError(f"{where}: limit must be a positive number of pages")
    max_runtime = table.get("max_runtime")
    if max_runtime is not None:
        max_runtime = parse_duration(max_runtime, where)
    reports = []
    for report in _strings(table, "report", where):
        suffix = Path(report).suffix.lower()
        if suffix not in _REPORT_SUFFIXES:
            raise ConfigError(f"{where}: report {report!r}: the name must end in .html, "
                              f".json or .txt (that chooses the format)")
        reports.append((_REPORT_SUFFIXES[suffix], base / report))
    for key in ("profile", "summary", "report_page", "stop_page", "description"):
        if key in table and not isinstance(table[key], str):
            raise ConfigError(f"{where}: {key} must be a string")
    if table.get("report_page") and not wiki:
        raise ConfigError(f"{where}: report_page needs a wiki source (e.g. -cat:Name)")
    return JobConfig(
        name=name, wiki_args=tuple(wiki), local_sources=local, profile=table.get("profile"),
        select=_strings(table, "select", where) or config.select,
        ignore=_strings(table, "ignore", where) or config.ignore,
        fix=fix, summary=table.get("summary"), limit=limit, max_runtime=max_runtime,
        reports=tuple(reports), report_page=table.get("report_page"),
        stop_page=table.get("stop_page", config.stop_page),
        description=table.get("description", ""),
    )


def load_jobs(config: Config) -> dict[str, JobConfig]:
    """Every ``[jobs.NAME]`` of the config, checked."""
    return {name: _job(name, table, config) for name, table in config.job_tables.items()}


def get_job(config: Config, name: str) -> JobConfig:
    jobs = load_jobs(config)
    if name not in jobs:
        known = ", ".join(sorted(jobs)) or "none"
        where = config.path or "the config (no wikiwarden.toml found)"
        raise ConfigError(f"{where}: no job named {name!r} (jobs defined: {known})")
    return jobs[name]
