"""Content sync against the real test wiki: pull, status, diff, push, merges, the gate,
kill -9, and the request counts the issue promises."""

from __future__ import annotations

import math
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.wiki import RequestLog
from conftest import REPO
from wikiapi import WikiApi


@pytest.fixture
def requests_log(wiki):
    """Every request pywikibot sends during the test (a hook on its HTTP session)."""
    from pywikibot.comms import http

    log = RequestLog()
    wiki.pywikibot  # noqa: B018 - configures pywikibot before its session is used
    http.session.hooks["response"].append(log)
    yield log
    http.session.hooks["response"].remove(log)


def _content(log: RequestLog, since: int) -> int:
    return sum(1 for r in log.requests[since:] if RequestLog.is_content_fetch(r))


def _writes(log: RequestLog, since: int) -> int:
    return sum(1 for r in log.requests[since:] if RequestLog.is_write(r))


def corpus_texts(corpus: Path, n: int, seed: int = 12) -> list[str]:
    """``n`` real pages from the corpus (a fixed seeded sample of small, non-redirect ones)."""
    files = sorted(p for p in corpus.glob("*/*.wiki") if 200 < p.stat().st_size < 20000)
    random.Random(seed).shuffle(files)
    texts = []
    for path in files:
        text = path.read_text("utf-8")
        if not text.lstrip().startswith("#"):
            texts.append(text)
        if len(texts) == n:
            return texts
    raise AssertionError("not enough corpus pages")


def _make_pages(wiki_api, prefix: str, texts: list[str]) -> list[str]:
    titles = [f"{prefix} {i:03d}" for i in range(len(texts))]
    for title, text in zip(titles, texts, strict=True):
        wiki_api.edit(title, text)
    return titles


def _wiki_text(wiki_api, title: str) -> str:
    data = wiki_api.get(action="query", prop="revisions", titles=title, rvprop="content",
                        rvslots="main")
    return data["query"]["pages"][0]["revisions"][0]["slots"]["main"]["content"]


def _revisions(wiki_api, title: str) -> list[dict]:
    data = wiki_api.get(action="query", prop="revisions", titles=title, rvlimit=50,
                        rvprop="ids|comment")
    return data["query"]["pages"][0]["revisions"]


def test_round_trip_pull_50_edit_10_push(cli, wiki_api, requests_log, corpus, tmp_path,
                                         monkeypatch):
    """Pull 50 real pages (≤ 1 content request), MediaWiki's normalisation shows no change,
    edit 10 files, push: exactly 10 saves and a clean status; a second push saves nothing;
    a pull with nothing changed downloads no page text."""
    titles = _make_pages(wiki_api, "Roundtrip", corpus_texts(corpus, 50))
    folder = tmp_path / "wf"
    start = len(requests_log.requests)
    pulled = cli("pull", "-prefixindex:Roundtrip ", "--into", str(folder))
    assert pulled.exit_code == 0, pulled.stderr
    assert _content(requests_log, start) <= math.ceil(50 / 50)
    files = sorted(folder.glob("*.wiki"))
    assert len(files) == 50
    monkeypatch.chdir(folder)
    assert cli("status").exit_code == 0  # no phantom change from MediaWiki's normalisation

    for path in files[:10]:
        path.write_text(f"Local edit of {path.stem}. " + path.read_text("utf-8"), "utf-8")
    status = cli("status")
    assert status.exit_code == 1 and status.stdout.count("modified locally") == 10
    start = len(requests_log.requests)
    pushed = cli("push", "-m", "round trip")
    assert pushed.exit_code == 0, pushed.stdout + pushed.stderr
    assert _writes(requests_log, start) == 10
    for path in files[:10]:
        title = path.stem
        assert _wiki_text(wiki_api, title).startswith(f"Local edit of {title}. ")
    assert cli("status").exit_code == 0

    start = len(requests_log.requests)
    again = cli("push")
    assert again.exit_code == 0 and _writes(requests_log, start) == 0
    start = len(requests_log.requests)
    assert cli("pull").exit_code == 0
    assert _content(requests_log, start) == 0
    assert len(titles) == 50


def test_status_costs_and_lists_every_state(cli, wiki_api, requests_log, tmp_path, monkeypatch):
    """status: one line per differing page, in every state, from ≤ ceil(N/50) requests and
    without page texts; exit 1 while something differs."""
    texts = [f"Page {i}.\n\n== Notes ==\nLine {i}.\n" for i in range(7)]
    titles = _make_pages(wiki_api, "Statuspage", texts)
    folder = tmp_path / "wf"
    assert cli("pull", "-prefixindex:Statuspage ", "--into", str(folder)).exit_code == 0
    monkeypatch.chdir(folder)
    (folder / f"{titles[0]}.wiki").write_text("Page 0 edited.\n\n== Notes ==\nLine 0.\n")
    wiki_api.edit(titles[1], "Page 1 changed on the wiki.\n")
    (folder / f"{titles[2]}.wiki").write_text("Local.\n")
    wiki_api.edit(titles[2], "Wiki.\n")
    (folder / f"{titles[3]}.wiki").unlink()
    wiki_api.post(action="delete", title=titles[4], token=wiki_api.csrf)
    (folder / "brand new page.wiki").write_text("Brand new.\n")
    wiki_api.post(action="move", to="Moved status page", token=wiki_api.csrf,
                  noredirect=1, **{"from": titles[6]})
    (folder / f"{titles[5]}.wiki").write_text(texts[5].replace("\n", "\r\n") + "  \n\n")
    start = len(requests_log.requests)
    result = cli("status")
    assert result.exit_code == 1
    lines = dict(line.rsplit("  ", 1)[::-1] for line in result.stdout.splitlines())
    lines = {path.strip(): label.strip() for path, label in lines.items()}
    assert lines[f"{titles[0]}.wiki"] == "modified locally"
    assert lines[f"{titles[1]}.wiki"] == "changed on the wiki"
    assert lines[f"{titles[2]}.wiki"].startswith("needs merge")
    assert lines[f"{titles[3]}.wiki"].startswith("deleted locally")
    assert lines[f"{titles[4]}.wiki"] == "deleted on the wiki"
    assert lines["brand new page.wiki"].startswith("new local file")
    assert f"{titles[5]}.wiki" not in lines  # CRLF and trailing blanks: not a change
    assert lines[f"{titles[6]}.wiki"] == "moved on the wiki: now [[Moved status page]]"
    assert len(requests_log.requests) - start <= math.ceil(7 / 50)
    assert _content(requests_log, start) == 0

    diff = cli("diff")
    assert "+Page 0 edited." in diff.stdout and "-Page 0." in diff.stdout
    wiki_diff = cli("diff", "--wiki", f"{titles[1]}.wiki")
    assert "-Page 1 changed on the wiki." in wiki_diff.stdout

    start = len(requests_log.requests)
    pushed = cli("push", "brand new page.wiki")
    assert pushed.exit_code == 0, pushed.stdout
    assert _writes(requests_log, start) == 1
    assert _wiki_text(wiki_api, "Brand new page") == "Brand new."  # first letter: upper
    assert "brand new page.wiki" not in cli("status").stdout


def test_concurrent_edits_merge_or_conflict_and_no_edit_is_lost(cli, wiki_api, testwiki,
                                                                tmp_path, monkeypatch):
    """Edits in different places: push merges and saves both.  The same line edited on
    both sides: push refuses, pull leaves markers, push refuses the markers, and after the
    user resolves them the push saves the resolution."""
    title = "Merge page"
    base = "Intro line.\n\n== One ==\nFirst paragraph.\n\n== Two ==\nSecond paragraph.\n"
    wiki_api.edit(title, base)
    folder = tmp_path / "wf"
    assert cli("pull", f"-page:{title}", "--into", str(folder)).exit_code == 0
    monkeypatch.chdir(folder)
    path = folder / f"{title}.wiki"
    human = WikiApi(testwiki["MW_API"])  # another editor than the bot
    human.edit(title, base.replace("First paragraph.", "First paragraph, edited by a human."))
    path.write_text(base.replace("Second paragraph.", "Second paragraph, edited locally."))
    pushed = cli("push")
    assert pushed.exit_code == 0, pushed.stdout
    text = _wiki_text(wiki_api, title)
    assert "edited by a human" in text and "edited locally" in text
    assert path.read_text() == text + "\n"
    assert cli("status").exit_code == 0

    human.edit(title, text.replace("Intro line.", "Intro line by the human."))
    path.write_text(path.read_text().replace("Intro line.", "Intro line by me."))
    refused = cli("push")
    assert refused.exit_code == 5 and "needs-merge" in refused.stdout
    assert "Intro line by the human." in _wiki_text(wiki_api, title)
    pulled = cli("pull")
    assert pulled.exit_code == 5 and "CONFLICT" in pulled.stdout
    conflicted = path.read_text()
    assert "<<<<<<< local" in conflicted and "Intro line by me." in conflicted
    assert "Intro line by the human." in conflicted
    assert "conflict" in cli("status").stdout
    assert cli("push").exit_code == 5
    resolved = "Intro line by the human, and by me.\n" + conflicted.split(">>>>>>> wiki\n")[1]
    path.write_text(resolved)
    final = cli("push")
    assert final.exit_code == 0, final.stdout
    text = _wiki_text(wiki_api, title)
    assert text.startswith("Intro line by the human, and by me.")
    assert "edited by a human" in text and "edited locally" in text
    assert cli("status").exit_code == 0


def test_edit_conflict_at_save_time_is_merged_and_saved_once(wiki, wiki_api, testwiki,
                                                             tmp_path, requests_log):
    """A human saves between status and save: the save conflicts on the base revision id,
    the page is fetched once, merged, checked and saved once more; both edits survive."""
    from bot.profiles import load_profile
    from bot.rules import Context, select_rules
    from bot.sync import PushGate, WorkingFolder, pull, push
    from bot.sync.pull import bind_site

    title = "Race page"
    base = "Alpha.\n\nBeta.\n\nGamma.\n"
    wiki_api.edit(title, base)
    folder = WorkingFolder.create(tmp_path / "wf")
    bind_site(folder, wiki, [])
    pull(folder, wiki, [f"-page:{title}"])
    (tmp_path / "wf" / f"{title}.wiki").write_text(base.replace("Gamma.", "Gamma, mine."))
    human = WikiApi(testwiki["MW_API"])
    real_put = wiki.put_text
    calls = []

    def racing_put(*args, **kwargs):
        if not calls:
            human.edit(title, base.replace("Alpha.", "Alpha, the human's."))
        calls.append(kwargs.get("base_revid"))
        return real_put(*args, **kwargs)

    gate = PushGate(select_rules(), Context(profile=load_profile("mepedia")))
    wiki.put_text = racing_put
    try:
        report = push(folder, wiki, gate)
    finally:
        del wiki.put_text
    outcome = report.outcomes[0]
    assert outcome.status == "saved", outcome.reason
    text = _wiki_text(wiki_api, title)
    assert "Alpha, the human's." in text and "Gamma, mine." in text
    # MediaWiki may merge the two edits itself; else we fetched, merged and saved once more
    assert len(calls) in (1, 2) and len(_revisions(wiki_api, title)) == 3
    folder.close()


def test_push_gate_refuses_an_edit_that_adds_an_error(cli, wiki_api, requests_log, tmp_path,
                                                      monkeypatch):
    """An edit adding an error-severity finding is refused with the finding shown, nothing
    is saved; --force-check with its code lets it through."""
    title = "Gate page"
    wiki_api.edit(title, "Vitamin B12 is a vitamin.\n\n== See also ==\n* [[Folate]]\n")
    folder = tmp_path / "wf"
    assert cli("pull", f"-page:{title}", "--into", str(folder)).exit_code == 0
    monkeypatch.chdir(folder)
    path = folder / f"{title}.wiki"
    path.write_text(path.read_text().replace("vitamin.", "vitamin.<ref>Smith 2015</ref>"))
    start = len(requests_log.requests)
    refused = cli("push")
    assert refused.exit_code == 5
    assert "refused" in refused.stdout and "REF001 [error]" in refused.stdout
    assert _writes(requests_log, start) == 0
    forced = cli("push", "--force-check", "REF001")
    assert forced.exit_code == 0, forced.stdout
    assert _writes(requests_log, start) == 1
    assert "<ref>Smith 2015</ref>" in _wiki_text(wiki_api, title)


def _spawn(args: list[str], cwd: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bot", *args], cwd=cwd,
                            env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _kill_when(proc: subprocess.Popen, condition, limit: float = 60) -> None:
    """SIGKILL ``proc`` as soon as ``condition()`` holds; fails if it ended on its own."""
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline:
        if condition():
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    assert proc.wait(timeout=60) == -signal.SIGKILL, "the run ended before it could be killed"


def test_kill_9_during_pull_and_push_then_rerun(cli, wiki_api, testwiki, tmp_path,
                                                monkeypatch):
    """kill -9 in the middle of a pull and of a push, then run them again: no half-written
    file, every base matches its file, and no page is saved twice."""
    env = {"PYWIKIBOT_DIR": testwiki["PYWIKIBOT_DIR"]}
    texts = [f"Killed page {i}.\n\n== Notes ==\nSome text {i}.\n" for i in range(60)]
    titles = _make_pages(wiki_api, "Killpage", texts)
    folder = tmp_path / "wf"
    proc = _spawn(["pull", "-prefixindex:Killpage ", "--into", str(folder)], REPO, env)
    _kill_when(proc, lambda: len(list(folder.glob("*.wiki"))) >= 1)
    for path in folder.glob("*.wiki"):  # only whole pages, never half a file
        assert path.read_text().endswith(f"Some text {int(path.stem.split()[-1])}.\n")
    monkeypatch.chdir(folder)
    assert cli("pull").exit_code == 0
    assert not list(folder.glob(".*.tmp"))  # leftovers of the killed writes are swept
    assert len(list(folder.glob("*.wiki"))) == 60
    assert cli("status").exit_code == 0

    for path in sorted(folder.glob("*.wiki"))[:12]:
        path.write_text(path.read_text() + "A line added before the kill.\n")
    proc = _spawn(["push", "-m", "killtest"], folder, env)

    def saves_started() -> bool:  # the push records each save in the folder's metadata
        try:
            db = sqlite3.connect(folder / ".wikiwarden" / "sync.sqlite", timeout=1)
            try:
                return db.execute("SELECT COUNT(*) FROM saves").fetchone()[0] >= 3
            finally:
                db.close()
        except sqlite3.Error:
            return False

    _kill_when(proc, saves_started)
    rerun = cli("push", "-m", "killtest")
    assert rerun.exit_code == 0, rerun.stdout
    assert cli("status").exit_code == 0
    for title in titles[:12]:
        comments = [r.get("comment") for r in _revisions(wiki_api, title)]
        assert comments.count("killtest") == 1, title
        assert _wiki_text(wiki_api, title).endswith("A line added before the kill.")


def test_odd_titles_survive_pull_edit_push(cli, wiki_api, tmp_path, monkeypatch):
    """Titles with namespaces, subpages, characters a file system forbids and names over the
    length limit become files, show no change, and push back to the right page."""
    titles = ["Odd: what? *stars*", "Talk:Odd page/Sub page", "Odd " + "ünïcode-" * 24,
              "Odd 100% ~ sure", "Help:Odd/.hidden"]
    for title in titles:
        wiki_api.edit(title, f"Text of {title}.\n")
    folder = tmp_path / "wf"
    pulled = cli("pull", *[f"-page:{t}" for t in titles], "--into", str(folder))
    assert pulled.exit_code == 0, pulled.stderr
    monkeypatch.chdir(folder)
    assert cli("status").exit_code == 0
    files = sorted(p for p in folder.rglob("*.wiki"))
    assert len(files) == len(titles)
    assert all(not part.startswith(".") for p in files for part in p.relative_to(folder).parts)
    for path in files:
        path.write_text(path.read_text() + "Edited.\n")
    pushed = cli("push")
    assert pushed.exit_code == 0, pushed.stdout
    for title in titles:
        assert _wiki_text(wiki_api, title) == f"Text of {title}.\nEdited."


def test_later_pull_follows_the_recorded_selection(cli, wiki_api, tmp_path, monkeypatch):
    """A pull without selectors brings pages the recorded selection yields now, and updates
    the tracked ones; a selector given later is added to the recorded selection."""
    wiki_api.edit("Followed 1", "One.\n")
    folder = tmp_path / "wf"
    assert cli("pull", "-prefixindex:Followed ", "--into", str(folder)).exit_code == 0
    monkeypatch.chdir(folder)
    wiki_api.edit("Followed 2", "Two.\n")
    wiki_api.edit("Followed 1", "One, changed.\n")
    wiki_api.edit("Extra page", "Extra.\n")
    pulled = cli("pull", "-page:Extra page")
    assert pulled.exit_code == 0, pulled.stderr
    assert (folder / "Followed 2.wiki").read_text() == "Two.\n"
    assert (folder / "Followed 1.wiki").read_text() == "One, changed.\n"
    assert (folder / "Extra page.wiki").read_text() == "Extra.\n"
    wiki_api.edit("Extra page", "Extra, changed.\n")
    assert cli("pull").exit_code == 0
    assert (folder / "Extra page.wiki").read_text() == "Extra, changed.\n"
    index = (folder / "PAGES.tsv").read_text()
    assert "Followed 2.wiki\tFollowed 2\t" in index
