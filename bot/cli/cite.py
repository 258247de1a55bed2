"""``wikiwarden cite``: complete citations from their identifiers; a dry run unless --apply."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from bot.cite import CiteRun, CitingFixer, lookup_summary
from bot.cite.run import KINDS
from bot.cli.common import WikiArgsCommand, connect_wiki, writing_setup
from bot.config import Config
from bot.exits import EXIT_CLEAN, EXIT_FAILED, EXIT_FINDINGS, EXIT_HALTED, EXIT_INPUT
from bot.fixes.engine import fixable_rules
from bot.fixes.run import StopRequested
from bot.report.text import format_finding
from bot.rules import select_rules
from bot.sources import SourceProblem, iter_sources

__all__ = ["cite"]

COMPLETION_CODES = ("CMP001", "CMP002", "CMP003")


@click.command(cls=WikiArgsCommand)
@click.argument("sources", nargs=-1)
@click.option("--select", multiple=True, metavar="CODES", help="Only these completions "
              "(CMP001 bare references, CMP002 incomplete templates, CMP003 study entries).")
@click.option("--profile", metavar="NAME", help="Wiki conventions (see `audit --help`); "
              "its citation_names picks last/first or vauthors.")
@click.option("--apply", is_flag=True, help="Write the changes (files atomically, wiki "
              "pages over the revision read). Without it nothing is written.")
@click.option("--offline", is_flag=True, help="Use only the lookup cache: no request to "
              "any service.")
@click.option("--identifiers", "kinds", default=",".join(sorted(KINDS)), show_default=True,
              metavar="KINDS", help="Which identifiers to look up: doi, pmid, pmc, isbn, url "
              "(comma-separated).")
@click.option("--diff", "show_diff", is_flag=True, help="With --apply, print the diffs too.")
@click.option("--summary", metavar="TEXT", help="Added to the edit summary (which always "
              "names the codes fixed and every field added).")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Change at most N pages, then stop.")
@click.option("--stop-page", metavar="TITLE", help="Halt before the next save when this "
              "wiki page is not empty (default: config stop_page).")
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite file recording every save (default: config state_file).")
@click.option("--quiet", "-q", is_flag=True, help="No summary lines.")
@click.pass_context
def cite(ctx, sources, select, profile, apply, offline, kinds, show_diff, summary, limit, stop_page,
         state_path, quiet) -> None:
    """Complete citations from their DOI, PMID, PMC, ISBN or URL.

    Looks up every identifier the pages cite (Crossref, then DataCite, for DOIs; NCBI
    E-utilities for PMIDs and PMC ids, 200 a request; Open Library for ISBNs; a page's own
    citation/Open Graph meta tags for bare URLs), through one cache and within each
    service's rate limit, then: turns a <ref> holding only a link or identifier into a full
    {{cite journal}}, {{cite book}} or {{cite web}} (CMP001), adds the fields a citation
    template lacks (CMP002), completes MEpedia "Notable studies" references (CMP003).

    Nothing on the page is ever changed, only added. A citation whose title, year or journal
    disagrees with its source (CMP004), a retracted work or a notice (CMP005) and an
    identifier no registry knows (CMP006) are reported and left alone. Every page passes
    the validation gate of `fix` before it is written; every save is recorded, and
    `wikiwarden revert RUN_ID` undoes a run.

    Needs the operator's contact in the config ([lookup] contact = "mailto:..."): it is
    sent in the User-Agent. Exit status: 0 done, 1 pages skipped or findings reported,
    2 input error, 3 halted by the stop page, 5 some lookups failed (network, service).

    \b
    Example:
      wikiwarden cite samples/                    # dry run: diffs and reports
      wikiwarden cite -cat:Symptoms --apply --limit 20
      wikiwarden cite page.wiki --offline         # from the cache only
    """
    config: Config = ctx.obj
    wiki_args = ctx.meta.get("wiki_args", [])
    if not sources and not wiki_args:
        raise click.UsageError("give at least one file, folder, dump or page selector")
    chosen = frozenset(k.strip().lower() for k in kinds.split(",") if k.strip())
    if not chosen or chosen - KINDS:
        raise click.UsageError(f"--identifiers: choose among {', '.join(sorted(KINDS))}")
    from bot.resolvers import LookupSettings, Resolver  # requests and co.: only for `cite`

    base = config.path.parent if config.path else None
    settings = LookupSettings.from_config(config.lookup, base).with_offline(offline)
    settings.require_contact()
    rules = [r for r in select_rules(select or COMPLETION_CODES) if r.code in COMPLETION_CODES]
    if not rules:
        raise click.UsageError(f"--select: choose among {', '.join(COMPLETION_CODES)}")
    all_rules = select_rules()
    wiki, wiki_args = connect_wiki(config, wiki_args)
    context, store, run_id = writing_setup("cite", config, wiki, profile, apply, state_path)
    fixer = CitingFixer(fixable_rules(rules), context, apply=apply, store=store,
                        run_id=run_id, summary=summary, wiki=wiki,
                        stop_page=stop_page or config.stop_page, gate_rules=all_rules)
    resolver = Resolver(settings)
    run = CiteRun(fixer, resolver, all_rules, chunk=config.batch_size * 4, kinds=chosen)
    items = iter_sources(list(sources), wiki_args,
                         (lambda a: wiki.iter_documents(a, config.batch_size)) if wiki else None)
    counts: Counter = Counter()
    codes: Counter = Counter()
    status = "done"
    try:
        for page in run.run(items):
            if isinstance(page, SourceProblem):
                counts["problems"] += 1
                click.echo(f"wikiwarden: error: {page}", err=True)
                continue
            outcome = page.outcome
            counts[outcome.status] += 1
            for finding in page.reported:
                counts["reported"] += 1
                click.echo(format_finding(outcome.target, finding))
            for key, problem in page.failures:
                counts["failed lookups"] += 1
                click.echo(f"wikiwarden: {outcome.target}: lookup of {key} failed: {problem}",
                           err=True)
            if outcome.status == "skipped":
                click.echo(f"wikiwarden: skipped {outcome.target}: {outcome.reason}", err=True)
            elif outcome.status != "unchanged":
                codes.update(outcome.codes)
                if outcome.diff and (show_diff or not apply):
                    click.echo(outcome.diff, nl=False)
                changed = counts["would-change"] + counts["written"] + counts["saved"]
                if limit and changed >= limit:
                    click.echo(f"wikiwarden: stopping after {limit} changed pages (--limit)",
                               err=True)
                    break
    except StopRequested as stop:
        status = "halted"
        click.echo(f"wikiwarden: halted: {stop}", err=True)
    finally:
        resolver.close()
        if store is not None:
            store.finish_run(run_id, status)
            store.close()
    if not quiet:
        click.echo(_summary(counts, codes, apply, run_id), err=True)
        click.echo(lookup_summary(resolver), err=True)
    if status == "halted":
        sys.exit(EXIT_HALTED)
    if counts["problems"]:
        sys.exit(EXIT_INPUT)
    if counts["failed lookups"]:
        sys.exit(EXIT_FAILED)
    sys.exit(EXIT_FINDINGS if counts["skipped"] or counts["reported"] else EXIT_CLEAN)


def _summary(counts: Counter, codes: Counter, apply: bool, run_id: str | None) -> str:
    checked = sum(counts[k] for k in ("unchanged", "skipped", "would-change", "written",
                                      "saved"))
    changed = counts["written"] + counts["saved"] if apply else counts["would-change"]
    verb = "changed" if apply else "would change"
    fixed = ", ".join(f"{code} ×{n}" for code, n in sorted(codes.items())) or "nothing"
    line = (f"Checked {checked} page{'s' if checked != 1 else ''}: {changed} {verb} "
            f"({fixed}), {counts['skipped']} skipped, {counts['reported']} reported")
    if counts["problems"]:
        line += f"; {counts['problems']} inputs could not be read"
    if run_id:
        line += f". Run {run_id} (undo: wikiwarden revert {run_id} --apply)"
    return line + ("." if apply else ". Nothing was written (dry run; add --apply).")
