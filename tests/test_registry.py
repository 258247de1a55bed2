"""The rule registry refuses malformed rules and documents every check."""

from __future__ import annotations

import pytest

from bot.errors import UsageError
from bot.findings import Severity
from bot.rules import Rule, RuleRegistry, all_rules, select_rules

GOOD_DOC = """Summary.

    What it does
    x
    Why is this bad?
    x
    Example
    x
    Use instead
    x
"""


def make_rule(code="TST001", name="test-rule", family="TST", doc=GOOD_DOC):
    return type("R", (Rule,), {
        "code": code, "name": name, "family": family, "severity": Severity.INFO,
        "__doc__": doc, "check": lambda self, doc, ctx: iter(()),
    })


@pytest.mark.parametrize("kwargs", [
    {"code": "T01"}, {"code": "tst001"}, {"family": "XYZ"}, {"name": "Not Kebab"},
    {"doc": "Summary only."},
])
def test_registry_refuses_malformed_rules(kwargs):
    """Bad code format, wrong family prefix, bad name or missing doc sections are refused."""
    with pytest.raises(ValueError):
        RuleRegistry().register(make_rule(**kwargs))


def test_registry_refuses_duplicates():
    """A code or a name can be registered once only."""
    registry = RuleRegistry()
    registry.register(make_rule())
    with pytest.raises(ValueError):
        registry.register(make_rule(name="other-name"))
    with pytest.raises(ValueError):
        registry.register(make_rule(code="TST002"))


def test_select_and_ignore():
    """Selection by code, prefix and name; ignore wins; unknown selectors are usage errors."""
    everything = {r.code for r in select_rules()}
    assert {r.code for r in select_rules(["REF"])} == {c for c in everything if c[:3] == "REF"}
    assert [r.code for r in select_rules(["empty-section"])] == ["SEC001"]
    assert {r.code for r in select_rules([], ["SEC001"])} == everything - {"SEC001"}
    assert {r.code for r in select_rules([], ["SEC"])} == {c for c in everything if c[:3] != "SEC"}
    assert [r.code for r in select_rules(["REF001,SEC001"], ["REF"])] == ["SEC001"]
    with pytest.raises(UsageError):
        select_rules(["NOPE999"])


def test_builtin_rules_are_documented():
    """Every shipped rule has metadata and a docstring with an example."""
    rules = all_rules()
    assert {"REF001", "SEC001"} <= {r.code for r in rules}
    for rule in rules:
        assert rule.summary() and "```wikitext" in rule.__doc__
