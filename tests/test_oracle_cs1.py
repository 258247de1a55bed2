"""Wikipedia's CS1 module is the oracle for the citation checks (CIT001-CIT012).

Citations are rendered on a test wiki running Scribunto and the CS1 pages of
../shared/oracles/cs1, many per request; CS1's own error ids are read per citation (the HTML
split at markers between citations) and mapped to kinds of finding (tests/cs1oracle.py).
For each citation the kinds CS1 reports must equal the kinds of our findings.

- edge cases (below): 100 %;
- a seeded sample of corpus pages (default suite): >= 99 % of their citations;
- every corpus citation: ``scripts/oracle cs1`` (sets WIKIWARDEN_CS1_FULL=1).
Citations whose values use other templates (which the test wiki lacks) are not compared.
Every disagreement is printed: the citation, CS1's messages and ours.
"""

from __future__ import annotations

import datetime as dt
import os

import cs1oracle as oracle
import pytest

TARGET = 99.0
SAMPLE_PAGES = 40

EDGE_CASES = {
    "clean-web": "{{cite web |url=https://e.org |title=T |access-date=2020-01-01}}",
    "accessdate-still-valid": "{{cite web |url=https://e.org |title=T |accessdate=2020-01-01}}",
    "misspelt-access-date": "{{cite web |url=https://e.org |title=T |acessdate=2020-01-01}}",
    "deadurl-removed": "{{cite web |title=T |url=https://e.org |deadurl=yes}}",
    "dead-url-removed": "{{cite web |title=T |url=https://e.org |dead-url=no}}",
    "empty-deadurl": "{{cite web |title=T |url=https://e.org |deadurl=}}",
    "lower-case": "{{cite web |url=https://e.org |Title=T}}",
    "p-pp": "{{cite book |title=T |p=5}} {{cite book |title=T |pp=5-6}}",
    "jfm-contribution-url": (
        "{{cite book |title=T |contribution=C"
        " |contribution-url=https://e.org}}"),
    "people": "{{cite AV media |people=A. Person |title=T |date=1992}}",
    "chapterurl-lastauthoramp-nopp": (
        "{{cite book |title=T |chapter=C"
        " |chapterurl=https://e.org |last=A |first=B |last2=C |first2=D"
        " |lastauthoramp=y |page=5 |nopp=y}}"),
    "arxiv-limited": "{{cite arXiv |eprint=1234.5678 |title=T |publisher=P}}",
    "arxiv-missing": "{{cite arXiv |title=T}}",
    "encyclopedia-in-book": "{{cite book |title=T |encyclopedia=E}}",
    "positional": "{{cite web |url=https://e.org |title=T |stray text}}",
    "episode-needs-series": "{{cite episode |title=Pilot |date=1990}}",
    "episode-with-series": "{{cite episode |title=T |series=S}}",
    "web-archive-only": (
        "{{cite web |title=T |archive-url=https://a.org/x"
        " |archive-date=2010-01-01}}"),
    "journal-no-journal": "{{cite journal |title=T |date=2005}}",
    "magazine-work": "{{cite magazine |title=T |work=W}}",
    "citation-website-no-url": "{{citation |title=T |website=W}}",
    "empty-title": "{{cite book |title= |date=2005}}",
    "comment-title": "{{cite book |title=<!-- x --> |date=2005}}",
    "empty-citation": "{{cite book}}",
    "foreign-names": "{{cite book |автор=A |назва=B}}",
    "access-date-no-url": "{{cite book |title=T |access-date=2020-01-01}}",
    "access-date-chapter-url": (
        "{{cite book |title=T |chapter=C |chapter-url=https://e.org"
        " |access-date=2020-01-01}}"),
    "access-date-archive-only": (
        "{{cite book |title=T |archive-url=https://a.org/x"
        " |archive-date=2010-01-01 |access-date=2020-01-01}}"),
    "access-date-pmc-journal": (
        "{{cite journal |title=T |journal=J |pmc=345678"
        " |access-date=2020-01-01}}"),
    "date-2005a": "{{cite journal |title=T |journal=J |date=2005a}}",
    "date-y4-y2": "{{cite journal |title=T |journal=J |date=1947–71}}",
    "date-y-y-hyphen": "{{cite journal |title=T |journal=J |date=1947-1971}}",
    "date-Md-dy": "{{cite news |title=T |date=November 17–19, 1970}}",
    "date-d-dMy": "{{cite news |title=T |date=17–19 November 1970}}",
    "date-M-My": "{{cite news |title=T |date=March–April 2015}}",
    "date-M-My-mixed": "{{cite news |title=T |date=January–Mar 2010}}",
    "date-M-My-reversed": "{{cite news |title=T |date=April–March 2015}}",
    "date-season": "{{cite news |title=T |date=Spring 2015}}",
    "date-season-access": "{{cite web |url=https://e.org |title=T |access-date=Spring 2015}}",
    "date-winter-y-y2": "{{cite news |title=T |date=Winter 2001–02}}",
    "date-quarter": "{{cite news |title=T |date=Third Quarter 2015}}",
    "date-christmas": "{{cite news |title=T |date=Christmas 2015}}",
    "date-circa": "{{cite news |title=T |date=c. 1950}}",
    "date-nd": "{{cite news |title=T |date=n.d.}}",
    "date-31-feb": "{{cite book |title=T |date=31 February 2010}}",
    "date-29-feb-leap": "{{cite book |title=T |date=29 February 2012}}",
    "date-13th-month": "{{cite journal |title=T |journal=J |date=2005-13-01}}",
    "date-far-future": "{{cite book |title=T |date=2099}}",
    "date-next-year": f"{{{{cite book |title=T |date={dt.date.today().year + 1}}}}}",
    "date-ymd-before-1582": "{{cite book |title=T |date=1500-01-01}}",
    "date-sept": "{{cite book |title=T |date=Sept 5, 2010}}",
    "date-lowercase-month": "{{cite book |title=T |date=5 march 2010}}",
    "date-range-spaced": "{{cite book |title=T |date=5 March 2010 – 7 April 2010}}",
    "date-range-years": "{{cite book |title=T |date=5 March 2010 – 7 April 2011}}",
    "date-year-mismatch": "{{cite book |title=T |date=2010 |year=2011}}",
    "date-year-match": "{{cite book |title=T |date=2010-05-01 |year=2010a}}",
    "year-range": "{{cite book |title=T |year=2001–2002}}",
    "year-text": "{{cite book |title=T |year=about 2001}}",
    "access-date-old": "{{cite web |url=https://e.org |title=T |access-date=1999-01-01}}",
    "access-date-future": "{{cite web |url=https://e.org |title=T |access-date=2099-01-01}}",
    "archive-date-bad": (
        "{{cite web |url=https://e.org |title=T |archive-url=https://a.org/x"
        " |archive-date=yesterday}}"),
    "publication-date-promoted": "{{cite book |title=T |publication-date=Foo 2010}}",
    "orig-date-unchecked": "{{cite book |title=T |orig-date=whenever}}",
    "template-url": "{{cite web |title=T |url={{NRHP url|id=1}}}}",
    "pmid-over-limit": "{{cite journal |title=T |journal=J |pmid=99999999}}",
    "isbn-bad": "{{cite book |title=T |isbn=978-0-306-40615-6}}",
    "isbn-good": "{{cite book |title=T |isbn=978-0-306-40615-7}}",
    "doi-good": "{{cite journal |title=T |journal=J |doi=10.1000/xyz}}",
    "doi-bad": "{{cite journal |title=T |journal=J |doi=xyz}}",
    "encyclopedia-article": "{{cite encyclopedia |article=A |work=W}}",
    "citation-encyclopedia-chapter": "{{citation |chapter=C |encyclopedia=E}}",
    "encyclopedia-only": "{{cite encyclopedia |encyclopedia=E}}",
    "nbsp-line-name": "{{cite web\n\u00a0|date = 22 Foo 2001\n\u00a0|title = T}}",
    "newsgroup-publisher": "{{cite newsgroup |title=T |newsgroup=n.g |publisher=P}}",
    "citation-website-url": "{{citation |title=T |website=W |url=https://e.org}}",
}


def _report(verdicts: list[oracle.Verdict], label: str) -> float:
    bad = [v for v in verdicts if not v.agrees]
    share = 100.0 * (len(verdicts) - len(bad)) / len(verdicts) if verdicts else 100.0
    print(f"\nCS1 oracle, {label}: {len(verdicts) - len(bad)}/{len(verdicts)} citations "
          f"agree ({share:.2f} %)")
    for v in bad:
        print(f"- {v.name}: ours {sorted(v.ours)} vs CS1 {sorted(v.theirs)}\n  {v.text[:300]}"
              f"\n  CS1: {v.messages}\n  ours: {v.our_messages}")
    return share


def test_edge_cases_agree_with_cs1(cs1wiki):
    items = [(f"edge: {name}", text) for name, text in EDGE_CASES.items()]
    verdicts = oracle.compare(cs1wiki, items, dt.date.today())
    assert _report(verdicts, "edge cases") == 100.0


def test_corpus_citations_agree_with_cs1(cs1wiki, corpus):
    pages = oracle.corpus_pages()
    if os.environ.get("WIKIWARDEN_CS1_FULL") != "1":
        pages = oracle.sample(pages, SAMPLE_PAGES)
    items = list(oracle.page_citations(pages))
    comparable = [item for item in items if oracle.comparable(item[1])]
    print(f"\n{len(pages)} pages, {len(items)} citations, {len(items) - len(comparable)} "
          f"not compared (values made by templates the test wiki lacks)")
    if not comparable:
        pytest.skip("no citations to compare")
    verdicts = oracle.compare(cs1wiki, comparable, dt.date.today())
    assert _report(verdicts, "corpus") >= TARGET
