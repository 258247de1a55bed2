"""REF006 duplicate-ref-content."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["DuplicateRefContent"]


class DuplicateRefContent(Rule):
    """The same citation given more than once.

    ## What it does
    Reports a reference whose content (spacing ignored) repeats an earlier reference of the
    same group: either two unnamed references, or the same content under two names
    (CheckWiki #81).

    ## Why is this bad?
    The reference list shows the same source twice under two numbers.  Name it once and
    reuse it with ``<ref name="…" />``.

    ## Example
    ```wikitext
    A.<ref>Smith 2015</ref> B.<ref>Smith 2015</ref>
    ```

    ## Use instead
    ```wikitext
    A.<ref name="smith">Smith 2015</ref> B.<ref name="smith" />
    ```

    ## Fix safety
    No automatic fix yet (merging into one named reference is planned as a safe fix).
    """

    code = "REF006"
    name = "duplicate-ref-content"
    family = "REF"
    severity = Severity.WARNING
    checkwiki = 81

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        first: dict[tuple[str, str], object] = {}
        for ref in cite_analysis(doc, ctx.profile).refs:
            if not ref.defines:
                continue
            key = (ref.group, " ".join(ref.text.split()))
            earlier = first.setdefault(key, ref)
            if earlier is ref or (ref.name and ref.name == earlier.name):
                continue  # first sight, or a conflict/reuse of the same name (REF005)
            if earlier.name and ref.name:
                how = f'under two names, "{earlier.name}" and "{ref.name}"'
            else:
                how = "twice"
            yield self.finding(
                doc, ref.span.start,
                f"The same citation is given {how}: name the first one and reuse it with "
                f'<ref name="…" />.',
            )
