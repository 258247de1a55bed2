"""One fault-injection run of `wikiwarden fix --apply`, and what the wiki says afterwards.

Used by tests/test_faults.py (small, in the default suite) and scripts/faults (the full
measurement).  The wiki's own page histories are the judge: the bot's claims (its output,
its state file) are checked against them, never trusted.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from faultproxy import FaultProxy

from conftest import processes_with
from wikiapi import WikiApi

REPO = Path(__file__).resolve().parent.parent

PAGE = ("Vitamin B12 helps{i}<ref>Smith {i} 2015</ref>.\n\nLine two.\n\nLine three.\n\n"
        "Line four.\n\nLine five.\n\n== References ==\n<references />\n\n"
        "== See also ==\n* [[Folate]]\n")
CLEAN = "Nothing to fix on page {i}.\n\nLine three.\n\nLine five.\n"
NOBOTS = "{{{{nobots}}}}\n" + PAGE


def page_text(i: int) -> str:
    kind = i % 6
    if kind == 4:
        return CLEAN.format(i=i)
    if kind == 5:
        return NOBOTS.format(i=i)
    return PAGE.format(i=i)


@dataclass
class RunReport:
    seed: int
    pages: int
    exit_code: int | None = None
    wall: float = 0.0
    faults: Counter = field(default_factory=Counter)
    requests: int = 0
    human_edits: int = 0
    duplicate_saves: int = 0
    lost_human_edits: int = 0
    unvalidated_bot_revisions: int = 0
    saves_not_recorded: int = 0
    pages_unreported: int = 0
    orphans: int = 0
    tracebacks: int = 0
    fixed: int = 0
    undone: int = 0
    merged: int = 0
    outcomes: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)
    retries: str = ""
    stderr: str = ""
    state: Path | None = None
    signalled: bool = False

    def must_be_zero(self) -> dict:
        return {k: getattr(self, k) for k in (
            "duplicate_saves", "lost_human_edits", "unvalidated_bot_revisions",
            "saves_not_recorded", "pages_unreported", "orphans", "tracebacks")}

    def line(self) -> str:
        zero = ", ".join(f"{k} {v}" for k, v in self.must_be_zero().items())
        faults = sum(self.faults.values())
        return (f"seed {self.seed}: {self.pages} pages, exit {self.exit_code}, "
                f"{self.wall:.1f} s; {faults} faults in {self.requests} requests "
                f"({', '.join(f'{k} {v}' for k, v in sorted(self.faults.items()))}); "
                f"{self.human_edits} human edits; fixed {self.fixed} (merged {self.merged}), "
                f"undone {self.undone}, "
                f"outcomes {dict(self.outcomes)}; {zero}")


def proxied_pywikibot_dir(testwiki: dict, proxy: FaultProxy, where: Path,
                          retries: int = 3) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    source = Path(testwiki["PYWIKIBOT_DIR"])
    shutil.copy(source / "user-password.py", where / "user-password.py")
    config = (source / "user-config.py").read_text()
    config = config.replace(f":{testwiki['MW_PORT']}/", f":{proxy.port}/")
    (where / "user-config.py").write_text(config + f"max_retries = {retries}\n"
                                          "retry_wait = 1\nsocket_timeout = (5, 20)\n")
    return where


class Human(threading.Thread):
    """Edits pages directly on the wiki (anonymously) while the bot runs: a note in the
    middle (merges with the bot's edit), the bot's own line (conflicts), or {{nobots}}."""

    def __init__(self, api: str, titles: list[str], edits: int, seed: int, pause: float,
                 delay: float = 0.0):
        super().__init__(daemon=True)
        self.client = WikiApi(api)
        self.titles, self.edits, self.pause, self.delay = titles, edits, pause, delay
        self.rng = random.Random(seed)
        self.markers: dict[str, list[str]] = {}
        self.done = 0
        self.stop = threading.Event()

    def run(self) -> None:
        if self.stop.wait(self.delay):  # the bot first logs in and reads the pages
            return
        for k in range(self.edits):
            if self.stop.wait(self.rng.uniform(0, self.pause)):
                return
            title = self.rng.choice(self.titles)
            kind = self.rng.choice(["note", "note", "line", "nobots"])
            for _ in range(5):
                try:
                    if self._edit(title, kind, k):
                        break
                except Exception:  # a conflict with the bot: try again
                    time.sleep(0.2)

    def _edit(self, title: str, kind: str, k: int) -> bool:
        data = self.client.get(action="query", prop="revisions", titles=title,
                               rvprop="ids|content", rvslots="main")
        rev = data["query"]["pages"][0]["revisions"][0]
        text = rev["slots"]["main"]["content"]
        lines = text.split("\n")
        plain = [i for i, line in enumerate(lines)  # prose lines ending a sentence
                 if re.match(r"[A-Za-z]", line) and line.endswith(".")
                 and line.count("{{") == line.count("}}") and "<" not in line[-12:]]
        if not plain:
            return True
        if kind == "note":  # the middle of the page: MediaWiki merges it with the bot's edit
            where, marker = plain[len(plain) // 2], f" Human note {k}."
        elif kind == "line":  # the first line: where the bot's fixes often are
            where = 0 if re.match(r"[A-Za-z]", lines[0]) else plain[0]
            marker = f" really{k}."
        else:
            where, marker = plain[-1], "{{nobots}}"
        lines[where] += marker
        new = "\n".join(lines)
        marker = marker.strip()
        self.client.post(action="edit", title=title, text=new, summary=f"human {k}",
                         baserevid=rev["revid"], token=self.client.csrf)
        self.markers.setdefault(title, []).append(marker)
        self.done += 1
        return True


def fault_run(testwiki: dict, seed: int, n_pages: int, tmp: Path, *, rate: float = 0.2,
              texts: list[str] | None = None,
              human_edits: int = 0, kill_after: float | None = None,
              stall: float = 1.0, timeout: float = 600, faults: tuple[str, ...] | None = None,
              only_posts: bool = False, down_after: int | None = None, retries: int = 3,
              signal_after: float | None = None) -> RunReport:
    """Set up ``n_pages``, run fix --apply through a faulty proxy (optionally with human
    edits, optionally killed with SIGKILL after ``kill_after`` s), and judge the result."""
    admin = WikiApi(testwiki["MW_API"], testwiki["MW_BOT_LOGIN"], testwiki["MW_BOT_SECRET"])
    run_tag = uuid.uuid4().hex[:8]
    titles = [f"Fault {run_tag} {i}" for i in range(n_pages)]
    base = {}
    for i, title in enumerate(titles):
        admin.edit(title, texts[i] if texts else page_text(i))
        base[title] = admin.revid(title)
    report = RunReport(seed, n_pages)
    listing = tmp / f"pages-{run_tag}.txt"
    listing.write_text("".join(f"[[{t}]]\n" for t in titles))
    state = tmp / f"state-{run_tag}.sqlite"
    marker = f"faultrun-{run_tag}"
    options = {"faults": faults} if faults else {}
    with FaultProxy(testwiki["MW_SERVER"], seed=seed, rate=rate, stall=stall, grace=8,
                    only_posts=only_posts, **options) as proxy:
        proxy.down_after = down_after
        pwb = proxied_pywikibot_dir(testwiki, proxy, tmp / f"pwb-{run_tag}", retries)
        human = Human(testwiki["MW_API"], titles, human_edits, seed, pause=max(
            0.2, n_pages * 2.0 / max(1, human_edits)), delay=4.0)
        started = time.monotonic()
        env = {**os.environ, "PYWIKIBOT_DIR": str(pwb)}
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "--pywikibot-dir", str(pwb), "fix",
             f"-file:{listing}", "--apply", "--state", str(state), "--summary", marker],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        human.start()
        try:
            if kill_after is not None or signal_after is not None:
                try:
                    process.wait(timeout=kill_after or signal_after)
                except subprocess.TimeoutExpired:
                    report.signalled = True
                    process.send_signal(signal.SIGKILL if kill_after else signal.SIGTERM)
            _, stderr = process.communicate(timeout=timeout)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
            human.stop.set()
            human.join(timeout=30)
        report.wall = time.monotonic() - started
        report.exit_code = process.returncode
        report.faults, report.requests = Counter(proxy.injected), proxy.requests
    time.sleep(0.5)
    report.orphans = len(processes_with(marker))
    for pid in processes_with(marker):
        os.kill(pid, signal.SIGKILL)
    report.stderr = stderr
    report.state = state
    report.tracebacks = stderr.count("Traceback")
    report.human_edits = human.done
    retried = [line for line in stderr.splitlines() if "requests retried" in line
               or "request retried" in line]
    report.retries = retried[-1] if retried else ""
    stopped = report.exit_code in (6, 130, 3)  # stopped on purpose: the rest is not done
    _judge(report, admin, titles, base, human.markers, state, marker, stderr,
           killed=kill_after is not None, stopped=stopped)
    return report


def _history(api: WikiApi, title: str, base: int) -> list[dict]:
    data = api.get(action="query", prop="revisions", titles=title, rvlimit=50,
                   rvprop="ids|user|comment|content", rvslots="main", rvdir="newer",
                   rvstartid=base)
    revs = data["query"]["pages"][0]["revisions"]
    for rev in revs:
        rev["text"] = rev["slots"]["main"]["content"]
    return revs


def _judge(report: RunReport, api: WikiApi, titles, base, markers, state: Path, marker,
           stderr: str, killed: bool, stopped: bool = False) -> None:
    sys.path.insert(0, str(REPO))
    from bot.fixes.engine import fix_document
    from bot.fixes.gate import validate
    from bot.parse.document import Document
    from bot.profiles import load_profile
    from bot.rules import Context, select_rules
    from bot.wiki.exclusion import bots_allow

    rules = select_rules()
    ctx = Context(profile=load_profile("mepedia"), options={"today": dt.date.today()})
    rows = []
    if state.exists():
        with sqlite3.connect(state) as db:
            rows = db.execute("SELECT target, parent_revid, new_revid, status, base_revid"
                              " FROM saves").fetchall()
    recorded = {(t, p, n) for t, p, n, _, _ in rows}
    report.merged = sum(1 for _, p, _, _, b in rows if p != b)
    for line in stderr.splitlines():
        found = re.match(r"wikiwarden: (skipped|failed) \[\[(.+?)\]\]: (.*)", line)
        if found:
            report.outcomes[found[1]] += 1
            reason = re.sub(r"r?\d+", "N", found[3])[:90]
            report.reasons[reason] += 1
    for title in titles:
        revs = _history(api, title, base[title])
        by_id = {rev["revid"]: rev for rev in revs}
        fixes = [r for r in revs if r["comment"].startswith("wikiwarden: fixed")
                 and marker in r["comment"]]
        undos = {int(m[1]) for r in revs
                 if (m := re.match(r"wikiwarden: undoing my edit \(r(\d+)\)", r["comment"]))}
        report.duplicate_saves += max(0, len(fixes) - 1)
        for rev in fixes:
            if rev["revid"] in undos:
                report.undone += 1
                continue
            parent = by_id.get(rev["parentid"])
            ok = parent is not None and bots_allow(parent["text"], "TestBot") and \
                bots_allow(rev["text"], "TestBot")
            if ok:
                doc = Document(title, parent["text"])
                redo = fix_document(doc, rules, ctx)
                ok = redo.text == rev["text"] and validate(doc, redo, rules, ctx).ok
            report.unvalidated_bot_revisions += not ok
            report.fixed += 1
            if (title, rev["parentid"], rev["revid"]) not in recorded and not killed:
                report.saves_not_recorded += 1
        final = revs[-1]["text"]
        for needle in markers.get(title, []):
            report.lost_human_edits += needle not in final
        needs_fix = fix_document(Document(title, revs[0]["text"]), rules, ctx).changed
        mentioned = f"[[{title}]]" in stderr
        if needs_fix and not fixes and not mentioned and not killed and not stopped:
            report.pages_unreported += 1
