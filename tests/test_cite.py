"""`wikiwarden cite` on local files against the stand-in services, `revert` of file runs,
and the safety property: completing a citation never changes a value already there."""

from __future__ import annotations

import sqlite3

import mwparserfromhell
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lookupserver import FIXTURES, LookupServer, json_reply

from bot.citations import cs1
from bot.fixes.engine import fix_document
from bot.parse.document import Document
from bot.profiles import Profile, load_profile
from bot.resolvers.record import Record
from bot.rules import Context, select_rules

PAGE = """'''Fatigue''' is common.<ref>https://doi.org/10.5555/cfs.2015.001</ref>
It is measured.<ref>{{cite journal |title=Fatigue and orthostatic intolerance |pmid=1000001}}</ref>
A retracted claim.<ref>PMID 1000002</ref>
A book.<ref>ISBN 978-0-451-52653-3</ref>
Wrong title.<ref>{{cite journal |title=Vitamin D and sleep |doi=10.5555/cfs.2015.001}}</ref>

== References ==
<references />
"""


def _serve(server: LookupServer) -> None:
    def fixture(name):
        return (FIXTURES / name).read_text("utf-8")

    server.route("/works/10.5555/cfs.2015.001", lambda p, q: (200, {}, fixture(
        "crossref-work.json")))
    server.route("/works/", lambda p, q: json_reply({}, 404))
    server.route("/dois/", lambda p, q: json_reply({}, 404))
    server.route("/eutils/esummary.fcgi", lambda p, q: (200, {}, fixture(
        "esummary-pubmed.json")))
    server.route("/api/books", lambda p, q: (200, {}, fixture("openlibrary-books.json")))


@pytest.fixture
def setup(tmp_path):
    with LookupServer() as server:
        _serve(server)
        config = tmp_path / "wikiwarden.toml"
        config.write_text(f"""
state_file = "state.sqlite"
[lookup]
contact = "mailto:operator@example.org"
cache_file = "lookups.sqlite"
[lookup.services.crossref]
base_url = "{server.url}"
[lookup.services.datacite]
base_url = "{server.url}"
[lookup.services.ncbi]
base_url = "{server.url}/eutils"
[lookup.services.openlibrary]
base_url = "{server.url}"
""")
        page = tmp_path / "pages" / "Fatigue.wiki"
        page.parent.mkdir()
        page.write_text(PAGE)
        yield server, config, page


def test_dry_run_shows_completions_and_reports(cli, setup):
    """Dry run: a diff with the completed citations, the disagreement and the retraction
    reported, nothing written; each identifier fetched once, PMIDs in one request."""
    server, config, page = setup
    result = cli("--config", str(config), "cite", str(page.parent))
    assert result.exit_code == 1, result.stderr
    assert page.read_text() == PAGE
    out = result.stdout
    assert ("+'''Fatigue''' is common.<ref>{{cite journal |last1=Smith |first1=Jane A. "
            "|last2=Jones |first2=Robert "
            "|title=Cognitive impairment in chronic fatigue syndrome |journal=PLOS ONE "
            "|date=2015-03-02 |volume=10 |issue=3 |pages=e0118000 "
            "|doi=10.5555/cfs.2015.001}}</ref>") in out
    assert "|pmid=1000001 |last1=Lee |first1=K |last2=van der Berg |first2=AB" in out
    assert "{{cite book |last1=Twain |first1=Mark |title=The adventures of Tom Sawyer" in out
    assert "CMP004 warning" in out and 'the page says title "Vitamin D and sleep"' in out
    assert "CMP005 error" in out and "retracted" in out
    assert "PMID 1000002</ref>" in PAGE and "-A retracted claim" not in out
    assert len(server.hits("/eutils")) == 1 and len(server.hits("/works/")) == 1
    assert len(server.hits("/api/books")) == 1
    assert "Lookups: 4 identifier(s), 0 from the cache, 4 fetched" in result.stderr


def test_apply_records_fields_in_summary_and_revert_restores(cli, setup):
    """--apply writes the file and records the save with its texts; the summary names
    every added field; revert puts the file back; reverting the revert re-applies it."""
    _, config, page = setup
    applied = cli("--config", str(config), "cite", str(page.parent), "--apply")
    assert applied.exit_code == 1, applied.stderr  # 1: findings were reported
    completed = page.read_text()
    assert completed != PAGE and "{{cite book" in completed
    db = sqlite3.connect(config.parent / "state.sqlite")
    run_id, summary = db.execute("SELECT run_id, summary FROM saves").fetchone()
    assert summary.startswith("wikiwarden: fixed CMP001 bare-reference ×2, "
                              "CMP002 incomplete-citation; added ")
    for name in ("last1–2", "first1–2", "title", "journal", "date", "volume", "issue",
                 "pages", "doi", "publisher", "location", "isbn", "pmc"):
        assert name in summary, name
    dry = cli("--config", str(config), "revert", run_id)
    assert dry.exit_code == 0 and page.read_text() == completed
    assert "would-revert" in dry.stdout
    reverted = cli("--config", str(config), "revert", run_id, "--apply")
    assert reverted.exit_code == 0, reverted.stderr
    assert page.read_text() == PAGE
    again = cli("--config", str(config), "revert", run_id, "--apply")
    assert again.exit_code == 4 and "already" in again.stdout
    revert_run = db.execute("SELECT id FROM runs WHERE command = 'revert'"
                            " ORDER BY started_at, rowid LIMIT 1").fetchone()[0]
    redo = cli("--config", str(config), "revert", revert_run, "--apply")
    assert redo.exit_code == 0, redo.stderr
    assert page.read_text() == completed


def test_revert_leaves_a_file_changed_since(cli, setup):
    """A file edited after the run is listed and left untouched."""
    _, config, page = setup
    cli("--config", str(config), "cite", str(page.parent), "--apply")
    db = sqlite3.connect(config.parent / "state.sqlite")
    run_id = db.execute("SELECT run_id FROM saves").fetchone()[0]
    page.write_text(page.read_text() + "\nA human's line.\n")
    edited = page.read_text()
    result = cli("--config", str(config), "revert", run_id, "--apply")
    assert result.exit_code == 4 and "the file changed since the save" in result.stderr
    assert page.read_text() == edited


def test_offline_uses_the_cache_only(cli, setup):
    """After one run, --offline gives the same diff with no request at all."""
    server, config, page = setup
    first = cli("--config", str(config), "cite", str(page.parent))
    sent = len(server.requests)
    offline = cli("--config", str(config), "cite", str(page.parent), "--offline")
    assert offline.stdout == first.stdout and len(server.requests) == sent
    assert "4 from the cache, 0 fetched" in offline.stderr


def test_no_contact_is_one_line_exit_2(cli, tmp_path):
    """Without [lookup] contact the command refuses to run, with one line."""
    page = tmp_path / "P.wiki"
    page.write_text(PAGE)
    config = tmp_path / "c.toml"
    config.write_text("[lookup]\n")
    result = cli("--config", str(config), "cite", str(page))
    assert result.exit_code == 2 and "contact" in result.stderr
    assert "Traceback" not in result.stderr and page.read_text() == PAGE


def test_vauthors_profile_style():
    """A profile with citation_names = "vauthors" gets Vancouver-style authors."""
    profile = Profile.from_dict("v", {"citation_names": "vauthors"})
    record = Record("doi:10.5555/x", title="T", container="J", date="2015",
                    authors=(("Smith", "Jane Ann"), ("Jones", "B.")), doi="10.5555/x")
    doc = Document("P", "X.<ref>doi:10.5555/x</ref>\n")
    result = fix_document(doc, select_rules(["CMP001"]),
                          Context(profile, {"metadata": {record.key: record}}))
    assert "{{cite journal |vauthors=Smith JA, Jones B |title=T |journal=J" in result.text


# -- the safety property ------------------------------------------------------------------
_NAMES = ["title", "journal", "date", "year", "volume", "issue", "pages", "author", "last1",
          "first1", "vauthors", "doi", "pmid", "pmc", "work", "number", "page", "url"]
_value = st.text(alphabet="abcXYZ 123.-", min_size=0, max_size=12)


@st.composite
def _citation_and_record(draw):
    present = draw(st.lists(st.sampled_from(_NAMES), unique=True, max_size=8))
    params = [(name, draw(_value)) for name in present]
    params.append(("pmid", "1000001")) if "pmid" not in present else None
    params = [(n, "1000001") if n == "pmid" else (n, v) for n, v in params]
    spacing = draw(st.sampled_from([" |", "|", "\n| "]))
    text = "{{cite journal" + "".join(f"{spacing}{n}={v}" for n, v in params) + "}}"
    record = Record(
        "pmid:1000001", title=draw(_value.filter(str.strip)) or "T",
        container=draw(_value), date=draw(st.sampled_from(["", "2015", "March 2014"])),
        volume=draw(_value), issue=draw(_value), pages=draw(_value), doi="10.5555/y",
        pmid="1000001", pmc=draw(st.sampled_from(["", "42"])),
        authors=tuple(draw(st.lists(st.tuples(st.sampled_from(["Lee", "Ng"]),
                                              st.sampled_from(["K", "Al"])), max_size=3))),
    )
    return text, record


def given_values(template_text: str) -> dict:
    template = mwparserfromhell.parse(template_text).filter_templates()[0]
    return {str(p.name).strip(): str(p.value).strip() for p in template.params
            if str(p.value).strip()}


def assert_only_added(before: str, after: str) -> None:
    """Every citation template of ``before`` is in ``after`` with every non-empty value
    identical (matched in order; templates new in ``after`` are skipped)."""
    spec = cs1()
    old = [t for t in mwparserfromhell.parse(before).filter_templates()
           if spec.is_citation(str(t.name))]
    new = [t for t in mwparserfromhell.parse(after).filter_templates()
           if spec.is_citation(str(t.name))]
    position = 0
    for template in old:
        values = given_values(str(template))
        while position < len(new):
            candidate = given_values(str(new[position]))
            position += 1
            if all(candidate.get(k) == v for k, v in values.items()):
                break
        else:
            raise AssertionError(f"a value of {template} changed or the citation is gone")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_citation_and_record())
def test_completion_never_changes_an_existing_value(case):
    """Over generated citations and records: every non-empty value stays as it was."""
    text, record = case
    doc = Document("P", f"X.<ref>{text}</ref>\n")
    ctx = Context(load_profile("mepedia"), {"metadata": {record.key: record}})
    result = fix_document(doc, select_rules(["CMP"]), ctx)
    assert_only_added(doc.text, result.text)
    again = fix_document(Document("P", result.text), select_rules(["CMP"]), ctx)
    assert not again.changed


def test_failed_lookups_are_listed_and_exit_5(cli, tmp_path):
    """A service that cannot be reached: each failed lookup is named, nothing is written,
    exit status 5 (done, but some lookups failed)."""
    with LookupServer() as server:
        server.route("/works/", lambda p, q: json_reply({}, 503))
        page = tmp_path / "P.wiki"
        page.write_text(PAGE)
        config = tmp_path / "c.toml"
        config.write_text(f'[lookup]\ncontact = "mailto:o@example.org"\nretries = 0\n'
                          f'cache_file = "l.sqlite"\n[lookup.services.crossref]\n'
                          f'base_url = "{server.url}"\n')
        result = cli("--config", str(config), "cite", str(page), "--identifiers", "doi",
                     "--apply")
    assert result.exit_code == 5, result.stderr
    assert "lookup of doi:10.5555/cfs.2015.001 failed: crossref: HTTP 503" in result.stderr
    assert page.read_text() == PAGE
