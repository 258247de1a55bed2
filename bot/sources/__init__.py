"""Where pages come from.

- :mod:`bot.sources.files`  ``.wiki``/``.txt`` files and folders of them
- :mod:`bot.sources.dump`   MediaWiki XML dumps, streamed
- a live wiki, through :class:`bot.wiki.Wiki` and pywikibot's page generators

Every source yields :class:`~bot.parse.document.Document` objects and, for inputs that cannot
be read, :class:`~bot.sources.base.SourceProblem` records; a problem never stops the run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from bot.parse.document import Document
from bot.sources.base import SourceProblem
from bot.sources.dump import SNIFF_BYTES, dump_by_head, is_dump, iter_dump
from bot.sources.files import (
    WIKITEXT_SUFFIXES,
    read_wikitext_file,
    unreadable,
    wikitext_document,
)

__all__ = ["SourceProblem", "is_wiki_arg", "iter_local", "iter_sources", "split_sources"]

#: dump files a folder walk picks up (a lone file of any name is sniffed by content)
DUMP_FILE_SUFFIXES = (".xml", ".xml.bz2", ".xml.gz", ".xml.xz", ".xml.7z")
_WIKI_ARG = re.compile(r"^-[A-Za-z][\w-]*(?::.*)?$", re.S)


def is_wiki_arg(arg: str) -> bool:
    """pywikibot-style page selectors (``-cat:Foo``, ``-recentchanges``) start with one dash."""
    return bool(_WIKI_ARG.match(arg)) and len(arg) > 2


def split_sources(args: list[str]) -> tuple[list[str], list[str]]:
    """Separate local paths from pywikibot generator arguments."""
    wiki = [a for a in args if is_wiki_arg(a)]
    local = [a for a in args if not is_wiki_arg(a)]
    return local, wiki


def _is_candidate(path: Path) -> bool:
    name = path.name.lower()
    return not name.startswith(".") and (
        name.endswith(WIKITEXT_SUFFIXES) or name.endswith(DUMP_FILE_SUFFIXES)
    )


def iter_local(path: Path, all_revisions: bool = False) -> Iterator[Document | SourceProblem]:
    """Pages from one path: a wikitext file, an XML dump, or a folder (recursively)."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if _is_candidate(p) and p.is_file())
        if not files:
            yield SourceProblem(str(path), "no .wiki, .txt or XML dump files in this folder")
        for child in files:
            yield from _iter_file(child, all_revisions)
    elif path.is_file():
        yield from _iter_file(path, all_revisions)
    elif path.exists():
        yield SourceProblem(str(path), "not a regular file or folder")
    else:
        yield SourceProblem(str(path), "no such file or folder")


def _iter_file(path: Path, all_revisions: bool) -> Iterator[Document | SourceProblem]:
    """The pages of a dump, or the page of a wikitext file (opened once: the first bytes
    tell which, and the rest of a wikitext file is read from the same handle)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
            dump = dump_by_head(head, path.name)
            data = head + fh.read() if dump is False else b""
    except OSError as exc:
        yield unreadable(path, exc)
        return
    if dump is False:
        yield wikitext_document(path, data)
    elif dump or is_dump(path):  # None: compressed, is_dump looks inside
        yield from iter_dump(path, all_revisions)
    else:
        yield from read_wikitext_file(path)


def iter_sources(
    local: list[str],
    wiki_args: list[str],
    wiki_documents: Callable[[list[str]], Iterator[Document | SourceProblem]] | None = None,
    all_revisions: bool = False,
) -> Iterator[Document | SourceProblem]:
    """All pages of the given local paths, then of the wiki selection (if any)."""
    for arg in local:
        yield from iter_local(Path(arg), all_revisions)
    if wiki_args:
        if wiki_documents is None:
            raise ValueError("wiki arguments given without a wiki")
        yield from wiki_documents(wiki_args)
