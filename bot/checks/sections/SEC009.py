"""SEC009 heading-bold-italic."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mwparserfromhell.nodes import Tag, Text

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.wikitext import tag_name
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["HeadingBoldItalic"]

BOLD = "'" * 3
_WHOLE_BOLD = re.compile(r"^(\s*)(?:'''(?!')(.+?)(?<!')'''|<b>(.+?)</b>)(\s*)$", re.S)
_STYLE_TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic"}


class HeadingBoldItalic(Rule):
    """Bold or italic markup in a heading.

    ## What it does
    Reports ``'''bold'''``, ``''italic''``, ``<b>``, ``<strong>``, ``<i>`` or ``<em>`` in
    a heading's title.

    ## Why is this bad?
    Headings are already styled; bold is redundant and italics belong only to titles of
    works (CheckWiki #44 for bold).  Editors are better served by plain headings.

    ## Example
    ```wikitext
    == '''Treatment''' ==
    ```

    ## Use instead
    ```wikitext
    == Treatment ==
    ```

    ## Fix safety
    Safe for bold that wraps the whole title (three quotes or <b> around all of it): the
    bold markup is removed.  Italics are left alone (they may mark the title of a work).
    """

    code = "SEC009"
    name = "heading-bold-italic"
    family = "SEC"
    severity = Severity.INFO
    checkwiki = 44
    fix_safety = FixSafety.SAFE

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            kinds = set()
            for node in section.heading.title.filter(recursive=True):
                if isinstance(node, Text):
                    if "'''" in node.value:
                        kinds.add("bold")
                    elif "''" in node.value:
                        kinds.add("italic")
                elif isinstance(node, Tag) and tag_name(node) in _STYLE_TAGS:
                    kinds.add(_STYLE_TAGS[tag_name(node)])
            if kinds:
                style = " and ".join(sorted(kinds))
                yield self.finding(
                    doc,
                    section.start,
                    f'Heading "{section.plain_title}" uses {style} markup: headings are '
                    f"styled already; remove it (keep italics only for titles of works).",
                )

    def fix(self, doc: Document, ctx: Context) -> list:
        edits = []
        for section in doc.sections:
            raw = str(section.heading.title)
            match = _WHOLE_BOLD.match(raw)
            if not match:
                continue
            inner = match.group(2) if match.group(2) is not None else match.group(3)
            if BOLD in inner or "<b>" in inner.lower():
                continue
            start = section.start + section.level
            edits.append(self.edit(start, start + len(raw),
                                   match.group(1) + inner + match.group(4),
                                   "remove bold from the heading"))
        return edits
