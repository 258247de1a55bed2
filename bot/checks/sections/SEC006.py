"""SEC006 heading-not-on-own-line."""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterator

from mwparserfromhell.nodes import Heading, Text

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.sections import rest_of_line
from bot.rules.base import Context, Rule

__all__ = ["HeadingNotOnOwnLine"]

# Heading markup ending a line but not starting it: "text == Title ==" or " == Title ==".
_MIDLINE_HEADING = re.compile(r"^([^\n=]+?)(={2,6})([^=\n]+)\2[ \t]*$", re.M)


def _midline_headings(text: str) -> Iterator[re.Match]:
    """What ``_MIDLINE_HEADING.finditer(text)`` finds, trying only the lines that hold
    ``==`` (the pattern needs it, and a match never spans lines)."""
    pos = text.find("==")
    while pos >= 0:
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        match = _MIDLINE_HEADING.match(text, start, end)
        if match:
            yield match
        pos = text.find("==", end)


def _in_preformatted_block(text: str, match: re.Match) -> bool:
    """True when the line before or after also starts with a space: the lines form a
    preformatted block (wikitext shown as an example), not one heading typed with a space."""
    before = text.rfind("\n", 0, max(match.start() - 1, 0))
    previous = text[before + 1 : match.start()] if match.start() else ""
    following = text[match.end() + 1 : match.end() + 2]
    return (previous[:1] == " " and previous.strip() != "") or following == " "


#: a span's start (bisect key)
_START = operator.attrgetter("start")


class HeadingNotOnOwnLine(Rule):
    """Heading markup that MediaWiki does not treat as a heading.

    ## What it does
    Reports heading markup with something else on its line: text or spaces before the
    first ``=`` (``text == Title ==``, `` == Title ==``), or text after the last ``=``
    (``== Title ==text``).  MediaWiki only makes a heading of a line that starts with ``=``
    and ends with ``=`` (comments and spaces after it are allowed).

    ## Why is this bad?
    Readers see the equals signs as text, and the section is missing from the table of
    contents (CheckWiki #105).

    ## Example
    ```wikitext
    Some text. == Treatment ==
    ```

    ## Use instead
    ```wikitext
    Some text.
    == Treatment ==
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "SEC006"
    name = "heading-not-on-own-line"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING
    checkwiki = 105

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        top = doc.top_spans
        for span in doc.index.of(Heading):
            if not span.ancestors and rest_of_line(doc.text, span.end):
                yield self.finding(
                    doc,
                    span.start,
                    f'Heading "{str(span.node.title).strip()}" has text after it on the same '
                    f"line, so MediaWiki shows it as plain text: put that text on the next "
                    f"line.",
                )
        for match in _midline_headings(doc.text):
            offset = match.start(2)
            i = bisect.bisect_right(top, offset, key=_START) - 1  # (few matches: by key)
            if i < 0 or not isinstance(top[i].node, Text) or top[i].end < match.end():
                continue  # inside a template, link, comment, tag ...: not page text
            if not match.group(1).strip() and _in_preformatted_block(doc.text, match):
                continue  # an example shown as code, several space-indented lines
            yield self.finding(
                doc,
                offset,
                f'"{match.group(2)}{match.group(3)}{match.group(2)}" is not at the start of its '
                f"line, so MediaWiki shows it as text, not as a heading: start a new line "
                f"with it (and no space before it).",
            )
