"""Work on pages in worker processes: a per-page time budget, and ``--jobs N`` in parallel.

mwparserfromhell's tokenizer runs in C and takes quadratic time on some inputs (32 KB of
unterminated ``{{a|`` takes ~18 s); a signal cannot interrupt it.  So pages are audited (and,
for ``fix``, fixed and validated) in worker processes, and a worker that exceeds the budget
on a page is killed and replaced: the page is reported as skipped with the reason, and the
run goes on.

Results come back in input order.  At most ``window × jobs`` pages (``_WINDOW_CHARS × jobs``
characters) are read and not yet handed on, so memory stays bounded whatever the size of the
input (the window is 128 pages for an audit, 32 for ``fix``).

This process (reading the input, ordering, reporting) is the serial part of a run, and with
``--jobs 2`` on two cores it competes with the workers for them, so it does little per page:
pages travel in batches (one message each way for several pages), as plain tuples of their
fields, and each worker has its next batch waiting (whole: the pipe is widened to hold it)
while it works, so it never waits for this process between pages.  What it cannot shrink is
the reading itself: with ``--jobs 1`` the worker is the critical path and this process reads
alongside it, but with as many workers as cores its reading takes core time from them, so
two cores give at most a speed-up of 2·T1 / (T1 + S + R), where T1 is the ``--jobs 1``
time, S the start-up and R the reading (decompressing a bz2 dump is most of it;
``scripts/bench`` prints this bound beside the measured speed-up).

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
import struct
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Protocol

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

from bot.parse.document import Document
from bot.rules.base import Context
from bot.rules.registry import select_rules
from bot.runner import PageResult, audit_document
from bot.sources.base import SourceProblem

__all__ = ["AuditPlan", "Plan", "audit_in_workers", "light_document", "map_in_workers"]

_PR_SET_PDEATHSIG = 1
#: pages in flight or finished but held for ordered output, per worker, and their characters:
#: enough that the other workers keep going while one page runs into its time budget (a window
#: of 2 per worker left them idle for the whole budget), few enough to keep memory flat (at
#: most some 4 bytes × 8 M characters per worker, also when pages are large).  Not more: the
#: budget is wall-clock time, and while the other workers go on, a page that takes seconds
#: shares the cores with them and this process (with 256 pages per worker, a 3.3 s page of the
#: corpus went over the 5 s budget in 3 of 3 --jobs 2 runs on a loaded machine, 1 of 3 with 32)
_WINDOW = 32
_WINDOW_CHARS = 8_000_000
#: the window of an audit, per worker: with 32, a worker waited for pages 3 to 4 times in a
#: --jobs 2 run over the corpus's .wiki files (50-150 ms each, 0.1-0.2 s per worker in all)
#: while the other was on one of its slow pages (0.1-0.25 s) and the page before it held the
#: window; 128 is enough for those, and still lets a page of seconds have its core (no page
#: of the corpus takes over 0.27 s now, against 3.3 s in the note above).  Not for ``fix``:
#: there the window is how many pages are fetched ahead of being saved
_AUDIT_WINDOW = 128
#: pages go to a worker in batches of up to ``_BATCH`` pages and ``_BATCH_CHARS`` characters
#: (one message each way, not one per page); each worker has up to ``_DEPTH`` batches: the one
#: it works on and the next, waiting in its pipe.  Batches of large pages are short (a page
#: over ``_BATCH_CHARS`` goes alone), so that the last batches of a run take alike long: with
#: batches of up to 1 M characters, one worker waited 40-150 ms at the end of the corpus's
#: .wiki files (its large articles come last) while the other finished eight of them; with
#: batches of up to 64 k, 20-50 ms
_BATCH = 8
_BATCH_CHARS = 64_000
_DEPTH = 2
#: a worker answers the pages of a batch done so far when the batch has taken this long (s)
_FLUSH = 0.05
#: a page that has taken this long (s, far more than most) has the pages queued behind it on
#: its worker given to other workers, so that they do not wait for it
_STUCK = 0.5
_PROTOCOL = pickle.HIGHEST_PROTOCOL
#: bytes a page pipe holds (Linux; the default is 64 KiB): the next batch (``_BATCH_CHARS``,
#: up to 4 bytes each, or one larger page of up to 1 MB) fits whole, so a worker that
#: finishes a batch reads the next at once
#: instead of waiting for this process to refill the pipe 64 KiB at a time (0.4 s of a
#: 4.3 s --jobs 1 run on a 10 MB dump); less with many workers (see ``_pipe_bytes``)
_PIPE_BYTES = 1 << 20
#: what the widened pipes of a run may hold in all: a worker holds the pipes of the workers
#: there were when it was forked (up to jobs × jobs pipes), and the default per-user budget
#: (/proc/sys/fs/pipe-user-pages-soft) is 64 MiB, past which new pipes get one page
_ALL_PIPES_BYTES = 32 << 20
_PIPE_MIN = 1 << 16  # the default size
#: whether pages can be sent ahead with writes that never wait (pipes with file descriptors);
#: elsewhere a worker is sent a batch only when it has none
_AHEAD = sys.platform != "win32"


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


def _worker(inbox: Connection, conn: Connection, plan: Plan, parent: int, progress) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent finishes the page and stops
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    work = plan.prepare()
    while True:
        try:
            while not inbox.poll(1.0):  # also without PR_SET_PDEATHSIG: notice the orphaning
                if os.getppid() != parent:
                    return
            batch = pickle.loads(inbox.recv_bytes())
        except (EOFError, OSError):  # the parent is gone
            return
        if batch is None:
            return
        seqs: list[int] = []
        values: list[Any] = []
        flushed = time.monotonic()
        for seq, fields in batch:
            now = time.monotonic()
            if values and now - flushed >= _FLUSH:  # a slow batch: answer what is done
                conn.send_bytes(pickle.dumps((seqs, values), _PROTOCOL))
                seqs, values = [], []
                flushed = now = time.monotonic()
            progress[1] = now  # the parent reads (seq, started) only when seq is the same
            progress[0] = seq  # before and after reading started
            values.append(work(Document(*fields)))
            # on no page until the next starts: its answer may wait for the parent (``fix``
            # saving a page over a slow network), and that is no page's time
            progress[0] = -1
            seqs.append(seq)
        conn.send_bytes(pickle.dumps((seqs, values), _PROTOCOL))


def _fields(doc: Document) -> tuple:
    """What a worker needs of ``doc``, in :class:`Document`'s field order (not its cached
    parse, nor ``meta``): a plain tuple pickles and unpickles faster than the object."""
    return (doc.title, doc.text, doc.source, doc.revid, doc.namespace, doc.timestamp,
            doc.location)


class _Worker:
    def __init__(self, ctx, plan: Plan, pipe_bytes: int = _PIPE_BYTES):
        inbox, self.outbox = ctx.Pipe(duplex=False)  # pages to the worker
        self.conn, answers = ctx.Pipe(duplex=False)  # answers from it
        #: (seq, started) of the page the worker is on, written by the worker
        self.progress = ctx.RawArray("d", [-1.0, 0.0])
        self.process = ctx.Process(target=_worker, daemon=True,
                                   args=(inbox, answers, plan, os.getpid(), self.progress))
        self.process.start()
        inbox.close()
        answers.close()
        #: pages sent and not answered yet, in the order sent: seq -> document
        self.tasks: dict[int, Document] = {}
        #: pages sent, then taken back and given to another worker
        self.stale: set[int] = set()
        #: messages the pipe has not taken yet: this process never waits for a busy worker
        #: to read (a page stuck in the C tokenizer would hold up the time budget)
        self.unsent = bytearray()
        if _AHEAD:
            os.set_blocking(self.outbox.fileno(), False)
        _widen(self.outbox, pipe_bytes)

    def send(self, batch: list[tuple[int, Document]]) -> None:
        """Queue pages on this worker; each result will carry the document itself (its
        ``meta``)."""
        self.tasks.update(batch)
        self._put([(seq, _fields(doc)) for seq, doc in batch])

    def _put(self, message) -> None:
        data = pickle.dumps(message, _PROTOCOL)
        if not _AHEAD:  # only sent to a worker that waits for it: it reads it whole
            self.outbox.send_bytes(data)
            return
        # the framing of Connection.send_bytes, which the worker's recv_bytes reads
        if len(data) > 0x7FFFFFFF:
            self.unsent += struct.pack("!iQ", -1, len(data))
        else:
            self.unsent += struct.pack("!i", len(data))
        self.unsent += data
        self.flush()

    def flush(self) -> bool:
        """Write what the pipe takes now, without waiting; True once all is written."""
        try:
            while self.unsent:
                del self.unsent[:os.write(self.outbox.fileno(), self.unsent)]
        except BlockingIOError:
            return False
        except OSError:  # the worker is gone: reading its answers tells
            self.unsent.clear()
        return True

    def receive(self) -> list[tuple[int, Document, Any]]:
        """The answers that came: ``(seq, document, value)`` (none for pages taken back)."""
        seqs, values = pickle.loads(self.conn.recv_bytes())
        answers = []
        for seq, value in zip(seqs, values, strict=True):
            doc = self.tasks.pop(seq, None)
            if doc is None:
                self.stale.discard(seq)
            else:
                answers.append((seq, doc, value))
        return answers

    def current(self) -> tuple[int, float] | None:
        """``(seq, started)`` of the page sent that the worker is on (one of ``tasks`` or
        ``stale``); None between pages."""
        seq, started = self.progress[0], self.progress[1]
        if seq != self.progress[0] or (int(seq) not in self.tasks and int(seq) not in self.stale):
            return None  # moving to the next page just now, or done and answered
        return int(seq), started

    def take_back(self, keep: int) -> list[tuple[int, Document]]:
        """The pages queued behind the page ``keep`` that the worker is stuck on, for other
        workers; their answers from this one, if any, are ignored."""
        queued = [(seq, doc) for seq, doc in self.tasks.items() if seq != keep]
        for seq, _ in queued:
            del self.tasks[seq]
            self.stale.add(seq)
        return queued

    def kill(self) -> None:
        with contextlib.suppress(Exception):  # also at interpreter exit, modules half gone
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.join()
            self.conn.close()
            self.outbox.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._put(None)  # nothing is left unsent: every page sent has been answered
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()


def _pipe_bytes(jobs: int) -> int:
    """How much each page pipe of a run with ``jobs`` workers is to hold."""
    size = _PIPE_BYTES
    while size > _PIPE_MIN and size * jobs * jobs > _ALL_PIPES_BYTES:
        size //= 2
    return size


def _widen(pipe: Connection, size: int) -> None:
    """Let ``pipe`` hold ``size`` bytes, or the most under that the system allows (Linux:
    up to /proc/sys/fs/pipe-max-size, within the user's pipe budget); elsewhere nothing."""
    setsize = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl else None
    if setsize is None:
        return
    while size > _PIPE_MIN:
        try:
            fcntl.fcntl(pipe.fileno(), setsize, size)
            return
        except OSError:  # EPERM: over pipe-max-size or the user's budget
            size //= 2


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
    results = map_in_workers(items, plan, jobs, budget, window=_AUDIT_WINDOW)
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
    window: int = _WINDOW,
) -> Iterator[tuple[Document | SourceProblem, Any]]:
    """``(document, what plan's work gave for it)`` for each of ``items``, in order, worked
    on in ``jobs`` processes, each page within ``budget`` seconds; ``(problem, None)`` for
    inputs that could not be read and pages over the budget or whose worker died.  At most
    ``window`` pages per worker are read and not handed on yet.

    Pages go to the workers in batches, and each worker has its next batch waiting in its
    pipe, so it goes on without waiting for this process to read the input and answer.  A
    page's budget starts when the worker starts on it and ends when its work on it does (not
    when this process takes the answer): the worker writes which page it is on, and since
    when, in memory shared with this process.  When a worker is killed, the
    pages it had besides the one over the budget (done but not answered yet, or not
    started) go to the workers again."""
    ctx = _context()
    pipe_bytes = _pipe_bytes(max(1, jobs))
    workers = [_Worker(ctx, plan, pipe_bytes) for _ in range(max(1, jobs))]
    selector = selectors.DefaultSelector()
    for worker in workers:
        selector.register(worker.conn, selectors.EVENT_READ, worker)
    pending: dict[int, tuple] = {}  # finished, held for ordered output
    again: collections.deque[tuple[int, Document]] = collections.deque()  # to send again
    inputs = enumerate(items)
    read = next_out = 0
    exhausted = False
    window *= len(workers)
    window_chars = _WINDOW_CHARS * len(workers)
    held: dict[int, int] = {}  # characters of the pages read and not handed on yet
    held_chars = 0
    writing: list[_Worker] = []  # workers with messages their pipe has not taken yet

    def replace(worker: _Worker, reason: str | None, blamed: int | None = None) -> None:
        """Kill ``worker`` and start a new one in its place.  The page it is on (if it is
        still ``blamed``) is reported with ``reason``, if any; the other pages it had,
        answered or not, go to the workers again."""
        selector.unregister(worker.conn)
        if worker in writing:
            selector.unregister(worker.outbox)
            writing.remove(worker)
        worker.kill()
        on = worker.current()
        culprit = on[0] if on and blamed in (None, on[0]) and reason else None
        if culprit is None and blamed is None and reason and worker.tasks:  # between pages
            culprit = next(iter(worker.tasks))
        for seq, doc in worker.tasks.items():
            if seq == culprit:
                pending[seq] = _skipped(doc, reason)
            else:
                again.append((seq, doc))
        fresh = _Worker(ctx, plan, pipe_bytes)
        workers[workers.index(worker)] = fresh
        selector.register(fresh.conn, selectors.EVENT_READ, fresh)

    def deadline(worker: _Worker, now: float) -> float:
        """When to look at ``worker`` again (see ``check``)."""
        on = worker.current()
        if on is None:
            return now + (_FLUSH if worker.stale else budget)
        seq, started = on
        if seq in worker.stale:
            return now
        if len(worker.tasks) > 1 and len(workers) > 1:
            return started + min(_STUCK, budget)
        return started + budget

    def check(worker: _Worker, now: float) -> None:
        """Stop a page over the budget; give the pages queued behind a page that takes long
        to other workers; replace a worker that has gone on to pages given away."""
        on = worker.current()
        if on is None:
            return
        seq, started = on
        if seq in worker.stale:
            replace(worker, None)
        elif now - started >= budget:
            replace(worker, f"skipped: working on it took longer than the {budget:g} s "
                            f"budget per page (pathological markup?)", blamed=seq)
        elif now - started >= _STUCK and len(worker.tasks) > 1 and len(workers) > 1:
            again.extend(worker.take_back(seq))

    def next_batch() -> list[tuple[int, Document]]:
        nonlocal read, exhausted, held_chars
        batch: list[tuple[int, Document]] = []
        chars = 0
        while len(batch) < _BATCH and chars < _BATCH_CHARS:
            if again:
                seq, item = again.popleft()
            elif exhausted or read - next_out >= window or held_chars >= window_chars:
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
                held[seq] = len(item.text)
                held_chars += held[seq]
            batch.append((seq, item))
            chars += len(item.text)
        return batch

    try:
        while True:
            while True:  # keep every worker's queue full, within the window
                free = [w for w in workers if not w.stale]
                if not free:
                    break
                worker = min(free, key=lambda w: len(w.tasks))
                if len(worker.tasks) > (_DEPTH - 1) * _BATCH or (worker.tasks and not _AHEAD):
                    break
                batch = next_batch()
                if not batch:
                    break
                worker.send(batch)
                if worker.unsent and worker not in writing:
                    selector.register(worker.outbox, selectors.EVENT_WRITE, worker)
                    writing.append(worker)
            while next_out in pending:
                held_chars -= held.pop(next_out, 0)
                yield pending.pop(next_out)
                next_out += 1
            busy = [w for w in workers if w.tasks or w.stale]
            if not busy:
                if exhausted and not pending and not again:
                    return
                continue
            now = time.monotonic()
            timeout = min(deadline(w, now) for w in busy) - now
            ready = selector.select(max(0.0, timeout) if math.isfinite(timeout) else None)
            for key, _ in ready:
                worker = key.data
                if worker not in workers:  # replaced a moment ago
                    continue
                if key.fileobj is worker.outbox:
                    if worker.flush():
                        selector.unregister(worker.outbox)
                        writing.remove(worker)
                    continue
                try:
                    answers = worker.receive()
                except (EOFError, OSError):  # the worker died (out of memory, a crash in C code)
                    replace(worker, "the worker process working on it died")
                    continue
                for seq, doc, value in answers:
                    pending[seq] = (doc, value)
            now = time.monotonic()
            for worker in list(workers):
                check(worker, now)
    finally:
        selector.close()
        for worker in workers:
            if worker.tasks or worker.stale:
                worker.kill()
            else:
                worker.stop()


def _skipped(doc: Document, reason: str) -> tuple[SourceProblem, None]:
    return SourceProblem(doc.source or doc.where, reason, title=doc.title, where=doc.where), None
