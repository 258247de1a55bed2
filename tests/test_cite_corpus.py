"""`wikiwarden cite` on a test-wiki page set built from corpus pages that cite DOIs, PMIDs,
PMC ids and ISBNs, with fixture metadata for those identifiers (tests/citefixtures.py):
citations completed, fields added, no existing value changed (checked on every completed
citation), disagreements and retractions reported; each identifier fetched at most once,
PMIDs batched, no service asked faster than its configured rate.

The default suite uses a fixed seeded sample; ``WIKIWARDEN_CITE_PAGES=all`` (or a number)
runs more, and ``pytest -s`` prints the figures.
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
from collections import Counter
from urllib.parse import unquote

import mwparserfromhell
import pytest
from citefixtures import collect_facts, make_metadata, serve_metadata
from lookupserver import LookupServer

from bot.citations import cs1
from bot.citations.targets import lookup_keys
from bot.parse.document import Document
from bot.profiles import load_profile

pytestmark = pytest.mark.wiki

SAMPLE = 8
SMALL = 40_000  # characters: the default sample's pages are below this
SEED = 14
RATES = {"crossref": 20, "ncbi": 3, "openlibrary": 2}


def _pages(corpus, profile):
    """(file, text) of the corpus pages citing a DOI, PMID, PMC id or ISBN, by path."""
    found = []
    for path in sorted(corpus.rglob("*.wiki")):
        text = path.read_text("utf-8", "replace")
        if not any(word in text.lower() for word in ("doi", "pmid", "isbn", "pmc")):
            continue
        keys = lookup_keys(Document(path.stem, text), profile)
        if any(not key.startswith("url:") for key in keys):
            found.append((path, text))
    return found


def _templates(text: str) -> list[dict]:
    spec = cs1()
    return [{str(p.name).strip(): str(p.value).strip() for p in t.params}
            for t in mwparserfromhell.parse(text).filter_templates()
            if spec.is_citation(str(t.name))]


def compare(before: str, after: str) -> tuple[int, int, int, list[dict]]:
    """(citations completed, fields added, existing values changed, the completed
    citations' parameters): every citation of
    ``before`` is matched in order to one of ``after`` holding all its non-empty values;
    citations of ``after`` left unmatched are new ones (a bare reference completed)."""
    old, new = _templates(before), _templates(after)
    completed = added = changed = 0
    position = 0
    done = []
    for params in old:
        given = {k: v for k, v in params.items() if v}
        match = None
        while position < len(new):
            candidate = new[position]
            position += 1
            if all(candidate.get(k) == v for k, v in given.items()):
                match = candidate
                break
            added += sum(1 for v in candidate.values() if v)  # a new citation
            completed += 1
            done.append(candidate)
        if match is None:
            changed += len(given)
            continue
        extra = sum(1 for k, v in match.items() if v and not params.get(k))
        completed += extra > 0
        added += extra
        if extra:
            done.append(match)
    for candidate in new[position:]:
        completed += 1
        added += sum(1 for v in candidate.values() if v)
        done.append(candidate)
    return completed, added, changed, done


def _keys(params: dict) -> set[str]:
    """The keys of a citation's identifiers (as the resolvers name them)."""
    from bot.citations.targets import bare_key

    keys = set()
    for name, prefix in (("doi", "doi:"), ("pmid", "PMID "), ("pmc", "PMC"), ("isbn", "ISBN ")):
        if params.get(name):
            key = bare_key(prefix + params[name])
            keys.update([key] if key else [])
    return keys


def _busiest(times: list[float], window: float = 0.95) -> int:
    return max((sum(1 for t in times if start <= t < start + window) for start in times),
               default=0)


def test_cite_corpus_page_set(corpus, cli, wiki_api, tmp_path):
    """Completed citations, 0 existing values changed, disagreements reported; lookups
    polite and each identifier fetched at most once."""
    profile = load_profile("wikipedia")
    pages = _pages(corpus, profile)
    wanted = os.environ.get("WIKIWARDEN_CITE_PAGES", str(SAMPLE))
    if wanted == str(SAMPLE):  # the default suite: small pages only, to stay quick
        pages = [(path, text) for path, text in pages if len(text) < SMALL]
    if wanted != "all" and int(wanted) < len(pages):
        pages = sorted(random.Random(SEED).sample(pages, int(wanted)))
    titles = {f"Citecorpus {i}": path for i, (path, _) in enumerate(pages)}
    for (title, _), (_, text) in zip(titles.items(), pages, strict=True):
        wiki_api.edit(title, text)
    before = {t: wiki_api.parse(page=t, prop="wikitext")["wikitext"] for t in titles}
    docs = [Document(t, text) for t, text in before.items()]
    meta = make_metadata(collect_facts(docs, profile))
    with LookupServer() as server:
        serve_metadata(server, meta)
        config = tmp_path / "wikiwarden.toml"
        services = "".join(
            f'[lookup.services.{name}]\nbase_url = "{server.url}{suffix}"\nrate = {rate}\n'
            for name, suffix, rate in (("crossref", "", RATES["crossref"]),
                                       ("datacite", "", 5),
                                       ("ncbi", "/eutils", RATES["ncbi"]),
                                       ("openlibrary", "", RATES["openlibrary"])))
        config.write_text(f'profile = "wikipedia"\nstate_file = "state.sqlite"\n[lookup]\n'
                          f'contact = "mailto:operator@example.org"\n'
                          f'cache_file = "lookups.sqlite"\n{services}')
        result = cli("--config", str(config), "cite", *[f"-page:{t}" for t in titles],
                     "--apply", "--identifiers", "doi,pmid,pmc,isbn")
        requests = list(server.requests)
    assert result.exit_code in (0, 1), result.stderr
    after = {t: wiki_api.parse(page=t, prop="wikitext")["wikitext"] for t in titles}

    totals = Counter()
    for title in titles:
        completed, added, changed, done = compare(before[title], after[title])
        totals.update(completed=completed, added=added, changed=changed,
                      pages_changed=before[title] != after[title])
        for params in done:  # never completed from a disagreeing or retracted record
            for key in _keys(params) & set(meta):
                totals["from a disagreeing record"] += bool(meta[key]["disagree"])
                totals["from a retracted record"] += meta[key]["retracted"]
    reported = Counter(re.findall(r":\d+:\d+: (CMP00\d) ", result.stdout))
    db = sqlite3.connect(tmp_path / "state.sqlite")
    codes = Counter()
    for (saved,) in db.execute("SELECT codes FROM saves"):
        codes.update(json.loads(saved))
    skipped = [line for line in result.stderr.splitlines() if line.startswith(
        "wikiwarden: skipped")]

    # lookups: each identifier once, PMIDs batched, rates kept (server-side log)
    asked = Counter()
    per_service: dict[str, list[float]] = {"crossref": [], "ncbi": [], "openlibrary": []}
    batch_sizes = []
    for request in requests:
        if request["path"].startswith("/works/"):
            asked["doi:" + unquote(request["path"].removeprefix("/works/")).lower()] += 1
            per_service["crossref"].append(request["at"])
        elif request["path"].startswith("/eutils/"):
            kind = "pmid" if request["query"]["db"] == "pubmed" else "pmc"
            ids = request["query"]["id"].split(",")
            batch_sizes.append(len(ids))
            asked.update(f"{kind}:{i}" for i in ids)
            per_service["ncbi"].append(request["at"])
        elif request["path"].startswith("/api/books"):
            asked.update("isbn:" + k.removeprefix("ISBN:")
                         for k in request["query"]["bibkeys"].split(","))
            per_service["openlibrary"].append(request["at"])
    kinds = Counter(key.split(":")[0] for key in meta)
    figures = {
        "pages": len(titles), "pages changed": totals["pages_changed"],
        "pages skipped by the gate": skipped,
        "identifiers": dict(kinds),
        "citations completed": totals["completed"], "fields added": totals["added"],
        "existing values changed": totals["changed"],
        "completed from a disagreeing record": totals["from a disagreeing record"],
        "completed from a retracted record": totals["from a retracted record"],
        "fixes by code": dict(codes),
        "reported": dict(reported),
        "made to disagree (fixture)": sum(1 for m in meta.values() if m["disagree"]),
        "made retracted (fixture)": sum(1 for m in meta.values() if m["retracted"]),
        "requests": {name: len(times) for name, times in per_service.items()},
        "most requests in any 0.95 s": {n: _busiest(t) for n, t in per_service.items()},
        "configured rates": RATES,
        "PMID/PMC ids per esummary request": batch_sizes,
        "most fetches of one identifier": max(asked.values(), default=0),
        "sources": sorted({unquote(p.name) for p in titles.values()}),
    }
    print(json.dumps(figures, indent=1, ensure_ascii=False))
    if os.environ.get("WIKIWARDEN_CITE_FIGURES"):
        with open(os.environ["WIKIWARDEN_CITE_FIGURES"], "w") as out:
            json.dump(figures, out, indent=1, ensure_ascii=False)

    assert totals["changed"] == 0
    assert totals["from a disagreeing record"] == 0 and totals["from a retracted record"] == 0
    assert totals["completed"] > 0 and totals["added"] > totals["completed"]
    assert sum(codes.values()) > 0 and totals["pages_changed"] == len(db.execute(
        "SELECT * FROM saves").fetchall())
    assert figures["most fetches of one identifier"] == 1
    assert set(asked) <= set(meta) and len(asked) == len(meta)
    assert all(size <= 200 for size in batch_sizes)
    assert len(batch_sizes) <= -(-(kinds["pmid"]) // 200) + -(-(kinds["pmc"]) // 200)
    for name, times in per_service.items():
        assert _busiest(times) <= RATES[name], name
    disagreeing = sum(1 for m in meta.values() if m["disagree"])
    if disagreeing:
        assert reported["CMP004"] >= 1
