"""Page titles ↔ file paths in a working folder: reversible, portable, documented.

The rules (docs/sync.md has the table):

- one file per page, ``<title>.wiki``; pages outside the main namespace live in a folder named
  after their namespace (``Talk:Foo`` → ``Talk/Foo.wiki``);
- a subpage's ``/`` is a folder (``Foo/Bar/Baz`` → ``Foo/Bar/Baz.wiki``), unless a part would
  be empty, when every ``/`` of the title is escaped instead;
- characters a file system forbids (``"*:<>?\\|``, control characters), ``%`` and ``~``
  are escaped as ``%XX`` (UTF-8 bytes), as are a leading ``.`` (hidden files), a trailing
  ``.`` or space (Windows drops them), the first letter of a Windows device name (``CON``,
  ``NUL``, ``COM1`` ...) and of a main-namespace first part that reads as a namespace folder;
- a part over :data:`MAX_PART_BYTES` bytes is cut into several folders, each but the last
  ending in ``~`` ("continued");
- two titles that differ only in letter case (one file on macOS and Windows) get
  ``~<8 hex digits of SHA-256 of the title>`` before ``.wiki`` for the later one.

Because ``%`` and ``~`` are always escaped in titles, every name decodes back to exactly one
title: :func:`title_for_path` (``path_for_title(t)`` → ``title_for_path`` gives ``t``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import unquote

__all__ = [
    "DEFAULT_NAMESPACES",
    "EXTENSION",
    "MAX_PART_BYTES",
    "Namer",
    "path_for_title",
    "title_for_path",
]

EXTENSION = ".wiki"
#: the longest folder or file name written (ext4, APFS and NTFS allow 255)
MAX_PART_BYTES = 200
#: MediaWiki's canonical namespace names (1.39), used when the wiki's own are not known
DEFAULT_NAMESPACES = (
    "Talk", "User", "User talk", "Project", "Project talk", "File", "File talk", "MediaWiki",
    "MediaWiki talk", "Template", "Template talk", "Help", "Help talk", "Category",
    "Category talk", "Module", "Module talk", "Special", "Media",
)
_FORBIDDEN = set('"*:<>?\\|%~') | {chr(c) for c in range(32)} | {"\x7f"}
_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
            *(f"LPT{i}" for i in range(10))}
_SUFFIX = re.compile(r"~[0-9a-f]{8}$")


def _quote(char: str) -> str:
    return "".join(f"%{b:02X}" for b in char.encode("utf-8"))


def _encode_part(part: str, reserved: frozenset[str] = frozenset()) -> str:
    chars = [_quote(c) if c in _FORBIDDEN else c for c in part]
    if chars and chars[0] == ".":
        chars[0] = _quote(".")
    if chars and chars[-1] in (".", " "):
        chars[-1] = _quote(chars[-1])
    stem = "".join(chars).split(".", 1)[0]
    if chars and (stem.upper() in _DEVICES or "".join(chars).casefold() in reserved):
        chars[0] = _quote(chars[0]) if len(chars[0]) == 1 else chars[0]
    return "".join(chars)


def _split_long(part: str, limit: int) -> list[str]:
    """Cut an encoded name into pieces of at most ``limit`` bytes, never inside an escape."""
    pieces, current = [], ""
    for token in re.findall(r"%[0-9A-F]{2}|.", part, flags=re.S):
        if len((current + token).encode("utf-8")) > limit:
            pieces.append(current)
            current = ""
        current += token
    return [*pieces, current]


class Namer:
    """The mapping for one wiki: its namespace names decide the namespace folders."""

    def __init__(self, namespaces: Iterable[str] = DEFAULT_NAMESPACES):
        self.namespaces = {name.casefold(): name for name in namespaces if name}
        self._reserved = frozenset(self.namespaces)

    # -- title → path --------------------------------------------------------------------------
    def split_namespace(self, title: str) -> tuple[str | None, str]:
        prefix, sep, rest = title.partition(":")
        if sep and prefix.casefold() in self.namespaces and rest:
            return self.namespaces[prefix.casefold()], rest
        return None, title

    def path_for_title(self, title: str, taken: set[str] | None = None) -> str:
        """The relative path (``/``-separated) for ``title``.

        ``taken`` holds the case-folded paths already used in the folder; a title whose
        path would clash with one of them gets the ``~hash`` suffix (and the new path is
        added to ``taken``).
        """
        namespace, rest = self.split_namespace(title)
        raw_parts = rest.split("/")
        if any(not p for p in raw_parts):
            raw_parts = [rest.replace("/", "\0")]  # "\0" (never in a title) → %2F below
        parts = []
        for index, raw in enumerate(raw_parts):
            reserved = self._reserved if namespace is None and index == 0 else frozenset()
            encoded = _encode_part(raw, reserved).replace("%00", "%2F")
            parts.append(encoded)
        name = parts[-1]
        suffix = ""
        folders = [namespace] if namespace is not None else []
        for part in parts[:-1]:
            folders += self._long(part)
        path = "/".join([*folders, *self._long(name, len(EXTENSION) + 9)])
        if taken is not None:
            if (path + EXTENSION).casefold() in taken:
                suffix = "~" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:8]
            taken.add((path + suffix + EXTENSION).casefold())
        return path + suffix + EXTENSION

    @staticmethod
    def _long(part: str, reserve: int = 0) -> list[str]:
        if len(part.encode("utf-8")) + reserve <= MAX_PART_BYTES:
            return [part]
        pieces = _split_long(part, MAX_PART_BYTES - reserve - 1)
        return [piece + "~" for piece in pieces[:-1]] + [pieces[-1]]

    # -- path → title --------------------------------------------------------------------------
    def title_for_path(self, path: str) -> str:
        """The title a relative path stands for (the inverse of :meth:`path_for_title`)."""
        parts = list(PurePosixPath(unicodedata.normalize("NFC", path)).parts)
        if not parts or not parts[-1].endswith(EXTENSION):
            raise ValueError(f"{path}: not a {EXTENSION} file")
        parts[-1] = _SUFFIX.sub("", parts[-1][: -len(EXTENSION)])
        namespace = None
        if len(parts) > 1 and parts[0].casefold() in self.namespaces:
            namespace = self.namespaces[parts[0].casefold()]
            parts = parts[1:]
        joined = []
        for part in parts:
            if joined and joined[-1].endswith("~"):
                joined[-1] = joined[-1][:-1] + part
            else:
                joined.append(part)
        rest = "/".join(unquote(p, errors="strict") for p in joined)
        return f"{namespace}:{rest}" if namespace else rest


_DEFAULT = Namer()


def path_for_title(title: str, taken: set[str] | None = None) -> str:
    """:meth:`Namer.path_for_title` with MediaWiki's canonical namespace names."""
    return _DEFAULT.path_for_title(title, taken)


def title_for_path(path: str) -> str:
    """:meth:`Namer.title_for_path` with MediaWiki's canonical namespace names."""
    return _DEFAULT.title_for_path(path)
