"""An edit is a replacement of ``text[start:end]``; nothing outside that span changes."""

from __future__ import annotations

import bisect
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
    group: object = None
    adds: str = ""

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

    A group of edits (same code and ``group``) is applied whole or not at all.  The chosen
    edits are kept sorted by position, so each new one is compared with its few neighbours
    only (20,000 edits on one page: linear-logarithmic, not 2 × 10⁸ comparisons).
    """
    chosen: list[Edit] = []  # sorted by (start, end); pairwise disjoint
    starts: list[int] = []
    for unit in _units(edits):
        if not all(0 <= edit.start <= edit.end <= len(text) for edit in unit):
            continue
        unit = [edit for edit in unit if text[edit.start : edit.end] != edit.replacement]
        if any(edit.overlaps(other) for i, edit in enumerate(unit) for other in unit[i + 1:]):
            continue
        if any(_overlaps_any(edit, chosen, starts) for edit in unit):
            continue  # the next pass will see it again, on the new text
        for edit in unit:
            index = bisect.bisect_right(starts, edit.start)
            starts.insert(index, edit.start)
            chosen.insert(index, edit)
    parts, pos = [], 0
    for edit in chosen:
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts), chosen


def _overlaps_any(edit: Edit, chosen: list[Edit], starts: list[int]) -> bool:
    """Whether ``edit`` overlaps one of ``chosen`` (disjoint, sorted: their ends ascend too,
    so only those starting at or before ``edit.end`` and ending at or after ``edit.start``
    can overlap, and they sit just before the insertion point)."""
    index = bisect.bisect_right(starts, edit.end) - 1
    while index >= 0 and chosen[index].end >= edit.start:
        if edit.overlaps(chosen[index]):
            return True
        index -= 1
    return False
