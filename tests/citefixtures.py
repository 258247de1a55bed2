"""Fixture metadata for the identifiers real pages cite, served in each API's shape.

For a page set built from corpus pages, every DOI, PMID, PMC id and ISBN gets a record that
agrees with what the page says of it (title, journal, year) and carries more (authors,
volume, issue, pages, publisher), so completion has fields to add.  A fixed share is made to
disagree (another year or title) and a few are retracted, so both are reported.  Everything
is derived from the identifier and the page: deterministic, no network.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote

from lookupserver import LookupServer, json_reply

from bot.citations import find_citations
from bot.citations.complete import template_kind
from bot.citations.targets import bare_refs, citation_keys
from bot.parse.document import Document
from bot.profiles import Profile

__all__ = ["PageFacts", "collect_facts", "make_metadata", "serve_metadata"]

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


class PageFacts(dict):
    """key -> {title, journal, year, kind} as the pages give them (first citation wins)."""


def collect_facts(docs: list[Document], profile: Profile) -> PageFacts:
    facts = PageFacts()
    for doc in docs:
        for citation in find_citations(doc):
            kind = template_kind(citation) or "journal"
            year = _YEAR.search(citation.value("date", "year") or "")
            for key in citation_keys(citation):
                if key.startswith("url:"):
                    continue  # web pages are not looked up in this page set
                facts.setdefault(key, {
                    "title": citation.value("title") or "",
                    "journal": citation.value("journal", "work", "periodical") or "",
                    "year": year.group(1) if year else "",
                    "kind": kind,
                })
        for bare in bare_refs(doc, profile):
            if not bare.key.startswith("url:"):
                    facts.setdefault(bare.key, {"title": "", "journal": "", "year": "",
                                            "kind": "journal"})
    return facts


def _h(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)


def make_metadata(facts: PageFacts) -> dict[str, dict]:
    """key -> plain fields (title, journal, year, authors, volume, issue, pages, publisher,
    retracted); ``disagree`` marks the records made to differ from the page."""
    meta = {}
    for index, key in enumerate(sorted(facts)):
        fact, h = facts[key], _h(key)
        kind, value = key.split(":", 1)
        title = fact["title"] or f"Study of {value}"
        year = fact["year"] or str(1990 + h % 30)
        disagree = ""
        if index % 10 == 3 and fact["year"]:
            year, disagree = str(int(fact["year"]) + 1), "year"
        elif index % 10 == 7 and fact["title"]:
            title, disagree = "An entirely different study", "title"
        first = h % 200 + 1
        meta[key] = {
            "kind": kind, "value": value, "title": title, "year": year,
            "journal": fact["journal"] or f"Journal of Fixtures {h % 7}",
            "book": fact["kind"] == "book" or kind == "isbn",
            "authors": [(f"Author{h % 97}", "Ann B."), (f"Writer{h % 89}", "Carl")],
            "volume": str(h % 90 + 1), "issue": str(h % 12 + 1),
            "pages": f"{first}-{first + 9}", "publisher": f"Fixture Press {h % 5}",
            "retracted": kind in ("doi", "pmid") and index % 31 == 5 and not disagree,
            "disagree": disagree,
        }
    return meta


def _crossref(record: dict) -> dict:
    message = {
        "DOI": record["value"], "type": "book" if record["book"] else "journal-article",
        "title": [record["title"]], "issued": {"date-parts": [[int(record["year"])]]},
        "author": [{"family": f, "given": g, "sequence": "first"} for f, g in record["authors"]],
        "volume": record["volume"], "issue": record["issue"], "page": record["pages"],
        "publisher": record["publisher"],
    }
    if not record["book"]:
        message["container-title"] = [record["journal"]]
    if record["retracted"]:
        message["updated-by"] = [{"DOI": "10.5555/notice", "type": "retraction"}]
    return {"status": "ok", "message-type": "work", "message": message}


def _summary(record: dict, uid: str) -> dict:
    ids = [{"idtype": "pubmed" if record["kind"] == "pmid" else "pmc",
            "value": uid if record["kind"] == "pmid" else f"PMC{uid}"}]
    return {
        "uid": uid, "title": record["title"] + ".", "source": record["journal"][:20],
        "fulljournalname": record["journal"], "pubdate": record["year"],
        "volume": record["volume"], "issue": record["issue"], "pages": record["pages"],
        "authors": [{"name": f"{f} {g[0]}", "authtype": "Author"} for f, g in
                    record["authors"]],
        "articleids": ids,
        "pubtype": ["Journal Article"] + (["Retracted Publication"] if record["retracted"]
                                          else []),
    }


def serve_metadata(server: LookupServer, meta: dict[str, dict]) -> None:
    """Routes answering Crossref works, esummary (pubmed, pmc) and Open Library api/books."""
    def works(path, query):
        record = meta.get("doi:" + unquote(path.removeprefix("/works/")).lower())
        return json_reply(_crossref(record)) if record else json_reply({}, 404)

    def esummary(path, query):
        kind = "pmid" if query["db"] == "pubmed" else "pmc"
        ids = query["id"].split(",")
        result = {"uids": ids}
        for uid in ids:
            record = meta.get(f"{kind}:{uid}")
            result[uid] = _summary(record, uid) if record else {
                "uid": uid, "error": "cannot get document summary"}
        return json_reply({"header": {"type": "esummary"}, "result": result})

    def books(path, query):
        found = {}
        for bibkey in query["bibkeys"].split(","):
            record = meta.get("isbn:" + bibkey.removeprefix("ISBN:"))
            if record:
                found[bibkey] = {
                    "title": record["title"], "publish_date": record["year"],
                    "authors": [{"name": f"{g} {f}"} for f, g in record["authors"]],
                    "publishers": [{"name": record["publisher"]}],
                    "publish_places": [{"name": "Fixtureville"}],
                }
        return json_reply(found)

    server.route("/works/", works)
    server.route("/dois/", lambda p, q: json_reply({}, 404))
    server.route("/eutils/esummary.fcgi", esummary)
    server.route("/api/books", books)
