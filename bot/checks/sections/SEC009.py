"""SEC009 heading-bold-italic."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["HeadingBoldItalic"]

BOLD = "'" * 3
BOLD_ITALIC = "'" * 5
_WHOLE_BOLD = re.compile(r"^(\s*)(?:'''(?!')(.+?)(?<!')'''|<b>(.+?)</b>)(\s*)$", re.S)
_WHOLE_BOLD_TAG = re.compile(r"^<(b|strong)>(.+)</\1>$", re.S | re.I)
_BOLD_TAG = re.compile(r"</?(?:b|strong)\b", re.I)


def whole_bold(raw: str) -> str | None:
    """What is inside the bold that wraps a heading title as a whole, else None."""
    title = raw.strip()
    for quotes, inner_mark in ((BOLD_ITALIC, "''"), (BOLD, BOLD)):
        n = len(quotes)
        if (
            len(title) > 2 * n
            and title.startswith(quotes) and title.endswith(quotes)
            and title[n] != "'" and title[-n - 1] != "'"
        ):
            inner = title[n:-n]
            return None if inner_mark in inner else inner
    match = _WHOLE_BOLD_TAG.match(title)
    if match and not _BOLD_TAG.search(match.group(2)):
        return match.group(2)
    return None


class HeadingBoldItalic(Rule):
    """Heading made bold as a whole.

    ## What it does
    Reports a heading whose whole title is wrapped in bold: three quotes, five quotes (bold
    italics), ``<b>`` or ``<strong>``.  Markup on part of a heading (the italic title of a
    work, a foreign term, a taxon) is not reported, nor is a heading that is wholly in
    italics: it is usually the title of a work (an album, a book), which every style guide
    italicises.

    ## Why is this bad?
    Headings are already styled; bold on top of that is redundant (CheckWiki #44).

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
    bold markup is removed.  Bold italics are left alone (the italics may mark the title of
    a work).
    """

    code = "SEC009"
    name = "heading-bold-italic"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.INFO
    checkwiki = 44
    fix_safety = FixSafety.SAFE

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            if whole_bold(str(section.heading.title)) is None:
                continue
            yield self.finding(
                doc,
                section.start,
                f'Heading "{section.plain_title}" is bold as a whole: headings are styled '
                f"already; remove the bold.",
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
