"""Where the page shows its references: the sections that hold a reference list.

A list is a ``<references />`` tag or a template the profile knows (``{{Reflist}}``,
``{{Notelist}}``).  A wiki also has list templates the profile does not know (a local
``{{Nūruodis}}``, ``{{Verwysings}}``, ``{{Fotnoteliste}}``): offline we cannot expand them, so
:func:`likely_list_templates` recognises them by their name or by the way they are placed.
A candidate is a plain template (not a parser function, not a known ref or list template,
with at most a few short parameters, as a column count) that stands alone on its line at the
top level of a section, after the page's references, in a section that is not an appendix
section the profile says holds no references ("External links", where ``{{Commons}}``
stands) unless its name is a references title.  It is taken for the reference list when

- its name is the title of its section or a word of it (``== Nūruodis i olūti ==`` /
  ``{{Nūruodis}}``, ``== Notes et références ==`` / ``{{Références}}``), wherever it stands
  in the section, or the title of a references section in one of the profile's conventions
  (Portuguese ``{{Referências}}``, even under ``== Ver também ==``), or
- it is the first thing under its heading, in a section whose own text is nothing but
  templates (a list, a stub notice, navigation boxes, categories), after the page's last
  paragraph of prose or in a section the profile says holds references (Galician
  ``== Notas ==`` / ``{{Listaref|1}}``, with more sections after it), and it is the only
  template on the page that fits this, or the only one in a section that holds references
  (else none is taken).

:func:`possible_list_templates` is every candidate in a section the profile says holds
references ("References", "Notes"): one of them may output the list too.

Rules use this so that no page is called broken because a template does the work.
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Comment, Template, Text, Wikilink

from bot.parse.cite import cite_analysis
from bot.parse.layout import match_any_appendix
from bot.parse.sections import Section, normalize_title, rest_of_line
from bot.parse.spans import NodeSpan
from bot.profiles import Profile, template_key

__all__ = ["likely_list_templates", "list_sections", "possible_list_templates"]


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


#: a candidate's parameters: at most this many, each at most this long (a column count,
#: ``colwidth=30em``), so that a citation template standing alone is no candidate
_MAX_PARAMS = 3
_MAX_PARAM_LENGTH = 20
_WORD = re.compile(r"\w+")


def _refs(doc, profile: Profile):
    return [r for r in cite_analysis(doc, profile).refs if r.list_group is None]


def _candidates(doc, profile: Profile) -> list[tuple[NodeSpan, Section]]:
    """Plain templates the profile does not know, alone on their line at the top level
    of a section after the page's references, with their sections (see the module doc)."""
    def compute():
        refs = _refs(doc, profile)
        if not refs:
            return []
        last_ref = max(r.span.start for r in refs)
        text = doc.text
        found = []
        for span in doc.top_spans:
            node = span.node
            if span.start < last_ref or not isinstance(node, Template):
                continue
            section = doc.section_at(span.start)
            if section is None or span.start < section.heading_end:
                continue
            name = str(node.name).strip()
            if not name or name.startswith("#") or ":" in name or "{" in name or "<" in name:
                continue
            if (profile.list_template_group(name) is not None
                    or profile.ref_template_group(name) is not None):
                continue
            if len(node.params) > _MAX_PARAMS or any(
                    len(str(p.value).strip()) > _MAX_PARAM_LENGTH for p in node.params):
                continue
            line_start = text.rfind("\n", 0, span.start) + 1
            if text[line_start:span.start].strip() or rest_of_line(text, span.end):
                continue
            placed = match_any_appendix(section.key, profile)
            if (placed is not None and not placed[1].holds_references
                    and not _names_references(span, profile)):
                continue
            found.append((span, section))
        return found

    return doc.memo(("list-template-candidates", profile.name), compute)


def _names_section(span: NodeSpan, section: Section) -> bool:
    """True when the template's name is its section's title or one of the title's words."""
    name = normalize_title(template_key(str(span.node.name)))
    title = section.key
    return bool(name) and (name == title or name in _WORD.findall(title)
                           or title.startswith(name + " "))


def _names_references(span: NodeSpan, profile: Profile) -> bool:
    """True when the template's name is the title of a references section in one of the
    profile's conventions (Portuguese ``{{Referências}}``, French ``{{Références}}``)."""
    placed = match_any_appendix(normalize_title(template_key(str(span.node.name))), profile)
    return placed is not None and placed[1].holds_references


def _holds_references(section: Section, profile: Profile) -> bool:
    placed = match_any_appendix(section.key, profile)
    return placed is not None and placed[1].holds_references


def likely_list_templates(doc, profile: Profile) -> list[NodeSpan]:
    """Templates the profile does not know that probably output the reference list."""
    def compute():
        candidates = _candidates(doc, profile)
        named = [span for span, section in candidates
                 if _names_section(span, section) or _names_references(span, profile)]
        if named:
            return named
        last_prose = _last_paragraph(doc)
        firsts = [(span, _holds_references(section, profile)) for span, section in candidates
                  if _template_only_body(doc, section) == span]
        firsts = [(span, held) for span, held in firsts if held or span.start >= last_prose]
        held = [span for span, is_held in firsts if is_held]
        if len(held) == 1:
            return held  # the one in a references section, whatever else fits
        return [firsts[0][0]] if len(firsts) == 1 else []  # several: no telling which

    return doc.memo(("likely-list-templates", profile.name), compute)


def possible_list_templates(doc, profile: Profile) -> list[NodeSpan]:
    """Templates the profile does not know, in a section that holds references, that may
    output the reference list (the likely ones included)."""
    def compute():
        found = []
        for span, section in _candidates(doc, profile):
            if _holds_references(section, profile):
                found.append(span)
        found += likely_list_templates(doc, profile)
        return sorted({span.start: span for span in found}.values(), key=lambda s: s.start)

    return doc.memo(("possible-list-templates", profile.name), compute)


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
