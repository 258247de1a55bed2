"""The validation gate: a fixed page is written only if it passes every check here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bot.fixes.engine import FixResult
from bot.fixes.verify import lossless_violations, minimal_violations
from bot.parse.document import Document
from bot.rules.base import Context, Rule
from bot.runner import INTERNAL_CODE, audit_document

__all__ = ["GateResult", "validate"]

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
