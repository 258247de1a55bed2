"""Decompressing a dump in a thread, ahead of the XML reader.

bz2, xz and gzip decompress in C with the GIL released, so a thread that decompresses the
next pieces while the main thread parses the XML (and, in ``audit --jobs N``, hands pages
to the workers) runs on another core.  With as many workers as cores the main thread
shares the cores with them, and where a dump has many short pages the workers ask for
pages faster than it can decompress and parse them alone; on the 10 MB bz2 bench dump
``--jobs 2`` took 5 % less time with the decompression in a thread, and an in-process
audit saves the decompression's time (0.37 s there) on a second core.

At most ``_DEPTH`` pieces of ``_OUT`` bytes are decompressed and not read yet, whatever
the compression ratio, so memory stays constant.  What comes out is what the standard
library's ``BZ2File``, ``LZMAFile`` and ``GzipFile`` give, errors included: bz2 and xz
are read with the loop of their reader (every stream in turn; trailing data that is no
stream is ignored; a stream cut short is an ``EOFError``), gzip through ``GzipFile`` itself
(its own header, CRC and padding rules).  Only the data just before an error can differ,
by less than a piece: a stream cut short gives all its data (the standard readers, read in
16 KiB steps as ``iterparse`` reads, drop the part of their last step), and damaged data
loses what the piece it is in decompressed before the damage.
"""

from __future__ import annotations

import io
import queue
import threading
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
    is one read of its decompressor, so an error comes after all the data before it."""
    while data := fh.read1(_OUT):
        yield data


class ReadAhead(io.RawIOBase):
    """A binary stream of what ``produce(source)`` yields, produced by a thread ahead of
    the reader.  An exception in ``produce`` is raised to the reader where the data stops.
    ``close`` stops the thread and closes ``source``."""

    def __init__(self, source: IO[bytes], produce: Callable[[IO[bytes]], Iterator[bytes]]):
        super().__init__()
        self._source, self._produce = source, produce(source)
        self._queue: queue.Queue = queue.Queue(_DEPTH)
        self._stop = threading.Event()
        self._piece = memoryview(b"")
        self._ended = False
        self._thread = threading.Thread(target=self._run, name="wikiwarden-read-ahead",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for piece in self._produce:
                if not self._put(piece):
                    return
            self._put(b"")
        except BaseException as exc:  # for the reader, where it happened
            self._put(exc)

    def _put(self, item) -> bool:
        """Hand ``item`` to the reader; False once the stream is closed."""
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.closed:
            raise ValueError("I/O operation on closed file")
        if not self._piece:
            if self._ended:
                return 0
            item = self._queue.get()
            if isinstance(item, BaseException):
                self._ended = True
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
        if not self.closed:
            self._stop.set()
            self._thread.join()
            self._piece = memoryview(b"")
            self._source.close()
        super().close()
