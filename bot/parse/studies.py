"""MEpedia "Notable studies" lists: one item per top-level bullet, with its references.

An item is a line starting with a single ``*`` in a section the profile lists under
``study_sections``, plus the lines after it up to the next such bullet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import Tag

from bot.parse.cite import RefTag, cite_analysis
from bot.parse.document import Document
from bot.parse.sections import normalize_title
from bot.profiles import Profile

__all__ = ["StudyItem", "find_study_items"]

_YEAR = re.compile(r"^\*\s*(?:'{2,3})?(\d{4})\b")


@dataclass(frozen=True)
class StudyItem:
    start: int
    end: int
    year: int | None
    refs: tuple[RefTag, ...]


def find_study_items(doc: Document, profile: Profile) -> list[StudyItem]:
    wanted = {normalize_title(t) for t in profile.study_sections}
    if not wanted:
        return []
    text = doc.text
    refs = cite_analysis(doc, profile).refs
    items = []
    for section in doc.sections:
        if section.key not in wanted:
            continue
        bullets = [
            span.start for span in doc.top_spans
            if isinstance(span.node, Tag)
            and span.node.wiki_markup == "*"
            and section.heading_end <= span.start < section.body_end
            and (span.start == 0 or text[span.start - 1] == "\n")
            and text[span.start + 1 : span.start + 2] != "*"
        ]
        for i, start in enumerate(bullets):
            end = bullets[i + 1] if i + 1 < len(bullets) else section.body_end
            line = text[start : text.find("\n", start) if "\n" in text[start:end] else end]
            match = _YEAR.match(line)
            items.append(StudyItem(
                start=start,
                end=end,
                year=int(match.group(1)) if match else None,
                refs=tuple(r for r in refs if start <= r.span.start < end
                           and r.list_group is None),
            ))
    return items
