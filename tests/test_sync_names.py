"""The working folder's pure parts: title ↔ file name, MediaWiki's normalisation, merges,
and the metadata store's crash recovery."""

from __future__ import annotations

import csv
import unicodedata

import pytest

from bot.sync.merge import merge_texts
from bot.sync.names import MAX_PART_BYTES, Namer, path_for_title, title_for_path
from bot.sync.store import PageRecord, SyncStore
from bot.sync.text import canonical, file_text, has_conflict_markers

_FORBIDDEN = set('<>:"\\|?*') | {chr(c) for c in range(32)}


def _portable(path: str) -> bool:
    """Every part is a legal, visible, not-too-long name on Linux, macOS and Windows."""
    for part in path.split("/"):
        if not part or part.startswith(".") or part.endswith((".", " ")):
            return False
        if set(part) & _FORBIDDEN or len(part.encode("utf-8")) > 255:
            return False
    return True


def test_every_corpus_title_round_trips(corpus):
    """Every title in the corpus's PAGES.tsv maps to a portable file name and back unchanged,
    and no two titles share a file, not even on a case-insensitive file system."""
    with open(corpus / "PAGES.tsv", encoding="utf-8", newline="") as fh:
        titles = [row["title"] for row in csv.DictReader(fh, delimiter="\t") if row["title"]]
    assert len(titles) > 3000
    taken: set[str] = set()
    paths = []
    for title in titles:
        path = path_for_title(title, taken)
        assert _portable(path), (title, path)
        assert title_for_path(path) == title
        paths.append(path.casefold())
    assert len(set(paths)) == len(paths)


@pytest.mark.parametrize("title, path", [
    ("Vitamin B12", "Vitamin B12.wiki"),
    ("Talk:Vitamin B12", "Talk/Vitamin B12.wiki"),
    ("Help:Tables/Advanced", "Help/Tables/Advanced.wiki"),
    ("Talk/Not a namespace", "%54alk/Not a namespace.wiki"),
    ("A//B", "A%2F%2FB.wiki"),
    ("Trailing/", "Trailing%2F.wiki"),
    (".htaccess", "%2Ehtaccess.wiki"),
    ("CON", "%43ON.wiki"),
    ("What? A*B:C", "What%3F A%2AB%3AC.wiki"),
    ("100% ~ sure", "100%25 %7E sure.wiki"),
    ("Ends with dot.", "Ends with dot%2E.wiki"),
])
def test_title_to_path_rules(title, path):
    """Namespace folders, subpages, forbidden and hidden-file characters, device names."""
    assert path_for_title(title) == path
    assert title_for_path(path) == title


def test_case_collision_gets_a_suffix_and_round_trips():
    """Two titles differing only in case get different files on a case-blind file system."""
    taken: set[str] = set()
    first = path_for_title("Foo bar", taken)
    second = path_for_title("Foo Bar", taken)
    assert first == "Foo bar.wiki" and second.startswith("Foo Bar~")
    assert first.casefold() != second.casefold()
    assert title_for_path(second) == "Foo Bar"


def test_over_long_titles_are_cut_into_folders_and_round_trip():
    """A title whose file name would pass the length limit is cut into continued folders."""
    for title in ["x" * 255, "é" * 120 + "/" + "ü" * 127, "Talk:" + "%" * 200]:
        path = path_for_title(title)
        assert all(len(p.encode()) <= MAX_PART_BYTES for p in path.split("/"))
        assert title_for_path(path) == title


def test_local_namespace_names_and_nfd_file_names():
    """A wiki's own namespace names make the folders; NFD names (macOS) decode to NFC."""
    namer = Namer(["Kategoreja", "Talk"])
    assert namer.path_for_title("Kategoreja:Vydzeme") == "Kategoreja/Vydzeme.wiki"
    assert namer.title_for_path("Kategoreja/Vydzeme.wiki") == "Kategoreja:Vydzeme"
    nfd = unicodedata.normalize("NFD", "Čeheja.wiki")
    assert namer.title_for_path(nfd) == "Čeheja"


def test_mediawiki_normalisation_is_not_a_change():
    """Trailing whitespace, CRLF and NFD compare equal to what MediaWiki stores."""
    stored = "Caf\u00e9 text\n\n== A ==\nline"
    assert canonical("Cafe\u0301 text\r\n\r\n== A ==\r\nline  \n\n") == stored
    assert file_text(stored) == stored + "\n"


def test_merge_clean_and_conflict():
    """Edits in different places merge; the same line edited twice gives markers."""
    base = "one\ntwo\nthree\nfour\n"
    clean = merge_texts(base, "ONE\ntwo\nthree\nfour\n", "one\ntwo\nthree\nFOUR")
    assert clean.conflicts == 0 and clean.text == "ONE\ntwo\nthree\nFOUR\n"
    clash = merge_texts(base, "uno\ntwo\nthree\nfour\n", "eins\ntwo\nthree\nfour\n")
    assert clash.conflicts == 1 and has_conflict_markers(clash.text)
    assert "uno" in clash.text and "eins" in clash.text


def test_store_finishes_or_drops_pending_writes(tmp_path):
    """A kill between staging and committing: a written file's base is kept on reopen,
    an unwritten one is dropped, so the base always matches the file on disk."""
    store = SyncStore(tmp_path / "sync.sqlite", tmp_path)
    old = PageRecord("A.wiki", "A", 1, 10, "old")
    store.set_pages([old])
    (tmp_path / "A.wiki").write_text("old\n")
    store.stage([(PageRecord("A.wiki", "A", 1, 11, "new"), "new\n"),
                 (PageRecord("B.wiki", "B", 2, 20, "b"), "b\n")])
    (tmp_path / "A.wiki").write_text("new\n")  # A's file was written, B's was not
    store.close()
    reopened = SyncStore(tmp_path / "sync.sqlite", tmp_path)
    assert reopened.page("A.wiki").base_revid == 11
    assert reopened.page("B.wiki") is None
    assert reopened.db.execute("SELECT COUNT(*) FROM pending").fetchone()[0] == 0
    names = {row[0] for row in reopened.db.execute("SELECT name FROM migrations")}
    assert "sync_0001_pages" in names and "0001_runs_and_saves" in names
