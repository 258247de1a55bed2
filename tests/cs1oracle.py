"""CS1 as an oracle: render citations through Wikipedia's own Module:Citation/CS1 on the
test wiki (Scribunto + the pages of ../shared/oracles/cs1) and read CS1's error ids per
citation; compare them with the kinds of our CIT findings for the same citation.

Used by tests/test_oracle_cs1.py (a seeded sample of the corpus + edge cases) and
``scripts/oracle cs1`` (every corpus citation).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import mwparserfromhell

from bot.citations import cs1
from bot.parse.document import Document
from bot.rules.base import Context
from bot.rules.registry import get_registry
from bot.sources import iter_local
from conftest import CORPUS

__all__ = ["CS1_KINDS", "Verdict", "compare", "corpus_citations", "corpus_pages", "our_kinds",
           "page_citations", "render", "sample"]

#: CS1 error id -> the kind of finding we report for it (ids not here we do not check)
CS1_KINDS = {
    "citation_missing_title": "required", "cite_web_url": "required",
    "missing_periodical": "required", "arxiv_missing": "required",
    "biorxiv_missing": "required", "citeseerx_missing": "required",
    "ssrn_missing": "required",
    "parameter_ignored": "parameter", "parameter_ignored_suggest": "parameter",
    "text_ignored": "parameter", "deprecated_params": "parameter",
    "accessdate_missing_url": "access-date", "bad_date": "date",
    "bad_doi": "doi", "bad_pmid": "pmid", "bad_pmc": "pmc", "bad_isbn": "isbn",
    "bad_issn": "issn",
}
#: our code -> kind (CIT003, duplicate parameters, is MediaWiki's, invisible to CS1)
OUR_KINDS = {
    "CIT001": "required", "CIT004": "required", "CIT002": "parameter", "CIT012": "parameter",
    "CIT005": "access-date", "CIT006": "date", "CIT007": "doi", "CIT008": "pmid",
    "CIT009": "pmc", "CIT010": "isbn", "CIT011": "issn",
}
MARK = "CSONEORACLEMARK"
_ERROR = re.compile(r'<span class="cs1-(?:visible|hidden)-error[^"]*">(.*?)'
                    r'Help:CS1_errors#(\w+)', re.S)
_TAGS = re.compile(r"<[^>]+>")
_NESTED_OK = ("{{!}}",)


@dataclass
class Verdict:
    name: str
    text: str
    ours: set[str] = field(default_factory=set)
    theirs: set[str] = field(default_factory=set)
    messages: list[str] = field(default_factory=list)
    our_messages: list[str] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return self.ours == self.theirs


def comparable(text: str) -> bool:
    """False when the citation uses templates the test wiki lacks (their output is unknown
    to both sides), or a magic word/parser function that depends on the page."""
    inner = text[2:-2]
    for ok in _NESTED_OK:
        inner = inner.replace(ok, "")
    return "{{" not in inner and "<ref" not in inner.lower()


_CITE = re.compile(r"\{\{\s*[Cc]it(?:e|ation)")


def corpus_pages() -> list[Document]:
    """The corpus pages that call a citation template, in a fixed order."""
    return [item for item in iter_local(CORPUS)
            if isinstance(item, Document) and _CITE.search(item.text)]


def page_citations(pages: list[Document]) -> Iterator[tuple[str, str]]:
    """(page, citation wikitext) for every CS1 citation on ``pages``."""
    spec = cs1()
    for page in pages:
        for template in mwparserfromhell.parse(page.text).filter_templates():
            if spec.is_citation(str(template.name)):
                yield page.where, str(template)


def corpus_citations() -> Iterator[tuple[str, str]]:
    """(page, citation wikitext) for every CS1 citation on every corpus page."""
    yield from page_citations(corpus_pages())


def sample(items: list, size: int, seed: int = 10) -> list:
    if len(items) <= size:
        return items
    return random.Random(seed).sample(items, size)


def our_kinds(text: str, today: dt.date) -> tuple[set[str], list[str]]:
    doc = Document(title="CS1 oracle", text=text)
    ctx = Context(profile=None, options={"today": today})
    kinds, messages = set(), []
    for code, kind in OUR_KINDS.items():
        for finding in get_registry().get(code)().check(doc, ctx):
            kinds.add(kind)
            messages.append(f"{code} {finding.message}")
    return kinds, messages


def _chunks(html: str, count: int) -> list[str] | None:
    parts = html.split(MARK)
    return parts[1:] if len(parts) == count + 1 else None


def render(api, texts: list[str], batch: int = 300) -> list[tuple[set[str], list[str]]]:
    """CS1's (error kinds, messages) for each citation, ``batch`` citations per request."""
    out: list[tuple[set[str], list[str]]] = []
    for start in range(0, len(texts), batch):
        group = texts[start:start + batch]
        page = "".join(f"\n\n{MARK}\n\n{text}" for text in group)
        parsed = api.parse(page, title="CS1 oracle", prop="text")
        chunks = _chunks(parsed["text"], len(group))
        if chunks is None:  # a citation broke the markers: one request each
            if len(group) == 1:
                chunks = [parsed["text"]]
            else:
                out.extend(render(api, group, batch=max(1, len(group) // 8)))
                continue
        for chunk in chunks:
            ids, messages = set(), []
            for body, error in _ERROR.findall(chunk):
                if error in CS1_KINDS:
                    ids.add(CS1_KINDS[error])
                messages.append(f"{error}: " + " ".join(_TAGS.sub("", body).split()))
            out.append((ids, messages))
    return out


def compare(api, items: list[tuple[str, str]], today: dt.date) -> list[Verdict]:
    verdicts = [Verdict(name, text) for name, text in items]
    for verdict, (ids, messages) in zip(verdicts, render(api, [v.text for v in verdicts]),
                                        strict=True):
        verdict.theirs, verdict.messages = ids, messages
        verdict.ours, verdict.our_messages = our_kinds(verdict.text, today)
        if any(m.startswith("empty_citation:") for m in messages):
            # CS1 renders nothing, says only "Empty citation" and drops its other messages:
            # our "no title" is that finding; our unknown-parameter findings, true, are
            # ones CS1 hides here, so they are left out of the comparison
            verdict.theirs = {"required"}
            verdict.ours.discard("parameter")
    return verdicts
