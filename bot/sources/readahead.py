"""Decompressing a dump in a thread, ahead of the XML reader.

bz2, xz and gzip decompress in C with the GIL released, so a thread that decompresses the
next pieces while the main thread parses the XML (and, in ``audit --jobs N``, hands pages
to the workers) runs on another core.  With as many workers as cores the main thread
shares the cores with them, and where a dump has many short pages the workers ask for
pages faster than it can decompress and parse them alone; on the 10 MB bz2 bench dump
``--jobs 2`` took 6 % less time with the decompression in a thread, and an in-process
audit saves the decompression's time (0.37 s there) on a second core.

At most ``_DEPTH`` pieces of ``_OUT`` bytes are decompressed and not read yet, whatever
the compression ratio, so memory stays constant.  What comes out is what the standard
library's ``BZ2File``, ``LZMAFile`` and ``GzipFile`` give, errors included: bz2 and xz
are read with the loop of their reader (every stream in turn; trailing data that is no
stream is ignored; a stream cut short is an ``EOFError``), gzip through ``GzipFile`` itself
(its own header, CRC and padding rules).  Only the data just before an error can differ,
by less than a piece: a stream cut short gives all its data (the standard readers drop the
data of the read that meets the cut: less than one read, 64 KiB in the dump reader), and
damaged data loses what the piece it is in decompressed before the damage.

A worker process forked while the thread runs (``audit --jobs N`` replaces a worker stuck on
a page) never touches what the thread uses, and leaves through ``os._exit``, so the locks
the thread may hold at the fork do not matter to it; Python 3.12 and later still warn of
such forks (a DeprecationWarning, hidden by default).
"""

from __future__ import annotations

import io
import queue
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import IO

__all__ = ["ReadAhead", "decompressed", "pieces"]

#: compressed bytes read at a time (one C call decompresses them, the GIL released)
_PIECE = 1 << 18
#: at most this many decompressed bytes per piece handed to the reader
_OUT = 1 << 18
#: pieces decompressed ahead of the reader
_DEPTH = 4


def decompressed(raw: IO[bytes], factory: Callable, trailing_error: type[Exception]
                 ) -> Iterator[bytes]:
    """The data of every compressed stream in ``raw``, one after another, as
    ``bz2.BZ2File`` and ``lzma.LZMAFile`` read it (their ``DecompressReader`` loop), in
    pieces of at most ``_OUT`` bytes."""
    decompressor = factory()
    while True:
        if decompressor.eof:
            data = decompressor.unused_data or raw.read(_PIECE)
            if not data:
                return
            decompressor = factory()  # the next stream
            try:
                out = decompressor.decompress(data, _OUT)
            except trailing_error:  # trailing data that is not a stream: ignored
                return
        else:
            if decompressor.needs_input:
                data = raw.read(_PIECE)
                if not data:
                    raise EOFError("Compressed file ended before the end-of-stream marker "
                                   "was reached")
            else:
                data = b""
            out = decompressor.decompress(data, _OUT)
        if out:
            yield out


def pieces(fh: IO[bytes]) -> Iterator[bytes]:
    """What ``fh`` (a ``GzipFile``) reads, in pieces of at most ``_OUT`` bytes; each piece
    is one read of its decompressor, so an error comes after all the data before it.
    (``GzipFile`` feeds its decompressor 8 KiB at a time, so gzip pieces are smaller and
    the thread takes the GIL more often than for bz2 and xz.)"""
    while data := fh.read1(_OUT):
        yield data


class ReadAhead(io.RawIOBase):
    """A binary stream of what ``produce(source)`` yields, produced by a thread ahead of
    the reader.  An exception in ``produce`` is raised to the reader where the data stops
    (and again at every later read).  ``close``, or the stream's garbage collection, stops
    the thread and closes ``source``."""

    def __init__(self, source: IO[bytes], produce: Callable[[IO[bytes]], Iterator[bytes]]):
        super().__init__()
        self._queue: queue.Queue = queue.Queue(_DEPTH)
        self._piece = memoryview(b"")
        self._ended = False
        self._error: BaseException | None = None
        stop = threading.Event()
        # the thread holds the queue, not this object, so an unclosed stream is collected
        thread = threading.Thread(target=_run, args=(produce(source), self._queue, stop),
                                  name="wikiwarden-read-ahead", daemon=True)
        self._thread, self._source = thread, source
        self._finalizer = weakref.finalize(self, _shut, stop, thread, source)
        thread.start()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.closed:
            raise ValueError("I/O operation on closed file")
        if self._error is not None:
            raise self._error
        if not self._piece:
            if self._ended:
                return 0
            item = self._queue.get()
            if isinstance(item, BaseException):
                self._error = item
                raise item
            if not item:
                self._ended = True
                return 0
            self._piece = memoryview(item)
        size = min(len(buffer), len(self._piece))
        buffer[:size] = self._piece[:size]
        self._piece = self._piece[size:]
        return size

    def close(self) -> None:
        self._finalizer()  # once: stops the thread, closes the source
        self._piece = memoryview(b"")
        super().close()


def _run(items: Iterator[bytes], out: queue.Queue, stop: threading.Event) -> None:
    try:
        for piece in items:
            if not _put(out, stop, piece):
                return
        _put(out, stop, b"")
    except BaseException as exc:  # for the reader, where it happened
        _put(out, stop, exc)


def _put(out: queue.Queue, stop: threading.Event, item) -> bool:
    """Hand ``item`` to the reader; False once the stream is closed."""
    while not stop.is_set():
        try:
            out.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def _shut(stop: threading.Event, thread: threading.Thread, source: IO[bytes]) -> None:
    stop.set()
    if thread is not threading.current_thread():
        thread.join()
    source.close()
