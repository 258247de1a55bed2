"""Work on pages in worker processes: a per-page time budget, and ``--jobs N`` in parallel.

mwparserfromhell's tokenizer runs in C and takes quadratic time on some inputs (32 KB of
unterminated ``{{a|`` takes ~18 s); a signal cannot interrupt it.  So pages are audited (and,
for ``fix``, fixed and validated) in worker processes, and a worker that exceeds the budget
on a page is killed and replaced: the page is reported as skipped with the reason, and the
run goes on.

Results come back in input order.  At most ``2 × jobs`` pages are in flight, so memory
stays bounded whatever the size of the input.

Workers never outlive the run: on Linux each asks the kernel to kill it when its parent
dies (``PR_SET_PDEATHSIG``, even after ``kill -9`` of the parent); everywhere, an idle worker
checks every second that its parent is still there (its pipe alone is not enough: a forked
worker holds both ends); and they ignore Ctrl-C, which the parent handles.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from bot.parse.document import Document
from bot.rules.base import Context
from bot.rules.registry import select_rules
from bot.runner import PageResult, audit_document
from bot.sources.base import SourceProblem

__all__ = ["AuditPlan", "Plan", "audit_in_workers", "light_document", "map_in_workers"]

_PR_SET_PDEATHSIG = 1
#: pages in flight or finished but held for ordered output, per worker: enough that the other
#: workers keep going while one page runs into its time budget (a window of 2 per worker left
#: them idle for the whole budget), few enough to keep memory flat
_WINDOW = 32


class Plan(Protocol):
    """What a worker does to each page; picklable.  ``prepare`` runs once per worker."""

    def prepare(self) -> Callable[[Document], Any]: ...


@dataclass(frozen=True)
class AuditPlan:
    """Everything a worker needs to audit pages; picklable."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    context: Context

    def prepare(self) -> Callable[[Document], Any]:
        rules = select_rules(self.select, self.ignore)
        return lambda doc: audit_document(doc, rules, self.context)


def _context():
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")  # cheap: modules are already imported
    return multiprocessing.get_context("spawn")


def _die_with_parent(parent: int) -> None:
    """Ask the kernel for SIGKILL when the parent dies (Linux); exit if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)


def _worker(conn: Connection, plan: Plan, parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent finishes the page and stops
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    work = plan.prepare()
    while True:
        try:
            while not conn.poll(1.0):  # also without PR_SET_PDEATHSIG: notice the orphaning
                if os.getppid() != parent:
                    return
            message = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if message is None:
            return
        seq, doc = message
        conn.send((seq, work(doc)))


class _Worker:
    def __init__(self, ctx, plan: Plan):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child, plan, os.getpid()),
                                   daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, Document] | None = None
        self.started = 0.0

    def send(self, seq: int, doc: Document) -> None:
        """Audit ``doc``; the result will carry ``doc`` itself (with its ``meta``)."""
        self.task = (seq, doc)
        self.started = time.monotonic()
        self.conn.send((seq, light_document(doc)))

    def kill(self) -> None:
        with contextlib.suppress(Exception):  # also at interpreter exit, modules half gone
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.join()
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):
            self.conn.send(None)
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()


def light_document(doc: Document) -> Document:
    """The document without its cached parse, for sending to a worker."""
    return Document(
        title=doc.title, text=doc.text, source=doc.source, revid=doc.revid,
        namespace=doc.namespace, timestamp=doc.timestamp, location=doc.location,
    )


def audit_in_workers(
    items: Iterable[Document | SourceProblem],
    plan: AuditPlan,
    jobs: int = 1,
    budget: float = 5.0,
) -> Iterator[PageResult]:
    """Audit ``items`` in ``jobs`` worker processes, each page within ``budget`` seconds."""
    results = map_in_workers(items, plan, jobs, budget)
    try:
        for item, findings in results:
            if isinstance(item, SourceProblem):
                yield PageResult(document=None, problem=item)
            else:
                yield PageResult(document=item, findings=findings)
    finally:
        results.close()


def map_in_workers(
    items: Iterable[Document | SourceProblem],
    plan: Plan,
    jobs: int = 1,
    budget: float = 5.0,
) -> Iterator[tuple[Document | SourceProblem, Any]]:
    """``(document, what plan's work gave for it)`` for each of ``items``, in order, worked
    on in ``jobs`` processes, each page within ``budget`` seconds; ``(problem, None)`` for
    inputs that could not be read and pages over the budget or whose worker died."""
    ctx = _context()
    workers = [_Worker(ctx, plan) for _ in range(max(1, jobs))]
    pending: dict[int, tuple] = {}
    inputs = iter(enumerate(items))
    next_out = 0
    exhausted = False
    try:
        while True:
            idle = [w for w in workers if w.task is None]
            while idle and not exhausted and len(pending) < _WINDOW * len(workers):
                try:
                    seq, item = next(inputs)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(item, SourceProblem):
                    pending[seq] = (item, None)
                    continue
                idle.pop().send(seq, item)
            while next_out in pending:
                yield pending.pop(next_out)
                next_out += 1
            busy = [w for w in workers if w.task is not None]
            if not busy:
                if exhausted and not pending:
                    return
                continue
            now = time.monotonic()
            timeout = max(0.0, min(w.started + budget - now for w in busy))
            for conn in wait([w.conn for w in busy], timeout=timeout):
                worker = next(w for w in busy if w.conn is conn)
                try:
                    seq, value = conn.recv()
                except (EOFError, OSError):  # the worker died (out of memory, a crash in C code)
                    seq, doc = worker.task
                    pending[seq] = _skipped(doc, "the worker process working on it died")
                    workers[workers.index(worker)] = _Worker(ctx, plan)
                    continue
                pending[seq] = (worker.task[1], value)
                worker.task = None
            now = time.monotonic()
            for worker in [w for w in workers if w.task is not None]:
                if now - worker.started >= budget:
                    seq, doc = worker.task
                    worker.kill()
                    pending[seq] = _skipped(
                        doc, f"skipped: working on it took longer than the {budget:g} s "
                             f"budget per page (pathological markup?)")
                    workers[workers.index(worker)] = _Worker(ctx, plan)
    finally:
        for worker in workers:
            if worker.task is not None:
                worker.kill()
            else:
                worker.stop()


def _skipped(doc: Document, reason: str) -> tuple[SourceProblem, None]:
    return SourceProblem(doc.source or doc.where, reason, title=doc.title), None
