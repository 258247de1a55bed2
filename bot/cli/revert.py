"""``wikiwarden revert RUN_ID``: undo every save of a recorded run; a dry run unless --apply."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from bot.config import Config, resolve_pywikibot_dir
from bot.exits import EXIT_CLEAN, EXIT_FAILED, EXIT_SKIPPED
from bot.revert import Reverter
from bot.store import StateStore

__all__ = ["revert"]


@click.command()
@click.argument("run_id")
@click.option("--apply", is_flag=True, help="Undo for real. Without it, only lists what "
              "would be undone.")
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The state file the run was recorded in (default: config state_file).")
@click.option("--quiet", "-q", is_flag=True, help="No summary line.")
@click.pass_context
def revert(ctx, run_id, apply, state_path, quiet) -> None:
    """Undo every save of the run RUN_ID (wiki pages and local files), newest first.

    Wiki pages are undone with MediaWiki's own undo, which keeps the edits others made
    since in other places; a page where the undo no longer applies cleanly is listed and
    left untouched. Local files go back to the text they had before the save, unless they
    changed since (then they are listed, untouched). The revert is recorded as a run of its
    own, so it can be reverted too. Run ids are printed by `fix --apply` and `cite --apply`.

    Exit status: 0 all undone, 4 some saves left alone (the undo no longer applies, or
    already reverted), 5 some undos failed, 2 usage error.

    \b
    Example:
      wikiwarden revert 20261125T221500-1a2b3c             # dry run: what would be undone
      wikiwarden revert 20261125T221500-1a2b3c --apply
    """
    config: Config = ctx.obj
    store = StateStore(state_path or config.state_file)
    try:
        reverter = Reverter(store, run_id, apply=apply, arguments=sys.argv[1:])
        if reverter.needs_wiki:
            from bot.wiki import Wiki

            reverter.wiki = Wiki(resolve_pywikibot_dir(config))
            reverter.wiki.connect()
        counts: Counter = Counter()
        for outcome in reverter.run():
            counts[outcome.status] += 1
            line = f"{outcome.status}: {outcome.target}"
            if outcome.detail:
                line += f" ({outcome.detail})"
            click.echo(line, err=outcome.status in ("left", "failed"))
            if outcome.diff and not apply:
                click.echo(outcome.diff, nl=False)
    finally:
        store.close()
    if not quiet:
        parts = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"
        run = f" Revert run {reverter.revert_run}." if reverter.revert_run else \
            " Nothing was written (dry run; add --apply)."
        click.echo(f"Run {run_id}: {len(reverter.saves)} saves: {parts}.{run}", err=True)
    if counts["failed"]:
        sys.exit(EXIT_FAILED)
    sys.exit(EXIT_SKIPPED if counts["left"] or counts["already"] else EXIT_CLEAN)
