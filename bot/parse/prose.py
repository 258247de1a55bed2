"""Is this text a sentence's, or wiki markup?  Questions the punctuation rules ask.

Table cell separators (``||``, ``!!``), list and description markers (``*``, ``#``, ``;``,
``:``) and the ``| `` that opens a cell are markup: a reference next to them is not next to
prose.  The parse tree knows which is which (mwparserfromhell makes markup into nodes of
their own), so these helpers ask it rather than the raw characters.
"""

from __future__ import annotations

import bisect

from mwparserfromhell.nodes import Comment, Tag, Text

from bot.parse.spans import NodeSpan

__all__ = ["prose_before", "starts_text"]

#: wiki markup nodes that open a line and hold no text of their own
_LINE_MARKERS = {"*", "#", ":", ";"}


def starts_text(doc, offset: int) -> bool:
    """True when a plain-text node starts at ``offset`` (what follows there is not markup).
    Text nodes never nest: in document order their starts are sorted."""
    starts = doc.memo("text-node-starts", lambda: [span.start for span in doc.index.of(Text)])
    i = bisect.bisect_left(starts, offset)
    return i < len(starts) and starts[i] == offset


def _is_markup_or_blank(node) -> bool:
    if isinstance(node, Comment):
        return True
    if isinstance(node, Text):
        return not node.value.strip()
    return isinstance(node, Tag) and node.wiki_markup in _LINE_MARKERS and not node.contents


def prose_before(doc, span: NodeSpan) -> bool:
    """True when text, not only markup, comes before ``span`` on its line, within the same
    container (the same table cell, list item or paragraph).

    Walks back from ``span`` through the page's spans (document order: parents first, starts
    never decreasing) over what stands on its line, to its parent or to the sibling before
    the line."""
    spans = doc.spans
    parent = span.ancestors[-1] if span.ancestors else None
    line_start = doc.text.rfind("\n", 0, span.start) + 1
    i = bisect.bisect_left(spans, span.start, key=_start)
    while spans[i] is not span:
        i += 1
    for j in range(i - 1, -1, -1):
        sibling = spans[j]
        if sibling.node is parent:
            break
        if (sibling.ancestors[-1] if sibling.ancestors else None) is not parent:
            continue  # inside a sibling (or in another container before the parent)
        if sibling.end <= line_start:
            break  # this sibling and the ones before it end before the line
        if sibling.start >= span.start:
            continue  # an empty node where the span starts
        if sibling.start < line_start:  # a text node running over the line start
            if doc.text[line_start:min(sibling.end, span.start)].strip():
                return True
            continue
        if not _is_markup_or_blank(sibling.node):
            return True
    return False


def _start(span: NodeSpan) -> int:
    return span.start
