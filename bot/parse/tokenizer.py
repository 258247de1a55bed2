"""mwparserfromhell's tokens for a page, without its tokenizer's quadratic case.

mwparserfromhell's tokenizer tries every ``<name`` as an HTML tag: it reads attributes up to
the next ``>``, then the tag's body up to a matching ``</name>`` or the end of the page, and
only then gives up and keeps the ``<`` as text.  A page with many such ``<`` (a table of
"<2 Kb" cells) is read to its end once per ``<``: on a 64 kB page of the corpus the C
tokenizer alone takes about 9 s, against 0.03 s once those ``<`` are gone.

Which ``<`` can never open a tag is known from the text alone: a tag needs a ``>`` after its
``<``; and unless it closes itself (``/>``) or is a tag that may stay open (``<br>``, ``<li>``,
``<td>``...), a closing ``</name`` after it.  A bare ``<td>`` (or ``<tr>``, ``<li>``...) may
stay open to the page's end, but fails at the first closing tag of another kind its contents
meet (a table of unclosed ``<tr><td>`` cells inside ``<table>``: each is read to ``</table>``,
3-5 s for an 80 kB page); that is sure when nothing on the way can reach over that ``</``.
Where the C tokenizer would spend more on such ``<`` than mwparserfromhell's own pure-Python
tokenizer costs on the whole page, the pure-Python tokenizer runs, told not to try them: it
keeps them as text at once.  Skipping changes no token (random input, tests/test_tokenizer.py;
every corpus page, ``scripts/golden tokens``).  mwparserfromhell's two tokenizers give the same
tokens on every corpus input but core's parserTests.txt, once the empty text tokens the
pure-Python one leaves in some external links are dropped; they differ on contrived input such
as ``<"/>``.  Every page without the quadratic case goes to the C tokenizer, as before.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from mwparserfromhell.definitions import SINGLE, SINGLE_ONLY, is_single, is_single_only
from mwparserfromhell.parser.builder import Builder
from mwparserfromhell.parser.tokenizer import Tokenizer as PyTokenizer
from mwparserfromhell.parser.tokens import Text
from mwparserfromhell.wikicode import Wikicode

try:
    from mwparserfromhell.parser._tokenizer import CTokenizer
except ImportError:  # pragma: no cover - the pure-Python tokenizer gives the same tokens
    CTokenizer = PyTokenizer

__all__ = ["PY_COST", "SkippingTokenizer", "TagReach", "parse", "tokenize", "tokenizer_for"]

# How many times more the pure-Python tokenizer costs per character than the C one, with a
# margin (measured about 13x on the corpus): the C tokenizer keeps a page unless the text its
# failed tag attempts would read is this many times the page.
PY_COST = 64
# A tag's name as the tokenizer reads it: the text after "<" up to a marker, a space, a
# quote or a backslash (mwparserfromhell's Tokenizer.regex and tag_splitter).
_TAG_START = re.compile(r"<([^{}\[\]<>|=&'#*;:/\\\"\-!\s]+)")
#: tags that may stay open (mwparserfromhell's SINGLE but not SINGLE_ONLY): <li>, <td>...
_LEFT_OPEN = frozenset(set(SINGLE) - set(SINGLE_ONLY))
_CLOSE_START = re.compile(r"</")
#: what a bare <td>'s contents may hold for it to surely meet the next "</" itself: links
#: without brackets, braces or angle brackets inside, other bare such tags; group 3: anything
#: else that could open a template, table, link, tag or comment, or a heading line
_REGION = re.compile(r"(\[\[[^\[\]{}<>\n]*\]\])|(<(?:"
                     + "|".join(sorted(set(SINGLE) - set(SINGLE_ONLY))) + r")>)|([\[\]{}<]|\n=)",
                     re.I)


class TagReach:
    """Which ``<`` of a text can open a tag, from what comes after it."""

    def __init__(self, text: str):
        self.text = text
        self.last_gt = text.rfind(">")
        self.last_selfclose = text.rfind("/>")
        self._limits: dict[str, int] = {}  # tag name -> see _limit
        self._close_starts: list[int] | None = None  # where each "</" starts
        self._blocker_starts: list[int] | None = None  # see _close_fails

    def _limit(self, name: str) -> int:
        """The offset after which a ``<`` followed by ``name`` can open no tag."""
        limit = self._limits.get(name)
        if limit is None:
            limit = self.last_gt  # no ">" after it: no tag can end
            if name.isascii() and not (is_single(name) or is_single_only(name)):
                # it must close itself ("/>") or be closed ("</name"), after it
                limit = min(limit, max(self.last_selfclose, self._last_close(name.lower())))
            self._limits[name] = limit
        return limit

    def _last_close(self, key: str) -> int:
        """Where the last ``</key`` starts in any letter case (the tokenizer compares names
        lower-cased; a case-blind search also finds the few letters that lower-case to
        another ASCII letter, and more: never an earlier one); -1 if none."""
        closing = "</" + key
        last = self.text.rfind(closing)  # the last all-lower-case one: often the last one
        blind = re.compile(re.escape(closing), re.I)
        while (found := blind.search(self.text, last + 1)) is not None:
            last = found.start()
        return last

    def cannot_open(self, offset: int, name: str | None) -> bool:
        """True where the ``<`` at ``offset``, followed by ``name``, can open no tag."""
        if offset > (self._limit(name) if name else self.last_gt):
            return True
        return name is not None and self._close_fails(offset, name) >= 0

    def _close_fails(self, offset: int, name: str) -> int:
        """Where a tag that may stay open (``<td>``) fails, if it surely does; else -1.

        Such a tag ends at the page's end, or at its closing tag; any other closing tag its
        contents meet first (``</table>``) fails it.  Sure only for the bare tag, when the
        first ``</`` after it closes no tag of that kind, and nothing before that ``</`` can
        reach over it: no template, table or external link, no heading line, only links
        closed on the way, and other such bare tags (which fail there too)."""
        text = self.text
        if (len(name) != 2 or name.lower() not in _LEFT_OPEN
                or text[offset + 3 : offset + 4] != ">"):
            return -1
        closes = self._closes()
        i = bisect.bisect_left(closes, offset)
        if i == len(closes):
            return -1  # it reaches the page's end: open to the end
        close = closes[i]
        if close + 2 >= len(text):
            return -1  # "</" at the very end is text: the tag reaches the page's end
        if text[close + 2 : close + 4].lower() in _LEFT_OPEN:
            return -1  # it may close there (or a tag opened on the way may)
        blockers = self._blockers()
        j = bisect.bisect_left(blockers, offset + 4)
        return close if j == len(blockers) or blockers[j] >= close else -1

    def _closes(self) -> list[int]:
        if self._close_starts is None:
            self._close_starts = [m.start() for m in _CLOSE_START.finditer(self.text)]
        return self._close_starts

    def _blockers(self) -> list[int]:
        if self._blocker_starts is None:
            self._blocker_starts = [m.start(3) for m in _REGION.finditer(self.text)
                                    if m.start(3) >= 0]
        return self._blocker_starts

    def wasted(self) -> int:
        """About how many characters the C tokenizer reads in vain for tags that cannot open."""
        size, limit = len(self.text), self._limit
        total = 0
        for m in _TAG_START.finditer(self.text):
            start = m.start()
            if start > limit(m.group(1)):
                total += size - start
            elif (close := self._close_fails(start, m.group(1))) >= 0:
                total += close - start
        return total


class SkippingTokenizer(PyTokenizer):
    """The pure-Python tokenizer, keeping as text at once a ``<`` that can open no tag."""

    def tokenize(self, text, context=0, skip_style_tags=False):
        self._reach = TagReach(text)
        # where each of the tokenizer's segments starts in the text (self._head indexes them)
        self._offsets = list(accumulate(
            (len(s) for s in self.regex.split(text) if s), initial=0))
        tokens = super().tokenize(text, context, skip_style_tags)
        # The one difference from the C tokenizer's output found on the corpus: an empty text
        # token in some external links, which the C tokenizer never emits.
        return [t for t in tokens if type(t) is not Text or t.text]

    def _parse_tag(self):
        after = self._read(1)
        name = self.tag_splitter.split(after, 1)[0] if isinstance(after, str) else None
        if self._reach.cannot_open(self._offsets[self._head], name):
            self._emit_text("<")  # what a failed attempt ends with
            return
        super()._parse_tag()


def tokenizer_for(text: str):
    """The tokenizer to use for ``text``: the C one unless the page has the quadratic case."""
    if text.count("<") <= PY_COST:
        return CTokenizer()  # each "<" reads at most the page: too few to cost PY_COST pages
    if TagReach(text).wasted() <= PY_COST * len(text):
        return CTokenizer()
    return SkippingTokenizer()


def tokenize(text: str) -> list:
    """mwparserfromhell's tokens for ``text``, as ``parse(text, skip_style_tags=True)``."""
    return tokenizer_for(text).tokenize(text, 0, True)


def parse(text: str) -> Wikicode:
    """``mwparserfromhell.parse(text, skip_style_tags=True)``, through :func:`tokenize`."""
    return Builder().build(tokenize(text))
