"""``wikiwarden run NAME`` (a scheduled job) and ``wikiwarden runs [show ID]`` (history)."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
from pathlib import Path

import click

from bot.cli.common import choose_profile, connect_wiki
from bot.config import Config
from bot.errors import WikiError, WikiwardenError
from bot.exits import EXIT_CLEAN, EXIT_LOCKED, EXIT_USAGE, EXIT_WIKI_DOWN

__all__ = ["run", "runs"]

_STATE_HELP = ("SQLite state file (default: config state_file, else "
               "./wikiwarden-state.sqlite).")


@click.command()
@click.argument("name")
@click.option("--dry-run", is_flag=True, help="Show what the run would check and change; "
              "save nothing, record nothing, publish nothing.")
@click.option("--full", is_flag=True, help="Check every selected page again, ignoring what "
              "earlier runs recorded.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems: new findings, "
              "failures, warnings (nothing when all is well: for cron mail).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="What to print on standard output.")
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path),
              help=_STATE_HELP)
@click.pass_context
def run(ctx, name, dry_run, full, quiet, fmt, state_path) -> None:
    """Run the scheduled job NAME from the config ([jobs.NAME] in wikiwarden.toml).

    Only pages whose revision changed since the job's last complete run are fetched and
    checked (the first run checks all); an unchanged page is never fetched again. Every run
    is recorded: what is new since the last run, what was fixed (by the bot or by someone
    else), what is still open. One run per job at a time; a run killed at any point is
    resumed by the next one, and no page is saved twice.

    Exit status (bot/exits.py): 0 clean; 1 new findings; 2 configuration error (also a
    selection naming a category or page that does not exist); 3 halted by the stop page;
    4 only expected skips ({{nobots}}, cosmetic-only, max_runtime or limit reached);
    5 failures (a save failed, a page could not be read); 6 the wiki is down; 7 another
    run of this job holds the lock.

    \b
    Example:
      wikiwarden run refs --dry-run
      wikiwarden run refs --quiet          # in a crontab: mail only problems
      wikiwarden run refs --full --format json > refs.json
    """
    from bot.jobs import JobLocked, get_job, job_lock, publish_report, run_job, write_reports
    from bot.report.jobrun import render_json, render_text
    from bot.store import JobState, StateStore

    config: Config = ctx.obj
    job = get_job(config, name)
    state_file = state_path or config.state_file
    lock = contextlib.nullcontext() if dry_run else job_lock(state_file, job.name)
    try:
        with lock:
            store = StateStore(state_file)
            try:
                wiki = None
                if job.wiki_args:
                    wiki, selectors = connect_wiki(config, list(job.wiki_args))
                    job = dataclasses.replace(job, wiki_args=tuple(selectors))
                profile = choose_profile(job.profile, config, wiki)

                def reports(outcome):
                    if dry_run:
                        return
                    try:
                        write_reports(outcome, job)
                    except OSError as error:
                        outcome.problems.append(f"cannot write the report: {error}")
                    if not (outcome.wiki_down or outcome.halted):
                        try:
                            publish_report(outcome, job, wiki, JobState(store))
                        except WikiError as error:
                            outcome.problems.append(f"cannot publish the report: {error}")

                outcome = run_job(job, profile, store, wiki, full=full, dry_run=dry_run,
                                  page_timeout=config.page_timeout,
                                  batch_size=config.batch_size,
                                  argv=["run", name, *("--full",) * full], after=reports)
            finally:
                store.close()
    except JobLocked as locked:
        click.echo(f"wikiwarden: locked: {locked}", err=True)
        sys.exit(EXIT_LOCKED)
    except WikiError as error:
        click.echo(f"wikiwarden: error: {error}", err=True)
        sys.exit(EXIT_WIKI_DOWN)
    if fmt == "json":
        click.echo(render_json(outcome), nl=False)
        problems = render_text(outcome, quiet=True) if not quiet else ""
        if problems:
            click.echo(problems, err=True, nl=False)
    else:
        click.echo(render_text(outcome, quiet=quiet), nl=False)
    sys.exit(outcome.exit_code)


@click.command()
@click.argument("action", required=False, type=click.Choice(["show"]))
@click.argument("run_id", required=False)
@click.option("--job", metavar="NAME", help="Only this job's runs.")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many runs to list.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path),
              help=_STATE_HELP)
@click.pass_context
def runs(ctx, action, run_id, job, limit, fmt, state_path) -> None:
    """List recorded runs, latest first, or show one run's saves with revision links.

    Columns: run id, job (or command), start, end, status, pages checked, findings
    new/fixed/open, saves.

    \b
    Example:
      wikiwarden runs
      wikiwarden runs --job refs -n 5
      wikiwarden runs show 20261125T2210      # a unique prefix of the id is enough
    """
    from bot.store import StateStore, list_runs, run_details

    config: Config = ctx.obj
    path = state_path or config.state_file
    if not Path(path).is_file():
        click.echo(f"wikiwarden: error: {path}: no state file (no run recorded yet)", err=True)
        sys.exit(EXIT_USAGE)
    store = StateStore(path)
    try:
        if action == "show":
            if not run_id:
                raise click.UsageError("give the run id: wikiwarden runs show ID")
            details = run_details(store, run_id)
            if details is None:
                click.echo(f"wikiwarden: error: no single run matches {run_id!r}", err=True)
                sys.exit(EXIT_USAGE)
            links = _links(config, details) if details["saves"] else None
            click.echo(json.dumps(details, indent=1) if fmt == "json"
                       else _show(details, links))
        else:
            rows = list_runs(store, job=job, limit=limit)
            click.echo(json.dumps(rows, indent=1) if fmt == "json" else _table(rows))
    finally:
        store.close()
    sys.exit(EXIT_CLEAN)


def _table(rows: list[dict]) -> str:
    lines = [f"{'run':24} {'job':12} {'started':20} {'finished':20} {'status':10} "
             f"{'pages':>6} {'new':>5} {'fixed':>5} {'open':>6} {'saves':>5}"]
    for r in rows:
        fixed = (r["fixed_bot"] or 0) + (r["fixed_people"] or 0)
        lines.append(
            f"{r['id']:24} {(r['job'] or r['command']):12} {r['started_at'][:19]:20} "
            f"{(r['finished_at'] or '-')[:19]:20} {(r['status'] or 'running?'):10} "
            f"{_n(r['pages_checked']):>6} {_n(r['new']):>5} "
            f"{_n(fixed if r['job'] else None):>5} {_n(r['open']):>6} {r['saves']:>5}")
    return "\n".join(lines)


def _n(value) -> str:
    return "-" if value is None else str(value)


def _links(config: Config, details: dict):
    """Revision URLs from the wiki's site info (cached by pywikibot); None when offline."""
    try:
        wiki, _ = connect_wiki(config, ["-page:x"])
        return wiki.links()
    except WikiwardenError:  # links are a convenience: the ids are printed anyway
        return None


def _show(d: dict, links: dict | None) -> str:
    lines = [f"Run {d['id']}: {' '.join(d['arguments'])}",
             f"  started {d['started_at']}, finished {d['finished_at'] or '-'}, "
             f"status {d['status'] or 'running or killed'}"]
    if d["job"]:
        lines.append(f"  {d['mode']}: {d['pages_checked']} pages checked of "
                     f"{d['pages_selected']}; findings {d['new']} new, {d['fixed_bot']} fixed "
                     f"by the bot, {d['fixed_people']} by others, {d['open']} open; "
                     f"exit {d['exit_code']}")
    lines.append(f"  {len(d['saves'])} save(s):")
    for s in d["saves"]:
        codes = ", ".join(f"{c} ×{n}" for c, n in sorted(s["codes"].items()))
        url = f"  {links['diff'].format(revid=s['new_revid'])}" if links and s["new_revid"] \
            else ""
        lines.append(f"    [[{s['target']}]] {s['base_revid']} → {s['new_revid']} "
                     f"({codes}){url}")
    return "\n".join(lines)
