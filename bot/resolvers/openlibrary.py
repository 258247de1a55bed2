"""Open Library's Books API, batched: ``GET {base}/api/books?bibkeys=ISBN:a,ISBN:b&format=json
&jscmd=data`` → ``{"ISBN:a": {...}}``; an unknown ISBN is simply absent from the object.

Fields used: ``title``, ``subtitle``, ``authors`` ([{name}]), ``publishers`` ([{name}]),
``publish_places`` ([{name}]), ``publish_date`` (free text such as ``1997`` or
``March 1, 1997``).
"""

from __future__ import annotations

import json

from bot.resolvers.http import Http, LookupFailed
from bot.resolvers.parsing import clean, date_from_text, split_name
from bot.resolvers.record import FAILED, NOT_FOUND, Record
from bot.resolvers.settings import Service

__all__ = ["lookup_batch", "parse_book"]


def lookup_batch(http: Http, service: Service, isbns: list[str]) -> dict[str, Record]:
    keys = {isbn: f"isbn:{isbn}" for isbn in isbns}
    params = {"bibkeys": ",".join(f"ISBN:{i}" for i in isbns), "format": "json",
              "jscmd": "data"}
    try:
        reply = http.get(service, f"{service.base_url}/api/books", params=params)
    except LookupFailed as exc:
        return {k: Record(k, FAILED, "openlibrary", problem=str(exc)) for k in keys.values()}
    if reply.status != 200:
        problem = f"openlibrary: HTTP {reply.status}"
        return {k: Record(k, FAILED, "openlibrary", problem=problem) for k in keys.values()}
    try:
        data = json.loads(reply.text)
        if not isinstance(data, dict):
            raise TypeError("not an object")
        return {
            key: parse_book(key, data[f"ISBN:{isbn}"], isbn) if f"ISBN:{isbn}" in data
            else Record(key, NOT_FOUND, "openlibrary")
            for isbn, key in keys.items()
        }
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        problem = f"openlibrary: malformed reply ({exc})"
        return {k: Record(k, FAILED, "openlibrary", problem=problem) for k in keys.values()}


def _names(items) -> list[str]:
    return [clean(item.get("name")) for item in items or [] if item.get("name")]


def parse_book(key: str, book: dict, isbn: str) -> Record:
    title = clean(book.get("title"))
    if book.get("subtitle"):
        title = f"{title}: {clean(book['subtitle'])}"
    date = book.get("publish_date") or ""
    parsed = date_from_text(date)
    return Record(
        key=key, source="openlibrary", kind="book", title=title,
        date=parsed, publisher=", ".join(_names(book.get("publishers"))[:1]),
        place=", ".join(_names(book.get("publish_places"))[:1]),
        authors=tuple(split_name(name) for name in _names(book.get("authors"))),
        isbn=isbn,
    )
