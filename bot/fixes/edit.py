"""An edit is a replacement of ``text[start:end]``; nothing outside that span changes."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Edit", "apply_edits"]


@dataclass(frozen=True, slots=True)
class Edit:
    """One change proposed by a rule's fixer.

    ``drops`` is text the fix removes on purpose (a merged duplicate citation, an empty
    heading); the lossless check allows exactly that to disappear.  ``cosmetic`` edits change
    nothing a reader sees and are never saved on their own.  ``adds`` is text the fix adds
    on purpose from a looked-up source (a completed citation); the gate's size bound does not
    count it.
    """

    start: int
    end: int
    replacement: str
    code: str
    title: str
    cosmetic: bool = False
    drops: str = ""
    adds: str = ""

    def overlaps(self, other: Edit) -> bool:
        """Shared bytes, or an insertion at or inside the other's span."""
        for a, b in ((self, other), (other, self)):
            if a.start == a.end and b.start <= a.start <= b.end:
                return True
        return self.start < other.end and other.start < self.end


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """Apply the non-overlapping edits (first proposed wins); returns (text, applied)."""
    chosen: list[Edit] = []
    for edit in edits:
        if not 0 <= edit.start <= edit.end <= len(text):
            continue
        if text[edit.start : edit.end] == edit.replacement:
            continue  # no-op
        if any(edit.overlaps(other) for other in chosen):
            continue  # the next pass will see it again, on the new text
        chosen.append(edit)
    chosen.sort(key=lambda e: (e.start, e.end))
    parts, pos = [], 0
    for edit in chosen:
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts), chosen
