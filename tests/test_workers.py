"""Worker processes: no page stalls a run, and --jobs N gives the same report as --jobs 1."""

from __future__ import annotations

import json
import os

import pytest

from bot.parse.document import Document
from bot.profiles import load_profile
from bot.rules import Context, select_rules
from bot.runner import audit_document
from conftest import SAMPLES, make_dump, processes_with, run_wikiwarden


def _dump_pages(n: int) -> list[tuple[str, str]]:
    samples = [p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.wiki"))]
    return [(f"Page {i:04d}", samples[i % len(samples)]) for i in range(n)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_hostile_page_is_skipped_and_the_run_goes_on(tmp_path, jobs):
    """A 1 MB pathological page mid-dump is reported as skipped; every other page is audited
    (also the pages queued behind it on its worker, which go to a new one, and large pages
    after it, more than its pipe takes while it is stuck)."""
    pages = _dump_pages(40)
    pages.insert(20, ("Hostile", "{{a|" * 262_144))  # 1 MiB of unterminated template calls
    large = "\n\n".join(text for _, text in pages[:20])
    for i in (21, 30):
        pages.insert(i, (f"Large {i}", (large * (200_000 // len(large) + 1))[:200_000]))
    dump = tmp_path / "hostile.xml.bz2"
    dump.write_bytes(make_dump(pages, compress="bz2"))
    # the hostile page takes minutes; 4 s leaves the 200 kB pages room on a loaded machine
    result = run_wikiwarden("audit", str(dump), "--format", "json", "--page-timeout", "4", "-q",
                            "--jobs", jobs)
    assert result.returncode == 2  # a skipped page is an input problem
    report = json.loads(result.stdout)
    assert [p["title"] for p in report["problems"]] == ["Hostile"]
    assert "budget" in report["problems"][0]["problem"]
    assert report["summary"]["pages"] == len(pages) - 1
    rules, ctx = select_rules(), Context(profile=load_profile("mepedia"))
    expected = {
        title for title, text in pages
        if title != "Hostile" and audit_document(Document(title, text), rules, ctx)
    }
    assert {f["title"] for f in report["findings"]} == expected
    assert "page 'Hostile': skipped" in result.stderr


def test_parallel_report_is_identical(tmp_path):
    """--jobs 2 prints the same findings in the same order as --jobs 1 and as in-process
    (also without a time budget)."""
    dump = tmp_path / "pages.xml.gz"
    dump.write_bytes(make_dump(_dump_pages(120), compress="gz"))
    outputs = [
        run_wikiwarden("audit", str(dump), "-q", *args).stdout
        for args in (["--jobs", "1"], ["--jobs", "2"], ["--page-timeout", "0"],
                     ["--jobs", "2", "--page-timeout", "0"])
    ]
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2] == outputs[3]


def test_hostile_page_does_not_stall_fix(tmp_path):
    """`fix` screens pages under the same budget: the hostile file is skipped, others fixed."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "Hostile.wiki").write_text("{{a|" * 262_144)
    (folder / "Fine.wiki").write_text("Text<ref>x</ref>.\n<references />\n")
    result = run_wikiwarden("fix", str(folder), "--apply", "--state", str(tmp_path / "s.db"))
    assert result.returncode == 4  # SKIPPED: over the budget is an expected skip
    hostile = folder / "Hostile.wiki"  # named as other skipped pages are, said once
    assert f"wikiwarden: skipped {hostile}: working on it took longer than the" in result.stderr
    assert result.stderr.count("skipped") == 2  # the line, and the summary's count
    assert (folder / "Fine.wiki").read_text() == "Text.<ref>x</ref>\n<references />\n"


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_stopped_audit_leaves_no_worker_behind(tmp_path, how):
    """SIGTERM: the audit stops after the current page, exits 130; kill -9: the workers die
    with their parent.  Either way no worker process is left running."""
    import signal
    import subprocess
    import sys
    import time

    from conftest import REPO

    dump = tmp_path / "many-pages.xml"
    dump.write_bytes(make_dump(_dump_pages(3000)))
    process = subprocess.Popen([sys.executable, "-m", "bot", "audit", str(dump), "-j2", "-q",
                                "-o", str(tmp_path / "report.txt")], cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(processes_with(str(dump))) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)  # the parent and its two workers are up
    time.sleep(1)
    process.send_signal(getattr(signal, how))
    _, stderr = process.communicate(timeout=60)
    time.sleep(0.5)
    leftover = processes_with(str(dump))
    for pid in leftover:
        os.kill(pid, signal.SIGKILL)
    assert leftover == []
    if how == "SIGTERM":
        assert process.returncode == 130, stderr
        assert "Traceback" not in stderr and "interrupted (SIGTERM)" in stderr
        assert (tmp_path / "report.txt").exists()


class _SlowPages:
    """A plan whose work takes long on two pages: 'Slow' (under the budget), 'Stuck' (over)."""

    def prepare(self):
        import time

        def work(doc):
            time.sleep({"Slow": 1.5, "Stuck": 60}.get(doc.title, 0))
            return doc.title.upper()

        return work


@pytest.mark.parametrize("jobs", [1, 2])
def test_pages_queued_behind_a_slow_page(jobs):
    """Pages queued on a worker behind a page that takes long (given to the other worker, or
    sent again after the kill) come back once each, in order; the page over the budget is
    reported, the slow one under it is not."""
    from bot.sources.base import SourceProblem
    from bot.workers import map_in_workers

    docs = [Document(f"P{i}", "text") for i in range(40)]
    docs.insert(10, Document("Slow", "text"))
    docs.insert(12, Document("Stuck", "text"))
    results = list(map_in_workers(docs, _SlowPages(), jobs=jobs, budget=3.0))
    assert [item.title for item, _ in results] == [doc.title for doc in docs]
    problems = [item.title for item, _ in results if isinstance(item, SourceProblem)]
    assert problems == ["Stuck"]
    assert all(value == item.title.upper() for item, value in results if item.title != "Stuck")


@pytest.mark.parametrize("window", [None, 128])
def test_while_a_page_is_slow_the_other_worker_goes_on_within_the_window(window):
    """While one worker is on a slow page, the other goes on with the pages after it, up to
    the window (pages read and not handed on yet): all of it, and no more (32 per worker
    by default, for ``fix``; 128 for an audit)."""
    from bot.workers import _WINDOW, map_in_workers

    docs = [Document(f"P{i}", "text") for i in range(600)]
    docs[5] = Document("Slow", "text")
    pulled = 0

    def items():
        nonlocal pulled
        for doc in docs:
            pulled += 1
            yield doc

    ahead = []
    kwargs = {} if window is None else {"window": window}
    for k, (item, _) in enumerate(map_in_workers(items(), _SlowPages(), jobs=2, budget=30.0,
                                                 **kwargs)):
        ahead.append(pulled - k)
        assert item.title == docs[k].title
    assert max(ahead) == 2 * (window or _WINDOW)


def test_a_whole_next_batch_fits_in_a_workers_pipe():
    """A worker reads its next batch at once: the pipe holds a whole one (at 64 KiB it
    waited for this process to refill it, 0.4 s of a 4 s run), as far as the system lets a
    pipe grow; with many workers, less, so that all the pipes stay within the user's budget."""
    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_SETPIPE_SZ"):
        pytest.skip("pipe sizes are a Linux feature")
    from bot.workers import _ALL_PIPES_BYTES, _PIPE_BYTES, _context, _pipe_bytes, _Worker

    def grown(fd: int, size: int) -> int:
        while size > 1 << 16:
            try:
                return fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, size)
            except OSError:
                size //= 2
        return fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ)

    read_end, write_end = os.pipe()
    try:
        allowed = grown(write_end, _PIPE_BYTES)  # what this system gives a new pipe
    finally:
        os.close(read_end)
        os.close(write_end)
    worker = _Worker(_context(), _SlowPages(), _pipe_bytes(2))
    try:
        assert fcntl.fcntl(worker.outbox.fileno(), fcntl.F_GETPIPE_SZ) >= min(allowed, 1 << 20)
    finally:
        worker.kill()
    assert _pipe_bytes(2) == _PIPE_BYTES
    for jobs in (8, 16, 64):
        assert _pipe_bytes(jobs) * jobs * jobs <= _ALL_PIPES_BYTES or _pipe_bytes(jobs) == 1 << 16


class _AnswersOneByOne:
    """A plan that answers each page on its own (each takes longer than ``_FLUSH``), with
    answers of ``size`` characters: large ones fill the pipe (as ``fix``'s can)."""

    def __init__(self, size: int):
        self.size = size

    def prepare(self):
        import time

        def work(doc):
            time.sleep(0.06)
            return doc.title.ljust(self.size, ".")

        return work


@pytest.mark.parametrize("size", [10, 200_000])
def test_a_busy_reader_does_not_use_up_a_pages_budget(size):
    """While this process is busy elsewhere (``fix`` saving a page over a slow network, with
    retries), a worker's answers wait for it, queued in the pipe or, when the pipe is full,
    in the worker; that wait is not the pages' time: no page is skipped as over the budget
    (``fix`` once skipped a small page after a save took longer than the budget: the worker
    had answered it, and the page still counted as running while the answer waited)."""
    import time

    from bot.sources.base import SourceProblem
    from bot.workers import map_in_workers

    docs = [Document(f"P{i}", "text") for i in range(12)]
    seen = []
    for item, value in map_in_workers(docs, _AnswersOneByOne(size), jobs=1, budget=1.0):
        seen.append(item.title)
        assert not isinstance(item, SourceProblem), item
        assert value == item.title.ljust(size, ".")
        if len(seen) in (1, 5):
            time.sleep(2.0)  # the worker answers the pages meanwhile
    assert seen == [doc.title for doc in docs]
