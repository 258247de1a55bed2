"""The fixture cases in tests/cases/<CODE>.toml: every rule fires where it should, and only there.

Each case file holds ``[[cases]]`` with a ``name``, the wikitext ``text`` and the expected
``findings`` (a list of {line, column, [section], [message], [severity]}; empty for a passing case).
"""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path

import pytest

from bot.fixes import fix_document
from bot.parse.document import Document
from bot.profiles import load_profile
from bot.resolvers.record import record_from_dict
from bot.rules import Context, all_rules, get_registry

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases():
    for path in sorted(CASES_DIR.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: {exc}") from exc
        for case in data["cases"]:
            yield pytest.param(path.stem, case, id=f"{path.stem}-{case['name']}")


@pytest.mark.parametrize(("code", "case"), list(_load_cases()))
def test_case(code, case):
    """The rule reports exactly the expected findings for the case's wikitext."""
    rule = get_registry().get(code)()
    profile = load_profile(case.get("profile", "mepedia"))
    doc = Document(title="Case", text=case["text"])
    options = {"today": datetime.date.fromisoformat(case["today"])} if "today" in case else {}
    if "metadata" in case:  # looked-up records for the CMP rules, keyed like the resolvers
        options["metadata"] = {key: record_from_dict({"key": key, **values})
                               for key, values in case["metadata"].items()}
    found = list(rule.check(doc, Context(profile=profile, options=options)))
    assert [(f.line, f.column) for f in found] == [
        (e["line"], e["column"]) for e in case.get("findings", [])
    ], [f.message for f in found]
    check_fix(rule, doc, Context(profile=profile, options=options), case)
    for finding, expected in zip(found, case.get("findings", []), strict=True):
        assert finding.code == code
        if "section" in expected:
            assert list(finding.section) == expected["section"]
        if "message" in expected:
            assert expected["message"] in finding.message
        if "severity" in expected:
            assert str(finding.severity) == expected["severity"]


def check_fix(rule, doc, ctx, case):
    """A rule's fix: gives ``fixed`` when the case declares it, else leaves the text alone;
    the fixed text passes the check, and fixing it again changes nothing."""
    result = fix_document(doc, [rule], ctx)
    expected = case.get("fixed", case["text"])
    assert result.text == expected
    if result.changed:
        assert not list(rule.check(Document("Case", result.text), ctx)), "fix left findings"
        again = fix_document(Document("Case", result.text), [rule], ctx)
        assert not again.changed, "the fix is not idempotent"


def test_every_rule_has_cases_that_pass_and_fail():
    """Each registered code has a case file with at least one passing and one failing case."""
    for rule in all_rules():
        path = CASES_DIR / f"{rule.code}.toml"
        assert path.is_file(), f"{rule.code} has no {path.name}"
        cases = tomllib.loads(path.read_text("utf-8"))["cases"]
        assert any(c.get("findings") for c in cases), f"{rule.code}: no failing case"
        assert any(not c.get("findings") for c in cases), f"{rule.code}: no passing case"
