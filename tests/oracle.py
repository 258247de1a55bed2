"""Inputs and comparisons for the oracle tests, where MediaWiki itself says what is true.

Inputs: the bundled samples, the hand-made edge cases below, every page of
../shared/corpus (when present) and the inputs of MediaWiki's own parser tests there.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.parse.document import Document
from bot.sources import iter_local
from conftest import CORPUS, SAMPLES

__all__ = ["OracleInput", "mw_sections", "oracle_inputs", "our_sections", "parser_test_inputs"]

EDGE_CASES = {
    "comment-after-heading": "== A == <!-- c -->\nx\n",
    "unbalanced-left": "===A==\n",
    "unbalanced-right": "== A ===\n",
    "level-one": "= A =\n",
    "html-heading": "<h2>Html</h2>\n== B ==\n",
    "leading-space": " == Sp ==\n",
    "mid-line": "x == Mid ==\n",
    "in-div": "<div>\n== InDiv ==\n</div>\n",
    "in-table": "{|\n|-\n|\n== InTable ==\n|}\n",
    "markup-in-title": "== ''It'' [[Link|lk]] <ref>r</ref> ==\n<references/>\n",
    "text-after": "==A==x\n",
    "trailing-tab": "== A ==  \t\n",
    "only-equals": "==\n",
    "equals-title": "== = ==\n",
    "level-five": "=====A=====\n",
    "level-seven": "=======A=======\n",
    "nowiki": "<nowiki>== N ==</nowiki>\n",
    "comment": "<!--\n== C ==\n-->\n",
    "comment-inside": "== A <!-- c --> ==\n",
    "comment-then-text": "== A ==<!-- c -->x\n",
    "includeonly": "<includeonly>\n== I ==\n</includeonly>\n",
    "noinclude": "<noinclude>\n== NI ==\n</noinclude>\n",
    "in-ref": "<ref>\n== R ==\n</ref>\n<references/>\n",
    "in-gallery": "<gallery>\n== G ==\n</gallery>\n",
    "duplicates": "==A==\n== A ==\n",
    "entities": "== Fish &amp; chips &ndash; caf&eacute; ==\n",
    "external-link": "== [http://example.org Example] site ==\n",
    "template-arg": "{{Infobox\n|x=\n== In template ==\n}}\n",
    "pre": "<pre>\n== P ==\n</pre>\n",
    "nested": "== A ==\n=== B ===\n==== C ====\n== D ==\n",
    "unicode": "== Café – ME/CFS ==\n",
}


@dataclass(frozen=True)
class OracleInput:
    name: str
    title: str
    text: str


def parser_test_inputs(path: Path) -> Iterator[OracleInput]:
    """The ``!! wikitext`` of each ``!! test`` in a MediaWiki parserTests file."""
    name, section, lines = None, None, []
    for line in path.read_text("utf-8", errors="replace").splitlines(keepends=True):
        if line.startswith("!!"):
            keyword = line[2:].strip().split(" ", 1)[0].lower()
            if section == "wikitext" and name is not None:
                yield OracleInput(f"{path.name}: {name}", "Parser test", "".join(lines))
            if keyword == "test":
                name, section, lines = None, "test", []
            else:
                section, lines = keyword, []
            continue
        if section == "test" and name is None:
            name = line.strip()
        elif section == "wikitext":
            lines.append(line)


def oracle_inputs(peer_tests: str | None = None) -> Iterator[OracleInput]:
    for path in sorted(SAMPLES.glob("*.wiki")):
        yield OracleInput(path.name, path.stem.replace("_", " "), path.read_text("utf-8"))
    for name, text in EDGE_CASES.items():
        yield OracleInput(f"edge: {name}", "Edge case", text)
    if CORPUS.is_dir():
        for item in iter_local(CORPUS):
            if isinstance(item, Document) and item.text.strip():
                yield OracleInput(item.where, item.title, item.text)
        if peer_tests and (CORPUS / peer_tests).is_file():
            yield from parser_test_inputs(CORPUS / peer_tests)


def _norm(title: str) -> str:
    title = re.sub(r"<sup\b[^>]*>.*?</sup>", "", title, flags=re.S)  # footnote marks
    title = re.sub(r"<[^>]+>", "", title)
    return unicodedata.normalize("NFC", " ".join(html.unescape(title).split()))


def our_sections(doc: Document) -> list[tuple[int, str, bool]]:
    """(level, title, title-has-template) for each of our sections."""
    return [
        (s.level, _norm(s.plain_title), bool(s.heading.title.filter_templates()))
        for s in doc.sections
    ]


def mw_sections(parsed: dict) -> list[tuple[int, str]]:
    """(level, title) of the page's own headings in MediaWiki's ``prop=sections``.

    Entries with index ``T-n`` come from templates; an empty index marks an HTML
    ``<hN>`` heading: neither is a wikitext section of the page.
    """
    return [
        (int(s["level"]), _norm(s["line"]))
        for s in parsed["sections"]
        if s["index"] and not str(s["index"]).startswith("T-")
    ]
