"""Where a page names a source by identifier, and the key to look it up by (pure).

- a ``<ref>`` whose whole content is a bare identifier: a URL, ``doi:10.1/x``, a doi.org or
  PubMed/PMC link, ``PMID 123``, ``PMC456``, ``ISBN 978-...`` (:func:`bare_refs`);
- a citation template's ``doi``/``pmid``/``pmc``/``isbn``/``url`` (:func:`citation_keys`);
- a "Notable studies" entry's link (:func:`study_targets`).

Identifiers are validated (:mod:`bot.citations.identifiers`) before they become keys: an
invalid one is never looked up.  Keys are described in :mod:`bot.resolvers.record`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

import mwparserfromhell
from mwparserfromhell.nodes import ExternalLink, Tag

from bot.citations import Citation, find_citations
from bot.citations.identifiers import check_doi, check_isbn, check_pmc, check_pmid
from bot.parse.cite import RefTag, cite_analysis
from bot.parse.document import Document
from bot.parse.studies import StudyItem, find_study_items
from bot.profiles import Profile

__all__ = ["BareRef", "StudyTarget", "bare_key", "bare_refs", "citation_keys", "key_for_url",
           "lookup_keys", "study_targets"]

_DOI = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.I)
_PMID = re.compile(r"^(?:PMID:?\s*|https?://(?:www\.)?ncbi\.nlm\.nih\.gov/pubmed/|"
                   r"https?://pubmed\.ncbi\.nlm\.nih\.gov/)(\d+)/?$", re.I)
_PMC = re.compile(r"^(?:PMC|https?://(?:www\.)?ncbi\.nlm\.nih\.gov/pmc/articles/PMC|"
                  r"https?://pmc\.ncbi\.nlm\.nih\.gov/articles/PMC)(\d+)/?$", re.I)
_ISBN = re.compile(r"^ISBN(?:-1[03])?:?\s*([\dXx][\dXx \-–]{8,16}[\dXx])$", re.I)
_URL = re.compile(r"^https?://[^\s\[\]<>\"{}|]+$", re.I)
_BRACKETED = re.compile(r"^\[(https?://[^\s\[\]<>\"]+)\]$", re.I)


def _doi_key(doi: str) -> str | None:
    doi = unquote(doi)
    return f"doi:{doi.lower()}" if check_doi(doi) is None else None


def _isbn_key(value: str) -> str | None:
    from stdnum import isbn

    value = value.replace("–", "-")
    if check_isbn(value) is not None:
        return None
    return f"isbn:{isbn.to_isbn13(isbn.compact(value))}"


def key_for_url(url: str) -> str | None:
    """The key of a URL: a DOI, PubMed or PMC link becomes that identifier's key."""
    url = url.strip().rstrip(".,;")
    for pattern, kind in ((_PMID, "pmid"), (_PMC, "pmc")):
        match = pattern.match(url)
        if match:
            check = check_pmid if kind == "pmid" else check_pmc
            return f"{kind}:{match.group(1)}" if check(match.group(1)) is None else None
    match = _DOI.match(url)
    if match and url.lower().startswith(("http://", "https://")):
        return _doi_key(match.group(1))
    return f"url:{url}" if _URL.match(url) else None


def bare_key(content: str) -> str | None:
    """The key when ``content`` is nothing but one identifier or URL, else None."""
    text = content.strip()
    bracketed = _BRACKETED.match(text)
    if bracketed:
        text = bracketed.group(1)
    if not text or "\n" in text:
        return None
    if text.lower().startswith(("http://", "https://")):
        return key_for_url(text)
    match = _DOI.match(text)
    if match:
        return _doi_key(match.group(1))
    for pattern, kind, check in ((_PMID, "pmid", check_pmid), (_PMC, "pmc", check_pmc)):
        match = pattern.match(text)
        if match:
            return f"{kind}:{match.group(1)}" if check(match.group(1)) is None else None
    match = _ISBN.match(text)
    if match:
        return _isbn_key(match.group(1))
    return None


@dataclass(frozen=True)
class BareRef:
    """A ``<ref>`` holding only an identifier; ``[start, end)`` is its content."""

    ref: RefTag
    key: str
    start: int
    end: int
    content: str


def content_span(doc: Document, ref: RefTag) -> tuple[int, int] | None:
    """Where the content of a ``<ref>...</ref>`` is in the page text."""
    tag: Tag = ref.tag
    whole = doc.text[ref.span.start : ref.span.end]
    close = whole.lower().rfind("</")
    if close < 0:
        return None
    contents = str(tag.contents)
    end = ref.span.start + close
    start = end - len(contents)
    return (start, end) if doc.text[start:end] == contents else None


def bare_refs(doc: Document, profile: Profile) -> list[BareRef]:
    found = []
    for ref in cite_analysis(doc, profile).refs:
        if not ref.defines or ref.in_template:
            continue
        key = bare_key(ref.text)
        span = content_span(doc, ref) if key else None
        if span:
            found.append(BareRef(ref, key, span[0], span[1], ref.text))
    return found


def citation_keys(citation: Citation) -> list[str]:
    """The keys of a citation's identifiers, most specific first."""
    keys = []
    for name, make in (("doi", _doi_key), ("pmid", lambda v: f"pmid:{v}" if check_pmid(v)
                                            is None else None),
                       ("pmc", lambda v: f"pmc:{v}" if check_pmc(v) is None else None),
                       ("isbn", _isbn_key), ("ISBN", _isbn_key)):
        value = citation.value(name)
        if value:
            key = make(value.strip())
            if key:
                keys.append(key)
    url = citation.value("url")
    if url and not keys:
        key = key_for_url(url)
        if key:
            keys.append(key)
    return keys


@dataclass(frozen=True)
class StudyTarget:
    """A study entry and the identifier its link names.  ``ref`` is the entry's reference
    whose content is only a link (to be replaced), or None when the entry has no reference
    (one is added at ``insert_at``); ``link_title`` is the title the entry gives the link."""

    item: StudyItem
    key: str
    link_title: str
    ref: RefTag | None
    start: int
    end: int


def _only_link(content: str) -> tuple[str, str] | None:
    """(url, title) when the reference content is a single external link and nothing else."""
    code = mwparserfromhell.parse(content.strip())
    nodes = [n for n in code.nodes if str(n).strip()]
    if len(nodes) == 1 and isinstance(nodes[0], ExternalLink):
        link = nodes[0]
        return str(link.url).strip(), (link.title.strip_code().strip() if link.title else "")
    return None


def study_targets(doc: Document, profile: Profile) -> list[StudyTarget]:
    targets = []
    for item in find_study_items(doc, profile):
        body = doc.text[item.start : item.end]
        links = [s for s in doc.nodes_of(ExternalLink) if item.start <= s.start < item.end]
        first = links[0].node if links else None
        bullet_title = first.title.strip_code().strip() if first is not None and first.title \
            else ""
        if item.refs:
            for ref in item.refs:
                if not ref.defines or bare_key(ref.text):
                    continue  # bare ones are CMP001's
                found = _only_link(ref.text)
                span = content_span(doc, ref) if found else None
                key = key_for_url(found[0]) if found else None
                if key and span:
                    targets.append(StudyTarget(item, key, found[1] or bullet_title, ref,
                                               span[0], span[1]))
            continue
        lines = body.rstrip().splitlines()
        if first is None or any(line.startswith(("*", "=", "#", ":")) for line in lines[1:]):
            continue
        key = key_for_url(str(first.url))
        if key:
            end = item.start + len(body.rstrip())
            targets.append(StudyTarget(item, key, bullet_title, None, end, end))
    return targets


def lookup_keys(doc: Document, profile: Profile) -> set[str]:
    """Every key the completion fixes may need for this page."""
    keys = {bare.key for bare in bare_refs(doc, profile)}
    for citation in find_citations(doc):
        keys.update(citation_keys(citation))
    keys.update(target.key for target in study_targets(doc, profile))
    return keys
