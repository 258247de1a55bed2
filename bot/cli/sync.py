"""``wikiwarden pull``, ``status``, ``diff`` and ``push``: content sync with a working folder."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from bot.cli.common import _GLOBAL_WIKI_OPTIONS, WikiArgsCommand, choose_profile
from bot.config import Config, resolve_pywikibot_dir
from bot.errors import UsageError
from bot.exits import EXIT_CLEAN, EXIT_FAILED, EXIT_FINDINGS
from bot.fixes.diff import unified_diff
from bot.rules import Context, select_rules
from bot.sync.folder import WorkingFolder, find_root
from bot.sync.gate import PushGate
from bot.sync.pull import bind_site, pull
from bot.sync.push import push
from bot.sync.status import folder_status
from bot.sync.text import file_text

__all__ = ["diff", "pull_command", "push_command", "status"]


def _connect(config: Config, global_args: list[str]):
    from bot.wiki import Wiki

    wiki = Wiki(resolve_pywikibot_dir(config), global_args)
    wiki.connect()
    return wiki


def _wiki(config: Config, folder: WorkingFolder, global_args: list[str] | None = None):
    """The folder's wiki (its recorded pywikibot options unless new ones are given)."""
    args = global_args if global_args else folder.store.get("global_args", [])
    return _connect(config, args), args


def _open(path: Path | None) -> WorkingFolder:
    return WorkingFolder.open(path or Path.cwd())


def _paths(folder: WorkingFolder, paths) -> set[str] | None:
    return {folder.relative(Path(p)) for p in paths} if paths else None


@click.command("pull", cls=WikiArgsCommand)
@click.option("--into", "into", type=click.Path(file_okay=False, path_type=Path),
              help="The working folder (created on first pull). Default: the working folder "
              "you are in, else the current folder.")
@click.pass_context
def pull_command(ctx, into) -> None:
    """Fetch pages into a working folder, one file per page; merge the wiki's changes.

    The first pull writes one .wiki file per page chosen with pywikibot's page selectors
    (-page:TITLE, -cat:NAME, -prefixindex:TEXT, -file:LIST.txt, -ns:N ...) and records each
    page's base revision in .wikiwarden/.  Later pulls (selectors optional: the folder
    remembers them) fast-forward unmodified files and 3-way merge locally edited ones; a
    conflict leaves <<<<<<< markers and the page in state "conflict".

    Exit status: 0 done, 5 conflicts or pages that could not be pulled, 2 usage error.

    \b
    Example:
      wikiwarden pull -cat:Vitamins --into vitamins/
      cd vitamins && wikiwarden pull
    """
    config: Config = ctx.obj
    wiki_args = ctx.meta.get("wiki_args", [])
    global_args = [a for a in wiki_args if a.split(":", 1)[0] in _GLOBAL_WIKI_OPTIONS]
    selection = [a for a in wiki_args if a not in global_args]
    root = find_root(into or Path.cwd())
    if into is not None and root is not None and root.resolve() != into.resolve():
        root = None  # --into names a new folder inside another working folder
    if root is None and not selection:
        raise UsageError("a first pull needs page selectors, e.g. -page:TITLE or -cat:NAME")
    if root is None:  # a new folder: made only once the wiki answers
        wiki, args = _connect(config, global_args), global_args
        folder = WorkingFolder.create(into or Path.cwd())
    else:
        folder = WorkingFolder.create(root)
    try:
        if root is not None:
            wiki, args = _wiki(config, folder, global_args)
        bind_site(folder, wiki, args)
        report = pull(folder, wiki, selection)
    finally:
        folder.close()
    for path in report.created:
        click.echo(f"new        {path}")
    for path in report.updated:
        click.echo(f"updated    {path}")
    for path in report.merged:
        click.echo(f"merged     {path}")
    for path in report.conflicts:
        click.echo(f"CONFLICT   {path}")
    for problem in report.problems:
        click.echo(f"wikiwarden: {problem}", err=True)
    click.echo(
        f"Pulled into {folder.root}: {len(report.created)} new, {len(report.updated)} updated, "
        f"{len(report.merged)} merged, {len(report.conflicts)} conflicts, "
        f"{report.unchanged} unchanged.", err=True)
    sys.exit(EXIT_FAILED if report.failed else EXIT_CLEAN)


@click.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--local", "local_only", is_flag=True,
              help="Compare files with their bases only; do not ask the wiki.")
@click.option("--all", "show_all", is_flag=True, help="List unchanged pages too.")
@click.pass_context
def status(ctx, directory, local_only, show_all) -> None:
    """Show which pages differ: locally, on the wiki, or both.

    One line per page: modified locally, changed on the wiki, needs merge, conflict, new
    local file, deleted locally, deleted or moved on the wiki.  Asks the wiki for the
    latest revision ids only (one request per batch of pages), never for texts.

    Exit status: 0 nothing differs, 1 something differs, 2 usage error.

    \b
    Example:
      wikiwarden status
      wikiwarden status vitamins/ --local
    """
    folder = _open(directory)
    try:
        wiki = None if local_only else _wiki(ctx.obj, folder)[0]
        statuses = folder_status(folder, wiki)
    finally:
        folder.close()
    differ = 0
    for item in statuses:
        if item.state != "unchanged":
            differ += 1
        if item.state != "unchanged" or show_all:
            click.echo(f"{item.label:<46}  {item.path}")
    click.echo(f"{len(statuses)} pages, {differ} differ.", err=True)
    sys.exit(EXIT_FINDINGS if differ else EXIT_CLEAN)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--wiki", "against_wiki", is_flag=True,
              help="Compare with the wiki's current revision instead of the base.")
@click.pass_context
def diff(ctx, paths, against_wiki) -> None:
    """Show local edits as a unified diff against their base (or the wiki, with --wiki).

    \b
    Example:
      wikiwarden diff
      wikiwarden diff "Vitamin B12.wiki" --wiki
    """
    folder = _open(paths[0].parent if paths else None)
    try:
        wanted = _paths(folder, paths)
        statuses = folder_status(folder, None, wanted)
        theirs = {}
        if against_wiki:
            wiki = _wiki(ctx.obj, folder)[0]
            tracked = [s for s in statuses if s.record and s.record.pageid]
            located = wiki.latest_revisions([s.record.pageid for s in tracked])
            live = {pid: r for pid, r in located.items() if r.exists}
            theirs = {r.pageid: r.text for r in wiki.fetch_texts_of(live.values())}
    finally:
        folder.close()
    for item in statuses:
        local = file_text(item.local or "")
        if against_wiki:
            if item.record is None or item.record.pageid not in theirs:
                continue
            base = file_text(theirs[item.record.pageid])
        else:
            base = file_text(item.record.base_text) if item.record else ""
        if base != local:
            click.echo(unified_diff(base, local, item.path), nl=False)


@click.command("push")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--summary", "-m", metavar="TEXT", help="Edit summary (default: 'wikiwarden push').")
@click.option("--dry-run", "-n", is_flag=True, help="Check and report; save nothing.")
@click.option("--force-check", "force", multiple=True, metavar="CODES",
              help="Accept new findings of these codes (comma-separated) in the gate.")
@click.option("--profile", metavar="NAME", help="Wiki conventions for the checks (see audit).")
@click.pass_context
def push_command(ctx, paths, summary, dry_run, force, profile) -> None:
    """Save local edits to the wiki, each over the revision it is based on.

    The checks are the gate: a page is pushed only if its edit adds no error finding
    compared with its base (the profile's sync_gate_severity / sync_gate_accept change
    that; --force-check CODES accepts named ones), it still parses back to itself and has
    no conflict markers.  If the wiki changed meanwhile, the changes are merged and the
    result is checked and saved; overlapping changes stop the page as "needs merge".  New
    files create pages (never over a page created meanwhile); local deletions are never
    pushed.  After a save the new revision is the base.

    Exit status: 0 done, 5 some pages were refused, need a merge or failed, 2 usage error.

    \b
    Example:
      wikiwarden push --dry-run
      wikiwarden push "Vitamin B12.wiki" -m "Update dosage"
      wikiwarden push --force-check SEC001
    """
    config: Config = ctx.obj
    folder = _open(paths[0].parent if paths else None)
    try:
        wanted = _paths(folder, paths)
        wiki = _wiki(config, folder)[0]
        accept = {c.strip() for value in force for c in value.split(",") if c.strip()}
        context = Context(profile=choose_profile(profile, config, wiki),
                          options={"today": datetime.date.today()})
        gate = PushGate(select_rules(), context, accept)
        report = push(folder, wiki, gate, wanted, summary=summary, dry_run=dry_run)
    finally:
        folder.close()
    for outcome in report.outcomes:
        if outcome.status in ("unchanged",):
            continue
        click.echo(f"{outcome.status:<12} {outcome.path}"
                   + (f": {outcome.reason}" if outcome.reason else ""))
        for finding in outcome.findings:
            click.echo(f"    {finding.line}:{finding.column} {finding.code} "
                       f"[{finding.severity}] {finding.message}")
    saved = report.count("saved", "created")
    click.echo(f"{'Would push' if dry_run else 'Pushed'} "
               f"{report.count('would-save', 'would-create') if dry_run else saved} pages; "
               f"{report.count('refused')} refused, {report.count('needs-merge')} need a merge, "
               f"{report.count('failed')} failed.", err=True)
    sys.exit(EXIT_FAILED if report.failed else EXIT_CLEAN)
