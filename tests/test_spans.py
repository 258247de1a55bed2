"""Node offsets and line/column positions are exact, for every node, on any input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.parse.document import Document
from bot.parse.positions import LineIndex
from conftest import SAMPLES

FRAGMENTS = [
    "text", " ", "\n", "== H ==", "\n=== Sub ===\n", "<ref>", "</ref>", '<ref name="a"/>',
    "<ref name=x>", "{{", "}}", "|", "=", "[[", "]]", "[http://x.org t]", "<!--", "-->",
    "<references />", "{{{", "}}}", "<div>", "</div>", "'''", "''", "<nowiki>", "</nowiki>",
    "* ", "{|", "|-", "|}", "&amp;", "<br/>", "<b>", "</b>", "x=y", "é", "\t", ":",
]

wikitext = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)


def assert_spans_exact(text: str) -> None:
    doc = Document(title="T", text=text)
    for span in doc.spans:
        assert text[span.start : span.end] == str(span.node), (text, span)


@settings(max_examples=400, deadline=None)
@given(wikitext)
def test_span_invariant_on_random_wikitext(text):
    """text[start:end] == str(node) for every node of random markup soup."""
    assert_spans_exact(text)


def test_span_invariant_on_samples():
    """The invariant holds on every bundled sample page."""
    for path in SAMPLES.glob("*.wiki"):
        assert_spans_exact(path.read_text("utf-8"))


def test_nested_nodes_are_placed_in_their_parents():
    """A ref inside a template parameter gets its true offset, not the first match."""
    text = "{{Quote|a=<ref>x</ref>|b=<ref>x</ref>}}"
    doc = Document(title="T", text=text)
    refs = [s for s in doc.spans if str(s.node) == "<ref>x</ref>"]
    assert [s.start for s in refs] == [10, 25]
    assert all(len(s.ancestors) == 1 for s in refs)


@given(st.text(alphabet="ab\n", max_size=60), st.data())
def test_line_index_matches_counting(text, data):
    """LineIndex gives the same line/column as counting newlines by hand."""
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    line, column = LineIndex(text).line_col(offset)
    assert line == text.count("\n", 0, offset) + 1
    assert column == offset - (text.rfind("\n", 0, offset) + 1) + 1
