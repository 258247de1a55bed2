"""The one-pass span model (bot.parse.stream) equals the tree walk over the built tree:
the same nodes, in the same order, at the same offsets, built lazily into the same nodes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from mwparserfromhell.nodes import Tag, Template

from bot.parse.document import Document
from bot.parse.lazy import materialize, tag_contents_text, template_parameters
from bot.parse.streamcheck import stream_problems
from conftest import sample_texts

FRAGMENTS = [
    "text", " ", "\n", "== H ==", "\n=== Sub ===\n", "<ref>", "</ref>", '<ref name="a"/>',
    "<ref name=x>", "<ref  name = 'y'  group=g >", "{{", "}}", "|", "=", "==", "[[", "]]",
    "[http://x.org t]", "[http://x.org]", "http://y.org", "<!--", "-->", "<references />",
    "{{{", "}}}", "<div class=a>", "</div>", "'''", "''", "<nowiki>", "</nowiki>", "* ",
    "# ", "; ", ": ", "----", "{|", "{| class=wikitable", "|-", "|- style=x", "|}", "!",
    "!!", "||", "| a=b |", "&amp;", "&#123;", "&#x2F;", "<br>", "<br/>", "</br>", "<b>", "</b>",
    "x=y", "é", "\t", ":", "<span\n>", "</ span >", "{{cite web|url=x|title=T}}", "<pre>",
    "</pre>", "<includeonly>", "<math>", "</math>", "__NOTOC__", "~~~~",
]
wikitext = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(wikitext)
def test_stream_spans_equal_tree_spans_on_random_wikitext(text):
    """Random markup soup: the token-stream spans equal the tree walk's, node by node."""
    assert stream_problems(text) == []


def test_stream_spans_equal_tree_spans_on_samples_and_a_corpus_sample():
    """The bundled samples and a fixed seeded sample of corpus pages (all pages:
    ``scripts/golden spans``)."""
    texts = sample_texts(40)
    for text in texts:
        assert stream_problems(text) == [], text[:80]


def test_lazy_nodes_are_real_nodes_built_on_demand():
    """A lazy template is a Template; reading its parameters builds it from its tokens."""
    doc = Document("T", "a {{cite web |url=x |title=T}} <ref name=r>y</ref> b")
    template = next(s.node for s in doc.spans if isinstance(s.node, Template))
    assert "_lazy" in template.__dict__
    assert str(template.name) == "cite web "
    assert "_lazy" in template.__dict__  # the name did not build it
    assert [str(p.name) for p in template.params] == ["url", "title"]
    assert "_lazy" not in template.__dict__
    assert str(template) == "{{cite web |url=x |title=T}}"
    ref = next(s.node for s in doc.spans if isinstance(s.node, Tag))
    assert str(ref.get("name").value) == "r"
    assert not materialize(ref)  # already built


def test_document_parse_round_trips():
    """str(parse(text)) == text still holds for the full tree (Document.code)."""
    text = "== A ==\n{{x|<ref>y</ref>}}\n{| class=t\n| a || b\n|}\n"
    assert str(Document("T", text).code) == text


@settings(max_examples=300, deadline=None)
@given(wikitext)
def test_template_parameters_read_from_the_text_equal_the_built_ones(text):
    """template_parameters on a lazy template gives what the built template's parameters
    say (names stripped, unnamed ones numbered, raw values, named or not)."""
    _template_parameters_agree(text)


def test_template_parameters_agree_on_samples_and_a_corpus_sample():
    texts = sample_texts(40)
    assert sum(_template_parameters_agree(text) for text in texts) > 100


def _template_parameters_agree(text: str) -> int:
    lazy = [s.node for s in Document("T", text).spans if isinstance(s.node, Template)]
    read = [template_parameters(node) for node in lazy]  # before anything builds them
    built = [[(str(p.name).strip(), str(p.value), p.showkey) for p in node.params]
             for node in lazy]
    assert read == built
    assert [template_parameters(node) for node in lazy] == built  # once built, the same
    return len(lazy)


def test_tag_contents_text_is_the_contents_before_and_after_building():
    doc = Document("T", "a <ref name=r>y {{x|z}}</ref> <b>c</b> <br/>")
    tags = [s.node for s in doc.spans if isinstance(s.node, Tag)]
    read = [tag_contents_text(t) for t in tags if not t.self_closing]
    assert read == ["y {{x|z}}", "c"]
    assert [str(t.contents) for t in tags if not t.self_closing] == read
    assert [tag_contents_text(t) for t in tags if not t.self_closing] == read
