"""The section model: levels, titles, paths and extents of the page's own headings."""

from __future__ import annotations

from bot.parse.document import Document

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
