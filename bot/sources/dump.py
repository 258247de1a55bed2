"""MediaWiki XML dumps (Special:Export, dumps.wikimedia.org), streamed page by page.

Plain, ``.bz2``, ``.gz``, ``.xz`` and ``.7z`` files (recognised by their first bytes, not
their names), in UTF-8 or UTF-16, export schema 0.3 to 0.11.  ``.7z`` needs the py7zr
library (the 7z format has no reader in the standard library); its one XML member is
extracted to a temporary file first, so memory stays constant there too.  Memory stays constant:
each page's elements are dropped as soon as the page has been yielded, and only one
revision's text is held at a time.  By default only the last revision of each page is
read; ``all_revisions=True`` yields every revision as its own document.

Why not pywikibot's ``xmlreader``: importing it loads pywikibot's user config (offline audits
must not need one), and it stops at the first malformed page instead of reporting it and
going on.  The standard library's incremental ``iterparse`` does the heavy lifting here.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError, iterparse

from bot.parse.document import Document
from bot.sources.base import SourceProblem
from bot.sources.readahead import ReadAhead, decompressed, pieces

__all__ = ["DUMP_SUFFIXES", "is_dump", "iter_dump", "open_maybe_compressed"]

DUMP_SUFFIXES = (".xml", ".bz2", ".gz", ".xz", ".7z")
_BZ2_MAGIC = b"BZh"
_GZIP_MAGIC = b"\x1f\x8b"
_XZ_MAGIC = b"\xfd7zXZ\x00"
_7Z_MAGIC = b"7z\xbc\xaf\x27\x1c"


class UnreadableArchive(OSError):
    """A compressed dump this installation cannot open (one clear line says why)."""


def open_maybe_compressed(path: Path, ahead: bool = False) -> IO[bytes]:
    """Open ``path`` for binary reading, decompressing bz2/gzip/xz/7z by content.

    ``ahead``: decompress in a thread, ahead of the reader (:mod:`.readahead`), for reading
    the whole file; without it, nothing is read before it is asked for."""
    with open(path, "rb") as raw:
        head = raw.read(6)
    if head.startswith(_BZ2_MAGIC):
        if ahead:  # OSError: what BZ2File takes for trailing data that is no stream
            return ReadAhead(open(path, "rb"), _streams(bz2.BZ2Decompressor, OSError))
        return bz2.open(path, "rb")  # opened by name: closing it closes the file too
    if head.startswith(_GZIP_MAGIC):
        if ahead:
            return ReadAhead(gzip.open(path, "rb"), pieces)
        return gzip.open(path, "rb")
    if head.startswith(_XZ_MAGIC):
        if ahead:
            return ReadAhead(open(path, "rb"), _streams(lzma.LZMADecompressor, lzma.LZMAError))
        return lzma.open(path, "rb")
    if head.startswith(_7Z_MAGIC):
        return _open_7z(path)
    return open(path, "rb")  # the caller closes it


def _streams(factory, trailing_error):
    return lambda raw: decompressed(raw, factory, trailing_error)


def _open_7z(path: Path) -> IO[bytes]:
    """The single member of a 7z archive, extracted to an unnamed temporary file."""
    try:
        import py7zr
    except ImportError:
        raise UnreadableArchive(
            "a 7z archive: install py7zr to read it, or unpack it first (7z x)") from None
    try:
        with py7zr.SevenZipFile(path) as archive, tempfile.TemporaryDirectory() as tmp:
            names = [info.filename for info in archive.list() if not info.is_directory]
            if len(names) != 1:
                raise UnreadableArchive(f"a 7z archive with {len(names)} files, expected 1")
            archive.extract(path=tmp, targets=names)
            return open(Path(tmp) / names[0], "rb")  # stays readable once the folder is gone
    except (py7zr.Bad7zFile, EOFError, lzma.LZMAError) as exc:
        raise UnreadableArchive(f"a damaged 7z archive ({exc})") from None


#: bytes of a file (decompressed) that tell whether it is a dump
SNIFF_BYTES = 4096


def is_dump(path: Path) -> bool:
    """True when ``path`` looks like an XML dump: compressed, or XML starting <mediawiki."""
    try:
        with open_maybe_compressed(path) as fh:
            head = fh.read(SNIFF_BYTES)
    except (OSError, EOFError, zlib.error, lzma.LZMAError):
        return path.name.endswith(DUMP_SUFFIXES)
    return _dump_head(head, path.name)


def dump_by_head(head: bytes, name: str) -> bool | None:
    """:func:`is_dump` from the first ``SNIFF_BYTES`` of a file named ``name``, without
    opening it again; None for a compressed file (:func:`is_dump` looks inside)."""
    if head.startswith((_BZ2_MAGIC, _GZIP_MAGIC, _XZ_MAGIC, _7Z_MAGIC)):
        return None
    return _dump_head(head, name)


def _dump_head(head: bytes, name: str) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return b"<mediawiki" in head or name.endswith(DUMP_SUFFIXES)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def iter_dump(path: Path, all_revisions: bool = False) -> Iterator[Document | SourceProblem]:
    """Yield each page of the dump at ``path`` as a :class:`Document`.

    A page without readable text is yielded as a :class:`SourceProblem` and reading goes
    on; a file that is not XML, is truncated or breaks off mid-way ends with one problem
    naming the line where reading stopped (pages before it have been yielded).
    """
    source = str(path)
    try:
        fh = open_maybe_compressed(path, ahead=True)
    except OSError as exc:
        yield SourceProblem(source, exc.strerror or str(exc))
        return
    pages = 0
    with fh:
        try:
            for item in _walk(fh, source, all_revisions):
                if isinstance(item, Document):
                    pages += 1
                yield item
        except ParseError as exc:
            line, column = exc.position
            yield SourceProblem(
                source,
                f"not a valid XML dump: {_expat_message(exc)} at line {line}, column "
                f"{column + 1} (read {pages} page{'s' if pages != 1 else ''} before it)",
            )
        except (EOFError, zlib.error, lzma.LZMAError, OSError) as exc:
            yield SourceProblem(
                source,
                f"compressed data is truncated or corrupt ({exc}); read {pages} "
                f"page{'s' if pages != 1 else ''} before it",
            )
        except _NotADump as exc:
            yield SourceProblem(source, str(exc))


class _NotADump(Exception):
    pass


def _expat_message(exc: ParseError) -> str:
    return str(exc).split(":")[0]


def _walk(fh: IO[bytes], source: str, all_revisions: bool) -> Iterator[Document | SourceProblem]:
    root = None
    page: dict | None = None
    revision: dict | None = None
    depth = 0
    for event, elem in iterparse(fh, events=("start", "end")):
        tag = _local(elem.tag)
        if event == "start":
            depth += 1
            if root is None:
                root = elem
                if tag != "mediawiki":
                    raise _NotADump(f"not a MediaWiki XML dump (root element is <{tag}>)")
            elif tag == "page" and depth == 2:
                page = {"revisions": 0, "last": None}
            elif tag == "revision" and page is not None:
                revision = {}
            continue
        depth -= 1
        if page is None:
            if depth == 1:
                root.clear()  # drop siteinfo and anything else between pages
            continue
        if revision is not None:
            if tag == "revision":
                page["revisions"] += 1
                if all_revisions:
                    yield _document(source, page, revision)
                page["last"] = revision
                revision = None
                elem.clear()
            elif depth == 3:  # direct children of <revision>
                if tag == "text":
                    revision["text"] = elem.text or ""
                    revision["deleted"] = elem.get("deleted") is not None
                elif tag in ("id", "timestamp", "model"):
                    revision[tag] = (elem.text or "").strip()
                elem.clear()
        elif tag in ("title", "ns", "id") and depth == 2:
            page[tag] = (elem.text or "").strip()
        elif tag == "page":
            if not all_revisions or page["revisions"] == 0:
                yield _document(source, page, page["last"])
            page = None
            root.clear()


def _document(source: str, page: dict, revision: dict | None) -> Document | SourceProblem:
    title = page.get("title")
    if not title:
        return SourceProblem(source, "a <page> without a <title>", title="")
    if revision is None:
        return SourceProblem(source, "no <revision> in this page", title=title)
    if revision.get("deleted"):
        return SourceProblem(source, "the revision text is deleted (suppressed)", title=title)
    if "text" not in revision:
        return SourceProblem(source, "the revision has no <text>", title=title)
    model = revision.get("model", "wikitext")
    if model not in ("wikitext", ""):
        return SourceProblem(source, f"content model {model!r} is not wikitext", title=title)
    try:
        revid = int(revision["id"]) if revision.get("id") else None
    except ValueError:
        revid = None
    ns = page.get("ns")
    return Document(
        title=title,
        text=revision["text"],
        source=source,
        revid=revid,
        namespace=int(ns) if ns and ns.lstrip("-").isdigit() else 0,
        timestamp=revision.get("timestamp"),
        location=f"{source}[[{title}]]",
    )
