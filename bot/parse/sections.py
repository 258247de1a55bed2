"""The page's own headings and the sections they open.

A heading belongs to the page when MediaWiki would number it as one of the page's sections:
not inside a template call or argument (those come from the template, if at all), not inside
an extension tag such as ``<ref>`` or ``<gallery>``, not inside ``<includeonly>``.  Headings
inside ordinary HTML such as ``<div>`` do count, as they do in MediaWiki.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mwparserfromhell.nodes import Heading, Tag

from bot.parse.lazy import plain_heading_title
from bot.parse.spans import NodeSpan
from bot.parse.wikitext import tag_name

__all__ = [
    "EXTENSION_TAGS", "Section", "find_sections", "is_own_heading", "normalize_title",
    "plain_title", "rest_of_line",
]

#: Tags whose content is not parsed as part of the page's own wikitext structure.
EXTENSION_TAGS = frozenset(
    {
        "ref", "references", "nowiki", "pre", "gallery", "math", "chem", "source",
        "syntaxhighlight", "poem", "score", "timeline", "graph", "hiero", "imagemap",
        "inputbox", "categorytree", "templatedata", "includeonly", "mapframe", "maplink",
    }
)


_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_QUOTES = re.compile(r"'{2,}")


def normalize_title(title: str) -> str:
    """A heading title as a comparison key: markup-free words, case-folded."""
    return " ".join(title.split()).casefold()


@dataclass(frozen=True, slots=True)
class Section:
    """One section: its heading and the text ranges it covers.

    ``body_end`` is where the next heading of any level starts; ``end`` is where the next
    heading of the same or a higher level starts (so ``[start, end)`` includes subsections).
    ``path`` holds the titles of the enclosing sections and this one, outermost first.
    """

    index: int
    level: int
    title: str
    plain_title: str
    heading: Heading
    start: int
    heading_end: int
    body_end: int
    end: int
    path: tuple[str, ...]
    #: the title as a comparison key (:func:`normalize_title` of the plain title)
    key: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", normalize_title(self.plain_title))


def is_own_heading(span: NodeSpan, text: str) -> bool:
    """True when MediaWiki counts this heading node as one of the page's sections.

    Besides where the node sits, the rest of its line must be blank (comments allowed):
    MediaWiki renders ``==A==x`` as plain text, though mwparserfromhell sees a heading.
    """
    if not isinstance(span.node, Heading):
        return False
    for ancestor in span.ancestors:
        if not isinstance(ancestor, Tag):
            return False
        if tag_name(ancestor) in EXTENSION_TAGS:
            return False
    return not rest_of_line(text, span.end)


def rest_of_line(text: str, offset: int) -> str:
    """What follows ``offset`` on its line, minus comments and whitespace."""
    end = text.find("\n", offset)
    tail = text[offset : end if end >= 0 else len(text)]
    return _COMMENT.sub("", tail).strip()


def plain_title(heading: Heading) -> str:
    """The heading's text as a reader sees it, without markup, refs or comments."""
    plain = plain_heading_title(heading)
    if plain is not None:  # one text node: what the loop below gives for it
        return " ".join(_QUOTES.sub("", plain).split())
    parts = []
    for node in heading.title.nodes:
        if isinstance(node, Tag) and str(node.tag).strip().lower() == "ref":
            continue  # rendered as a footnote mark, not as heading text
        stripped = node.__strip__(normalize=True, collapse=True, keep_template_params=False)
        if stripped is not None:
            parts.append(str(stripped))
    return " ".join(_QUOTES.sub("", "".join(parts)).split())


def find_sections(spans: list[NodeSpan], text: str) -> list[Section]:
    """Build the sections of a page from its node spans (document order; the heading spans
    are enough)."""
    text_length = len(text)
    headings = [span for span in spans if is_own_heading(span, text)]
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []  # (level, title) of the open ancestors
    for i, span in enumerate(headings):
        heading = span.node
        level = heading.level
        body_end = headings[i + 1].start if i + 1 < len(headings) else text_length
        end = next(
            (later.start for later in headings[i + 1 :] if later.node.level <= level),
            text_length,
        )
        title = str(heading.title).strip()
        plain = plain_title(heading)
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        sections.append(
            Section(
                index=i + 1,
                level=level,
                title=title,
                plain_title=plain,
                heading=heading,
                start=span.start,
                heading_end=span.end,
                body_end=body_end,
                end=end,
                path=tuple(t for _, t in stack),
            )
        )
    return sections
