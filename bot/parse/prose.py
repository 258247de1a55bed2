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
    return doc.texts.starts_at(offset)


def _is_markup_or_blank(node) -> bool:
    if isinstance(node, Comment):
        return True
    if isinstance(node, Text):
        return not node.value.strip()
    return isinstance(node, Tag) and node.wiki_markup in _LINE_MARKERS and not node.contents


def prose_before(doc, span: NodeSpan) -> bool:
    """True when text, not only markup, comes before ``span`` (a node other than text) on its
    line, within the same container (the same table cell, list item or paragraph): a sibling
    node before it on the line that is not markup or blank, or the part on the line of a
    sibling that runs over the line's start.

    The other nodes: walks back from ``span`` through their spans (document order: parents
    first, starts never decreasing) to its parent or to the sibling before the line.  The
    text nodes: those that start on the line before ``span``, or run over its start."""
    text = doc.text
    parent = span.ancestors[-1] if span.ancestors else None
    line_start = text.rfind("\n", 0, span.start) + 1
    spans = doc.node_spans
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
        if sibling.start < line_start:  # a node running over the line start
            if text[line_start:min(sibling.end, span.start)].strip():
                return True
            continue
        if not _is_markup_or_blank(sibling.node):
            return True
    texts = doc.texts
    starts, values, ancestors = texts.starts, texts.values, texts.ancestors
    for k in range(max(0, texts.at_or_before(line_start)), len(starts)):
        start = starts[k]
        if start >= span.start:
            break
        if (ancestors[k][-1] if ancestors[k] else None) is not parent:
            continue
        end = start + len(values[k])
        if end > line_start and text[max(start, line_start):end].strip():
            return True
    return False


def _start(span: NodeSpan) -> int:
    return span.start
