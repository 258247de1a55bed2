"""The pre-push gate: the checks decide whether a local edit may be saved.

An edit passes when it has no conflict markers, parses back to itself (mwparserfromhell
round trip), and adds no finding at the gate's severity (``error`` unless the profile says
otherwise) compared with the text it is based on.  Codes named with ``--force-check`` (or the
profile's ``sync_gate_accept``) are accepted.  The findings come from the same rules and
runner as ``wikiwarden audit``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule
from bot.runner import audit_document
from bot.sync.text import canonical, has_conflict_markers

__all__ = ["GateVerdict", "PushGate"]


@dataclass(frozen=True)
class GateVerdict:
    ok: bool
    reason: str = ""
    findings: list[Finding] = field(default_factory=list)  # the new ones that block


class PushGate:
    """Decides, per page, whether its edit may be pushed."""

    def __init__(self, rules: list[Rule], ctx: Context, accept: set[str] = frozenset()):
        self.rules = rules
        self.ctx = ctx
        extra = ctx.profile.extra
        self.severity = Severity.parse(str(extra.get("sync_gate_severity", "error")))
        self.accept = {c.upper() for c in accept} | {
            str(c).upper() for c in extra.get("sync_gate_accept", ())}

    def check(self, title: str, base: str, new: str) -> GateVerdict:
        if has_conflict_markers(new):
            return GateVerdict(False, "it still has conflict markers (<<<<<<< / >>>>>>>)")
        doc = Document(title, canonical(new), location=f"[[{title}]]")
        if str(doc.code) != doc.text:
            return GateVerdict(False, "its text does not parse back to itself")
        before = Counter(self._key(f) for f in self._blocking(Document(title, canonical(base))))
        added = []
        for finding in self._blocking(doc):
            key = self._key(finding)
            if before[key] > 0:
                before[key] -= 1
            else:
                added.append(finding)
        if added:
            codes = ", ".join(sorted({f.code for f in added}))
            return GateVerdict(False, f"the edit adds {len(added)} {self.severity} "
                                      f"finding{'s' if len(added) != 1 else ''} ({codes})",
                               added)
        return GateVerdict(True)

    def _blocking(self, doc: Document) -> list[Finding]:
        return [f for f in audit_document(doc, self.rules, self.ctx)
                if f.severity >= self.severity and f.code not in self.accept]

    @staticmethod
    def _key(finding: Finding) -> tuple[str, str]:
        return finding.code, finding.message
