"""NCBI E-utilities ``esummary`` (JSON), for PMIDs and PMC ids, batched (up to 200 ids a
request, as NCBI recommends): ``GET {base}/esummary.fcgi?db=pubmed&id=1,2&retmode=json``.

Reply (``esummary`` version 1 JSON): ``{"result": {"uids": [...], "<uid>": {...}}}``; each
summary has ``title``, ``source`` (abbreviated journal), ``fulljournalname``, ``pubdate``
(``2015 Mar 2``), ``volume``, ``issue``, ``pages``, ``authors`` ([{name: "Smith JA",
authtype: "Author"}]), ``articleids`` ([{idtype: doi|pubmed|pmc|pmcid, value}]), ``pubtype``
(``Retracted Publication``, ``Retraction of Publication``, ``Published Erratum``); an id
that does not exist has ``{"uid": ..., "error": "cannot get document summary"}``.
"""

from __future__ import annotations

import json

from bot.resolvers.http import Http, LookupFailed
from bot.resolvers.parsing import clean, date_from_text, split_name
from bot.resolvers.record import FAILED, NOT_FOUND, Record
from bot.resolvers.settings import Service

__all__ = ["lookup_batch", "parse_summary"]

_NOTICES = {"retracted publication": "retracted", "retraction of publication": "retraction",
            "published erratum": "erratum"}


def lookup_batch(http: Http, service: Service, db: str, ids: list[str],
                 contact: str) -> dict[str, Record]:
    """Records for ``ids`` of ``db`` (pubmed or pmc), keyed by ``pmid:N`` / ``pmc:N``."""
    prefix = "pmid" if db == "pubmed" else "pmc"
    keys = {i: f"{prefix}:{i}" for i in ids}
    params = {"db": db, "id": ",".join(ids), "retmode": "json", "tool": "wikiwarden",
              "email": contact.removeprefix("mailto:")}
    try:
        reply = http.get(service, f"{service.base_url}/esummary.fcgi", params=params)
    except LookupFailed as exc:
        return {k: Record(k, FAILED, db, problem=str(exc)) for k in keys.values()}
    if reply.status != 200:
        problem = f"{db}: HTTP {reply.status}"
        return {k: Record(k, FAILED, db, problem=problem) for k in keys.values()}
    try:
        result = json.loads(reply.text)["result"]
        records = {}
        for uid, key in keys.items():
            summary = result.get(uid)
            if summary is None or summary.get("error"):
                records[key] = Record(key, NOT_FOUND, db)
            else:
                records[key] = parse_summary(key, summary, db)
        return records
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        problem = f"{db}: malformed reply ({exc})"
        return {k: Record(k, FAILED, db, problem=problem) for k in keys.values()}


def parse_summary(key: str, summary: dict, db: str = "pubmed") -> Record:
    ids = {}
    for entry in summary.get("articleids") or []:
        ids.setdefault(str(entry.get("idtype", "")).lower(), str(entry.get("value", "")))
    pmc = (ids.get("pmc") or ids.get("pmcid") or "").upper().removeprefix("PMC")
    pmc = pmc.split(";")[0].strip() if pmc[:1].isdigit() else ""
    authors = tuple(
        split_name(a.get("name", ""), initials_last=True)
        for a in summary.get("authors") or []
        if a.get("authtype", "Author") == "Author" and a.get("name")
    )
    notice = ""
    for pubtype in summary.get("pubtype") or []:
        notice = _NOTICES.get(str(pubtype).lower(), notice)
    title = clean(summary.get("title")).rstrip(".")
    pmid = ids.get("pubmed") or ids.get("pmid") or (key.split(":")[1] if db == "pubmed" else "")
    return Record(
        key=key, source=db, kind="journal", title=title,
        container=clean(summary.get("fulljournalname") or summary.get("source")),
        container_short=clean(summary.get("source")),
        date=date_from_text(summary.get("pubdate") or summary.get("epubdate") or ""),
        volume=clean(summary.get("volume")), issue=clean(summary.get("issue")),
        pages=clean(summary.get("pages")).replace("-", "–"), authors=authors,
        doi=clean(ids.get("doi")), pmid=pmid if pmid.isdigit() else "",
        pmc=pmc, notice=notice,
    )
