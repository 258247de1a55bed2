"""Scheduled jobs without a wiki: config checks, the per-page diff, the lock, and jobs over
local files (incremental by content, fixing, dry run, exit codes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.config import _from_dict
from bot.errors import ConfigError
from bot.exits import Exit
from bot.jobs import JobLocked, job_lock, load_jobs
from bot.jobs.diff import diff_page

BROKEN = "Vitamin B12 helps<ref>Smith 2015</ref>.\n\n== See also ==\n* [[Folate]]\n"


def _jobs(text: str):
    import tomllib

    return load_jobs(_from_dict(tomllib.loads(text), Path("/srv/w/wikiwarden.toml")))


def test_job_config_is_checked():
    """A job needs sources; unknown keys, bad durations, report suffixes and limits are
    one-line configuration errors naming the job."""
    job = _jobs('[jobs.a]\nsources = ["-cat:X", "pages/"]\nmax_runtime = "1.5h"\n'
                'report = ["r.html", "r.json"]\nlimit = 3\n')["a"]
    assert job.wiki_args == ("-cat:X",) and job.local_sources == ("/srv/w/pages",)
    assert job.max_runtime == 5400 and [f for f, _ in job.reports] == ["html", "json"]
    for bad, words in [
        ("[jobs.a]\nselect = ['REF']\n", "sources is missing"),
        ("[jobs.a]\nsources = ['-cat:X']\ncolour = 1\n", "unknown key(s): colour"),
        ("[jobs.a]\nsources = ['-cat:X']\nmax_runtime = 'soon'\n", "max_runtime"),
        ("[jobs.a]\nsources = ['-cat:X']\nreport = ['r.pdf']\n", ".html, .json or .txt"),
        ("[jobs.a]\nsources = ['-cat:X']\nlimit = 0\n", "limit"),
        ("[jobs.a]\nsources = ['x/']\nreport_page = 'User:B/R'\n", "needs a wiki source"),
    ]:
        with pytest.raises(ConfigError, match=words.replace("(", r"\(").replace(")", r"\)")
                           .replace(".", r"\.")) as caught:
            _jobs(bad)
        assert "[jobs.a]" in str(caught.value)


def test_workers_key_replaces_jobs_count_when_jobs_are_tables():
    """`jobs = 2` stays the audit worker count; with [jobs.NAME] tables it is `workers`."""
    import tomllib

    plain = _from_dict(tomllib.loads("jobs = 2\n"), Path("w.toml"))
    tables = _from_dict(tomllib.loads("workers = 3\n[jobs.a]\nsources = ['x']\n"),
                        Path("w.toml"))
    assert plain.jobs == 2 and plain.job_tables == {}
    assert tables.jobs == 3 and set(tables.job_tables) == {"a"}


def _f(code: str, message: str = "m", line: int = 1) -> dict:
    return {"code": code, "message": message, "section": [], "line": line, "fixable": True}


def test_diff_page_tells_new_from_fixed_by_people_and_by_the_bot():
    """Findings match across revisions by code, section and message (not line); multisets."""
    previous = [_f("A"), _f("A"), _f("B")]
    fetched = [_f("A", line=9), _f("C")]         # a person fixed one A and the B
    after = [_f("A", line=9)]                     # the bot fixed the C
    diff = diff_page(previous, fetched, after)
    assert [f["code"] for f in diff.fixed_people] == ["A", "B"]
    assert [f["code"] for f in diff.new] == ["C"]
    assert [f["code"] for f in diff.fixed_bot] == ["C"] and diff.new_open == 0
    first = diff_page(None, fetched, fetched)
    assert len(first.new) == 2 and first.new_open == 2 and not first.fixed_people


def test_lock_refuses_a_second_holder_and_is_free_after(tmp_path):
    """While one run holds a job's lock, another gets JobLocked naming the holder; other
    jobs are not blocked; the lock is free again afterwards."""
    state = tmp_path / "state.sqlite"
    with job_lock(state, "a"):
        with pytest.raises(JobLocked, match=r"already running \(pid \d+"), job_lock(state, "a"):
            pass
        with job_lock(state, "b"):
            pass
    with job_lock(state, "a"):
        pass
    with pytest.raises(ConfigError, match="folder of the state file does not exist"), \
            job_lock(tmp_path / "missing" / "state.sqlite", "a"):
        pass


@pytest.fixture
def local_job(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "One.wiki").write_text(BROKEN)
    (pages / "Two.wiki").write_text("Clean text.\n")
    config = tmp_path / "wikiwarden.toml"
    config.write_text('state_file = "state.sqlite"\npage_timeout = 0\n'
                      '[jobs.local]\nsources = ["pages/"]\nreport = ["out/local.json"]\n'
                      '[jobs.fixlocal]\nsources = ["pages/"]\nfix = true\n'
                      'select = ["REF011"]\n')
    return config, pages


def test_local_job_is_incremental_by_content(cli, local_job):
    """Files are re-checked only when their text changed; the JSON report says so."""
    config, pages = local_job
    first = cli("--config", str(config), "run", "local")
    assert first.exit_code == Exit.FINDINGS and "2 of 2 pages checked" in first.stdout
    again = cli("--config", str(config), "run", "local", "-q")
    assert again.exit_code == Exit.CLEAN and again.stdout == ""
    (pages / "One.wiki").write_text(BROKEN.replace("helps<ref>", "helps.<ref>")
                                    .replace("</ref>.", "</ref>"))
    third = cli("--config", str(config), "run", "local")
    assert third.exit_code == Exit.CLEAN, third.stdout
    report = json.loads((config.parent / "out" / "local.json").read_text())
    assert report["totals"]["pages_checked"] == 1
    assert [f["code"] for f in report["fixed"] if f["kind"] == "people"] == ["REF011"]


def test_local_fix_job_dry_run_then_apply_once(cli, local_job):
    """--dry-run shows the diff and writes nothing; the run writes the file once; the next
    run has nothing to do."""
    config, pages = local_job
    dry = cli("--config", str(config), "run", "fixlocal", "--dry-run")
    assert "+Vitamin B12 helps.<ref>" in dry.stdout
    assert (pages / "One.wiki").read_text() == BROKEN
    assert not (config.parent / "state.sqlite").exists() or "fixlocal" not in cli(
        "--config", str(config), "runs").stdout
    done = cli("--config", str(config), "run", "fixlocal")
    assert done.exit_code == Exit.CLEAN, done.stdout
    assert "helps.<ref>Smith 2015</ref>" in (pages / "One.wiki").read_text()
    again = cli("--config", str(config), "run", "fixlocal")
    assert again.exit_code == Exit.CLEAN and "0 of 2 pages checked" in again.stdout


def test_unknown_job_and_locked_job_exit_codes(cli, local_job):
    """An unknown job name is a configuration error (2); a held lock gives 7."""
    config, _ = local_job
    unknown = cli("--config", str(config), "run", "nope")
    assert unknown.exit_code == Exit.USAGE and "no job named 'nope'" in unknown.stderr
    with job_lock(config.parent / "state.sqlite", "local"):
        locked = cli("--config", str(config), "run", "local")
    assert locked.exit_code == Exit.LOCKED and "already running" in locked.stderr
