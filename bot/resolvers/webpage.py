"""A web page's own metadata, read the way Zotero and Citoid read it: Highwire/Google
Scholar ``citation_*`` meta tags first, then Open Graph (``og:title``, ``og:site_name``,
``article:published_time``), then ``<title>``.  Parsed with the standard library's
:class:`html.parser.HTMLParser` (tolerant of broken HTML, no extra dependency).
"""

from __future__ import annotations

from html.parser import HTMLParser

from bot.resolvers.http import Http, LookupFailed
from bot.resolvers.parsing import clean, date_from_text, split_name
from bot.resolvers.record import FAILED, NOT_FOUND, Record
from bot.resolvers.settings import Service

__all__ = ["lookup", "parse_page"]


class _MetaReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (attrs.get("name") or attrs.get("property") or "").strip().lower()
            if name and "content" in attrs:
                self.meta.setdefault(name, []).append(attrs["content"].strip())
        elif tag == "title" and not self.title:
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def lookup(http: Http, service: Service, key: str, url: str, accessed: str) -> Record:
    try:
        reply = http.get(service, url, accept="text/html,application/xhtml+xml")
    except LookupFailed as exc:
        return Record(key, FAILED, "web", problem=str(exc))
    if reply.status in (404, 410):
        return Record(key, NOT_FOUND, "web")
    if reply.status != 200:
        return Record(key, FAILED, "web", problem=f"web: HTTP {reply.status}")
    if "html" not in reply.content_type.lower():
        return Record(key, FAILED, "web", problem=f"web: not an HTML page ({reply.content_type})")
    return parse_page(key, reply.text, url, accessed)


def parse_page(key: str, html: str, url: str, accessed: str = "") -> Record:
    reader = _MetaReader()
    try:
        reader.feed(html)
        reader.close()
    except Exception as exc:  # HTMLParser is tolerant; this is a guard, not a path
        return Record(key, FAILED, "web", problem=f"web: unreadable HTML ({exc})")
    meta = reader.meta

    def one(*names: str) -> str:
        for name in names:
            if meta.get(name) and meta[name][0]:
                return clean(meta[name][0])
        return ""

    authors = tuple(split_name(a) for a in meta.get("citation_author", []) if a.strip())
    journal = one("citation_journal_title")
    first, last = one("citation_firstpage"), one("citation_lastpage")
    title = one("citation_title", "og:title", "dc.title") or clean(reader.title)
    date = date_from_text(one("citation_publication_date", "citation_date",
                              "article:published_time", "dc.date"))
    doi = one("citation_doi").removeprefix("doi:").removeprefix("https://doi.org/")
    return Record(
        key=key, source="web", kind="journal" if journal else "web", title=title,
        container=journal or one("og:site_name"), date=date,
        volume=one("citation_volume"), issue=one("citation_issue"),
        pages="–".join(p for p in (first, last) if p), authors=authors,
        publisher=one("citation_publisher"), doi=doi,
        pmid=one("citation_pmid"), url=url, accessed=accessed,
    )
