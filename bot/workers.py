"""Work on pages in worker processes: a per-page time budget, and ``--jobs N`` in parallel.

mwparserfromhell's tokenizer runs in C and takes quadratic time on some inputs (32 KB of
unterminated ``{{a|`` takes ~18 s); a signal cannot interrupt it.  So pages are audited (and,
for ``fix``, fixed and validated) in worker processes, and a worker that exceeds the budget
on a page is killed and replaced: the page is reported as skipped with the reason, and the
run goes on.

Results come back in input order.  At most ``_WINDOW × jobs`` pages are read and not yet
handed on, so memory stays bounded whatever the size of the input.  Each worker has its
next page waiting in its pipe while it works on one, and pages travel as plain tuples of
their fields: this process (reading the input, ordering, reporting) is the serial part of a
run, and with ``--jobs 2`` on two cores it competes with the workers for them.

Workers never outlive the run: on Linux each asks the kernel to kill it when its parent
dies (``PR_SET_PDEATHSIG``, even after ``kill -9`` of the parent); everywhere, an idle worker
checks every second that its parent is still there (its pipe alone is not enough: a forked
worker holds both ends); and they ignore Ctrl-C, which the parent handles.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import math
import multiprocessing
import os
import pickle
import selectors
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
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
#: pages sent to a worker at a time: the one it works on and the next, waiting in its pipe
_DEPTH = 2
_PROTOCOL = pickle.HIGHEST_PROTOCOL


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
            message = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):  # the parent is gone
            return
        if message is None:
            return
        seq, fields = message
        conn.send_bytes(pickle.dumps((seq, work(Document(*fields))), _PROTOCOL))


def _fields(doc: Document) -> tuple:
    """What a worker needs of ``doc``, in :class:`Document`'s field order (not its cached
    parse, nor ``meta``): a plain tuple pickles and unpickles faster than the object."""
    return (doc.title, doc.text, doc.source, doc.revid, doc.namespace, doc.timestamp,
            doc.location)


class _Worker:
    def __init__(self, ctx, plan: Plan):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child, plan, os.getpid()),
                                   daemon=True)
        self.process.start()
        child.close()
        #: pages sent and not answered yet, oldest first: the worker is on the first one
        self.tasks: collections.deque[tuple[int, Document]] = collections.deque()
        self.started = 0.0  # when the worker started on ``tasks[0]``

    def send(self, seq: int, doc: Document) -> None:
        """Queue ``doc`` on this worker; the result will carry ``doc`` itself (its ``meta``)."""
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append((seq, doc))
        self.conn.send_bytes(pickle.dumps((seq, _fields(doc)), _PROTOCOL))

    def receive(self) -> tuple[int, Document, Any]:
        """The answer for the oldest page sent: ``(seq, document, value)``; the worker moves
        on to the next page queued, whose time budget starts now."""
        seq, value = pickle.loads(self.conn.recv_bytes())
        sent, doc = self.tasks.popleft()
        if seq != sent:  # never: a pipe keeps the order
            raise RuntimeError(f"worker answered page {seq}, expected {sent}")
        self.started = time.monotonic()
        return seq, doc, value

    def kill(self) -> None:
        with contextlib.suppress(Exception):  # also at interpreter exit, modules half gone
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.join()
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):
            self.conn.send_bytes(pickle.dumps(None))
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()


def light_document(doc: Document) -> Document:
    """The document without its cached parse, for sending to a worker."""
    return Document(*_fields(doc))


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
    inputs that could not be read and pages over the budget or whose worker died.

    Each worker has up to ``_DEPTH`` pages sent: the next one waits in its pipe, so it goes
    on without waiting for this process to read the input and answer.  A page's budget
    starts when the worker starts on it (when the answer for the page before it arrives)."""
    ctx = _context()
    workers = [_Worker(ctx, plan) for _ in range(max(1, jobs))]
    selector = selectors.DefaultSelector()
    for worker in workers:
        selector.register(worker.conn, selectors.EVENT_READ, worker)
    pending: dict[int, tuple] = {}  # finished, held for ordered output
    again: collections.deque[tuple[int, Document]] = collections.deque()  # to send again
    inputs = enumerate(items)
    read = next_out = 0
    exhausted = False
    window = _WINDOW * len(workers)

    def replace(worker: _Worker, reason: str) -> None:
        """Kill ``worker``: its current page is reported with ``reason``, the pages queued
        behind it go to the other workers; a new worker takes its place."""
        if worker.tasks:  # (an idle worker that died has no page to report)
            seq, doc = worker.tasks.popleft()
            pending[seq] = _skipped(doc, reason)
            again.extend(worker.tasks)
        selector.unregister(worker.conn)
        worker.kill()
        fresh = _Worker(ctx, plan)
        workers[workers.index(worker)] = fresh
        selector.register(fresh.conn, selectors.EVENT_READ, fresh)

    try:
        while True:
            while True:  # keep every worker's queue full, within the window
                worker = min(workers, key=lambda w: len(w.tasks))
                if len(worker.tasks) >= _DEPTH:
                    break
                if again:
                    seq, item = again.popleft()
                elif exhausted or read - next_out >= window:
                    break
                else:
                    try:
                        seq, item = next(inputs)
                    except StopIteration:
                        exhausted = True
                        break
                    read = seq + 1
                    if isinstance(item, SourceProblem):
                        pending[seq] = (item, None)
                        continue
                worker.send(seq, item)
            while next_out in pending:
                yield pending.pop(next_out)
                next_out += 1
            busy = [w for w in workers if w.tasks]
            if not busy:
                if exhausted and not pending:
                    return
                continue
            timeout = min(w.started for w in busy) + budget - time.monotonic()
            ready = selector.select(max(0.0, timeout) if math.isfinite(timeout) else None)
            for key, _ in ready:
                worker = key.data
                try:
                    seq, doc, value = worker.receive()
                except (EOFError, OSError):  # the worker died (out of memory, a crash in C code)
                    replace(worker, "the worker process working on it died")
                    continue
                pending[seq] = (doc, value)
            now = time.monotonic()
            for worker in [w for w in workers if w.tasks and now - w.started >= budget]:
                replace(worker, f"skipped: working on it took longer than the {budget:g} s "
                                f"budget per page (pathological markup?)")
    finally:
        selector.close()
        for worker in workers:
            if worker.tasks:
                worker.kill()
            else:
                worker.stop()


def _skipped(doc: Document, reason: str) -> tuple[SourceProblem, None]:
    return SourceProblem(doc.source or doc.where, reason, title=doc.title), None
