"""Fault injection: the test wiki behind a seeded faulty proxy (tests/faultproxy.py), with
humans editing the same pages, SIGTERM and kill -9.  The wiki's page histories are the judge
(tests/faultrun.py).  Small and seeded here; scripts/faults runs the full measurement."""

from __future__ import annotations

import sqlite3

import pytest
from faultrun import fault_run

from bot.exits import Exit


def _runs(report) -> list[tuple]:
    with sqlite3.connect(report.state) as db:
        return db.execute("SELECT command, status FROM runs").fetchall()


def _assert_safe(report) -> None:
    assert report.must_be_zero() == dict.fromkeys(report.must_be_zero(), 0), (
        report.line() + "\n" + report.stderr[-4000:])


def test_faulty_wiki_with_human_edits(testwiki, tmp_path):
    """20 % of requests fail (5xx, maxlag, Retry-After, stalls, cut connections) while a
    human edits the same pages: no duplicate save, no lost human edit, no unvalidated bot
    revision, every save recorded with its true revisions, every page fixed or reported."""
    report = fault_run(testwiki, seed=11, n_pages=15, tmp=tmp_path, rate=0.2, human_edits=6)
    _assert_safe(report)
    assert report.exit_code in (Exit.CLEAN, Exit.SKIPPED, Exit.FAILED), report.stderr
    assert sum(report.faults.values()) > 0 and report.fixed > 0
    assert _runs(report) == [("fix", "done")]


def test_lost_save_answers_are_reconciled_from_the_history(testwiki, tmp_path):
    """The answer to a save is cut after the wiki saved it: the bot finds its revision in
    the page history, records it (status reconciled, true revisions), and never saves the
    page a second time."""
    report = fault_run(testwiki, seed=3, n_pages=6, tmp=tmp_path, rate=0.6,
                       faults=("cut-after",), only_posts=True)
    _assert_safe(report)
    with sqlite3.connect(report.state) as db:
        statuses = [row[0] for row in db.execute("SELECT status FROM saves")]
    assert "reconciled" in statuses, report.stderr
    assert report.fixed == len(statuses)


def test_wiki_down_mid_run_stops_the_run_with_exit_6(testwiki, tmp_path):
    """The wiki starts failing every request mid-run: each page fails with its reason, then
    the run stops (exit WIKI_DOWN), is recorded as failed, and prints no traceback."""
    report = fault_run(testwiki, seed=5, n_pages=12, tmp=tmp_path, rate=0.0, down_after=14,
                       retries=1)
    _assert_safe(report)
    assert report.exit_code == Exit.WIKI_DOWN, report.stderr
    assert "pages in a row" in report.stderr
    assert report.outcomes["failed"] >= 1 and "503 Server Error" in report.stderr
    assert _runs(report) == [("fix", "failed")]


def test_sigterm_finishes_the_page_and_exits_130(testwiki, tmp_path):
    """SIGTERM mid-run: the current page is finished, the run recorded as interrupted, exit
    130, and no worker process is left behind."""
    report = fault_run(testwiki, seed=7, n_pages=18, tmp=tmp_path, rate=0.3,
                       faults=("stall",), stall=1.0, signal_after=6)
    if not report.signalled:
        pytest.skip("the run finished before the signal")
    _assert_safe(report)
    assert report.exit_code == Exit.INTERRUPTED, report.stderr
    assert _runs(report) == [("fix", "interrupted")]


def test_kill_9_leaves_no_orphan_and_no_damage(testwiki, tmp_path):
    """kill -9 of the bot mid-run: its worker processes die with it, and the wiki holds no
    duplicate, no lost human edit and no unvalidated bot revision."""
    report = fault_run(testwiki, seed=9, n_pages=18, tmp=tmp_path, rate=0.3,
                       faults=("stall",), stall=1.0, kill_after=5, human_edits=3)
    _assert_safe(report)
    assert report.exit_code == -9 or not report.signalled
