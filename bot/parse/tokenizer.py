"""mwparserfromhell's tokens for a page, without its tokenizer's quadratic case.

mwparserfromhell's tokenizer tries every ``<name`` as an HTML tag: it reads attributes up to
the next ``>``, then the tag's body up to a matching ``</name>`` or the end of the page, and
only then gives up and keeps the ``<`` as text.  A page with many such ``<`` (a table of
"<2 Kb" cells) is read to its end once per ``<``: on a 64 kB page of the corpus the C
tokenizer alone takes about 9 s, against 0.03 s once those ``<`` are gone.

Which ``<`` can never open a tag is known from the text alone: a tag needs a ``>`` after
its ``<``; and unless it closes itself (``/>``) or is a tag that may stay open (``<br>``,
``<li>``, ``<td>``...), a closing ``</name`` after it.  Where the C tokenizer would spend
more on such ``<`` than mwparserfromhell's own pure-Python tokenizer costs on the whole page,
the pure-Python tokenizer runs, told not to try them: it keeps them as text at once.
Skipping changes no token (random input, tests/test_tokenizer.py; every corpus page,
``scripts/golden tokens``).  mwparserfromhell's two tokenizers give the same tokens on every
corpus input but core's parserTests.txt, once the empty text tokens the pure-Python one leaves
in some external links are dropped; they differ on contrived input such as ``<"/>``.  Every
page without the quadratic case goes to the C tokenizer, as before.
"""

from __future__ import annotations

import re
from itertools import accumulate

from mwparserfromhell.definitions import is_single, is_single_only
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


class TagReach:
    """Which ``<`` of a text can open a tag, from what comes after it."""

    def __init__(self, text: str):
        self.text = text
        self.last_gt = text.rfind(">")
        self.last_selfclose = text.rfind("/>")
        self._limits: dict[str, int] = {}  # tag name -> see _limit

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
        return offset > (self._limit(name) if name else self.last_gt)

    def wasted(self) -> int:
        """About how many characters the C tokenizer reads in vain for tags that cannot open."""
        size, limit = len(self.text), self._limit
        return sum(size - m.start() for m in _TAG_START.finditer(self.text)
                   if m.start() > limit(m.group(1)))


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
