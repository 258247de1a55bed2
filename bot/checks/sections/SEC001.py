"""SEC001 empty-section."""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.sections import Section, normalize_title
from bot.parse.wikitext import is_invisible
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["EmptySection"]

#: a span's end (bisect key)
_END = operator.attrgetter("end")


class EmptySection(Rule):
    """Section has no content.

    ## What it does
    Reports a heading followed by nothing a reader can see (only blank lines, comments,
    category links or behaviour switches such as ``__NOTOC__``) before the next heading of
    the same or a higher level.  A section whose only content is subsections is not empty;
    neither is one holding only a template.

    ## Why is this bad?
    Readers see a heading with nothing under it, which looks broken or unfinished.

    ## Example
    ```wikitext
    == Learn more ==

    == See also ==
    * [[Vitamin B6]]
    ```

    ## Use instead
    ```wikitext
    == Learn more ==
    * [https://example.org/b12 Vitamin B12 factsheet]

    == See also ==
    * [[Vitamin B6]]
    ```

    ## Fix safety
    Safe only where the profile sets ``remove_empty_sections``: a section whose body is
    blank (no comment, no category) is removed, unless the profile marks it
    ``may_be_empty`` (MEpedia keeps "Learn more" and "See also" as placeholders).
    """

    code = "SEC001"
    name = "empty-section"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.WARNING
    checkwiki = 84
    fix_safety = FixSafety.SAFE

    def _empty(self, doc: Document, ctx: Context) -> Iterator[Section]:
        sections = doc.sections
        top = doc.top_spans
        for i, section in enumerate(sections):
            following = sections[i + 1] if i + 1 < len(sections) else None
            if following is not None and following.level > section.level:
                continue  # its content is its subsections
            # the top-level nodes are contiguous: start at the first that ends after the heading
            # (searched by key: a page has few sections and many top-level nodes)
            first = bisect.bisect_right(top, section.heading_end, key=_END)
            if self._is_blank(section, top, first, ctx):
                yield section

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for section in self._empty(doc, ctx):
            yield self.finding(
                doc,
                section.start,
                f'Section "{section.title}" is empty: add content under the heading or '
                f"remove the heading.",
            )

    def fix(self, doc: Document, ctx: Context) -> list:
        if not ctx.profile.remove_empty_sections:
            return []
        keep = {normalize_title(title) for entry in ctx.profile.appendix
                if entry.may_be_empty for title in entry.titles()}
        edits = []
        for section in self._empty(doc, ctx):
            body = doc.text[section.heading_end : section.body_end]
            if section.key in keep or body.strip():
                continue  # a placeholder the wiki keeps, or comments/categories to keep
            edits.append(self.edit(section.start, section.body_end, "",
                                   f'remove the empty section "{section.title}"',
                                   drops=doc.text[section.start : section.heading_end]))
        return edits

    @staticmethod
    def _is_blank(section: Section, top, first: int, ctx: Context) -> bool:
        start, end = section.heading_end, section.body_end
        for span in itertools.islice(top, first, None):
            if span.start >= end:
                break
            if span.start < start or span.end > end:
                return False  # markup spanning the heading (e.g. a <div>): not judged empty
            if not is_invisible(span.node, ctx.profile.category_prefixes):
                return False
        return True
