"""REF011 ref-before-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.refstyle import PUNCTUATION, ref_punctuation, ref_runs
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["RefBeforePunctuation"]


class RefBeforePunctuation(Rule):
    """Reference placed before punctuation.

    ## What it does
    Reports a reference (or a run of references) directly followed by ``. , ; : ! ?``.
    References go after punctuation (WP:REFPUNCT, MEpedia style; CheckWiki #61), except
    before dashes and closing parentheses, which are not reported, and on wikis whose
    convention differs (see Options).  Only sentence punctuation counts: a mark that is
    wiki markup (the ``!!`` / ``||`` between table cells, the ``:`` after a ``;term`` of a
    description list) is not punctuation.

    ## Why is this bad?
    The footnote mark floats before the full stop, which looks like a typo and can attach
    the citation to the wrong clause.

    ## Example
    ```wikitext
    B12 is a vitamin<ref>Smith 2015</ref>.
    ```

    ## Use instead
    ```wikitext
    B12 is a vitamin.<ref>Smith 2015</ref>
    ```

    ## Fix safety
    Safe: the punctuation mark moves in front of the run of references.  Skipped when the
    text already ends with punctuation or another mark follows (an ellipsis, ".,").

    ## Options
    The profile's ``ref_punctuation`` says where the wiki puts references: ``"after"``
    (the default: WP:REFPUNCT, MEpedia), ``"before"`` (Russian and Ukrainian Wikipedia,
    French typography: nothing is reported), ``"any"`` (German Wikipedia attaches a
    reference that backs one word to that word, before the punctuation: nothing is
    reported) or ``"page"`` (the page's own established style, WP:CITEVAR: nothing is
    reported on a page where at least 3 runs of references touch punctuation and at least
    3 in 4 of them stand before it).  ``ref_punctuation_by_category`` gives other wikis'
    conventions by the local name of the Category namespace that the page's category links
    use (``Kategorie = "any"``): the ``wikipedia`` profile knows German, French, Russian and
    Ukrainian Wikipedia this way and follows WP:REFPUNCT elsewhere.
    """

    code = "REF011"
    name = "ref-before-punctuation"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "REF"
    severity = Severity.WARNING
    checkwiki = 61
    fix_safety = FixSafety.SAFE

    def _runs(self, doc: Document, ctx: Context):
        """(first ref start, last ref end, mark) for each run of refs before punctuation."""
        runs = [run for run in ref_runs(doc, ctx.profile) if run.mark_after]
        if runs and ref_punctuation(doc, ctx.profile) == "after":
            # (else the page's wiki puts, or may put, references before punctuation)
            for run in runs:
                yield run.start, run.end, run.mark_after

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for start, _, mark in self._runs(doc, ctx):
            yield self.finding(
                doc, start,
                f'The reference comes before "{mark}": put the punctuation first, then the '
                f"reference.",
            )

    def fix(self, doc: Document, ctx: Context) -> list:
        text = doc.text
        edits = []
        for start, end, mark in self._runs(doc, ctx):
            before, after = text[start - 1 : start], text[end + 1 : end + 2]
            if (before and before in PUNCTUATION) or (after and after in PUNCTUATION):
                continue  # "x.<ref/>." or an ellipsis: not a mechanical case
            edits.append(self.edit(start, end + 1, mark + text[start:end],
                                   f'move "{mark}" before the reference'))
        return edits
