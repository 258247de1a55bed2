"""Golden regression test: the audit's findings (and the text its safe fixes produce) on real
corpus pages are byte for byte what tests/golden/corpus.jsonl.gz recorded.

The default suite checks a fixed seeded sample of pages; ``scripts/golden check`` checks
every corpus page.  An intended change is recorded again with ``scripts/golden record``.
Skipped only where ../shared/corpus is absent.
"""

from __future__ import annotations

import sys

import pytest

from conftest import CORPUS, REPO

sys.path.insert(0, str(REPO / "scripts"))

import golden

SAMPLE = 60


@pytest.fixture(scope="module")
def recorded():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus absent")
    return golden.load_golden()


def test_golden_file_covers_every_corpus_page(recorded):
    """Every corpus page has a golden record, and every record is a corpus page."""
    assert sorted(recorded) == [path for path, _ in golden.corpus_pages()]


def test_sample_matches_golden(recorded):
    """A fixed seeded sample of corpus pages gives exactly the recorded findings and fixes."""
    pages = golden.sample(golden.corpus_pages(), SAMPLE)
    problems = []
    for rec in golden.audit_pages(pages):
        problems += golden.differences(rec, recorded.get(rec["page"]))
    assert problems == []


def test_differences_are_reported():
    """A changed finding is reported as lost and new (the comparison can fail)."""
    finding = {"code": "REF001", "line": 3, "message": "m"}
    then = {"page": "p", "sha": "s", "wikipedia": {"findings": [finding], "fixed": None}}
    now = {"page": "p", "sha": "s",
           "wikipedia": {"findings": [{**finding, "line": 4}], "fixed": "abc"}}
    out = golden.differences(now, then)
    assert any("lost" in line for line in out)
    assert any("new:" in line for line in out)
    assert any("fixes produce other text" in line for line in out)
    assert golden.differences(then, then) == []
