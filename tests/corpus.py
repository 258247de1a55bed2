"""The shared corpus (../shared/corpus) as the tests read it: one loader for every test.

- :func:`corpus_pages`: the ``.wiki`` pages with their real titles, from ``PAGES.tsv`` (file
  names are URL-quoted titles, cut or suffixed ``~rev<id>`` where needed, so the file name
  is not the title);
- :func:`corpus_dumps`: the whole XML dumps of ``xml-dumps/``;
- :func:`parser_test_inputs`: the ``!! wikitext`` of each test of a parserTests file
  (Cite's and MediaWiki core's).

By default the tests take a fixed, seeded sample of the pages (:data:`SAMPLE_SIZE`), so the
suite stays fast on 2 cores; ``WIKIWARDEN_CORPUS=full`` (what ``scripts/corpus`` sets) takes
every page.
"""

from __future__ import annotations

import csv
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conftest import CORPUS

__all__ = [
    "SAMPLE_SIZE",
    "CorpusPage",
    "ParserTest",
    "corpus_dumps",
    "corpus_pages",
    "full_corpus",
    "parser_test_inputs",
]

SAMPLE_SIZE = 300
SEED = 20261125
_NOT_RECORDED = " (file name in source; page title not recorded)"
_DUMP_SUFFIXES = (".xml", ".bz2", ".gz", ".xz", ".7z")


@dataclass(frozen=True)
class CorpusPage:
    """One corpus page: ``path`` relative to the corpus, its ``title`` and ``text``."""

    path: str
    title: str
    text: str

    @property
    def where(self) -> str:
        return self.path


@dataclass(frozen=True)
class ParserTest:
    """One test of a parserTests file: ``name`` (file: test) and its wikitext."""

    name: str
    title: str
    text: str


def full_corpus() -> bool:
    """True when the tests should take every page (``WIKIWARDEN_CORPUS=full``)."""
    return os.environ.get("WIKIWARDEN_CORPUS", "").lower() == "full"


@cache
def _titles(corpus: Path) -> tuple[tuple[str, str], ...]:
    with open(corpus / "PAGES.tsv", encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple((row["path"], row["title"].removesuffix(_NOT_RECORDED)) for row in rows)


def corpus_pages(corpus: Path = CORPUS, full: bool | None = None) -> list[CorpusPage]:
    """The pages (all, or the seeded sample), sorted by path, each with its real title."""
    rows = list(_titles(corpus))
    if not (full_corpus() if full is None else full) and len(rows) > SAMPLE_SIZE:
        rows = sorted(random.Random(SEED).sample(rows, SAMPLE_SIZE))
    return [
        CorpusPage(path, title, (corpus / path).read_text("utf-8")) for path, title in rows
    ]


def corpus_dumps(corpus: Path = CORPUS) -> list[Path]:
    """Every whole dump file in ``xml-dumps/``, sorted."""
    return sorted(
        p for p in (corpus / "xml-dumps").rglob("*")
        if p.is_file() and p.name.endswith(_DUMP_SUFFIXES)
    )


def parser_test_inputs(path: Path) -> Iterator[ParserTest]:
    """The ``!! wikitext`` of each ``!! test`` in a MediaWiki parserTests file."""
    name, section, lines = None, None, []
    for line in path.read_text("utf-8", errors="replace").splitlines(keepends=True):
        if line.startswith("!!"):
            keyword = line[2:].strip().split(" ", 1)[0].lower()
            if section == "wikitext" and name is not None:
                yield ParserTest(f"{path.name}: {name}", "Parser test", "".join(lines))
            if keyword == "test":
                name, section, lines = None, "test", []
            else:
                section, lines = keyword, []
            continue
        if section == "test" and name is None:
            name = line.strip()
        elif section == "wikitext":
            lines.append(line)
