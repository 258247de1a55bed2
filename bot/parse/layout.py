"""Where the page's top-level sections stand in the profile's layout (appendix order).

A profile may know the appendix conventions of other languages too (Wikipedia's
``appendix_languages``: French "Notes et références", "Annexes").  :func:`layout_profile`
picks the convention the page's own titles follow, and :func:`place_sections` places the
sections within it; a title known only in another language's convention is compared with
nothing (neither content nor an appendix section of this page's convention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.parse.document import Document
from bot.parse.sections import Section, normalize_title
from bot.profiles import AppendixSection, Profile

__all__ = [
    "PlacedSection", "is_article", "layout_profile", "match_any_appendix", "match_appendix",
    "page_convention", "page_placed_sections", "place_sections", "trailer_start",
]


@dataclass(frozen=True, slots=True)
class PlacedSection:
    """A top-level section and, when it is an appendix section, which one."""

    section: Section
    rank: int | None  # position of the appendix entry in the profile; None for content
    entry: AppendixSection | None
    alias: bool  # titled with an alias rather than the standard title
    floating: bool = False  # may stand in the body or the appendix (profile floating_sections)


def is_article(doc, profile: Profile) -> bool:
    """True for a page in one of the profile's content namespaces: the article layout
    (appendix sections, their order, a references section) applies to articles only, not
    to talk archives, project pages or templates."""
    return doc.namespace in profile.content_namespaces


@lru_cache(maxsize=32)
def _appendix_lookup(profile: Profile):
    """(title key -> (rank, entry, alias), the pattern that splits combined titles)."""
    lookup: dict[str, tuple[int, AppendixSection, bool]] = {}
    for index, entry in enumerate(profile.appendix):
        rank = index if profile.appendix_ordered else 0
        lookup.setdefault(normalize_title(entry.title), (rank, entry, False))
        for alias in entry.aliases:
            lookup.setdefault(normalize_title(alias), (rank, entry, True))
    joiners = [
        rf"\s+{re.escape(j.casefold())}\s+" if j.isalpha() else rf"\s*{re.escape(j)}\s*"
        for j in profile.appendix_title_joiners
    ]
    return lookup, re.compile("|".join(joiners)) if joiners else None


@lru_cache(maxsize=4096)  # a page asks about each of its titles several times
def match_appendix(title_key: str, profile: Profile) -> tuple[int, AppendixSection, bool] | None:
    """(rank, entry, alias) of the appendix entry a section title (a
    :func:`normalize_title` key) stands for, or None for a content section.

    Combined titles that real wikis use ("References and further reading", "Notes and
    sources", "Sources / External links") are appendix sections when every part is a known
    title: the entry is the part that holds references if any (else the first part), the
    rank the earliest part's, and the title counts as an alias.
    """
    lookup, joiner = _appendix_lookup(profile)
    found = lookup.get(title_key)
    if found is not None or joiner is None:
        return found
    parts = [part for part in joiner.split(title_key) if part]
    if len(parts) < 2 or not all(part in lookup for part in parts):
        return None
    matches = [lookup[part] for part in parts]
    entry = next((m[1] for m in matches if m[1].holds_references), matches[0][1])
    return min(m[0] for m in matches), entry, True


@lru_cache(maxsize=32)
def _conventions(profile: Profile) -> tuple[Profile, ...]:
    """The profile, then the profile in each of its other languages' conventions."""
    return (profile, *(profile.in_language(lang) for lang, _, _ in profile.appendix_languages))


def _top(sections: list[Section]) -> list[Section]:
    if not sections:
        return []
    top = min(s.level for s in sections)
    return [s for s in sections if s.level == top]


def layout_profile(sections: list[Section], profile: Profile) -> Profile:
    """The convention of ``profile`` that the page follows: the language whose appendix
    titles the page's top-level sections use most (the profile's own on a tie), as a
    profile (``wikipedia (fr)``); ``profile`` itself when it knows no other language."""
    conventions = _conventions(profile)
    if len(conventions) == 1:
        return profile
    keys = [s.key for s in _top(sections)]
    best, best_score = profile, -1
    for convention in conventions:
        score = sum(match_appendix(key, convention) is not None for key in keys)
        if score > best_score:
            best, best_score = convention, score
    return best


def match_any_appendix(
    title_key: str, profile: Profile
) -> tuple[int, AppendixSection, bool] | None:
    """:func:`match_appendix` in the profile's own convention, else in the first of its
    other languages' conventions that knows the title."""
    for convention in _conventions(profile):
        found = match_appendix(title_key, convention)
        if found is not None:
            return found
    return None


def page_convention(doc: Document, profile: Profile) -> Profile:
    """:func:`layout_profile` of the page's sections, computed once per page and profile."""
    return doc.memo(("layout-profile", profile), lambda: layout_profile(doc.sections, profile))


def page_placed_sections(doc: Document, profile: Profile) -> list[PlacedSection]:
    """:func:`place_sections` of the page's sections, computed once per page and profile (a
    shared list: do not change it)."""
    return doc.memo(("placed-sections", profile),
                    lambda: place_sections(doc.sections, profile))


def place_sections(sections: list[Section], profile: Profile) -> list[PlacedSection]:
    """Classify the page's top-level sections (the shallowest heading level used), in the
    convention :func:`layout_profile` picks for the page (pass the profile itself)."""
    if not sections:
        return []
    convention = layout_profile(sections, profile)
    others = [c for c in _conventions(profile) if c is not convention]
    floating = {normalize_title(title) for title in profile.floating_sections}
    placed = []
    in_appendix = False
    for section in _top(sections):
        rank, entry, alias = match_appendix(section.key, convention) or (None, None, False)
        foreign = entry is None and any(match_appendix(section.key, c) for c in others)
        if section.key in floating and not in_appendix:
            # a title that is both ("Bibliography": the subject's works, or the sources)
            # is a list of works until the appendix has begun
            rank, entry, alias = None, None, False
        in_appendix = in_appendix or rank is not None
        placed.append(PlacedSection(section, rank, entry, alias,
                                    floating=entry is None and (section.key in floating
                                                                or foreign)))
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
