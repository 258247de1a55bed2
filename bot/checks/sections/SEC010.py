"""SEC010 heading-trailing-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["HeadingTrailingPunctuation"]

_ABBREVIATIONS = {"etc.", "inc.", "ltd.", "co.", "jr.", "sr.", "st.", "vs.", "al.", "no."}


class HeadingTrailingPunctuation(Rule):
    """Heading ends with a colon or other punctuation.

    ## What it does
    Reports headings ending in ``:``, ``;``, ``,`` or a full stop (abbreviations such as
    "etc." and an ellipsis are allowed; ``?`` and ``!`` are fine).

    ## Why is this bad?
    A heading is a title, not a sentence or a lead-in; a trailing colon is the most common
    slip (CheckWiki #57).

    ## Example
    ```wikitext
    == Symptoms: ==
    ```

    ## Use instead
    ```wikitext
    == Symptoms ==
    ```

    ## Fix safety
    Safe for a trailing colon, which is removed; other punctuation is left to an editor.
    """

    code = "SEC010"
    name = "heading-trailing-punctuation"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "SEC"
    severity = Severity.INFO
    checkwiki = 57
    fix_safety = FixSafety.SAFE

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            title = section.plain_title
            if not title or title[-1] not in ":;,.":
                continue
            last = title.split()[-1]
            if title.endswith("..") or last.lower() in _ABBREVIATIONS or last.count(".") > 1:
                continue
            yield self.finding(
                doc,
                section.start,
                f'Heading "{title}" ends with "{title[-1]}": remove the punctuation.',
            )

    def fix(self, doc: Document, ctx: Context) -> list:
        edits = []
        for section in doc.sections:
            core = str(section.heading.title).rstrip()
            if not core.endswith(":") or core.endswith("::"):
                continue
            if not section.plain_title.endswith(":"):
                continue
            at = section.start + section.level + len(core) - 1
            edits.append(self.edit(at, at + 1, "", "remove the colon after the heading"))
        return edits
