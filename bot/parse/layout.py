"""Where the page's top-level sections stand in the profile's layout (appendix order)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.parse.sections import Section, normalize_title
from bot.profiles import AppendixSection, Profile

__all__ = ["PlacedSection", "place_sections", "trailer_start"]


@dataclass(frozen=True, slots=True)
class PlacedSection:
    """A top-level section and, when it is an appendix section, which one."""

    section: Section
    rank: int | None  # position of the appendix entry in the profile; None for content
    entry: AppendixSection | None
    alias: bool  # titled with an alias rather than the standard title


def place_sections(sections: list[Section], profile: Profile) -> list[PlacedSection]:
    """Classify the page's top-level sections (the shallowest heading level used)."""
    if not sections:
        return []
    top = min(s.level for s in sections)
    lookup: dict[str, tuple[int, AppendixSection, bool]] = {}
    for rank, entry in enumerate(profile.appendix):
        lookup.setdefault(normalize_title(entry.title), (rank, entry, False))
        for alias in entry.aliases:
            lookup.setdefault(normalize_title(alias), (rank, entry, True))
    placed = []
    for section in sections:
        if section.level != top:
            continue
        rank, entry, alias = lookup.get(section.key, (None, None, False))
        placed.append(PlacedSection(section, rank, entry, alias))
    return placed


def trailer_start(doc, category_prefixes: tuple[str, ...] = ("Category",)) -> int:
    """Where the page's trailer begins: the run of invisible nodes at its end (blank lines,
    comments, categories, ``{{DEFAULTSORT:…}}``) that must stay last."""
    from bot.parse.wikitext import is_invisible

    start = len(doc.text)
    for span in reversed(doc.top_spans):
        if not is_invisible(span.node, category_prefixes):
            break
        start = span.start
    return start
