"""Where the page shows its references: the sections that hold a reference list.

A list is a ``<references />`` tag or a template the profile knows (``{{Reflist}}``,
``{{Notelist}}``).  A wiki also has list templates the profile does not know (a local
``{{Nūruodis}}``, ``{{Verwysings}}``, ``{{Fotnoteliste}}``): offline we cannot expand them, so
:func:`likely_list_templates` recognises the way they are placed.  A template is taken for a
reference list when it

- stands alone on its line as the first thing under a heading, in a section whose own
  text is nothing but templates (a list, a stub notice, navigation boxes, categories),
- comes after the page's references and its last paragraph of prose,
- is not in an appendix section the profile says holds no references ("External links",
  where ``{{Commons}}`` stands), and
- is a plain template (not a parser function, not a known ref or list template), and
- is the only template on the page that fits all of the above (several: none is taken).

Rules use this so that no page is called broken because a template does the work.
"""

from __future__ import annotations

from mwparserfromhell.nodes import Comment, Template, Text, Wikilink

from bot.parse.cite import cite_analysis
from bot.parse.layout import match_appendix
from bot.parse.sections import Section, rest_of_line
from bot.parse.spans import NodeSpan
from bot.profiles import Profile

__all__ = ["likely_list_templates", "list_sections"]


def _template_only_body(doc, section: Section) -> NodeSpan | None:
    """The first template of a section whose own text is nothing but templates (and
    comments, blank lines, category and interlanguage links), else None."""
    first = None
    for span in doc.top_spans:
        if span.start < section.heading_end:
            continue
        if span.start >= section.body_end:
            break
        node = span.node
        if isinstance(node, Comment) or (isinstance(node, Text) and not node.value.strip()):
            continue
        if isinstance(node, Template):
            first = first or span
            continue
        if isinstance(node, Wikilink) and ":" in str(node.title):
            continue  # [[Category:…]], [[de:…]]
        return None  # prose, a list, a table: the section has content of its own
    return first


def _last_paragraph(doc) -> int:
    """Where the page's last paragraph of prose starts: plain text opening a line (not a
    list item, a table or a template)."""
    text = doc.text
    last = -1
    for span in doc.top_spans:
        node = span.node
        if not isinstance(node, Text) or not node.value.strip():
            continue
        for offset, line in _lines(node.value, span.start):
            if (offset == 0 or text[offset - 1] == "\n") and line.strip():
                last = offset
    return last


def _lines(value: str, start: int):
    offset = start
    for line in value.split("\n"):
        yield offset, line
        offset += len(line) + 1


def likely_list_templates(doc, profile: Profile) -> list[NodeSpan]:
    """Templates the profile does not know that probably output the reference list."""
    def compute():
        refs = [r for r in cite_analysis(doc, profile).refs if r.list_group is None]
        if not refs:
            return []
        last_ref = max(r.span.start for r in refs)
        last_prose = _last_paragraph(doc)
        found = []
        for section in doc.sections:
            span = _template_only_body(doc, section)
            if span is None or span.start < max(last_ref, last_prose):
                continue
            name = str(span.node.name).strip()
            if not name or name.startswith("#") or ":" in name or "{" in name:
                continue
            if (profile.list_template_group(name) is not None
                    or profile.ref_template_group(name) is not None):
                continue
            placed = match_appendix(section.key, profile)
            if placed is not None and not placed[1].holds_references:
                continue
            if rest_of_line(doc.text, span.end):
                continue
            found.append(span)
        return found if len(found) == 1 else []  # several: no telling which, if any

    return doc.memo(("likely-list-templates", profile.name), compute)


def list_sections(doc, profile: Profile) -> list[Section]:
    """The sections (any level) whose own text holds a reference list, known or likely."""
    starts = [lst.span.start for lst in cite_analysis(doc, profile).lists]
    starts += [span.start for span in likely_list_templates(doc, profile)]
    sections: dict[int, Section] = {}
    for start in starts:
        section = doc.section_at(start)
        if section is not None:
            sections.setdefault(section.index, section)
    return list(sections.values())
