"""Character offsets for every node of a mwparserfromhell tree.

mwparserfromhell keeps no positions, but every node serialises back to exactly its source
text, so a node's offset is its parent's offset plus the length of what comes before it.
:func:`iter_spans` walks the tree once, in document order, and yields each node with its
``[start, end)`` offsets and its chain of ancestor nodes.  The invariant
``text[start:end] == str(node)`` holds for every node (tested over samples and random input).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from mwparserfromhell.nodes import (
    Argument,
    ExternalLink,
    Heading,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

__all__ = ["NodeSpan", "SpanIndex", "SpanList", "iter_spans"]


class NodeSpan(NamedTuple):
    """A node, where it is, and the nodes it sits inside (outermost first)."""

    node: Node
    start: int
    end: int
    ancestors: tuple[Node, ...]


def iter_spans(
    code: Wikicode, start: int = 0, ancestors: tuple[Node, ...] = ()
) -> Iterator[NodeSpan]:
    """Yield every node of ``code`` (recursively, parents first) with its offsets."""
    yield from _walk(code.nodes, [str(node) for node in code.nodes], start, ancestors)


def _walk(
    nodes: list[Node], texts: list[str], start: int, ancestors: tuple[Node, ...]
) -> Iterator[NodeSpan]:
    """``texts`` are the nodes' serialisations, computed once by the caller and reused."""
    pos = start
    for node, text in zip(nodes, texts, strict=True):
        end = pos + len(text)
        yield NodeSpan(node, pos, end, ancestors)
        if not _is_leaf(node):
            yield from _child_spans(node, text, pos, (*ancestors, node))
        pos = end


def _is_leaf(node: Node) -> bool:
    return not isinstance(node, (Argument, ExternalLink, Heading, Tag, Template, Wikilink))


def _opening_length(node: Node) -> int:
    """Characters before the first child: ``{{``, ``[[``, ``==`` and the like."""
    if isinstance(node, Template | Wikilink):
        return 2
    if isinstance(node, Argument):
        return 3
    if isinstance(node, Heading):
        return node.level
    if isinstance(node, ExternalLink):
        return 1 if node.brackets else 0
    if isinstance(node, Tag):
        return len(node.wiki_markup) if node.wiki_markup else (2 if node.invalid else 1)
    return 0


def _child_spans(
    node: Node, text: str, base: int, ancestors: tuple[Node, ...]
) -> Iterator[NodeSpan]:
    """Place each child wikicode of ``node`` inside ``text`` (which starts at ``base``).

    Children appear in ``text`` in the order ``__children__`` yields them, separated only by
    markup (``|``, ``=``, quotes ...), so each is found by searching forward from the end of
    the previous one.  A tag's contents are anchored from the end instead, because the
    closing markup has a known length while attributes before them may contain anything.
    """
    cursor = _opening_length(node)
    contents = node.contents if isinstance(node, Tag) and not node.self_closing else None
    for child in node.__children__():
        texts = [str(n) for n in child.nodes]
        child_text = "".join(texts)
        if child is contents:
            if node.wiki_markup:
                closing = len(node.closing_wiki_markup or "")
            else:
                closing = len(str(node.closing_tag)) + 3  # "</" + name + ">"
            offset = len(text) - closing - len(child_text)
            yield from _walk(child.nodes, texts, base + offset, ancestors)
            return  # only the closing tag's name follows: plain text, no nodes to report
        offset = text.find(child_text, cursor)
        if offset < 0:  # cannot happen for a well-formed tree; keep positions monotonic
            offset = cursor
        yield from _walk(child.nodes, texts, base + offset, ancestors)
        cursor = offset + len(child_text)


class SpanList(list):
    """A page's spans of nodes other than text, with where each node class's spans are
    (``by_class``: node class -> indices in document order) and which nodes are inside no
    other (``top``: indices), as :func:`bot.parse.stream.place` notes them while placing the
    nodes."""

    by_class: dict[type, Sequence[int]] | None = None
    top: Sequence[int] | None = None


class SpanIndex:
    """The spans of a page grouped by node class, built in one pass: :meth:`of` answers "all
    templates" (or tags and templates, ...) in document order without a pass over every node
    of the page each time.

    ``spans``: every node's span; or, with ``texts`` (:class:`bot.parse.texts.TextNodes`),
    those of the nodes other than text, the text nodes being made only when asked for.
    """

    def __init__(self, spans: list[NodeSpan], texts=None):
        self.spans = spans
        self.texts = texts
        known = getattr(spans, "by_class", None)
        #: concrete node class -> span indices (arrays: no int object per node)
        self._by_class: dict[type, Sequence[int]] = dict(known) if known is not None else {}
        by_class = self._by_class
        for i, span in enumerate(spans if known is None else ()):
            kind = type(span[0])
            found = by_class.get(kind)
            if found is None:
                by_class[kind] = found = array("l")
            found.append(i)
        self._memo: dict[tuple[type, ...], list[NodeSpan]] = {}

    def of(self, *bases: type) -> list[NodeSpan]:
        """The spans whose node is an instance of one of ``bases``, in document order (the
        same list for the same question: do not change it)."""
        found = self._memo.get(bases)
        if found is not None:
            return found
        spans, texts = self.spans, self.texts
        if texts is not None and issubclass(Text, bases):
            if bases == (Text,):
                found = texts.spans()
            else:  # text and other classes (rare): from every node's span
                found = [span for span in texts.merged(spans) if isinstance(span[0], bases)]
        else:
            groups = [indices for kind, indices in self._by_class.items()
                      if issubclass(kind, bases)]
            indices = groups[0] if len(groups) == 1 else sorted(i for g in groups for i in g)
            found = [spans[i] for i in indices]
        self._memo[bases] = found
        return found
