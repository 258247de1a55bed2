"""A page's plain-text nodes, kept as offsets until a rule asks for one.

Text nodes are the bulk of a page's nodes (on the corpus's large English articles 166 k of
the 276 k nodes, most of them inside templates, links and refs), and few rules look at
them: a node object and a span tuple for each cost about a quarter of placing the page
(:mod:`bot.parse.stream`), and again to free them.  :class:`TextNodes` keeps, for each text
node in document order, where it starts, its text and the nodes it sits inside; a
:class:`~bot.parse.spans.NodeSpan` with a real
:class:`~mwparserfromhell.nodes.Text` node is made when one is asked for, once.  What the
rules ask of text nodes in bulk (does a text node start here? which ones lie on this line?)
is answered from the offsets.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from itertools import chain, compress
from operator import itemgetter, not_

from mwparserfromhell.nodes import Text

from bot.parse.spans import NodeSpan

__all__ = ["TextNodes", "text_node"]

_new_text = Text.__new__
_new_span = tuple.__new__  # NodeSpan(...) without the Python-level __new__ of a NamedTuple
_START = itemgetter(1)  # a span's start


def text_node(value: str) -> Text:
    """``Text(value)``, without the property setter's call."""
    node = _new_text(Text)
    node._value = value
    return node


class TextNodes:
    """The text nodes of a page, in document order: text node ``k`` starts at
    ``starts[k]``, holds ``values[k]`` (never empty) and sits inside the nodes
    ``ancestors[k]`` (outermost first).  Text nodes never nest and never overlap, so
    ``starts`` is sorted.

    Where they stand among the page's other nodes follows from the starts: a node other
    than text is never empty, so one that starts where a text node starts holds it (it
    comes first, as parents do), and one that starts inside a text node cannot be."""

    __slots__ = ("_all", "_made", "ancestors", "starts", "top", "values")

    def __init__(self, starts: list[int], values: list[str], ancestors: list[tuple],
                 made: dict[int, NodeSpan] | None = None, top: Sequence[int] | None = None):
        self.starts, self.values, self.ancestors = starts, values, ancestors
        #: the indices of the top-level text nodes, when known (else see :meth:`top_level`)
        self.top = top
        self._made: dict[int, NodeSpan] = made if made is not None else {}
        self._all: list[NodeSpan] | None = None

    @classmethod
    def split(cls, spans: Sequence[NodeSpan]) -> tuple[list[NodeSpan], TextNodes]:
        """Every node's span (as a tree walk gives them) -> (the other nodes, the text nodes),
        keeping the text nodes' own spans."""
        others: list[NodeSpan] = []
        starts, values, ancestors = [], [], []
        made: dict[int, NodeSpan] = {}
        for span in spans:
            if span.node.__class__ is Text and span.node.value:  # (an empty one: with others)
                made[len(values)] = span
                starts.append(span.start)
                values.append(span.node.value)
                ancestors.append(span.ancestors)
            else:
                others.append(span)
        return others, cls(starts, values, ancestors, made)

    def end(self, k: int) -> int:
        return self.starts[k] + len(self.values[k])

    def span(self, k: int) -> NodeSpan:
        """Text node ``k``'s span (the same object each time it is asked for)."""
        span = self._made.get(k)
        return span if span is not None else self.spans_of((k,))[0]

    def spans_of(self, ks: Iterable[int]) -> list[NodeSpan]:
        """The spans of text nodes ``ks`` (as :meth:`span`, in one loop)."""
        made, starts, values, ancestors = self._made, self.starts, self.values, self.ancestors
        out: list[NodeSpan] = []
        append = out.append
        for k in ks:
            span = made.get(k)
            if span is None:
                start, value = starts[k], values[k]
                span = made[k] = _new_span(NodeSpan, (text_node(value), start,
                                                      start + len(value), ancestors[k]))
            append(span)
        return out

    def spans(self) -> list[NodeSpan]:
        """All text nodes' spans, in document order (a shared list: do not change it)."""
        if self._all is None:
            self._all = self.spans_of(range(len(self.starts)))
        return self._all

    def at_or_before(self, offset: int) -> int:
        """The last text node starting at or before ``offset`` (-1 if none)."""
        return bisect.bisect_right(self.starts, offset) - 1

    def starts_at(self, offset: int) -> bool:
        """Whether a text node starts at ``offset``."""
        k = bisect.bisect_left(self.starts, offset)
        return k < len(self.starts) and self.starts[k] == offset

    def merged(self, others: list[NodeSpan], texts: Iterable[int] | None = None
               ) -> list[NodeSpan]:
        """The spans of ``others`` (the page's other nodes, or some of them, in document
        order) and of the text nodes (or those at the ``texts`` indices, increasing), in
        document order: by start, a node other than text first where both start (a stable
        sort of two sorted runs, which merges them)."""
        made = self.spans() if texts is None else self.spans_of(texts)
        return sorted(chain(others, made), key=_START)

    def top_level(self) -> Sequence[int]:
        """The indices of the text nodes that are inside no other node."""
        if self.top is None:
            self.top = list(compress(range(len(self.ancestors)), map(not_, self.ancestors)))
        return self.top
