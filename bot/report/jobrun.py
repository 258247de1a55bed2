"""Reports of a scheduled job run (:class:`~bot.jobs.outcome.RunOutcome`): text, JSON, HTML,
and the wikitext list published to a wiki page.

HTML and wikitext come from jinja2 templates in ``bot/report/templates/``; the HTML
environment escapes everything (autoescape), so titles and messages from the wiki cannot
inject markup.  The JSON schema is ``wikiwarden/run-1`` (docs/json-schema.md).
"""

from __future__ import annotations

import json
from functools import cache
from urllib.parse import quote

from bot import __version__

__all__ = ["RUN_SCHEMA_ID", "render_html", "render_json", "render_text", "render_wikitext"]

RUN_SCHEMA_ID = "wikiwarden/run-1"


@cache
def _env(autoescape: bool):
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("bot.report", "templates"),
        autoescape=autoescape, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )


def _url(outcome, kind: str, title: str = "", revid=None) -> str | None:
    links = outcome.links
    if not links or kind not in links:
        return None
    return links[kind].format(title=quote(title.replace(" ", "_"), safe="/:"),
                              revid=revid or "")


def _rows(outcome, findings: list[dict], kind: str) -> list[dict]:
    rows = []
    for f in findings:
        version = f.get("version", "")
        revid = version if str(version).isdigit() else None
        rows.append({
            **f, "kind": kind, "section_text": " › ".join(f.get("section") or ()),
            "page_url": _url(outcome, "page", f["title"]) if f.get("site") != "local" else None,
            "edit_url": _url(outcome, "edit", f["title"]) if f.get("site") != "local" else None,
            "revision_url": _url(outcome, "revision", revid=revid) if revid else None,
            "diff_url": _url(outcome, "diff", revid=revid) if revid else None,
            "revid": revid,
        })
    return rows


def _context(outcome) -> dict:
    return {
        "o": outcome, "version": __version__, "counts": outcome.counts(),
        "totals": outcome.totals(), "status": outcome.status,
        "exit_code": int(outcome.exit_code),
        "run_date": outcome.started.strftime("%Y-%m-%d %H:%M UTC"),
        "new": _rows(outcome, outcome.new, "new"),
        "fixed": _rows(outcome, outcome.fixed_bot, "bot")
        + _rows(outcome, outcome.fixed_people, "people"),
        "open": _rows(outcome, outcome.open, "open"),
        "saves": [{**s, "revision_url": _url(outcome, "revision", revid=s["new_revid"]),
                   "diff_url": _url(outcome, "diff", revid=s["new_revid"]),
                   "page_url": _url(outcome, "page", s["title"])} for s in outcome.saves],
    }


def render_html(outcome) -> str:
    return _env(True).get_template("run.html.j2").render(**_context(outcome))


def render_wikitext(outcome) -> str:
    """The open findings as a wiki list (no run date: the page changes only with them)."""
    return _env(False).get_template("run.wiki.j2").render(**_context(outcome))


def render_json(outcome) -> str:
    ctx = _context(outcome)
    doc = {
        "schema": RUN_SCHEMA_ID, "version": __version__, "job": outcome.job,
        "run_id": outcome.run_id, "dry_run": outcome.dry_run, "mode": outcome.mode,
        "reason": outcome.reason, "site": outcome.site, "status": outcome.status,
        "exit_code": ctx["exit_code"],
        "started": outcome.started.isoformat(timespec="seconds"),
        "finished": outcome.finished.isoformat(timespec="seconds") if outcome.finished
        else None,
        "totals": ctx["totals"], "counts": ctx["counts"],
        "new": ctx["new"], "fixed": ctx["fixed"], "open": ctx["open"], "saves": ctx["saves"],
        "would_change": [{k: v for k, v in w.items() if k != "diff"}
                         for w in outcome.would_change],
        "skipped": outcome.skipped, "problems": outcome.problems,
        "config_errors": outcome.config_errors,
        "warnings": outcome.warnings, "stopped": outcome.stopped, "halted": outcome.halted,
        "wiki_down": outcome.wiki_down,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _line(f: dict) -> str:
    section = f"  [{' › '.join(f['section'])}]" if f.get("section") else ""
    return (f"[[{f['title']}]]:{f['line']}:{f['column']}: {f['code']} {f['severity']}: "
            f"{f['message']}{section}")


def render_text(outcome, quiet: bool = False) -> str:
    """For people and cron mail.  ``quiet``: only problems (new findings, failures,
    warnings), nothing at all when there are none."""
    lines = []
    problems = ([f"wikiwarden: error: {p}" for p in outcome.config_errors + outcome.problems]
                + [f"wikiwarden: failed: [[{s['title']}]]: {s['reason']}"
                   for s in outcome.failed]
                + [f"wikiwarden: warning: {w}" for w in outcome.warnings])
    if outcome.wiki_down:
        problems.append(f"wikiwarden: error: the wiki is down: {outcome.wiki_down}")
    if outcome.halted:
        problems.append(f"wikiwarden: halted: {outcome.halted}")
    if quiet:
        if outcome.new_open:
            lines.append(f"New findings in job {outcome.job}:")
            lines += [_line(f) for f in outcome.new]
        return "\n".join(problems + lines) + ("\n" if problems or lines else "")
    head = (f"Job {outcome.job} ({'dry run, ' if outcome.dry_run else ''}{outcome.mode}: "
            f"{outcome.reason}) run {outcome.run_id or '-'}: "
            f"{outcome.pages_checked} of {outcome.pages_selected} pages checked, "
            f"{len(outcome.new)} new, {len(outcome.fixed_bot)} fixed by the bot, "
            f"{len(outcome.fixed_people)} fixed by others, {len(outcome.open)} open, "
            f"{len(outcome.saves)} saved")
    lines.append(head + ".")
    for title, items in (("New", outcome.new), ("Fixed by the bot", outcome.fixed_bot),
                         ("Fixed by someone else", outcome.fixed_people)):
        if items:
            lines.append(f"{title}:")
            lines += ["  " + _line(f) for f in items]
    for save in outcome.saves:
        lines.append(f"Saved [[{save['title']}]] revision {save['new_revid']} "
                     f"(was {save['base_revid']}).")
    for change in outcome.would_change:
        lines.append(change["diff"].rstrip("\n"))
    for skip in outcome.expected_skips:
        lines.append(f"Skipped [[{skip['title']}]]: {skip['reason']}")
    counts = outcome.counts()
    if counts:
        lines.append("Open findings by code (trend since the last run):")
        for code, c in counts.items():
            lines.append(f"  {code}: {c['open']} ({c['trend']:+d}); new {c['new']}, fixed "
                         f"{c['fixed_bot']} by the bot, {c['fixed_people']} by others")
    if outcome.stopped:
        lines.append(f"Stopped early: {outcome.stopped}; the next run goes on from here.")
    if outcome.published:
        lines.append(f"Report published to [[{outcome.published}]].")
    return "\n".join(problems + lines) + "\n"
