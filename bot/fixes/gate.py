"""The validation gate: a fixed page is written only if it passes every check here.

:func:`fix_through_gate` drops a fix, not the page: a rule's fix that would fail the gate
(add a finding, lose text, ...) is left out, named with the reason, and the other fixes go
through the gate again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bot.fixes.engine import FixResult, fix_document
from bot.fixes.verify import lossless_violations, minimal_violations
from bot.parse.document import Document
from bot.rules.base import Context, Rule
from bot.runner import INTERNAL_CODE, audit_document

__all__ = ["DroppedFix", "GateResult", "GatedFix", "fix_through_gate", "validate"]

#: largest allowed size change: this many characters, or this share of the page
MAX_GROWTH_CHARS = 400
MAX_CHANGE_SHARE = 0.05


@dataclass(frozen=True)
class GateResult:
    ok: bool
    reason: str = ""
    fixed: Counter = field(default_factory=Counter)  # findings gone, by code


def validate(doc: Document, result: FixResult, rules: list[Rule], ctx: Context) -> GateResult:
    """Re-parse the fixed text, re-run every rule, and check the safety properties."""
    if not result.converged:
        return GateResult(False, "the fixes did not settle (they keep changing the page)")
    fixed_doc = Document(doc.title, result.text)  # parsed once, for both checks below
    if str(fixed_doc.code) != result.text:
        return GateResult(False, "the fixed text does not parse back to itself")
    before = Counter(f.code for f in audit_document(doc, rules, ctx))
    after = Counter(f.code for f in audit_document(fixed_doc, rules, ctx))
    if after[INTERNAL_CODE]:
        return GateResult(False, "a rule crashed on the fixed text")
    new = {code: after[code] - before[code] for code in after if after[code] > before[code]}
    if new:
        detail = ", ".join(f"{code} +{n}" for code, n in sorted(new.items()))
        return GateResult(False, f"the fixes would add new findings ({detail})")
    fixed = before - after
    stubborn = [code for code in result.codes if not fixed[code]]
    if stubborn:
        return GateResult(False, f"findings of {', '.join(sorted(stubborn))} were not fixed")
    lost = lossless_violations(result.original, result.text, result.drops)
    if lost:
        return GateResult(False, "; ".join(lost))
    not_minimal = minimal_violations(result)
    if not_minimal:
        return GateResult(False, not_minimal[0])
    declared = sum(len(edit.adds) for edit in result.edits)  # completed citations
    change = abs(len(result.text) - len(result.original) - declared)
    if change > max(MAX_GROWTH_CHARS, MAX_CHANGE_SHARE * len(result.original)):
        return GateResult(False, f"the size would change by {change} characters (over bound)")
    return GateResult(True, fixed=fixed)


@dataclass(frozen=True)
class DroppedFix:
    """A rule's fix left out of a page because it would not pass the gate."""

    code: str
    name: str
    titles: tuple[str, ...]  # what the fix would have done ("remove the colon", ...)
    reason: str

    def describe(self) -> str:
        what = "; ".join(self.titles)
        return f"{self.code} {self.name}" + (f" ({what})" if what else "") + f": {self.reason}"

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "fix": list(self.titles),
                "reason": self.reason}


@dataclass
class GatedFix:
    """The fixes that passed the gate together, and the ones dropped on the way."""

    result: FixResult
    gate: GateResult
    dropped: list[DroppedFix] = field(default_factory=list)


def fix_through_gate(doc: Document, fixers: list[Rule], gate_rules: list[Rule],
                     ctx: Context) -> GatedFix:
    """Fix ``doc`` with ``fixers`` so that the result passes the gate, dropping a fix, not
    the page: when the fixes together fail, each rule's fix is tried alone; those that
    fail alone are dropped (with the gate's reason) and the others are fixed and validated
    again.  When every fix passes alone but not together, the first whose removal lets the
    rest pass is dropped.  When nothing passes, the result is the failed one (page skipped).
    """
    active = list(fixers)
    dropped: list[DroppedFix] = []
    while True:
        result = fix_document(doc, active, ctx)
        if not result.changed:
            return GatedFix(result, GateResult(True), dropped)
        gate = validate(doc, result, gate_rules, ctx)
        codes = sorted(result.codes)
        if gate.ok or len(codes) < 2:
            return GatedFix(result, gate, dropped)
        by_code = {rule.code: rule for rule in active}
        culprits = []
        for code in codes:
            alone = fix_document(doc, [by_code[code]], ctx)
            verdict = validate(doc, alone, gate_rules, ctx)
            if not verdict.ok:
                culprits.append((by_code[code], alone, verdict.reason))
        if not culprits:
            culprits = _spoilers(doc, active, codes, gate, gate_rules, ctx)
        if not culprits:
            return GatedFix(result, gate, dropped)
        for rule, alone, reason in culprits:
            titles = tuple(dict.fromkeys(edit.title for edit in alone.edits))
            dropped.append(DroppedFix(rule.code, rule.name, titles, reason))
            active.remove(rule)


def _spoilers(doc, active, codes, gate, gate_rules, ctx):
    """The first fix whose removal lets the others pass (each passes alone)."""
    by_code = {rule.code: rule for rule in active}
    for code in codes:
        rest = [rule for rule in active if rule.code != code]
        if validate(doc, fix_document(doc, rest, ctx), gate_rules, ctx).ok:
            alone = fix_document(doc, [by_code[code]], ctx)
            return [(by_code[code], alone, f"together with the other fixes, {gate.reason}")]
    return []
