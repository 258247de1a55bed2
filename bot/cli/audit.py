"""``wikiwarden audit``: check pages and report findings."""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path

import click

from bot.citations.choose import choose_cs1
from bot.cli.common import (
    DEFAULT_PROFILE,
    WikiArgsCommand,
    choose_profile,
    connect_wiki,
    output_stream,
)
from bot.cli.signals import Interruptible
from bot.config import Config
from bot.errors import UsageError
from bot.exits import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERRUPTED
from bot.profiles import builtin_profile_names
from bot.report import FORMATS, get_reporter
from bot.rules import Context, select_rules
from bot.runner import AuditStats, run_audit
from bot.sources import iter_sources
from bot.workers import AuditPlan, audit_in_workers

__all__ = ["audit"]


@click.command(cls=WikiArgsCommand)
@click.argument("sources", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text",
              show_default=True, help="Report format.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Only these checks: codes, prefixes (REF) or names, comma-separated.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these checks.")
@click.option("--profile", metavar="NAME",
              help=f"Wiki conventions: {', '.join(builtin_profile_names())}, one from the "
              f"config, or a .toml file. Default: config, else by wiki, else {DEFAULT_PROFILE}.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE (atomically) instead of standard output.")
@click.option("--all-revisions", is_flag=True,
              help="For XML dumps: audit every revision, not only the last one of each page.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Audit in N worker processes (default: config, else 1). Output order and "
              "findings do not depend on N.")
@click.option("--page-timeout", type=click.FloatRange(min=0), metavar="SECONDS",
              help="Time budget per page (default: config, else 5). A page over it is "
              "reported as skipped and the run goes on. 0: no limit, audit in-process.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run the audit on a Dask cluster (e.g. tcp://10.0.0.5:8786); needs "
              "wikiwarden[dask]. Output is the same as a local run.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")
@click.pass_context
def audit(ctx, sources, fmt, select, ignore, profile, output, all_revisions, jobs, page_timeout,
          scheduler, quiet) -> None:
    """Check pages and report what is wrong with them.

    SOURCES are local paths (.wiki/.txt files, folders, XML dumps: .xml, .xml.bz2,
    .xml.gz) and/or wiki pages chosen with pywikibot's page-selector options, which start
    with a single dash: -page:TITLE, -cat:NAME, -file:LIST.txt, -prefixindex:TEXT,
    -recentchanges, -search:TEXT, -transcludes:TEMPLATE, -ns:0, -limit:N ...
    Wiki access needs a pywikibot user-config.py (see --pywikibot-dir, README.md).

    Exit status (docs/exit-codes.md): 0 nothing found, 1 findings, 2 usage or input error
    (an unreadable file, a broken dump, a missing page), 6 the wiki is unreachable or
    refused the login.

    \b
    Example:
      wikiwarden audit samples/
      wikiwarden audit pages-articles.xml.bz2 --select REF --format json -o refs.json
      wikiwarden audit -cat:Symptoms -ns:0 --profile mepedia
      wikiwarden audit -page:"Vitamin B12" -family:mepedia
      wikiwarden audit enwiki.xml.bz2 --jobs 2 --page-timeout 10
    """
    config: Config = ctx.obj
    wiki_args = ctx.meta.get("wiki_args", [])
    if not sources and not wiki_args:
        raise click.UsageError("give at least one file, folder, dump or page selector")
    select, ignore = tuple(select or config.select), tuple(ignore or config.ignore)
    rules = select_rules(select, ignore)
    if not rules:
        raise UsageError("no checks left after --select/--ignore")
    jobs = jobs or config.jobs
    page_timeout = config.page_timeout if page_timeout is None else page_timeout

    wiki, wiki_args = connect_wiki(config, wiki_args)
    profile_obj = choose_profile(profile, config, wiki)

    items = iter_sources(
        list(sources),
        wiki_args,
        (lambda args: wiki.iter_documents(args, config.batch_size)) if wiki else None,
        all_revisions=all_revisions,
    )
    context = Context(profile=profile_obj, options={"today": datetime.date.today(),
                                                    "cs1": choose_cs1(config, wiki)})
    stats = AuditStats()
    meta = {"profile": profile_obj.name, "rules": [r.code for r in rules]}
    with output_stream(output) as stream:
        reporter = get_reporter(fmt, stream, **meta)
        reporter.start()
        plan = AuditPlan(select, ignore, context)
        budget = page_timeout or float("inf")
        if scheduler:
            from bot.distributed import audit_on_cluster

            results = audit_on_cluster(items, plan, scheduler, budget)
        elif jobs == 1 and page_timeout == 0:
            results = run_audit(items, rules, context)
        else:
            results = audit_in_workers(items, plan, jobs, budget)
        with Interruptible() as interrupt:
            for result in _progress(results, quiet):
                stats.add(result)
                if result.problem is not None:
                    click.echo(f"wikiwarden: error: {result.problem}", err=True)
                reporter.page(result)
                if interrupt.requested:
                    break
            if hasattr(results, "close"):
                results.close()  # stops the worker processes now
        stats.finished = time.perf_counter()
        reporter.finish(stats)
    if not quiet:
        click.echo(_summary(stats), err=True)
    if interrupt.requested:
        click.echo(f"wikiwarden: {interrupt.requested}: the report covers the pages audited "
                   f"so far", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if stats.problems:
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_FINDINGS if stats.findings else EXIT_CLEAN)


def _progress(results, quiet: bool):
    """A progress bar on stderr after 2 s, only when stderr is a terminal."""
    if quiet:
        return results
    from tqdm import tqdm

    return tqdm(results, unit=" pages", delay=2, disable=None, file=sys.stderr, leave=False)


def _summary(stats: AuditStats) -> str:
    parts = [f"{count} {severity}{'s' if count != 1 else ''}"
             for severity, count in sorted(stats.by_severity.items())]
    found = f"{stats.findings} finding{'s' if stats.findings != 1 else ''}"
    if parts:
        found += f" ({', '.join(parts)})"
    line = (
        f"Audited {stats.pages} page{'s' if stats.pages != 1 else ''} in "
        f"{stats.seconds:.2f} s ({stats.pages_per_second:.1f} pages/s): {found}"
    )
    if stats.problems:
        line += f"; {stats.problems} input{'s' if stats.problems != 1 else ''} could not be read"
    return line + "."
