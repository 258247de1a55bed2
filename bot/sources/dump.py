"""MediaWiki XML dumps (Special:Export, dumps.wikimedia.org), streamed page by page.

Plain, ``.bz2``, ``.gz``, ``.xz`` and ``.7z`` files (recognised by their first bytes, not
their names), in UTF-8 or UTF-16, export schema 0.3 to 0.11.  ``.7z`` needs the py7zr
library (the 7z format has no reader in the standard library); its one XML member is
extracted to a temporary file first, so memory stays constant there too.  Memory stays constant:
no element tree is built, only the fields of the page being read are held, and only one
revision's text at a time.  By default only the last revision of each page is
read; ``all_revisions=True`` yields every revision as its own document.

Why not pywikibot's ``xmlreader``: importing it loads pywikibot's user config (offline audits
must not need one), and it stops at the first malformed page instead of reporting it and
going on.  The standard library's expat parser does the heavy lifting here.
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
from xml.parsers import expat

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
        except (expat.ExpatError, _UndefinedEntity) as exc:
            what = (expat.ErrorString(exc.code) if isinstance(exc, expat.ExpatError)
                    else str(exc))
            yield SourceProblem(
                source,
                f"not a valid XML dump: {what} at line {exc.lineno}, column {exc.offset + 1} "
                f"(read {pages} page{'s' if pages != 1 else ''} before it)",
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


class _UndefinedEntity(Exception):
    """An entity reference expat does not expand (an external entity, or one an external
    DTD might define): the text it stands for is unknown, so the page cannot be read
    (ElementTree's error for it)."""

    def __init__(self, reference: str, lineno: int, offset: int):
        super().__init__(f"undefined entity {reference[:100]}")
        self.lineno, self.offset = lineno, offset


#: bytes of XML handed to the parser at a time
_CHUNK = 1 << 16
#: elements whose text is kept: a page's own, and its revisions' own
_PAGE_FIELDS = frozenset(("title", "ns", "id"))
_REVISION_FIELDS = frozenset(("text", "id", "timestamp", "model"))


def _walk(fh: IO[bytes], source: str, all_revisions: bool) -> Iterator[Document | SourceProblem]:
    """The pages of the XML in ``fh``, read with expat's own callbacks.

    Only what a page needs is kept: the text of the page's own ``title``, ``ns`` and ``id``,
    and of its own revisions' ``text``, ``id``, ``timestamp`` and ``model`` (up to their first
    child element, as ElementTree's ``.text``); no element tree is built.  A fifth less CPU than
    ElementTree's ``iterparse`` on the same expat parser (0.117 -> 0.094 s on the bench's
    10 MB dump), and reading is the serial part of ``audit --jobs N`` (:mod:`bot.workers`)."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = _CHUNK
    done: list[Document | SourceProblem] = []
    depth = 0
    page: dict | None = None
    page_depth = 0
    revision: dict | None = None
    revision_depth = 0
    field: str | None = None  # the element whose text is being kept, and where
    field_depth = 0
    kept: list[str] = []
    local: dict[str, str] = {}  # element name (with its namespace) -> local name

    def start(name: str, attrs: dict) -> None:
        nonlocal depth, page, page_depth, revision, revision_depth, field
        depth += 1
        tag = local.get(name)
        if tag is None:
            tag = local[name] = name.rpartition("}")[2]
        if field is not None:  # a child element ends ``.text``
            _keep()
        if depth == 1:
            if tag != "mediawiki":
                raise _NotADump(f"not a MediaWiki XML dump (root element is <{tag}>)")
        elif page is None:
            if tag == "page" and depth == 2:
                page, page_depth = {"revisions": 0, "last": None}, depth
        elif revision is None:
            if depth == page_depth + 1:
                if tag == "revision":
                    revision, revision_depth = {}, depth
                elif tag in _PAGE_FIELDS:
                    _begin(tag)
        elif depth == revision_depth + 1 and tag in _REVISION_FIELDS:
            if tag == "text":
                revision["deleted"] = "deleted" in attrs
            _begin(tag)

    def _begin(tag: str) -> None:
        nonlocal field, field_depth
        field, field_depth = tag, depth
        parser.CharacterDataHandler = kept.append  # only then: not for the space between

    def _keep() -> None:
        """The kept text of ``field`` goes where it belongs."""
        nonlocal field
        value = "".join(kept)
        kept.clear()  # not held twice while the page is handed on
        if revision is not None:
            revision[field] = value if field == "text" else value.strip()
        elif page is not None:
            page[field] = value.strip()
        field = None
        parser.CharacterDataHandler = None

    def end(name: str) -> None:
        nonlocal depth, page, revision
        if field is not None and depth == field_depth:
            _keep()
        if revision is not None and depth == revision_depth:
            page["revisions"] += 1
            if all_revisions:
                done.append(_document(source, page, revision))
            page["last"] = revision
            revision = None
        elif page is not None and depth == page_depth:
            if not all_revisions or page["revisions"] == 0:
                done.append(_document(source, page, page["last"]))
            page = None
        depth -= 1

    def other(data: str) -> None:
        """Markup no other handler takes; ``&name;`` is an entity expat could not expand
        (declared as external, or skipped because of an external DTD)."""
        if len(data) > 1 and data[0] == "&" and data[-1] == ";":
            raise _UndefinedEntity(data, parser.CurrentLineNumber, parser.CurrentColumnNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.DefaultHandlerExpand = other  # internal entities are still expanded
    while True:
        try:
            chunk = fh.read(_CHUNK)
            parser.Parse(chunk, not chunk)  # an empty chunk: the end, the document must be whole
        except (ValueError, LookupError) as exc:  # a declared encoding expat cannot read
            yield from done
            raise _NotADump(f"not a readable XML dump: {exc}") from None
        except Exception:
            yield from done  # the pages before the error are read
            raise
        yield from done
        done.clear()
        if not chunk:
            return


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
    return Document(
        title=title,
        text=revision["text"],
        source=source,
        revid=_number(revision.get("id"), None),
        namespace=_number(page.get("ns"), 0),
        timestamp=revision.get("timestamp"),
        location=f"{source}[[{title}]]",
    )


def _number(value: str | None, default: int | None) -> int | None:
    """The integer ``value`` reads as, else ``default`` (also for digits ``int`` refuses:
    superscripts, or more than Python's 4,300)."""
    try:
        return int(value) if value else default
    except ValueError:
        return default
