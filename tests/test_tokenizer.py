"""bot.parse.tokenizer: the tokens are mwparserfromhell's C tokenizer's, whichever tokenizer a
page goes to; a page of "<" that open no tag goes to the skipping one (every corpus page:
``scripts/golden tokens``)."""

from __future__ import annotations

import re

import mwparserfromhell
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mwparserfromhell.parser._tokenizer import CTokenizer
from mwparserfromhell.parser.tokenizer import Tokenizer as PyTokenizer
from mwparserfromhell.parser.tokens import Text

from bot.parse.tokenizer import SkippingTokenizer, TagReach, parse, tokenize, tokenizer_for
from conftest import CORPUS, sample_texts

# the corpus page where the C tokenizer is quadratic: a table of "| <2 Kb" cells
LUCIEN = "sweble/Wikipedia%3AWikirreto%202008%2FNoviembre%2FLucien%20leGrey.wiki"
# ... and a table of unclosed <tr><td> cells inside <table>...</table>
BRETAGNE = "sweble/Projet%3ABretagne%2F%C3%89bauches%20Bretagne.wiki"

FRAGMENTS = [
    "<", ">", "/>", "</", "<2 Kb", "< 5", "<b", "</b>", "<td>", "<li", "<br", "<ref name=a",
    "</ref>", "<nowiki>", "</nowiki>", "<!--", "-->", " ", "\n", "|", "{|", "|}", "|-", "{{",
    "}}", "[[", "]]", "[http://x.org ", "]", "http://y.org", '"', "'", "=", "x", "Kb",
    "<span title=\"a>b\"", "<2/>", "</2>", "<İ", "* ", "<B", "</B>", "<Ref>", "</REF>",
    "</\u212aey>", "<key",
    "<table>", "</table>", "<tr>", "<th>", "<TD>", "</Td>", "<dd>", "</li>", "[[a|b]]",
    "[[x]]", "\n=", "== h ==", "{{t|", "|", "[http://x.org a", "<!-- c -->", "<td a=b>",
    "<li/>", "</ td>", "<tr>[[P:B]]<td>", "</",
]
# a tag name as mwparserfromhell's tokenizer reads it (its regex and tag_splitter)
NAME = re.compile(r"<([^{}\[\]<>|=&'#*;:/\\\"\-!\s]+)")
soup = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)


def c_tokens(text: str) -> list:
    return CTokenizer().tokenize(text, 0, True)


def py_tokens(text: str) -> list:
    tokens = PyTokenizer().tokenize(text, 0, True)
    return [t for t in tokens if type(t) is not Text or t.text]


@settings(max_examples=1500, deadline=None)
@given(soup)
def test_skipping_changes_no_token_on_random_markup(text):
    """Whatever "<" it keeps as text without trying, the tokens are those of the same
    tokenizer trying every one.  (Against the C tokenizer the pure-Python one differs on
    contrived input such as '<"/>', never on a corpus page: the tests below.)"""
    assert SkippingTokenizer().tokenize(text, 0, True) == py_tokens(text)


@settings(max_examples=300, deadline=None)
@given(soup)
def test_a_tag_that_cannot_open_is_text_in_the_c_tokens(text):
    """Every "<" TagReach rules out stays text in the C tokenizer's output."""
    reach = TagReach(text)
    starts = [i for i, ch in enumerate(text) if ch == "<"]
    code = mwparserfromhell.parse(text, skip_style_tags=True)
    tag_starts = set()
    offset = 0
    for node in code.nodes:  # top-level tags only: their offsets are simple to add up
        if isinstance(node, mwparserfromhell.nodes.Tag):
            tag_starts.add(offset)
        offset += len(str(node))
    for start in starts:
        name = NAME.match(text, start)
        if reach.cannot_open(start, name and name.group(1)):
            assert start not in tag_starts, (text, start)


@pytest.mark.parametrize("path", [LUCIEN, BRETAGNE])
def test_the_quadratic_pages_go_to_the_skipping_tokenizer_with_the_same_tokens(path):
    """The corpus page of "<2 Kb" cells and the one of unclosed <tr><td> in a <table>:
    skipped, and the same tokens as the C tokenizer."""
    if not CORPUS.is_dir():
        return
    text = (CORPUS / path).read_text("utf-8")
    assert isinstance(tokenizer_for(text), SkippingTokenizer)
    assert TagReach(text).wasted() > 100 * len(text)
    assert tokenize(text) == c_tokens(text)


def test_a_bare_cell_tag_fails_only_where_its_contents_surely_meet_a_closing_tag():
    """<td> is text when the next "</" closes something else and nothing on the way can
    reach over it; a <td> that may end at the page's end or at its own close may open."""
    text = "<table>\n<tr><td>[[A]]<td>b\n</table>"
    reach = TagReach(text)
    assert [reach.cannot_open(i, text[i + 1:i + 3]) for i in (8, 12, 21)] == [True] * 3
    for open_ in ("<tr><td>{{x|</table>}}", "<tr><td>[[a|</table>]]", "<td>x</td></table>",
                  "<td>x\n== h </table> ==", "<td>x", "<td class=a>x</table>"):
        start = open_.index("<td")
        assert not TagReach(open_).cannot_open(start, "td"), open_


def test_ordinary_pages_keep_the_c_tokenizer():
    """The bundled samples and a seeded corpus sample: C tokenizer, same tree as parse()."""
    texts = sample_texts(60)
    for text in texts:
        assert isinstance(tokenizer_for(text), CTokenizer), text[:80]
        assert SkippingTokenizer().tokenize(text, 0, True) == c_tokens(text), text[:80]
        assert str(parse(text)) == text


def test_a_synthetic_quadratic_page():
    """Stress: a list of "<2 Kb" lines, with a closing tag of another name at the end."""
    text = "".join(f"* <{i % 7} Kb item\n" for i in range(3000)) + "<b>end</b>\n"
    assert isinstance(tokenizer_for(text), SkippingTokenizer)
    assert [str(t.tag) for t in parse(text).filter_tags() if not t.wiki_markup] == ["b"]
    assert str(parse(text)) == text
    # the same names, with their closing tags at the end: they may open, C tokenizer
    closed = text + "".join(f"</{i}>" for i in range(7))
    assert isinstance(tokenizer_for(closed), CTokenizer)
