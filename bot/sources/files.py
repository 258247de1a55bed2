"""Wikitext files on disk: one page per file.

The page title comes from the file name: ``Vitamin_B12.wiki`` is the page "Vitamin B12", and
URL-quoted names are decoded (``Talk%3AX%2FY.wiki`` is "Talk:X/Y"), so a folder written
with quoted titles (as ../shared/corpus is) gives the real titles.
Files must be UTF-8 (a leading byte-order mark is allowed and kept in the text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from bot.parse.document import Document
from bot.sources.base import SourceProblem

__all__ = ["WIKITEXT_SUFFIXES", "read_wikitext_file", "title_from_path", "unreadable",
           "wikitext_document"]

WIKITEXT_SUFFIXES = (".wiki", ".txt", ".mediawiki", ".wikitext")
_QUOTED = re.compile(r"%[0-9A-Fa-f]{2}")


def title_from_path(path: Path) -> str:
    stem = unquote(path.stem) if _QUOTED.search(path.stem) else path.stem
    return stem.replace("_", " ").strip() or path.name


def read_wikitext_file(path: Path) -> Iterator[Document | SourceProblem]:
    """Yield the page in ``path``, or one problem saying why it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield unreadable(path, exc)
        return
    yield wikitext_document(path, data)


def unreadable(path: Path, exc: OSError) -> SourceProblem:
    """The problem of a file that cannot be read: the system's reason."""
    return SourceProblem(str(path), exc.strerror or str(exc))


def wikitext_document(path: Path, data: bytes) -> Document | SourceProblem:
    """The page whose file ``path`` holds ``data``, or the problem with it."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return SourceProblem(
            str(path),
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be "
            f"decoded); convert the file to UTF-8",
        )
    if "\x00" in text:
        return SourceProblem(str(path), "contains NUL bytes: not a wikitext file")
    return Document(title=title_from_path(path), text=text, source=str(path), location=str(path))
