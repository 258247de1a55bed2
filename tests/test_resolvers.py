"""The lookup stage against local stand-ins of Crossref, DataCite, E-utilities, Open Library
and web pages (tests/lookupserver.py): response shapes, batching, cache, offline, rate
limits, retries on 429/5xx with Retry-After, malformed replies and timeouts."""

from __future__ import annotations

import json
import time

import pytest
from lookupserver import FIXTURES, LookupServer, json_reply

from bot.errors import ConfigError
from bot.resolvers import LookupSettings, Resolver
from bot.resolvers.cache import LookupCache
from bot.resolvers.http import Http


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


def settings_for(server: LookupServer, tmp_path, **overrides) -> LookupSettings:
    services = {name: {"base_url": server.url + ("/eutils" if name == "ncbi" else "")}
                for name in ("crossref", "datacite", "ncbi", "openlibrary")}
    services["web"] = {"rate": 50}
    for name, values in overrides.pop("services", {}).items():
        services.setdefault(name, {}).update(values)
    data = {"contact": "mailto:operator@example.org", "cache_file": str(tmp_path / "c.sqlite"),
            "timeout": 2, "services": services, **overrides}
    return LookupSettings.from_config(data)


def resolver_for(settings: LookupSettings, sleeps: list | None = None) -> Resolver:
    sleeper = (lambda s: sleeps.append(s)) if sleeps is not None else time.sleep
    return Resolver(settings, http=Http(settings, sleep=sleeper) if not settings.offline
                    else None)


@pytest.fixture
def server():
    with LookupServer() as running:
        yield running


def test_crossref_work_becomes_a_journal_record(server, tmp_path):
    """Crossref's work: title (markup removed), journal, ISO date, authors, pages."""
    server.route("/works/10.5555/cfs.2015.001", lambda p, q: (200, {
        "Content-Type": "application/json"}, fixture("crossref-work.json")))
    record = resolver_for(settings_for(server, tmp_path)).resolve(
        ["doi:10.5555/cfs.2015.001"])["doi:10.5555/cfs.2015.001"]
    assert record.found and record.source == "crossref" and record.kind == "journal"
    assert record.title == "Cognitive impairment in chronic fatigue syndrome"
    assert (record.container, record.date, record.volume, record.issue) == (
        "PLOS ONE", "2015-03-02", "10", "3")
    assert record.authors == (("Smith", "Jane A."), ("Jones", "Robert"))
    assert record.doi == "10.5555/cfs.2015.001" and not record.notice


def test_user_agent_names_the_operator(server, tmp_path):
    """Every request carries the contact from the config in its User-Agent."""
    server.route("/works/", lambda p, q: json_reply({}, 404))
    server.route("/dois/", lambda p, q: json_reply({}, 404))
    resolver_for(settings_for(server, tmp_path)).resolve(["doi:10.5555/none"])
    agents = {r["headers"]["User-Agent"] for r in server.requests}
    assert len(server.requests) == 2 and all("mailto:operator@example.org" in a for a in agents)


def test_no_contact_refuses_to_run(tmp_path):
    """Without the operator's contact, going online is refused with one clear line."""
    with pytest.raises(ConfigError, match="contact"):
        Resolver(LookupSettings.from_config({"cache_file": str(tmp_path / "c.sqlite")}))


def test_retraction_notice_and_book_chapter(server, tmp_path):
    """A record with update-to/retraction is a notice; a book-chapter becomes a book."""
    server.route("/works/10.5555/notice.2011", lambda p, q: (200, {}, fixture(
        "crossref-retraction.json")))
    server.route("/works/10.5555/book.2019.7", lambda p, q: (200, {}, fixture(
        "crossref-book.json")))
    records = resolver_for(settings_for(server, tmp_path)).resolve(
        ["doi:10.5555/notice.2011", "doi:10.5555/book.2019.7"])
    assert records["doi:10.5555/notice.2011"].notice == "retraction"
    book = records["doi:10.5555/book.2019.7"]
    assert (book.kind, book.title, book.isbn, book.date) == (
        "book", "Post-exertional malaise", "9783030123456", "2019")


def test_doi_unknown_to_crossref_is_asked_of_datacite(server, tmp_path):
    """Crossref 404 → DataCite, whose dataset becomes a web record with its landing URL."""
    server.route("/works/", lambda p, q: json_reply({"status": "error"}, 404))
    server.route("/dois/10.5281/zenodo.1234567", lambda p, q: (200, {}, fixture(
        "datacite-doi.json")))
    record = resolver_for(settings_for(server, tmp_path)).resolve(
        ["doi:10.5281/zenodo.1234567"])["doi:10.5281/zenodo.1234567"]
    assert record.found and record.source == "datacite" and record.kind == "web"
    assert record.authors == (("Nguyen", "Linh"), ("ME Research Group", ""))
    assert (record.date, record.container, record.url) == (
        "2021-06-15", "Zenodo", "https://zenodo.org/record/1234567")


def test_esummary_fields_retraction_and_unknown_id(server, tmp_path):
    """E-utilities esummary JSON: one request for three ids; an error uid is not found."""
    server.route("/eutils/esummary.fcgi", lambda p, q: (200, {}, fixture(
        "esummary-pubmed.json")))
    records = resolver_for(settings_for(server, tmp_path)).resolve(
        ["pmid:1000001", "pmid:1000002", "pmid:1000003"])
    assert len(server.hits("/eutils")) == 1
    first = records["pmid:1000001"]
    assert first.title == "Fatigue and orthostatic intolerance in myalgic encephalomyelitis"
    assert first.authors == (("Lee", "K"), ("van der Berg", "AB"))
    assert (first.date, first.pages, first.doi, first.pmc) == (
        "2014-03-05", "230–41", "10.5555/jim.2014.275", "4000001")
    assert first.container_short == "J Intern Med"
    assert records["pmid:1000002"].notice == "retracted"
    assert records["pmid:1000003"].status == "not-found"
    query = server.hits("/eutils")[0]["query"]
    assert query["db"] == "pubmed" and query["retmode"] == "json"
    assert query["email"] == "operator@example.org"


def _summaries(path, query):
    ids = query["id"].split(",")
    result = {"uids": ids}
    for uid in ids:
        result[uid] = {"uid": uid, "title": f"Study {uid}", "source": "J Test",
                       "fulljournalname": "Journal of Tests", "pubdate": "2020",
                       "authors": [], "articleids": [{"idtype": "pubmed", "value": uid}],
                       "pubtype": ["Journal Article"]}
    return json_reply({"header": {"type": "esummary"}, "result": result})


def test_pmids_are_batched_200_a_request_and_fetched_once(server, tmp_path):
    """450 PMIDs: 3 requests (200, 200, 50); asking again costs nothing (cache)."""
    server.route("/eutils/esummary.fcgi", _summaries)
    settings = settings_for(server, tmp_path, services={"ncbi": {"rate": 100}})
    resolver = resolver_for(settings)
    keys = [f"pmid:{n}" for n in range(1, 451)]
    records = resolver.resolve(keys + keys[:10])
    sizes = [len(r["query"]["id"].split(",")) for r in server.hits("/eutils")]
    assert sizes == [200, 200, 50]
    assert all(records[k].found for k in keys) and max(resolver.fetched.values()) == 1
    again = resolver_for(settings)
    again.resolve(keys)
    assert len(server.hits("/eutils")) == 3 and again.from_cache == 450


def test_open_library_found_and_missing(server, tmp_path):
    """Open Library's api/books: a known ISBN becomes a book; an absent one is not found."""
    server.route("/api/books", lambda p, q: (200, {}, fixture("openlibrary-books.json")))
    records = resolver_for(settings_for(server, tmp_path)).resolve(
        ["isbn:9780451526533", "isbn:9780306406157"])
    book = records["isbn:9780451526533"]
    assert (book.kind, book.title, book.authors, book.publisher, book.place, book.date) == (
        "book", "The adventures of Tom Sawyer", (("Twain", "Mark"),), "Signet Classic",
        "New York", "1997")
    assert records["isbn:9780306406157"].status == "not-found"
    assert len(server.hits("/api/books")) == 1


def test_web_pages_citation_tags_open_graph_and_title(server, tmp_path):
    """citation_* tags make a journal record; Open Graph a web page; else the <title>."""
    html = {"/a": "article.html", "/og": "opengraph.html", "/t": "title-only.html"}
    for path, name in html.items():
        server.route(path, lambda p, q, n=name: (200, {"Content-Type": "text/html"},
                                                 fixture(n)))
    server.route("/pdf", lambda p, q: (200, {"Content-Type": "application/pdf"}, "%PDF"))
    base = server.url
    records = resolver_for(settings_for(server, tmp_path)).resolve(
        [f"url:{base}{p}" for p in (*html, "/pdf", "/gone")])
    article = records[f"url:{base}/a"]
    assert (article.kind, article.title, article.container, article.date, article.pages) == (
        "journal", "Exercise testing in ME/CFS: a review", "Journal of Fatigue", "2020-07-14",
        "55–67")
    assert article.authors == (("Garcia", "Maria"), ("Chen", "Wei"))
    assert article.doi == "10.5555/fatigue.2020.8"
    news = records[f"url:{base}/og"]
    assert (news.kind, news.title, news.container, news.date) == (
        "web", "Patients describe their worst days", "Health News", "2022-11-03")
    assert news.accessed and news.url == f"{base}/og"
    assert records[f"url:{base}/t"].title == "ME/CFS clinic &amp; services".replace("&amp;",
                                                                                    "&")
    assert records[f"url:{base}/pdf"].status == "failed"
    assert records[f"url:{base}/gone"].status == "not-found"


def test_429_with_retry_after_is_honoured(server, tmp_path):
    """A 429 with Retry-After: 7 makes the client wait 7 s (recorded), then it succeeds."""
    replies = iter([json_reply({}, 429, {"Retry-After": "7"})])

    def crossref(path, query):
        return next(replies, (200, {}, fixture("crossref-work.json")))

    server.route("/works/", crossref)
    sleeps: list = []
    record = resolver_for(settings_for(server, tmp_path), sleeps).resolve(
        ["doi:10.5555/cfs.2015.001"])["doi:10.5555/cfs.2015.001"]
    assert record.found and sleeps == [7.0] and len(server.hits("/works/")) == 2


def test_5xx_is_retried_with_backoff_then_given_up(server, tmp_path):
    """503 every time: retries+1 attempts, waits growing, the lookup fails (not cached)."""
    server.route("/works/", lambda p, q: json_reply({}, 503))
    sleeps: list = []
    settings = settings_for(server, tmp_path, retries=3)
    record = resolver_for(settings, sleeps).resolve(["doi:10.5555/x"])["doi:10.5555/x"]
    assert record.status == "failed" and "HTTP 503" in record.problem
    assert len(server.hits("/works/")) == 4 and sleeps == sorted(sleeps) and len(sleeps) == 3
    assert LookupCache(settings.cache_file).get("doi:10.5555/x") is None


def test_too_long_retry_after_gives_up(server, tmp_path):
    """A Retry-After beyond max_retry_after is not slept through: the lookup fails."""
    server.route("/works/", lambda p, q: json_reply({}, 429, {"Retry-After": "3600"}))
    sleeps: list = []
    record = resolver_for(settings_for(server, tmp_path), sleeps).resolve(
        ["doi:10.5555/x"])["doi:10.5555/x"]
    assert record.status == "failed" and "3600" in record.problem and sleeps == []


def test_malformed_json_fails_and_is_tried_again_next_run(server, tmp_path):
    """A reply that is not JSON fails the lookup; it is not cached, so the next run asks."""
    server.route("/works/", lambda p, q: (200, {"Content-Type": "application/json"}, "{oops"))
    server.route("/eutils/", lambda p, q: (200, {}, json.dumps({"result": []})))
    settings = settings_for(server, tmp_path)
    records = resolver_for(settings).resolve(["doi:10.5555/x", "pmid:5"])
    assert records["doi:10.5555/x"].status == "failed"
    assert "malformed" in records["doi:10.5555/x"].problem
    assert records["pmid:5"].status == "failed"
    resolver_for(settings).resolve(["doi:10.5555/x"])
    assert len(server.hits("/works/")) == 2


def test_timeout_fails_the_lookup(server, tmp_path):
    """A service slower than the timeout: each attempt times out, the lookup fails."""
    def slow(path, query):
        time.sleep(1.5)
        return 200, {}, fixture("crossref-work.json")

    server.route("/works/", slow)
    settings = settings_for(server, tmp_path, timeout=0.3, retries=1)
    record = resolver_for(settings, []).resolve(["doi:10.5555/x"])["doi:10.5555/x"]
    assert record.status == "failed" and "no answer within 0.3 s" in record.problem
    assert len(server.hits("/works/")) == 2


def test_offline_uses_only_the_cache(server, tmp_path):
    """--offline: cached keys are found, others fail; no request is sent."""
    server.route("/works/", lambda p, q: (200, {}, fixture("crossref-work.json")))
    settings = settings_for(server, tmp_path)
    resolver_for(settings).resolve(["doi:10.5555/cfs.2015.001"])
    sent = len(server.requests)
    offline = Resolver(settings.with_offline(True))
    records = offline.resolve(["doi:10.5555/cfs.2015.001", "doi:10.5555/other"])
    assert records["doi:10.5555/cfs.2015.001"].found
    assert records["doi:10.5555/other"].status == "failed"
    assert len(server.requests) == sent and offline.http is None


def test_cache_expires(server, tmp_path):
    """An answer older than cache_days is fetched again."""
    server.route("/works/", lambda p, q: (200, {}, fixture("crossref-work.json")))
    settings = settings_for(server, tmp_path, cache_days=1)
    now = [1_000_000.0]
    cache = LookupCache(settings.cache_file, 1, clock=lambda: now[0])
    Resolver(settings, cache=cache, http=Http(settings)).resolve(["doi:10.5555/cfs.2015.001"])
    now[0] += 3600
    Resolver(settings, cache=cache, http=Http(settings)).resolve(["doi:10.5555/cfs.2015.001"])
    assert len(server.hits("/works/")) == 1
    now[0] += 86400
    Resolver(settings, cache=cache, http=Http(settings)).resolve(["doi:10.5555/cfs.2015.001"])
    assert len(server.hits("/works/")) == 2


def test_requests_never_exceed_the_configured_rate(server, tmp_path):
    """ncbi at 4 requests/s, one id a request, 10 ids: no 1-second window (server clock)
    holds more than 4 requests (0.95 s: leaves room for network jitter)."""
    server.route("/eutils/esummary.fcgi", _summaries)
    settings = settings_for(server, tmp_path, services={"ncbi": {"rate": 4, "batch": 1}})
    resolver_for(settings).resolve([f"pmid:{n}" for n in range(1, 11)])
    times = [r["at"] for r in server.hits("/eutils")]
    assert len(times) == 10
    busiest = max(sum(1 for t in times if start <= t < start + 0.95) for start in times)
    assert busiest <= 4
