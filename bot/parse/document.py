"""One page of wikitext, parsed once, with the lookups rules need."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from mwparserfromhell.nodes import Heading
from mwparserfromhell.wikicode import Wikicode

from bot.parse.gcpause import gc_paused
from bot.parse.positions import LineIndex
from bot.parse.sections import Section, find_sections
from bot.parse.spans import NodeSpan, SpanIndex, iter_spans
from bot.parse.stream import StreamMismatch, place
from bot.parse.texts import TextNodes
from bot.parse.tokenizer import parse as parse_tree

__all__ = ["Document"]


@dataclass
class Document:
    """A page's text and where it came from.

    ``source`` names the input (a file path, a dump path, or the wiki); ``title`` is the page
    title; ``revid`` the revision id when the text came from a wiki or a dump; ``location``
    how reports point at the page.
    Parsing happens on first use and is cached.  The rules work on the nodes' spans, placed
    in one pass over mwparserfromhell's tokens, with nodes built only where a rule looks
    inside them (:mod:`bot.parse.stream`): :attr:`index` (the spans by node class),
    :attr:`top_spans`, :attr:`texts` (the text nodes, kept as offsets:
    :mod:`bot.parse.texts`); :attr:`spans` lists every node, text nodes included, and makes
    them all.  :attr:`code` is the whole mwparserfromhell tree, built only when asked for
    (its nodes are other objects than the spans' nodes).
    """

    title: str
    text: str
    source: str = ""
    revid: int | None = None
    namespace: int = 0
    timestamp: str | None = None
    location: str = ""
    meta: dict = field(default_factory=dict)
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key, factory):
        """A value derived from this page, computed once (shared analyses of the rules)."""
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]

    #: what :meth:`release_parse` drops: the cached parse and everything derived from it
    _PARSED = ("code", "_placed", "spans", "index", "top_spans", "sections",
               "_section_starts")

    def is_parsed(self) -> bool:
        """Whether anything of the parse is cached (a caller may hold on to its nodes)."""
        return bool(self._memo) or any(name in self.__dict__ for name in self._PARSED)

    def release_parse(self) -> None:
        """Drop the parse and the analyses made from it (they are made again if asked for):
        :func:`bot.runner.audit_document` frees a page it parsed itself this way, so the
        garbage collector, paused during the page, does not walk it when it resumes."""
        for name in self._PARSED:
            self.__dict__.pop(name, None)
        self._memo.clear()

    @property
    def where(self) -> str:
        """How reports name the page: a file path, ``dump.xml[[Title]]`` or ``[[Title]]``."""
        return self.location or f"[[{self.title}]]"

    @cached_property
    def code(self) -> Wikicode:
        return parse_tree(self.text)

    @cached_property
    def _placed(self) -> tuple[list[NodeSpan], TextNodes]:
        """(the spans of the nodes other than text, the text nodes)."""
        try:
            with gc_paused():
                return place(self.text)
        except StreamMismatch:  # never seen on the corpus; the tree walk is always right
            return TextNodes.split(list(iter_spans(self.code)))

    @property
    def node_spans(self) -> list[NodeSpan]:
        """The spans of the nodes other than text, in document order (parents first)."""
        return self._placed[0]

    @property
    def texts(self) -> TextNodes:
        """The page's text nodes, as offsets (their spans made when asked for)."""
        return self._placed[1]

    @cached_property
    def spans(self) -> list[NodeSpan]:
        """Every node with its offsets, in document order (parents before children), text
        nodes included: all of them are made (``index`` and ``texts`` make none)."""
        others, texts = self._placed
        return texts.merged(others)

    @cached_property
    def index(self) -> SpanIndex:
        """The spans grouped by node class (``doc.index.of(Template)``: a shared list)."""
        return SpanIndex(*self._placed)

    @cached_property
    def top_spans(self) -> list[NodeSpan]:
        """The spans of the page's top-level nodes (not inside any other node)."""
        others, texts = self._placed
        top = getattr(others, "top", None)
        top = [others[i] for i in top] if top is not None else [s for s in others if not s[3]]
        return texts.merged(top, texts.top_level())

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def sections(self) -> list[Section]:
        return find_sections(self.index.of(Heading), self.text)

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.start for s in self.sections]

    def nodes_of(self, *types: type) -> list[NodeSpan]:
        """The spans of all nodes of the given mwparserfromhell node types (a new list; the
        search is done once per page and set of types)."""
        return list(self.index.of(*types))

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing ``offset`` (None in the lead)."""
        i = bisect.bisect_right(self._section_starts, offset) - 1
        return self.sections[i] if i >= 0 else None

    def section_path(self, offset: int) -> tuple[str, ...]:
        section = self.section_at(offset)
        return section.path if section else ()
