"""Decompressing in a thread ahead of the reader gives what the standard library's readers
give: the same bytes, the same errors after the same data, and no thread left behind."""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import random
import threading

import pytest

from bot.sources import readahead
from bot.sources.dump import open_maybe_compressed

COMPRESS = {"bz2": bz2.compress, "gz": gzip.compress, "xz": lzma.compress}


def _text(size: int, seed: int) -> bytes:
    rng = random.Random(seed)
    words = [b"<ref>", b"{{cite web|url=", b"}}", b"Vitamin", b"B12", b"\n== See also ==\n"]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words) + rng.randbytes(rng.randrange(0, 8)) + b" "
    return bytes(out[:size])


def _read(fh, chunk: int = 16 * 1024) -> tuple[bytes, tuple[str, str] | None]:
    """Everything ``fh`` gives in reads of ``chunk``, and the error it stops with, if any, as
    (type, message)."""
    data = bytearray()
    try:
        with fh:
            while piece := fh.read(chunk):
                data += piece
    except (EOFError, OSError, lzma.LZMAError) as exc:
        return bytes(data), (type(exc).__name__, str(exc))
    return bytes(data), None


def _both(path) -> tuple:
    return _read(open_maybe_compressed(path)), _read(open_maybe_compressed(path, ahead=True))


@pytest.mark.parametrize("kind", sorted(COMPRESS))
def test_several_streams_and_trailing_data_read_as_the_standard_library_does(tmp_path, kind):
    """Streams one after another (as pbzip2 and multistream dumps write them), then data
    that is no stream: every stream's data, the trailing data ignored or refused alike."""
    compress = COMPRESS[kind]
    parts = [_text(300_000, 1), _text(5, 2), _text(700_000, 3)]
    path = tmp_path / f"dump.{kind}"
    for trailing in (b"", b"\x00" * 64, b"garbage, not a stream"):
        path.write_bytes(b"".join(compress(part) for part in parts) + trailing)
        standard, ahead = _both(path)
        assert ahead[1] == standard[1], (kind, trailing)
        assert ahead[0].startswith(standard[0]), (kind, trailing)
        assert len(ahead[0]) - len(standard[0]) < 16384, (kind, trailing)
        if standard[1] is None:
            assert ahead[0] == b"".join(parts)


@pytest.mark.parametrize("kind", sorted(COMPRESS))
@pytest.mark.parametrize("where", ["cut", "damaged"])
def test_broken_input_fails_after_the_same_data_with_the_same_error(tmp_path, kind, where):
    original = _text(2_000_000, 4)
    data = COMPRESS[kind](original)
    if where == "cut":
        broken = data[: len(data) * 2 // 3]
    else:
        middle = len(data) // 2
        broken = data[:middle] + bytes(b ^ 0x55 for b in data[middle:middle + 64]) + \
            data[middle + 64:]
    path = tmp_path / f"broken.{kind}"
    path.write_bytes(broken)
    standard, ahead = _both(path)
    assert standard[1] is not None  # the case is one the standard library refuses
    assert ahead[1] == standard[1]
    # the data before the error differs by less than one piece
    shorter, longer = sorted((ahead[0], standard[0]), key=len)
    assert longer.startswith(shorter)
    assert len(longer) - len(shorter) < readahead._OUT + 16384
    if where == "cut":  # all of it, where the standard reader drops its last read's part
        assert ahead[0].startswith(standard[0]) and original.startswith(ahead[0])


def test_pieces_stay_small_whatever_the_ratio():
    """10 MB of zeros compress to almost nothing; the thread still hands them on in
    pieces of at most _OUT bytes, and holds at most _DEPTH of them."""
    import io

    data = bz2.compress(bytes(10_000_000))
    pieces = list(readahead.decompressed(io.BytesIO(data), bz2.BZ2Decompressor, OSError))
    assert max(map(len, pieces)) <= readahead._OUT
    assert sum(map(len, pieces)) == 10_000_000


def test_closing_early_stops_the_thread_and_closes_the_file(tmp_path):
    path = tmp_path / "big.bz2"
    path.write_bytes(bz2.compress(_text(3_000_000, 5)))
    fh = open_maybe_compressed(path, ahead=True)
    assert fh.read(100)
    fh.close()
    assert not fh._thread.is_alive()
    assert fh._source.closed and fh.closed
    with pytest.raises(ValueError):
        fh.read(1)


def test_a_stream_never_closed_is_collected_with_its_thread(tmp_path):
    import gc

    path = tmp_path / "big.bz2"
    path.write_bytes(bz2.compress(_text(3_000_000, 6)))
    fh = open_maybe_compressed(path, ahead=True)
    assert fh.read(100)
    thread, source = fh._thread, fh._source
    del fh
    gc.collect()
    thread.join(timeout=5)
    assert not thread.is_alive() and source.closed


def test_an_error_is_raised_again_at_every_later_read(tmp_path):
    data = bz2.compress(_text(1_000_000, 7))
    path = tmp_path / "cut.bz2"
    path.write_bytes(data[: len(data) // 2])
    with open_maybe_compressed(path, ahead=True) as fh:
        with pytest.raises(EOFError):
            while fh.read(16384):
                pass
        with pytest.raises(EOFError):
            fh.read(16384)


def test_is_dump_does_not_start_a_thread(tmp_path):
    """Peeking at a file (is_dump) reads only what it asks for."""
    from bot.sources.dump import is_dump

    path = tmp_path / "pages.xml.bz2"
    path.write_bytes(bz2.compress(b"<mediawiki>" + os.urandom(10)))
    assert is_dump(path)
    assert not [t for t in threading.enumerate() if t.name == "wikiwarden-read-ahead"]
