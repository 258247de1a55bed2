"""Crossref's REST API: ``GET {base}/works/{doi}`` → ``{"status": "ok", "message": {...}}``.

Fields used (documented at api.crossref.org): ``title``, ``container-title``,
``short-container-title`` (lists), ``author`` ({given, family} or {name}), ``issued`` /
``published-print`` / ``published-online`` (``date-parts``), ``volume``, ``issue``,
``page``, ``type``, ``publisher``, ``ISBN``, ``update-to`` (this record is a retraction or
correction notice) and ``updated-by`` / ``relation`` (this work was retracted).
"""

from __future__ import annotations

import json
from urllib.parse import quote

from bot.resolvers.http import Http, LookupFailed
from bot.resolvers.parsing import clean, cs1_date
from bot.resolvers.record import FAILED, NOT_FOUND, Record
from bot.resolvers.settings import Service

__all__ = ["lookup", "parse_work"]

_BOOKS = {"book", "book-chapter", "monograph", "edited-book", "reference-book", "book-part",
          "book-section"}
_NOTICES = {"retraction": "retraction", "correction": "erratum", "erratum": "erratum",
            "removal": "retraction", "withdrawal": "retraction"}


def lookup(http: Http, service: Service, key: str, doi: str) -> Record:
    try:
        reply = http.get(service, f"{service.base_url}/works/{quote(doi, safe='/')}")
    except LookupFailed as exc:
        return Record(key, FAILED, "crossref", problem=str(exc))
    if reply.status == 404:
        return Record(key, NOT_FOUND, "crossref")
    if reply.status != 200:
        return Record(key, FAILED, "crossref", problem=f"crossref: HTTP {reply.status}")
    try:
        message = json.loads(reply.text)["message"]
        return parse_work(key, message)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        return Record(key, FAILED, "crossref", problem=f"crossref: malformed reply ({exc})")


def _first(value) -> str:
    if isinstance(value, list):
        return clean(value[0]) if value else ""
    return clean(value)


def _date(message: dict) -> str:
    for name in ("published-print", "published-online", "issued", "created"):
        parts = (message.get(name) or {}).get("date-parts") or [[]]
        if parts and parts[0] and parts[0][0]:
            return cs1_date(*[*parts[0], None, None][:3])
    return ""


def _notice(message: dict) -> str:
    for update in message.get("update-to") or []:
        kind = _NOTICES.get(str(update.get("type", "")).lower())
        if kind:
            return kind
    for update in message.get("updated-by") or []:
        if str(update.get("type", "")).lower() in ("retraction", "removal", "withdrawal"):
            return "retracted"
    if message.get("type") in ("retraction", "correction", "erratum"):
        return "erratum" if message["type"] != "retraction" else "retraction"
    return ""


def parse_work(key: str, message: dict) -> Record:
    authors = []
    for author in message.get("author") or []:
        if author.get("family"):
            authors.append((clean(author["family"]), clean(author.get("given", ""))))
        elif author.get("name"):
            authors.append((clean(author["name"]), ""))
    kind = "book" if message.get("type") in _BOOKS else "journal"
    container = _first(message.get("container-title"))
    title = _first(message.get("title"))
    subtitle = _first(message.get("subtitle"))
    if subtitle and kind == "book":
        title = f"{title}: {subtitle}"
    isbn = _first(message.get("ISBN"))
    return Record(
        key=key, source="crossref", kind=kind, title=title,
        container=container if kind == "journal" else "",
        container_short=_first(message.get("short-container-title")),
        date=_date(message), volume=clean(message.get("volume")),
        issue=clean(message.get("issue")), pages=clean(message.get("page")).replace("-", "–"),
        publisher=clean(message.get("publisher")) if kind == "book" else "",
        authors=tuple(authors), doi=clean(message.get("DOI")),
        isbn=isbn if kind == "book" else "", notice=_notice(message),
    )
