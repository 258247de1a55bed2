"""What the audit and fix commands share: wiki arguments, connecting, choosing a profile."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from bot.config import Config, resolve_pywikibot_dir
from bot.errors import UsageError
from bot.fileio import atomic_text_writer
from bot.profiles import Profile, builtin_profile_names, load_profile
from bot.sources import split_sources

__all__ = [
    "DEFAULT_PROFILE", "WikiArgsCommand", "choose_profile", "connect_wiki", "output_stream",
]

DEFAULT_PROFILE = "mepedia"
#: pywikibot's global options: they choose the site, not pages.
_GLOBAL_WIKI_OPTIONS = ("-family", "-code", "-lang", "-site", "-user")


class WikiArgsCommand(click.Command):
    """Lets pywikibot's single-dash selectors (``-cat:Foo``) through as plain arguments.

    The command's own short options, clustered or with their value attached (``-j2``,
    ``-qj 2``, ``-o report.json``), stay options: they are never taken for page selectors.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        flags, valued = self._short_options(ctx)
        local: list[str] = []
        wiki: list[str] = []
        expects_value = False
        for arg in args:
            if expects_value or arg == "--" or not arg.startswith("-") or arg.startswith("--"):
                local.append(arg)
                expects_value = (not expects_value and arg.startswith("--") and "=" not in arg
                                 and arg in self._long_valued(ctx))
                continue
            cluster = _short_cluster(arg, flags, valued)
            if cluster is not None:
                local.append(arg)
                expects_value = cluster
            elif split_sources([arg])[1]:
                wiki.append(arg)
            else:
                local.append(arg)
        ctx.meta["wiki_args"] = wiki
        return super().parse_args(ctx, local)

    def _short_options(self, ctx: click.Context) -> tuple[set[str], set[str]]:
        flags, valued = set(), set()
        for param in self.get_params(ctx):
            if not isinstance(param, click.Option):
                continue
            for name in [*param.opts, *param.secondary_opts]:
                if len(name) == 2 and name[0] == "-" and name[1] != "-":
                    (flags if param.is_flag or param.count else valued).add(name[1])
        return flags, valued

    def _long_valued(self, ctx: click.Context) -> set[str]:
        return {name for param in self.get_params(ctx)
                if isinstance(param, click.Option) and not (param.is_flag or param.count)
                for name in param.opts if name.startswith("--")}


def _short_cluster(arg: str, flags: set[str], valued: set[str]) -> bool | None:
    """For ``-qj2``-like clusters of this command's short options: whether the next argument
    is the value of the last one (True/False); None when ``arg`` is not such a cluster.
    pywikibot selectors carry their value after a colon (``-ns:0``), so those never are."""
    if ":" in arg:
        return None
    for i, char in enumerate(arg[1:], start=1):
        if char in valued:
            return i == len(arg) - 1  # value attached (-j2) or in the next argument (-j 2)
        if char not in flags:
            return None
    return False


def connect_wiki(config: Config, wiki_args: list[str]):
    """(wiki, page selectors): connects and logs in now, so a bad wiki fails early."""
    if not wiki_args:
        return None, []
    from bot.wiki import Wiki

    global_args = [a for a in wiki_args if a.split(":", 1)[0] in _GLOBAL_WIKI_OPTIONS]
    wiki = Wiki(resolve_pywikibot_dir(config), global_args)
    wiki.connect()
    return wiki, [a for a in wiki_args if a not in global_args]


def choose_profile(name: str | None, config: Config, wiki) -> Profile:
    """--profile, else the config's, else the one whose ``wikis`` names this wiki."""
    name = name or config.profile
    if name is None and wiki is not None:
        site = wiki.site
        keys = {site.family.name, site.hostname()}
        for key in keys:
            if key in config.wiki_profiles:
                name = config.wiki_profiles[key]
                break
        else:
            for candidate in builtin_profile_names():
                if keys & set(load_profile(candidate).wikis):
                    name = candidate
                    break
    return load_profile(name or DEFAULT_PROFILE, config.profiles)


def writing_setup(command: str, config: Config, wiki, profile: str | None, apply: bool,
                  state_path: Path | None):
    """What every command that edits pages starts with (``fix``, ``cite``): a wiki account
    when it will save, the context its checks run in (profile, today, the wiki's own CS1),
    and, when applying, the state file with a new run recorded.  Returns
    ``(context, store, run_id)``; store and run_id are None for a dry run."""
    import datetime

    from bot.citations.choose import choose_cs1
    from bot.rules import Context

    if apply and wiki is not None and not wiki.wants_login():
        raise UsageError(f"{wiki.describe()}: {command} --apply saves pages, which needs a bot "
                         f"account: set WIKIWARDEN_USER (or usernames in user-config.py) and "
                         f"a bot password (see README.md)")
    context = Context(profile=choose_profile(profile, config, wiki),
                      options={"today": datetime.date.today(),
                               "cs1": choose_cs1(config, wiki)})
    if not apply:
        return context, None, None
    from bot.store import StateStore

    store = StateStore(state_path or config.state_file)
    return context, store, store.start_run(command, sys.argv[1:])


@contextlib.contextmanager
def output_stream(path: Path | None):
    """Standard output, or FILE written atomically (replaced only when all went well)."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
    else:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise UsageError(f"{path}: cannot write the report there: the folder {folder} "
                             f"does not exist")
        if not os.access(folder, os.W_OK):
            raise UsageError(f"{path}: cannot write the report there: the folder {folder} "
                             f"is not writable")
        with atomic_text_writer(path) as fh:
            yield fh
