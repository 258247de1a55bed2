"""The section model: levels, titles, paths and extents of the page's own headings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from mwparserfromhell.nodes import Heading

from bot.parse.document import Document
from bot.parse.lazy import plain_heading_title
from bot.parse.sections import plain_title

TEXT = """Lead.
== A ==
a
=== A1 ===
a1
== B ==
<div>
== In div ==
</div>
{{T|
== In template ==
}}
<ref>
== In ref ==
</ref>
"""


def test_headings_levels_and_paths():
    """Own headings only (not in templates or refs), with their parent paths."""
    doc = Document(title="T", text=TEXT)
    assert [(s.level, s.title, s.path) for s in doc.sections] == [
        (2, "A", ("A",)),
        (3, "A1", ("A", "A1")),
        (2, "B", ("B",)),
        (2, "In div", ("In div",)),
    ]


def test_section_extents():
    """body_end stops at the next heading; end includes subsections."""
    doc = Document(title="T", text=TEXT)
    a, a1, b = doc.sections[:3]
    assert TEXT[a.start : a.heading_end] == "== A =="
    assert a.body_end == a1.start
    assert a.end == b.start
    assert doc.section_at(TEXT.index("a1")) == a1
    assert doc.section_at(0) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "a", " ", "''", "'''", "{{t}}", "[[l|t]]", "<ref>r</ref>", "&amp;", "<!--c-->", "__X__",
    "http://x.org", ":", "|", "<b>", "</b>", "~~~~", "é",
]), max_size=8).map("".join))
def test_plain_title_read_from_the_tokens_equals_the_built_title(title):
    """A heading whose title is one text token is read without building it; what is read
    equals what the built title gives (stripped of markup, refs and comments)."""
    doc = Document(title="T", text=f"x\n=={title}==\ny\n")
    headings = doc.index.of(Heading)
    if not headings:
        return
    heading = headings[0].node
    read = plain_title(heading)
    heading.title.nodes  # noqa: B018 - builds the title
    assert plain_heading_title(heading) is None
    assert plain_title(heading) == read
