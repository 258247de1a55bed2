"""DataCite's REST API, for DOIs Crossref does not know (datasets, repositories, theses):
``GET {base}/dois/{doi}`` → ``{"data": {"attributes": {...}}}`` (JSON:API).

Attributes used: ``titles[].title``, ``creators[]`` ({familyName, givenName} or {name}),
``publisher`` (a string, or {name} in newer replies), ``publicationYear``,
``dates[]`` ({date, dateType: Issued}), ``types.resourceTypeGeneral``, ``container``
({title, volume, issue, firstPage, lastPage}), ``url``, ``relatedIdentifiers``.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from bot.resolvers.http import Http, LookupFailed
from bot.resolvers.parsing import clean, cs1_date, date_from_text, split_name
from bot.resolvers.record import FAILED, NOT_FOUND, Record
from bot.resolvers.settings import Service

__all__ = ["lookup", "parse_doi"]


def lookup(http: Http, service: Service, key: str, doi: str) -> Record:
    try:
        reply = http.get(service, f"{service.base_url}/dois/{quote(doi, safe='/')}",
                         accept="application/vnd.api+json, application/json")
    except LookupFailed as exc:
        return Record(key, FAILED, "datacite", problem=str(exc))
    if reply.status == 404:
        return Record(key, NOT_FOUND, "datacite")
    if reply.status != 200:
        return Record(key, FAILED, "datacite", problem=f"datacite: HTTP {reply.status}")
    try:
        return parse_doi(key, json.loads(reply.text)["data"]["attributes"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return Record(key, FAILED, "datacite", problem=f"datacite: malformed reply ({exc})")


def parse_doi(key: str, attributes: dict) -> Record:
    authors = []
    for creator in attributes.get("creators") or []:
        if creator.get("familyName"):
            authors.append((clean(creator["familyName"]), clean(creator.get("givenName", ""))))
        elif creator.get("name"):
            personal = creator.get("nameType", "Personal") == "Personal"
            authors.append(split_name(creator["name"]) if personal
                           else (clean(creator["name"]), ""))
    titles = attributes.get("titles") or [{}]
    publisher = attributes.get("publisher") or ""
    if isinstance(publisher, dict):
        publisher = publisher.get("name", "")
    date = ""
    for entry in attributes.get("dates") or []:
        if entry.get("dateType") == "Issued":
            date = date_from_text(str(entry.get("date", "")))
    date = date or cs1_date(attributes.get("publicationYear"))
    general = ((attributes.get("types") or {}).get("resourceTypeGeneral") or "").lower()
    container = attributes.get("container") or {}
    pages = "–".join(p for p in (clean(container.get("firstPage")),
                                 clean(container.get("lastPage"))) if p)
    if general == "journalarticle" and container.get("title"):
        kind = "journal"
    elif general in ("book", "bookchapter"):
        kind = "book"
    else:
        kind = "web"
    notice = ""
    for related in attributes.get("relatedIdentifiers") or []:
        if related.get("relationType") == "IsObsoletedBy":
            notice = "retracted"
    return Record(
        key=key, source="datacite", kind=kind, title=clean(titles[0].get("title")),
        container=clean(container.get("title")) if kind == "journal" else
        (clean(publisher) if kind == "web" else ""),
        date=date, volume=clean(container.get("volume")), issue=clean(container.get("issue")),
        pages=pages, publisher=clean(publisher) if kind == "book" else "",
        authors=tuple(authors), doi=clean(attributes.get("doi")),
        url=clean(attributes.get("url")) if kind == "web" else "", notice=notice,
    )
