"""Which CS1 a run checks citations against: the live wiki's own modules, else a module
folder named in the config (``cs1_modules = "path"``), else the bundled data."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.citations.cs1data import CS1DataError
from bot.citations.spec import CitationSpec, bundled, from_folder
from bot.errors import ConfigError

__all__ = ["choose_cs1"]


def choose_cs1(config, wiki=None) -> CitationSpec:
    """The CS1 for this run.  ``wiki``: a connected :class:`bot.wiki.Wiki` or None.

    The wiki's data is cached beside the state file (``cs1-cache/``), per revision ids.
    Modules this generator cannot read (a CS1 far newer than it knows) give one warning
    line and the fallback, rather than stopping the run."""
    if wiki is not None:
        cache = Path(config.state_file).resolve().parent / "cs1-cache"
        try:
            data = wiki.cs1_data(cache, bundled().data["templates"])
        except CS1DataError as error:
            print(f"wikiwarden: warning: {wiki.describe()}: cannot read its CS1 ({error}); "
                  f"checking citations against the configured or bundled CS1",
                  file=sys.stderr)
            data = None
        if data is not None:
            return CitationSpec(data, wiki.describe())
    if getattr(config, "cs1_modules", None):
        try:
            return from_folder(str(config.cs1_modules))
        except CS1DataError as error:
            raise ConfigError(f"cs1_modules: {error}") from None
    return bundled()
