"""Every page and every dump in ../shared/corpus: audited with no crash, positions exact.

Skipped only where ../shared/corpus is absent.  Prints pages/s.
"""

from __future__ import annotations

import time

from bot.parse.document import Document
from bot.profiles import load_profile
from bot.rules import Context, select_rules
from bot.runner import INTERNAL_CODE, audit_document
from bot.sources import iter_local


def test_audit_whole_corpus_without_crash(corpus):
    """No rule raises on any corpus page; every page round-trips through the parser."""
    rules = select_rules()
    ctx = Context(profile=load_profile("wikipedia"))
    pages = chars = 0
    crashes = []
    start = time.perf_counter()
    for item in iter_local(corpus):
        if not isinstance(item, Document):
            continue  # unreadable inputs are reported by the CLI; not a crash
        findings = audit_document(item, rules, ctx)
        crashes += [f"{item.where}: {f.message}" for f in findings if f.code == INTERNAL_CODE]
        assert str(item.code) == item.text, f"{item.where}: parse is not byte-exact"
        pages += 1
        chars += len(item.text)
    seconds = time.perf_counter() - start
    print(f"\ncorpus: {pages} pages, {chars / 1e6:.1f} M chars, {seconds:.1f} s, "
          f"{pages / seconds:.1f} pages/s")
    assert pages > 0
    assert crashes == []
