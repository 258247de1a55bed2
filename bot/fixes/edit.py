"""An edit is a replacement of ``text[start:end]``; nothing outside that span changes."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Edit", "apply_edits"]


@dataclass(frozen=True, slots=True)
class Edit:
    """One change proposed by a rule's fixer.

    ``drops`` is text the fix removes on purpose (a merged duplicate citation, an empty
    heading); the lossless check allows exactly that to disappear.  ``cosmetic`` edits change
    nothing a reader sees and are never saved on their own.
    """

    start: int
    end: int
    replacement: str
    code: str
    title: str
    cosmetic: bool = False
    drops: str = ""
    group: object = None

    def overlaps(self, other: Edit) -> bool:
        """Shared bytes, or an insertion at or inside the other's span."""
        for a, b in ((self, other), (other, self)):
            if a.start == a.end and b.start <= a.start <= b.end:
                return True
        return self.start < other.end and other.start < self.end


def _units(edits: list[Edit]) -> list[list[Edit]]:
    """The edits as all-or-nothing units, in the order their first edit was proposed."""
    units: list[list[Edit]] = []
    grouped: dict[tuple[str, object], list[Edit]] = {}
    for edit in edits:
        if edit.group is None:
            units.append([edit])
        elif (edit.code, edit.group) in grouped:
            grouped[(edit.code, edit.group)].append(edit)
        else:
            grouped[(edit.code, edit.group)] = [edit]
            units.append(grouped[(edit.code, edit.group)])
    return units


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """Apply the non-overlapping edits (first proposed wins); returns (text, applied).

    A group of edits (same code and ``group``) is applied whole or not at all.
    """
    chosen: list[Edit] = []
    for unit in _units(edits):
        if not all(0 <= edit.start <= edit.end <= len(text) for edit in unit):
            continue
        unit = [edit for edit in unit if text[edit.start : edit.end] != edit.replacement]
        if any(edit.overlaps(other) for i, edit in enumerate(unit) for other in
               chosen + unit[i + 1:]):
            continue  # the next pass will see it again, on the new text
        chosen.extend(unit)
    chosen.sort(key=lambda e: (e.start, e.end))
    parts, pos = [], 0
    for edit in chosen:
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts), chosen
