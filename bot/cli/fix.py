"""``wikiwarden fix``: repair what can be repaired safely; a dry run unless --apply."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from bot.cli.common import WikiArgsCommand, connect_wiki, writing_setup
from bot.cli.signals import Interruptible
from bot.config import Config
from bot.errors import UsageError, WikiDown
from bot.exits import (
    EXIT_CLEAN,
    EXIT_FAILED,
    EXIT_HALTED,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_SKIPPED,
    EXIT_WIKI_DOWN,
)
from bot.fixes.engine import fixable_rules
from bot.fixes.health import WikiHealth
from bot.fixes.run import DUMP_READ_ONLY, FixPlan, PageFixer, StopRequested
from bot.rules import select_rules
from bot.sources import SourceProblem, iter_sources
from bot.sources.dump import is_dump
from bot.workers import map_in_workers

__all__ = ["fix"]



@click.command(cls=WikiArgsCommand)
@click.argument("sources", nargs=-1)
@click.option("--select", multiple=True, metavar="CODES", help="Only these fixes (codes, "
              "prefixes or names). The validation gate always re-runs every check.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these fixes.")
@click.option("--profile", metavar="NAME", help="Wiki conventions (see `audit --help`).")
@click.option("--apply", is_flag=True, help="Write the changes: replace local files "
              "atomically, save wiki pages. Without it nothing is written anywhere.")
@click.option("--diff", "show_diff", is_flag=True,
              help="With --apply, also print the diffs (a dry run always prints them).")
@click.option("--summary", metavar="TEXT", help="Added to the edit summary, which lists "
              "the codes fixed.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Change at most N pages, then stop.")
@click.option("--stop-page", metavar="TITLE", help="Halt before the next save when this "
              "wiki page is not empty (default: config stop_page).")
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite file recording every save (default: config state_file, else "
              "./wikiwarden-state.sqlite).")
@click.option("--quiet", "-q", is_flag=True, help="No summary line.")
@click.pass_context
def fix(ctx, sources, select, ignore, profile, apply, show_diff, summary, limit, stop_page,
        state_path, quiet) -> None:
    """Fix what can be fixed safely, as minimal edits, after a validation gate.

    Without --apply this is a dry run: it prints a unified diff per page and a summary,
    and writes nothing. With --apply, local files are replaced atomically and wiki pages
    are saved over the exact revision they were read from (an edit made meanwhile is never
    overwritten: the page is fetched, fixed and checked again, else skipped). Every save is
    recorded in the state file.

    Before anything is written, each page must pass the gate: the fixed findings are gone,
    no new finding of any code appeared, no word, link or citation was lost, and the size
    changed within bounds. A fix that would fail the gate is dropped (named, with the
    reason) and the page's other fixes go through the gate again. Pages with only cosmetic
    fixes, and pages whose {{bots}} or {{nobots}} exclude the bot, are skipped.

    Each page is fixed and validated within the per-page time budget (config page_timeout).
    A wiki error on one page skips that page, with its reason; 5 pages in a row failing that
    way, or a failed login, stop the run. Ctrl-C or SIGTERM finish the current page, then stop.

    Exit status (docs/exit-codes.md): 0 done, 2 input error, 3 halted by the stop page, 4
    some pages skipped for expected reasons only ({{nobots}}, cosmetic-only, over the time
    budget), 5 some pages failed, 6 the wiki is down or refused the login, 130 interrupted.

    \b
    Example:
      wikiwarden fix samples/                      # dry run: diffs only
      wikiwarden fix samples/ --select REF011 --apply
      wikiwarden fix -cat:Vitamins --apply --summary "citation clean-up" --limit 20
    """
    config: Config = ctx.obj
    wiki_args = ctx.meta.get("wiki_args", [])
    if not sources and not wiki_args:
        raise click.UsageError("give at least one file, folder, dump or page selector")
    if apply:
        dumps = [s for s in sources if Path(s).is_file() and is_dump(Path(s))]
        if dumps:
            raise UsageError(f"{dumps[0]}: dumps cannot be written back; fix --apply works on "
                             f".wiki files and wiki pages (drop --apply for the diffs)")
    rules = select_rules(select or config.select, ignore or config.ignore)
    if not fixable_rules(rules):
        raise UsageError("none of the selected checks has an automatic fix "
                         "(see `wikiwarden rules`)")
    all_rules = select_rules()  # the gate re-runs every check
    wiki, wiki_args = connect_wiki(config, wiki_args)
    context, store, run_id = writing_setup("fix", config, wiki, profile, apply, state_path)
    fixer = PageFixer(fixable_rules(rules), context, apply=apply, store=store,
                      run_id=run_id, summary=summary, wiki=wiki,
                      stop_page=stop_page or config.stop_page, gate_rules=all_rules)
    items = iter_sources(list(sources), wiki_args,
                         (lambda a: wiki.iter_documents(a, config.batch_size)) if wiki else None)
    plan = FixPlan(tuple(select or config.select), tuple(ignore or config.ignore), context)
    work = (map_in_workers(items, plan, jobs=1, budget=config.page_timeout)
            if config.page_timeout else ((item, None) for item in items))
    counts: Counter = Counter()
    codes: Counter = Counter()
    told_dumps: set[str] = set()
    status = "done"
    health = WikiHealth()
    with Interruptible() as interrupt:
        try:
            for item, prepared in work:
                if isinstance(item, SourceProblem):
                    if "budget per page" in item.problem:  # named as other skipped pages are
                        counts["skipped"] += 1
                        click.echo(f"wikiwarden: skipped {item.where or item}: "
                                   f"{item.problem.removeprefix('skipped: ')}", err=True)
                    else:
                        counts["problems"] += 1
                        click.echo(f"wikiwarden: error: {item}", err=True)
                else:
                    outcome = fixer.fix(item, prepared)
                    health.page_done(outcome)
                    _tell(outcome, counts, codes, told_dumps, show_diff or not apply)
                    changed = counts["would-change"] + counts["written"] + counts["saved"]
                    if limit and changed >= limit:
                        click.echo(f"wikiwarden: stopping after {limit} changed pages "
                                   f"(--limit)", err=True)
                        break
                if interrupt.requested:
                    status = "interrupted"
                    click.echo(f"wikiwarden: {interrupt.requested}: stopped after the current "
                               f"page", err=True)
                    break
        except StopRequested as stop:
            status = "halted"
            click.echo(f"wikiwarden: halted: {stop}", err=True)
        except WikiDown as down:
            status = "failed"
            click.echo(f"wikiwarden: error: {down}", err=True)
        except KeyboardInterrupt:  # a second Ctrl-C
            status = "interrupted"
            raise
        except BaseException:
            status = "failed"
            raise
        finally:
            work.close()  # stops the worker process now
            if store is not None:
                store.finish_run(run_id, status)
                store.close()
    if not quiet:
        click.echo(_summary(counts, codes, apply), err=True)
        retried = wiki.retry_log.summary() if wiki is not None else ""
        if retried:
            click.echo(f"wikiwarden: {retried}", err=True)
    sys.exit(_exit_status(status, counts))


def _tell(outcome, counts: Counter, codes: Counter, told_dumps: set, show_diff: bool) -> None:
    """Count one page's outcome and say what needs saying, once per problem."""
    counts[outcome.status] += 1
    for dropped in outcome.dropped:
        counts["dropped"] += 1
        click.echo(f"wikiwarden: {outcome.target}: dropped the fix {dropped.describe()}",
                   err=True)
    if outcome.status in ("skipped", "failed"):
        if outcome.reason == DUMP_READ_ONLY:
            if outcome.source not in told_dumps:
                told_dumps.add(outcome.source)
                click.echo(f"wikiwarden: skipped {outcome.source}: {DUMP_READ_ONLY}", err=True)
            return
        click.echo(f"wikiwarden: {outcome.status} {outcome.target}: {outcome.reason}", err=True)
    elif outcome.status != "unchanged":
        codes.update(outcome.codes)
        if outcome.diff and show_diff:
            click.echo(outcome.diff, nl=False)


def _exit_status(status: str, counts: Counter) -> int:
    if status == "interrupted":
        return EXIT_INTERRUPTED
    if status == "halted":
        return EXIT_HALTED
    if status == "failed":
        return EXIT_WIKI_DOWN
    if counts["problems"]:
        return EXIT_INPUT
    if counts["failed"]:
        return EXIT_FAILED
    return EXIT_SKIPPED if counts["skipped"] else EXIT_CLEAN


def _summary(counts: Counter, codes: Counter, apply: bool) -> str:
    checked = sum(v for k, v in counts.items() if k not in ("problems", "dropped"))
    changed = counts["written"] + counts["saved"] if apply else counts["would-change"]
    verb = "changed" if apply else "would change"
    fixed = ", ".join(f"{code} ×{n}" for code, n in sorted(codes.items())) or "nothing"
    line = (f"Checked {checked} page{'s' if checked != 1 else ''}: {changed} {verb} "
            f"({fixed}), {counts['skipped']} skipped, {counts['failed']} failed, "
            f"{counts['unchanged']} unchanged")
    if counts["dropped"]:
        n = counts["dropped"]
        line += f"; {n} fix{'es' if n != 1 else ''} dropped by the gate"
    if counts["problems"]:
        line += f"; {counts['problems']} inputs could not be read"
    return line + ("." if apply else ". Nothing was written (dry run; add --apply).")
