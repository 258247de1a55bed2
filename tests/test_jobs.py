"""Scheduled jobs (`wikiwarden run NAME`) against the real test wiki: cost, lock, resume,
people fixing findings, exit codes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.config import load_config
from bot.exits import Exit
from bot.jobs import get_job, run_job
from bot.profiles import load_profile
from bot.store import StateStore, list_runs
from bot.wiki import RequestLog
from conftest import REPO, run_wikiwarden
from wikiapi import WikiApi

BROKEN = "Vitamin B12 helps<ref>Smith 2015</ref>.\n\n== See also ==\n* [[Folate]]\n"
CLEAN = "Nothing to fix here.\n"


def _pages(wiki_api, prefix: str, n: int, category: str, text: str = BROKEN) -> list[str]:
    titles = [f"{prefix} {i}" for i in range(n)]
    for title in titles:
        wiki_api.edit(title, f"{text}[[Category:{category}]]\n")
    return titles


def _config(tmp_path: Path, testwiki: dict, jobs: str) -> Path:
    path = tmp_path / "wikiwarden.toml"
    path.write_text(
        f'pywikibot_dir = "{testwiki["PYWIKIBOT_DIR"]}"\nstate_file = "state.sqlite"\n'
        f"page_timeout = 0\n{jobs}", "utf-8")
    return path


def _run_in_process(config_path: Path, name: str, wiki, **kwargs):
    """Run a job with the session's wiki connection; returns (outcome, requests sent)."""
    config = load_config(config_path)
    job = get_job(config, name)
    store = StateStore(config.state_file)
    before = len(wiki.request_log.requests)
    try:
        outcome = run_job(job, load_profile("mepedia"), store, wiki, **kwargs)
    finally:
        store.close()
    return outcome, wiki.request_log.requests[before:]


@pytest.mark.wiki
def test_incremental_costs(wiki, wiki_api, testwiki, tmp_path):
    """First run: texts in ceil(N/50) requests; re-run with nothing changed: no page fetched
    or parsed, at most 3 requests; after k pages were edited: exactly those k fetched."""
    n, edited = 120, 7
    titles = _pages(wiki_api, "Cost", n, "Cost pages")
    config = _config(tmp_path, testwiki, '[jobs.cost]\nsources = ["-cat:Cost pages"]\n')
    wiki.connect()

    first, requests = _run_in_process(config, "cost", wiki)
    assert first.mode == "full" and first.pages_checked == n == first.pages_selected
    content = [r for r in requests if RequestLog.is_content_fetch(r)]
    assert len(content) <= -(-n // 50)
    assert first.exit_code == Exit.FINDINGS and len(first.open) == len(first.new) > 0

    again, requests = _run_in_process(config, "cost", wiki)
    assert again.mode == "incremental" and again.pages_checked == 0
    assert not any(RequestLog.is_content_fetch(r) for r in requests)
    assert len(requests) <= 3, [r["url"] + r["body"] for r in requests]
    assert again.exit_code == Exit.CLEAN and len(again.open) == len(first.open)
    assert not again.new and not again.fixed_people

    for title in titles[:edited]:
        wiki_api.edit(title, f"{BROKEN}Another sentence.\n[[Category:Cost pages]]\n")
    third, requests = _run_in_process(config, "cost", wiki)
    assert third.pages_checked == edited
    fetched = sum(1 for r in requests if RequestLog.is_content_fetch(r))
    assert fetched == 1  # the 7 texts in one batch
    assert not third.new and third.exit_code == Exit.CLEAN


@pytest.mark.wiki
def test_people_fixing_a_finding_is_reported(wiki, wiki_api, testwiki, tmp_path):
    """A human fixes a finding between two runs: the report lists it as fixed by someone
    else (JSON report file), and nothing as new."""
    titles = _pages(wiki_api, "Human fix", 3, "Human fix pages")
    config = _config(tmp_path, testwiki, '[jobs.h]\nsources = ["-cat:Human fix pages"]\n'
                     'report = ["out/h.json"]\n')
    first = run_wikiwarden("--config", str(config), "run", "h", "-q")
    assert first.returncode == Exit.FINDINGS, first.stderr
    human = WikiApi(testwiki["MW_API"])  # anonymous: not the bot
    human.edit(titles[1], "Vitamin B12 helps.<ref>Smith 2015</ref>\n\n== See also ==\n"
               "* [[Folate]]\n[[Category:Human fix pages]]\n", summary="human fix")
    second = run_wikiwarden("--config", str(config), "run", "h")
    assert second.returncode == Exit.CLEAN, second.stdout + second.stderr
    report = json.loads((tmp_path / "out" / "h.json").read_text("utf-8"))
    fixed = [(f["title"], f["code"], f["kind"]) for f in report["fixed"]]
    assert (titles[1], "REF011", "people") in fixed
    assert {t for t, _, _ in fixed} == {titles[1]} and report["new"] == []
    assert report["totals"]["pages_checked"] == 1
    assert report["counts"]["REF011"]["fixed_people"] == 1
    assert report["counts"]["REF011"]["trend"] == -1
    assert "Fixed by someone else" in second.stdout


@pytest.mark.wiki
def test_two_runs_at_once_one_is_locked(wiki_api, testwiki, tmp_path):
    """Two runs of the same job at once: while the first holds the lock (it is paused with
    SIGSTOP right after taking it, so the overlap does not depend on timing), the second
    exits 7 (LOCKED) at once; the first then completes normally."""
    _pages(wiki_api, "Lock", 30, "Lock pages")
    config = _config(tmp_path, testwiki, '[jobs.l]\nsources = ["-cat:Lock pages"]\n')
    command = [sys.executable, "-m", "bot", "--config", str(config), "run", "l", "-q"]
    first = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    holder = Path(f"{tmp_path / 'state.sqlite'}.l.lock.holder")
    deadline = time.monotonic() + 60
    while not holder.exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    first.send_signal(signal.SIGSTOP)
    try:
        assert first.poll() is None, "the first run ended before the second started"
        second = run_wikiwarden("--config", str(config), "run", "l", "-q")
    finally:
        first.send_signal(signal.SIGCONT)
    _, first_err = first.communicate(timeout=120)
    assert first.returncode == Exit.FINDINGS, first_err
    assert second.returncode == Exit.LOCKED, second.stderr
    assert "already running" in second.stderr and str(first.pid) in second.stderr
    third = run_wikiwarden("--config", str(config), "run", "l", "-q")
    assert third.returncode == Exit.CLEAN, third.stderr  # the lock was released


def _bot_edits(wiki_api, title: str) -> int:
    data = wiki_api.get(action="query", prop="revisions", titles=title, rvprop="user",
                        rvlimit="max")
    return sum(1 for r in data["query"]["pages"][0]["revisions"] if r["user"] == "TestBot")


@pytest.mark.wiki
def test_kill_9_then_resume_fixes_every_page_once(wiki_api, testwiki, tmp_path):
    """kill -9 during a fixing run, then run again: every page is fixed, each exactly once
    (one bot revision per page beyond the set-up), and the next run has nothing to do."""
    n = 16
    titles = _pages(wiki_api, "Resume", n, "Resume pages")
    setup = {t: _bot_edits(wiki_api, t) for t in titles}  # the set-up edits are the bot's
    config = _config(tmp_path, testwiki, '[jobs.r]\nsources = ["-cat:Resume pages"]\n'
                     'fix = true\nselect = ["REF011"]\n')
    command = [sys.executable, "-m", "bot", "--config", str(config), "run", "r", "-q"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ})
    state = tmp_path / "state.sqlite"
    deadline = time.monotonic() + 90
    saved = 0
    while process.poll() is None and time.monotonic() < deadline:
        if state.exists():
            try:
                with sqlite3.connect(state, timeout=1) as db:
                    saved = db.execute("SELECT COUNT(*) FROM saves").fetchone()[0]
            except sqlite3.OperationalError:
                saved = 0
        if saved >= 3:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 3 <= saved < n
    resumed = run_wikiwarden("--config", str(config), "run", "r")
    assert resumed.returncode in (Exit.CLEAN, Exit.FINDINGS), resumed.stderr
    assert "was killed before it finished" in resumed.stdout
    listing = run_wikiwarden("--config", str(config), "runs")
    assert "killed" in listing.stdout
    for title in titles:
        assert _bot_edits(wiki_api, title) - setup[title] == 1, title
        text = wiki_api.parse(page=title, prop="wikitext")["wikitext"]
        assert "helps.<ref>Smith 2015</ref>" in text
    again = run_wikiwarden("--config", str(config), "run", "r")
    assert again.returncode == Exit.CLEAN and "0 saved" in again.stdout, again.stdout


@pytest.mark.wiki
def test_selection_of_nothing(wiki_api, testwiki, tmp_path):
    """A category that does not exist: configuration error (2); an existing but empty one:
    a warning, exit 0."""
    wiki_api.edit("Category:Empty job category", "A category with no pages.")
    config = _config(tmp_path, testwiki,
                     '[jobs.missing]\nsources = ["-cat:No such category here"]\n'
                     '[jobs.empty]\nsources = ["-cat:Empty job category"]\n')
    missing = run_wikiwarden("--config", str(config), "run", "missing")
    assert missing.returncode == Exit.USAGE
    assert "Category:No such category here" in missing.stderr
    assert "Traceback" not in missing.stderr
    empty = run_wikiwarden("--config", str(config), "run", "empty", "-q")
    assert empty.returncode == Exit.CLEAN
    assert "warning" in empty.stdout and "0 pages" in empty.stdout


@pytest.mark.wiki
def test_expected_skips_max_runtime_and_history(wiki, wiki_api, testwiki, tmp_path):
    """{{nobots}} pages in a fixing job exit 4 (expected skips), as does a run stopped by
    max_runtime before its first page; the stopped run does not move the position, so the
    next run checks the pages; `runs` lists the runs and `runs show` the saves."""
    wiki_api.edit("Skip nobots", "{{nobots}}\n" + BROKEN + "[[Category:Skip pages]]\n")
    config = _config(tmp_path, testwiki,
                     '[jobs.s]\nsources = ["-cat:Skip pages"]\nfix = true\n'
                     '[jobs.t]\nsources = ["-cat:Skip pages"]\nselect = ["SEC"]\n'
                     'max_runtime = 0.001\n')
    first = run_wikiwarden("--config", str(config), "run", "s")
    assert first.returncode == Exit.FINDINGS, first.stdout  # new findings come first
    assert "Skipped [[Skip nobots]]" in first.stdout
    again = run_wikiwarden("--config", str(config), "run", "s")
    assert again.returncode == Exit.CLEAN  # nothing changed: not fetched, not retried
    WikiApi(testwiki["MW_API"]).edit(
        "Skip nobots", "{{nobots}}\n" + BROKEN + "More text.\n[[Category:Skip pages]]\n")
    skipped = run_wikiwarden("--config", str(config), "run", "s")
    assert skipped.returncode == Exit.SKIPPED, skipped.stdout  # no new finding, one skip
    assert "Skipped [[Skip nobots]]" in skipped.stdout
    stopped = run_wikiwarden("--config", str(config), "run", "t")
    assert stopped.returncode == Exit.SKIPPED and "max_runtime" in stopped.stdout
    store = StateStore(tmp_path / "state.sqlite")
    try:
        runs = list_runs(store)
    finally:
        store.close()
    assert [r["job"] for r in runs] == ["t", "s", "s", "s"]
    assert runs[0]["status"] == "stopped" and runs[0]["pages_checked"] == 0
    listing = run_wikiwarden("--config", str(config), "runs")
    assert listing.returncode == 0 and runs[0]["id"] in listing.stdout
    show = run_wikiwarden("--config", str(config), "runs", "show", runs[3]["id"])
    assert show.returncode == 0 and "0 save(s)" in show.stdout


@pytest.mark.wiki
def test_missing_named_page_is_a_config_error(wiki_api, testwiki, tmp_path):
    """A -page: selector naming a page that does not exist: exit 2, the other pages are
    still checked."""
    wiki_api.edit("Named page exists", BROKEN)
    config = _config(tmp_path, testwiki, '[jobs.p]\nsources = ["-page:Named page exists", '
                     '"-page:Named page missing"]\n')
    done = run_wikiwarden("--config", str(config), "run", "p")
    assert done.returncode == Exit.USAGE, done.stdout + done.stderr
    assert "does not exist: Named page missing" in done.stdout
    assert "1 of 1 pages checked" in done.stdout


def _revisions(wiki_api, title: str) -> int:
    data = wiki_api.get(action="query", prop="revisions", titles=title, rvprop="ids",
                        rvlimit="max")
    return len(data["query"]["pages"][0].get("revisions", []))


@pytest.mark.wiki
def test_report_page_is_edited_only_when_it_changes(wiki_api, testwiki, tmp_path):
    """The wikitext report is published on the first run, left alone by a run that changes
    nothing, and edited again when a finding goes away."""
    titles = _pages(wiki_api, "Report page", 2, "Report page pages")
    config = _config(tmp_path, testwiki, '[jobs.w]\nsources = ["-cat:Report page pages"]\n'
                     'report_page = "User:TestBot/Job w"\n')
    assert run_wikiwarden("--config", str(config), "run", "w").returncode == Exit.FINDINGS
    assert _revisions(wiki_api, "User:TestBot/Job w") == 1
    text = wiki_api.parse(page="User:TestBot/Job w", prop="wikitext")["wikitext"]
    assert f"== [[{titles[0]}]] ==" in text and "REF011" in text
    assert run_wikiwarden("--config", str(config), "run", "w").returncode == Exit.CLEAN
    assert _revisions(wiki_api, "User:TestBot/Job w") == 1
    WikiApi(testwiki["MW_API"]).edit(titles[0], "Fixed by hand.\n[[Category:Report page pages]]\n")
    assert run_wikiwarden("--config", str(config), "run", "w").returncode == Exit.CLEAN
    assert _revisions(wiki_api, "User:TestBot/Job w") == 2
    text = wiki_api.parse(page="User:TestBot/Job w", prop="wikitext")["wikitext"]
    assert f"[[{titles[0]}]]" not in text and f"== [[{titles[1]}]] ==" in text


@pytest.mark.wiki
def test_dry_run_shows_and_writes_nothing(wiki_api, testwiki, tmp_path):
    """--dry-run on a fixing job: prints the plan and the diffs; no save, no run recorded,
    so the real run afterwards is still a first, full run and saves the page."""
    title = _pages(wiki_api, "Dry run", 1, "Dry run pages")[0]
    before = _bot_edits(wiki_api, title)
    config = _config(tmp_path, testwiki, '[jobs.d]\nsources = ["-cat:Dry run pages"]\n'
                     'fix = true\nselect = ["REF011"]\n')
    dry = run_wikiwarden("--config", str(config), "run", "d", "--dry-run")
    assert "dry run, full: first run" in dry.stdout and "+Vitamin B12 helps.<ref>" in dry.stdout
    assert _bot_edits(wiki_api, title) == before
    real = run_wikiwarden("--config", str(config), "run", "d")
    assert "full: first run" in real.stdout and "1 saved" in real.stdout, real.stdout
    assert _bot_edits(wiki_api, title) == before + 1
    listing = run_wikiwarden("--config", str(config), "runs", "--job", "d")
    assert len(listing.stdout.splitlines()) == 2  # the header and the one real run
