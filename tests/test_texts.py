"""Text nodes kept as offsets (bot.parse.texts) answer what the full list of spans answers:
the same text nodes, the same top-level nodes, the same answers to the prose questions, and
the same nodes inside a wikicode once it is built."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from mwparserfromhell.nodes import Comment, Tag, Template, Text
from test_stream import wikitext

from bot.parse.document import Document
from bot.parse.prose import prose_before, starts_text
from bot.parse.spans import SpanIndex, iter_spans
from bot.parse.texts import TextNodes
from conftest import sample_texts

PROSE = st.lists(st.sampled_from([
    "a", " ", "\n", "<ref>r</ref>", "<ref name=n/>", "{{t|x <ref>y</ref>|k=v}}", "* ", "# ",
    "<!--c-->", "{|\n| ", " || ", "\n|}", "[[l|t]]", "<div>", "</div>", "<small>", "</small>",
    "''", "[http://x.org y]", "&amp;", "== H ==\n",
]), max_size=30).map("".join)


def _prose_before_by_walk(doc: Document, span) -> bool:
    """prose_before as it was written over every node's span (text nodes among them): the
    reference the offsets must agree with."""
    spans, text = doc.spans, doc.text
    parent = span.ancestors[-1] if span.ancestors else None
    line_start = text.rfind("\n", 0, span.start) + 1
    i = next(i for i, s in enumerate(spans) if s is span or (
        s.node is span.node and s.start == span.start))
    for j in range(i - 1, -1, -1):
        sibling = spans[j]
        if sibling.node is parent:
            break
        if (sibling.ancestors[-1] if sibling.ancestors else None) is not parent:
            continue
        if sibling.end <= line_start:
            break
        if sibling.start >= span.start:
            continue
        if sibling.start < line_start:
            if text[line_start:min(sibling.end, span.start)].strip():
                return True
            continue
        node = sibling.node
        if isinstance(node, Comment):
            continue
        if isinstance(node, Text):
            if node.value.strip():
                return True
            continue
        if not (isinstance(node, Tag) and node.wiki_markup in {"*", "#", ":", ";"}
                and not node.contents):
            return True
    return False


def _kind(node) -> str:
    """The mwparserfromhell class of a node (a lazy node's base class)."""
    return next(c.__name__ for c in type(node).__mro__
                if c.__module__.startswith("mwparserfromhell.nodes"))


def _check(text: str) -> None:
    doc = Document("T", text)
    every = list(iter_spans(doc.code))
    assert [(_kind(s.node), s.start, s.end) for s in doc.spans] == [
        (_kind(s.node), s.start, s.end) for s in every]
    texts = [(s.start, s.end, str(s.node)) for s in every if isinstance(s.node, Text)]
    assert [(s.start, s.end, s.node.value) for s in doc.index.of(Text)] == texts
    assert [(s.start, s.end) for s in doc.top_spans] == [
        (s.start, s.end) for s in every if not s.ancestors]
    assert all(s.node is t.node for s, t in zip(doc.index.of(Text), (
        s for s in doc.spans if isinstance(s.node, Text)), strict=True))
    text_starts = {s.start for s in every if isinstance(s.node, Text)}
    for offset in range(len(text) + 1):
        assert starts_text(doc, offset) == (offset in text_starts)
    fresh = Document("T", text)
    for span in fresh.node_spans:
        assert prose_before(fresh, span) == _prose_before_by_walk(fresh, span), (text, span)


@settings(max_examples=400, deadline=None)
@given(PROSE)
def test_text_offsets_answer_as_the_full_spans_do_on_random_prose(text):
    _check(text)


@settings(max_examples=300, deadline=None)
@given(wikitext)
def test_text_offsets_answer_as_the_full_spans_do_on_random_markup(text):
    _check(text)


def test_text_offsets_answer_as_the_full_spans_do_on_samples_and_a_corpus_sample():
    texts = sample_texts(12)
    for text in texts:
        doc = Document("T", text)
        every = list(iter_spans(doc.code))
        assert [(s.start, s.end) for s in doc.top_spans] == [
            (s.start, s.end) for s in every if not s.ancestors]
        assert [(s.start, s.node.value) for s in doc.index.of(Text)] == [
            (s.start, str(s.node)) for s in every if isinstance(s.node, Text)]


def test_built_wikicode_holds_text_nodes_in_place():
    """A ref's contents and a template's values, once built, hold Text nodes for the text
    (kept as strings while the page was placed)."""
    doc = Document("T", "x<ref>see [http://a.org A] now</ref> {{t|a b|k=c {{u}} d}}")
    ref = next(s.node for s in doc.node_spans if isinstance(s.node, Tag))
    assert [type(n).__name__ for n in ref.contents.nodes] == ["Text", "LazyExternalLink", "Text"]
    assert str(ref.contents) == "see [http://a.org A] now"
    template = next(s.node for s in doc.node_spans if isinstance(s.node, Template))
    values = [[type(n).__name__ for n in p.value.nodes] for p in template.params]
    assert values == [["Text"], ["Text", "LazyTemplate", "Text"]]
    assert [str(p.value) for p in template.params] == ["a b", "c {{u}} d"]


def test_split_keeps_the_tree_walks_text_nodes():
    """The fallback (spans from the built tree) gives the same answers, with its own nodes."""
    doc = Document("T", "a [[b]] <ref>c</ref> d")
    every = list(iter_spans(doc.code))
    others, texts = TextNodes.split(every)
    assert [s.node for s in SpanIndex(others, texts).of(Text)] == [
        s.node for s in every if isinstance(s.node, Text)]
    assert texts.merged(others) == every
