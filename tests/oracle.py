"""Inputs and comparisons for the oracle tests, where MediaWiki itself says what is true.

Inputs: the bundled samples, the hand-made edge cases below, the pages of ../shared/corpus
(when present; a seeded sample, or all with ``WIKIWARDEN_CORPUS=full``) and the inputs of
MediaWiki's and Cite's own parser tests there.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from bot.parse.document import Document
from conftest import CORPUS, SAMPLES
from corpus import corpus_pages, parser_test_inputs
from wikiapi import ApiError, WikiApi

__all__ = ["OracleInput", "mw_sections", "oracle_inputs", "our_sections", "render"]

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


NEUTRAL_TITLE = "Oracle page"


@dataclass(frozen=True)
class OracleInput:
    name: str
    title: str
    text: str


def oracle_inputs(*peer_tests: str) -> Iterator[OracleInput]:
    """Samples, edge cases, the corpus pages (sample or all, see :mod:`corpus`) and the
    tests of the parserTests files ``peer_tests`` (paths in the corpus; folders allowed)."""
    for path in sorted(SAMPLES.glob("*.wiki")):
        yield OracleInput(path.name, path.stem.replace("_", " "), path.read_text("utf-8"))
    for name, text in EDGE_CASES.items():
        yield OracleInput(f"edge: {name}", "Edge case", text)
    if not CORPUS.is_dir():
        return
    for page in corpus_pages():
        if page.text.strip():
            yield OracleInput(page.path, page.title, page.text)
    for peer in peer_tests:
        path = CORPUS / peer
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        for file in files:
            for test in parser_test_inputs(file):
                yield OracleInput(test.name, test.title, test.text)


def render(wiki_api: WikiApi, item: OracleInput, **props) -> dict | str:
    """``action=parse`` of ``item``; a string saying why when MediaWiki itself fails
    (an internal exception on this page: the oracle is unavailable for it, the run goes on).
    """
    title = item.title
    for _ in range(2):
        try:
            return wiki_api.parse(text=item.text, title=title, **props)
        except ApiError as exc:
            if exc.code == "invalidtitle" and title != NEUTRAL_TITLE:
                # the page's own title is not valid here (an interwiki prefix of the test
                # wiki such as "Wiktionary:"); headings and references do not depend on it
                title = NEUTRAL_TITLE
                continue
            if not exc.internal:
                raise
            return f"oracle unavailable: MediaWiki raised {exc.code}"
    raise AssertionError("unreachable")


def _norm(title: str) -> str:
    title = re.sub(r"<sup\b[^>]*>.*?</sup>", "", title, flags=re.S)  # footnote marks
    title = re.sub(r"</?[A-Za-z][^>]*>", "", title)  # tags only: "<->" is text
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
