"""Three-way merge of page texts, line by line, with the ``merge3`` library.

``merge3`` is Breezy's diff3 merge as a small maintained package: it gives the regions
(unchanged, changed on one side, changed the same way on both, conflict) and writes git-style
conflict markers, so nothing here re-implements diff3.
"""

from __future__ import annotations

from dataclasses import dataclass

import merge3

from bot.sync.text import file_text

__all__ = ["MergeResult", "merge_texts"]


@dataclass(frozen=True)
class MergeResult:
    text: str  # file form; holds conflict markers when ``conflicts`` > 0
    conflicts: int


def merge_texts(base: str, local: str, wiki: str, *, local_name: str = "local",
                wiki_name: str = "wiki") -> MergeResult:
    """Merge the local edit and the wiki's edit of ``base`` (all three in any form)."""
    base_l, local_l, wiki_l = (file_text(t).splitlines(keepends=True)
                               for t in (base, local, wiki))
    merger = merge3.Merge3(base_l, local_l, wiki_l)
    conflicts = sum(1 for region in merger.merge_regions() if region[0] == "conflict")
    lines = merger.merge_lines(name_a=local_name, name_b=wiki_name,
                               start_marker="<<<<<<<", mid_marker="=======",
                               end_marker=">>>>>>>")
    return MergeResult("".join(lines), conflicts)
