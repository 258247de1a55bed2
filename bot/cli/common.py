"""What the audit and fix commands share: wiki arguments, connecting, choosing a profile."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from bot.config import Config, resolve_pywikibot_dir
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
    """Lets pywikibot's single-dash selectors (``-cat:Foo``) through as plain arguments."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        local, wiki = split_sources(args)
        ctx.meta["wiki_args"] = wiki
        return super().parse_args(ctx, local)


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


@contextlib.contextmanager
def output_stream(path: Path | None):
    """Standard output, or FILE written atomically (replaced only when all went well)."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
    else:
        with atomic_text_writer(path) as fh:
            yield fh
