"""What MediaWiki does to a text on save, so that it never shows as a local change.

MediaWiki stores a page's text in Unicode NFC, with ``\\r\\n`` turned into ``\\n`` and the
trailing whitespace of the whole text removed.  Files in the working folder keep whatever
the editor wrote (usually a final newline); comparisons use :func:`canonical`.
"""

from __future__ import annotations

import hashlib
import unicodedata

__all__ = ["CONFLICT_MARKERS", "canonical", "file_text", "has_conflict_markers", "sha1"]

#: the lines a conflicted merge leaves in a file (as git writes them)
CONFLICT_MARKERS = ("<<<<<<< ", ">>>>>>> ")


def canonical(text: str) -> str:
    """The text as MediaWiki would store it."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).rstrip()


def file_text(text: str) -> str:
    """The file form of a page text: canonical, ending in one newline (empty stays empty)."""
    text = canonical(text)
    return text + "\n" if text else ""


def has_conflict_markers(text: str) -> bool:
    return any(line.startswith(CONFLICT_MARKERS) for line in text.splitlines())


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
