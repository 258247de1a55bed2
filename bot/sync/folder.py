"""The working folder: where it is, its files, its metadata and its human-readable index.

Layout (docs/sync.md)::

    DIR/
      .wikiwarden/sync.sqlite     metadata (SQLite, WAL): site, selection, per page the base
      PAGES.tsv                   index for humans: path, title, page id, base revision
      Vitamin B12.wiki            main-namespace pages
      Talk/Vitamin B12.wiki       one folder per namespace
      Foo/Bar.wiki                subpage Foo/Bar
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from bot.errors import InputError, UsageError
from bot.fileio import atomic_text_writer
from bot.sync.names import DEFAULT_NAMESPACES, EXTENSION, Namer
from bot.sync.store import PageRecord, SyncStore

__all__ = ["META_DIR", "WorkingFolder", "find_root"]

META_DIR = ".wikiwarden"
DB_NAME = "sync.sqlite"
INDEX_NAME = "PAGES.tsv"
#: a temporary file of :func:`bot.fileio.atomic_text_writer` (``.NAME.XXXXXXXX.tmp``)
_LEFTOVER = re.compile(r"^\.(.+\.wiki|PAGES\.tsv)\.[a-z0-9_]{8}\.tmp$")


def find_root(start: Path) -> Path | None:
    """The working folder holding ``start`` (itself or a parent with ``.wikiwarden/``)."""
    start = Path(start).resolve()
    for folder in [start, *start.parents]:
        if (folder / META_DIR / DB_NAME).is_file():
            return folder
    return None


class WorkingFolder:
    """One working folder and its metadata store."""

    def __init__(self, root: Path, store: SyncStore):
        self.root = Path(root)
        self.store = store
        self.namer = Namer(store.get("namespaces") or DEFAULT_NAMESPACES)
        self._sweep()

    def _sweep(self) -> None:
        """Remove the temporary files of atomic writes a killed run left behind."""
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if _LEFTOVER.match(name):
                    (Path(dirpath) / name).unlink(missing_ok=True)

    @classmethod
    def open(cls, start: Path | None = None) -> WorkingFolder:
        """The working folder at or above ``start`` (default: the current folder)."""
        start = Path(start or ".")
        root = find_root(start)
        if root is None:
            raise UsageError(
                f"{start}: not a wikiwarden working folder (no {META_DIR}/ here or above); "
                f"create one with `wikiwarden pull -page:TITLE --into {start}`"
            )
        return cls(root, SyncStore(root / META_DIR / DB_NAME, root))

    @classmethod
    def create(cls, root: Path) -> WorkingFolder:
        """The working folder at ``root``, made (with its metadata) if it is new."""
        root = Path(root)
        (root / META_DIR).mkdir(parents=True, exist_ok=True)
        return cls(root, SyncStore(root / META_DIR / DB_NAME, root))

    def set_namespaces(self, names: list[str]) -> None:
        self.store.put("namespaces", names)
        self.namer = Namer(names)

    # -- files ---------------------------------------------------------------------------------
    def read(self, path: str) -> str | None:
        """The file's text, or None when it is missing."""
        try:
            data = (self.root / path).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise InputError(path, f"cannot read it: {exc.strerror or exc}") from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not UTF-8 (byte {exc.start})") from None

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_text_writer(target) as fh:
            fh.write(text)

    def wiki_files(self) -> Iterator[str]:
        """Every ``.wiki`` file in the folder (not in hidden folders), relative, sorted."""
        found = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.endswith(EXTENSION) and not name.startswith("."):
                    found.append((Path(dirpath) / name).relative_to(self.root).as_posix())
        return iter(sorted(found))

    def relative(self, path: Path) -> str:
        """A path given on the command line, relative to the root, ``/``-separated."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            raise UsageError(f"{path}: not inside the working folder {self.root}") from None

    def taken(self) -> set[str]:
        """Case-folded paths in use (tracked pages and files on disk)."""
        taken = {record.path.casefold() for record in self.store.pages()}
        taken |= {path.casefold() for path in self.wiki_files()}
        return taken

    # -- the index for humans --------------------------------------------------------------
    def write_index(self) -> None:
        lines = ["path\ttitle\tpage_id\tbase_revision\tstate"]
        for record in self.store.pages():
            lines.append("\t".join([record.path, record.title, str(record.pageid or ""),
                                    str(record.base_revid or ""), record.state]))
        self.write(INDEX_NAME, "\n".join(lines) + "\n")

    def records_by_path(self) -> dict[str, PageRecord]:
        return {record.path: record for record in self.store.pages()}

    def close(self) -> None:
        self.store.close()
