"""Apply the fixers of the selected rules to a page, pass after pass, until a fixpoint.

Each pass parses the current text, asks every rule for its edits, and applies those that do
not overlap.  Because the loop stops only when a pass proposes nothing, running the fixes
again on the result changes nothing (idempotence by construction, and tested).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bot.fixes.edit import Edit, apply_edits
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["FixResult", "fix_document", "fixable_rules"]

MAX_PASSES = 8


@dataclass
class FixResult:
    """The fixed text and what was done, pass by pass."""

    original: str
    text: str
    passes: list[tuple[str, list[Edit]]] = field(default_factory=list)  # (text before, edits)
    converged: bool = True

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def edits(self) -> list[Edit]:
        return [edit for _, edits in self.passes for edit in edits]

    @property
    def codes(self) -> Counter:
        return Counter(edit.code for edit in self.edits)

    @property
    def cosmetic_only(self) -> bool:
        return bool(self.edits) and all(edit.cosmetic for edit in self.edits)

    @property
    def drops(self) -> list[str]:
        return [edit.drops for edit in self.edits if edit.drops]


def fixable_rules(rules: list[Rule]) -> list[Rule]:
    return [rule for rule in rules if rule.fix_safety is FixSafety.SAFE]


def fix_document(doc: Document, rules: list[Rule], ctx: Context) -> FixResult:
    """Run the safe fixers among ``rules`` over ``doc`` until nothing changes."""
    fixers = fixable_rules(rules)
    result = FixResult(original=doc.text, text=doc.text)
    current = doc
    for _ in range(MAX_PASSES):
        proposed: list[Edit] = []
        for rule in fixers:
            if rule.applies_to(current, ctx):
                proposed.extend(rule.fix(current, ctx))
        new_text, applied = apply_edits(current.text, proposed)
        if not applied:
            return result
        result.passes.append((current.text, applied))
        result.text = new_text
        current = Document(
            title=doc.title, text=new_text, source=doc.source, revid=doc.revid,
            namespace=doc.namespace, timestamp=doc.timestamp, location=doc.location,
        )
    result.converged = False
    return result
