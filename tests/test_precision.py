"""The labelled precision set (issue 10): 200 corpus findings judged by reading the page.

``tests/precision/labels.tsv`` holds, for a fixed-seed sample of the findings the audit gave on
``../shared/corpus`` (``scripts/precision.py sample``), whether a careful wiki editor would agree
(``true``/``false``) and why.  This test audits the labelled pages again and reports precision
per code over the labelled findings that still fire; a labelled false finding that no longer
fires counts as fixed.  Targets: ≥ 97 % overall, no code below 90 %, no false finding at error
severity.  ``scripts/precision.py report`` prints the same table.

Because the first set was in view while the checks were fixed, it no longer measures them
without bias.  ``tests/precision/labels-2.tsv`` is a second, independent set: 120 findings
drawn with another seed from the audit after those fixes, none of them in the first set, judged
the same way; the same targets apply to it
(``scripts/precision.py report --labels tests/precision/labels-2.tsv``).

Both sets were then used to find and fix false-finding causes, so they no longer measure the
checks without bias either.  ``tests/precision/labels-3.tsv`` is a third set, 120 findings drawn
with a third seed from the audit after those fixes, none of them in the first two, judged blind
to the fixes; the same targets apply
(``scripts/precision.py report --labels tests/precision/labels-3.tsv``).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _precision_module():
    spec = importlib.util.spec_from_file_location("precision", ROOT / "scripts" / "precision.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "scripts"))
    spec.loader.exec_module(module)
    return module


def test_labels_are_complete_and_reasoned():
    """Every sampled finding carries a true/false label and a one-line reason."""
    precision = _precision_module()
    rows = precision.read_labels()
    assert len(rows) == precision.SIZE
    assert all(r["label"] in ("true", "false") for r in rows)
    assert all(r["reason"].strip() for r in rows)
    assert len({(r["page"], r["code"], r["line"], r["column"]) for r in rows}) == len(rows)


#: the three labelled sets; at drawing time (before the fixes each led to):
#: 1. labels.tsv 141/200 true (70.5 %); 56 of its false findings no longer fire;
#: 2. labels-2.tsv 114/120 (95.0 %): REF004 on {{Infobox language|ref=e18}}, REF011 on
#:    dewiki/ukwiki footnote style, SEC013 on dewiki's {{Anker}}, SEC016 on frwiki's order;
#: 3. labels-3.tsv, judged blind to the fixes: 119/120 (99.2 %, Wilson 95 % 95.4-99.9 %), the
#:    false one an error (REF001 on wikiclean/Astronomia.wiki: ptwiki's {{Referências}} is its
#:    list template), whose class is fixed since.
LABEL_SETS = {"first": "LABELS", "fresh": "LABELS_2", "third": "LABELS_3"}


@pytest.mark.parametrize("which", list(LABEL_SETS))
def test_precision_on_labelled_set(which, corpus, capsys):
    """Precision per code on each labelled set meets the targets (>= 97 % overall, no code
    below 90 %, no false finding at error severity); the table is printed."""
    precision = _precision_module()
    path = getattr(precision, LABEL_SETS[which])
    labels = precision.read_labels(path)
    current = precision.audit_pages(corpus, {r["page"] for r in labels})
    result = precision.report(labels, current)
    with capsys.disabled():
        print(f"\n{which} set ({path.name}):")
        precision.print_report(result)
    assert sum(sum(c.values()) for c in result["per_code"].values()) > 0
    missed = precision.shortfalls(result)
    if missed:
        pytest.fail("; ".join(missed))


def test_fresh_labels_are_complete_reasoned_and_independent():
    """The second set is fully judged and shares no finding (page, line, code) with the first."""
    precision = _precision_module()
    rows = precision.read_labels(precision.LABELS_2)
    assert len(rows) == precision.SIZE_2
    assert all(r["label"] in ("true", "false") for r in rows)
    assert all(r["reason"].strip() for r in rows)
    assert len({(r["page"], r["code"], r["line"], r["column"]) for r in rows}) == len(rows)
    first = {(r["page"], r["code"], r["line"]) for r in precision.read_labels()}
    assert not [r for r in rows if (r["page"], r["code"], r["line"]) in first]


def test_third_labels_are_complete_reasoned_and_independent():
    """The third set is fully judged and shares no finding (page, line, code) with the first
    two."""
    precision = _precision_module()
    rows = precision.read_labels(precision.LABELS_3)
    assert len(rows) == precision.SIZE_3
    assert all(r["label"] in ("true", "false") for r in rows)
    assert all(r["reason"].strip() for r in rows)
    assert len({(r["page"], r["code"], r["line"], r["column"]) for r in rows}) == len(rows)
    earlier = {(r["page"], r["code"], r["line"])
               for path in (precision.LABELS, precision.LABELS_2)
               for r in precision.read_labels(path)}
    assert not [r for r in rows if (r["page"], r["code"], r["line"]) in earlier]


def test_wilson_interval_matches_textbook_values():
    """The interval printed with the overall figure is Wilson's score interval: 0 of 10 gives
    0 to 27.8 % and 114 of 120 gives 89.5 to 97.7 % (the second set's figure before its fixes)."""
    precision = _precision_module()
    low, high = precision.wilson(0, 10)
    assert (round(low, 4), round(high, 4)) == (0.0, 0.2775)
    low, high = precision.wilson(114, 120)
    assert (round(low, 3), round(high, 3)) == (0.895, 0.977)
