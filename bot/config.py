"""Configuration, loaded explicitly into a typed object (nothing is read at import time).

Sources, lowest precedence first: built-in defaults, the config file
(``--config FILE``, else ``$WIKIWARDEN_CONFIG``, else ``./wikiwarden.toml`` when present),
then command-line options (applied by the CLI).  See README.md for the keys.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.errors import ConfigError

__all__ = ["Config", "load_config", "resolve_pywikibot_dir"]

DEFAULT_CONFIG_NAME = "wikiwarden.toml"


@dataclass(frozen=True)
class Config:
    """Settings for one run."""

    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    pywikibot_dir: Path | None = None
    batch_size: int = 50
    jobs: int = 1
    page_timeout: float = 5.0
    stop_page: str | None = None
    state_file: Path = Path("wikiwarden-state.sqlite")
    profiles: dict = field(default_factory=dict)
    wiki_profiles: dict = field(default_factory=dict)
    path: Path | None = None
    #: a folder with CS1's modules to check citations against offline (else the bundled)
    cs1_modules: Path | None = None
    job_tables: dict = field(default_factory=dict)  # [jobs.NAME]: read by bot.jobs.config
    lookup: dict = field(default_factory=dict)  # [lookup]: see bot/resolvers/settings.py

    def with_overrides(self, **changes) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v not in (None, ())})


def load_config(path: Path | None = None, environ: dict | None = None) -> Config:
    """Read the config file, if any, into a :class:`Config`."""
    environ = os.environ if environ is None else environ
    if path is None and environ.get("WIKIWARDEN_CONFIG"):
        path = Path(environ["WIKIWARDEN_CONFIG"])
    if path is None:
        default = Path(DEFAULT_CONFIG_NAME)
        if not default.is_file():
            return Config()
        path = default
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return _from_dict(data, path)


def _from_dict(data: dict, path: Path) -> Config:
    known = {
        "profile", "select", "ignore", "pywikibot_dir", "batch_size", "profiles", "wikis",
        "jobs", "page_timeout", "stop_page", "state_file", "cs1_modules", "workers", "lookup",
    }
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s): {', '.join(unknown)}")

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key} must be a list of rule codes")
        return tuple(value)

    batch = data.get("batch_size", 50)
    if not isinstance(batch, int) or not 1 <= batch <= 500:
        raise ConfigError(f"{path}: batch_size must be an integer from 1 to 500")
    jobs = data.get("jobs", 1)
    job_tables = {}
    if isinstance(jobs, dict):  # [jobs.NAME] tables: scheduled jobs, not a worker count
        job_tables, jobs = jobs, 1
    jobs = data.get("workers", jobs)  # the worker count's other name (needed with job tables)
    if not isinstance(jobs, int) or jobs < 1:
        key = "workers" if "workers" in data else "jobs"
        raise ConfigError(f"{path}: {key} must be a positive integer")
    page_timeout = data.get("page_timeout", 5.0)
    if not isinstance(page_timeout, int | float) or page_timeout < 0:
        raise ConfigError(f"{path}: page_timeout must be a number of seconds (0: no limit)")
    pwb_dir = data.get("pywikibot_dir")
    cs1_dir = data.get("cs1_modules")
    if cs1_dir is not None and not isinstance(cs1_dir, str):
        raise ConfigError(f"{path}: cs1_modules must be a folder path")
    return Config(
        profile=data.get("profile"),
        select=strings("select"),
        ignore=strings("ignore"),
        pywikibot_dir=(path.parent / pwb_dir).resolve() if pwb_dir else None,
        batch_size=batch,
        jobs=jobs,
        page_timeout=float(page_timeout),
        stop_page=data.get("stop_page"),
        state_file=(path.parent / data["state_file"]) if data.get("state_file")
        else Path("wikiwarden-state.sqlite"),
        profiles=dict(data.get("profiles", {})),
        wiki_profiles={k: v for k, v in data.get("wikis", {}).items()},
        path=path,
        cs1_modules=(path.parent / cs1_dir).resolve() if cs1_dir else None,
        job_tables=job_tables,
        lookup=dict(data.get("lookup", {})),
    )


def resolve_pywikibot_dir(config: Config, environ: dict | None = None) -> Path:
    """Where pywikibot's ``user-config.py`` is: the option/config value, else
    ``$PYWIKIBOT_DIR``, else the current directory when it holds a ``user-config.py``."""
    environ = os.environ if environ is None else environ
    candidates = [
        (config.pywikibot_dir, "--pywikibot-dir"),
        (Path(environ["PYWIKIBOT_DIR"]) if environ.get("PYWIKIBOT_DIR") else None, "PYWIKIBOT_DIR"),
        (Path.cwd() if (Path.cwd() / "user-config.py").is_file() else None, "current directory"),
    ]
    for directory, origin in candidates:
        if directory is None:
            continue
        if not (directory / "user-config.py").is_file():
            raise ConfigError(f"{directory} (from {origin}): no user-config.py there")
        return directory.resolve()
    raise ConfigError(
        "no wiki configured: pass --pywikibot-dir DIR or set PYWIKIBOT_DIR to a folder "
        "holding pywikibot's user-config.py (see README.md, 'Pointing it at a wiki')"
    )
