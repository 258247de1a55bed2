"""The gate drops a fix, not the page (issue 10, item 6).

When one rule's fix would fail the validation gate (here: removing the colon of "Notes:"
turns the heading into an appendix alias, which MEpedia reports as SEC017), that fix is left
out and named with the reason; the page's other fixes go through the gate again and are kept.
"""

from __future__ import annotations

from bot.fixes.engine import fixable_rules
from bot.fixes.gate import fix_through_gate
from bot.fixes.run import PageFixer
from bot.parse.document import Document
from bot.profiles import load_profile
from bot.rules import Context, select_rules

NOTES_COLON = "B12 is a vitamin<ref>Smith 2015</ref>.\n\n== Notes: ==\n<references />\n"


def _gate(text: str, profile: str = "mepedia"):
    rules = select_rules()
    ctx = Context(load_profile(profile))
    return fix_through_gate(Document("Page", text), fixable_rules(rules), rules, ctx)


def test_fix_that_adds_a_finding_is_dropped_and_others_kept():
    """SEC010's colon removal would add SEC017: it is dropped, REF011's fix is kept."""
    gated = _gate(NOTES_COLON)
    assert gated.gate.ok, gated.gate.reason
    assert gated.result.text == "B12 is a vitamin.<ref>Smith 2015</ref>\n\n== Notes: ==\n" \
                                "<references />\n"
    assert [d.code for d in gated.dropped] == ["SEC010"]
    dropped = gated.dropped[0]
    assert "SEC017 +1" in dropped.reason
    assert "colon" in dropped.describe()
    assert set(gated.result.codes) == {"REF011"}


def test_nothing_dropped_when_the_fixes_pass_together():
    """A page whose fixes all pass the gate keeps them all and names no dropped fix."""
    gated = _gate("B12 is a vitamin<ref>Smith 2015</ref>.\n\n== Symptoms: ==\nTired.\n\n"
                  "== References ==\n<references />\n")
    assert gated.gate.ok and not gated.dropped
    assert set(gated.result.codes) == {"REF011", "SEC010"}


def test_page_with_only_a_failing_fix_is_skipped_with_the_reason():
    """When the one fix fails, the page is skipped (nothing left to keep), reason given."""
    rules = select_rules()
    fixer = PageFixer(fixable_rules(rules), Context(load_profile("mepedia")), apply=False,
                      gate_rules=rules)
    outcome = fixer.fix(Document("Page", "Text.<ref>a</ref>\n\n== Notes: ==\n<references />\n",
                                 location="Page.wiki"))
    assert outcome.status == "skipped"
    assert "SEC017" in outcome.reason


def test_outcome_names_the_dropped_fix():
    """FixOutcome carries the dropped fix, also in its dict (JSON) form."""
    rules = select_rules()
    fixer = PageFixer(fixable_rules(rules), Context(load_profile("mepedia")), apply=False,
                      gate_rules=rules)
    outcome = fixer.fix(Document("Page", NOTES_COLON, location="Page.wiki"))
    assert outcome.status == "would-change"
    assert set(outcome.codes) == {"REF011"}
    data = outcome.to_dict()
    assert [d["code"] for d in data["dropped"]] == ["SEC010"]
    assert "SEC017" in data["dropped"][0]["reason"]


def test_cli_prints_the_dropped_fix_and_keeps_the_rest(cli, tmp_path):
    """`wikiwarden fix --apply` writes the kept fix, leaves the heading, names the drop."""
    page = tmp_path / "Page.wiki"
    page.write_text(NOTES_COLON, encoding="utf-8")
    result = cli("fix", str(tmp_path), "--profile", "mepedia", "--apply",
                 "--state", str(tmp_path / "state.sqlite"))
    assert result.exit_code == 0, result.stderr
    assert "dropped the fix SEC010 heading-trailing-punctuation" in result.stderr
    assert "SEC017 +1" in result.stderr
    assert "1 fix dropped by the gate" in result.stderr
    assert page.read_text("utf-8") == ("B12 is a vitamin.<ref>Smith 2015</ref>\n\n"
                                       "== Notes: ==\n<references />\n")
