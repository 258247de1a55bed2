"""Where a page puts its references relative to punctuation, and which convention applies.

English Wikipedia (WP:REFPUNCT) and MEpedia put the footnote mark after the punctuation
(``word.<ref/>``); Russian and Ukrainian Wikipedia (ВП:СН, Довідка:Примітки) and French
typography put it before (``word<ref/>.``); German Wikipedia (Hilfe:Einzelnachweise) puts it
directly after the word it backs, before the punctuation, and after the punctuation when it
backs the whole sentence.  A profile's ``ref_punctuation`` names its convention; its
``ref_punctuation_by_category`` recognises a page of another wiki by the local name of the
Category namespace in the page's category links (``[[Kategorie:…]]``), which is the one
trace of the wiki's language that offline wikitext keeps.  ``"page"`` follows the page's own
established style (WP:CITEVAR).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mwparserfromhell.nodes import Wikilink

from bot.parse.cite import cite_analysis
from bot.parse.prose import starts_text
from bot.profiles import Profile

__all__ = ["PUNCTUATION", "RefRun", "established_style", "ref_punctuation", "ref_runs"]

PUNCTUATION = ".,;:!?"
#: marks that are wiki markup when they follow a reference even if the parser left them as
#: text (an unparsed table): table cell separators
MARKUP = ("!!", "||")
#: a page has established "before" style when at least this many of its runs of references
#: touch punctuation, and at least this share of them stand before it
MIN_SITES = 3
BEFORE_SHARE = 0.75


@dataclass(frozen=True)
class RefRun:
    """A run of adjacent references in the text (not in a list or template)."""

    start: int
    end: int
    #: the punctuation mark right after the run ("" for none or markup)
    mark_after: str
    #: the punctuation mark right before the run ("" for none)
    mark_before: str


def ref_runs(doc, profile: Profile) -> list[RefRun]:
    """The page's runs of references in running text, in document order."""
    def build():
        text = doc.text
        refs = [r for r in cite_analysis(doc, profile).refs
                if r.list_group is None and not r.in_template]
        by_end = {ref.span.end: ref for ref in refs}
        starts = {ref.span.start for ref in refs}
        runs = []
        for ref in refs:
            if ref.span.end in starts:
                continue  # not the last of a run of references
            first = ref
            while first.span.start in by_end:
                first = by_end[first.span.start]
            mark = text[ref.span.end : ref.span.end + 1]
            if not (
                mark
                and mark in PUNCTUATION
                and starts_text(doc, ref.span.end)  # plain text follows, not markup
                and not text.startswith(MARKUP, ref.span.end)
            ):
                mark = ""
            before = text[first.span.start - 1 : first.span.start]
            runs.append(RefRun(first.span.start, ref.span.end, mark,
                               before if before and before in PUNCTUATION else ""))
        return runs

    return doc.memo(("ref-runs", profile.name), build)


def established_style(runs: list[RefRun]) -> str:
    """``"before"`` when the page clearly puts its references before punctuation (at least
    :data:`MIN_SITES` runs touch punctuation, :data:`BEFORE_SHARE` of them before it), else
    ``"after"``: a page with mixed or too little evidence keeps the profile's default."""
    before = sum(1 for run in runs if run.mark_after and not run.mark_before)
    after = sum(1 for run in runs if run.mark_before and not run.mark_after)
    if before >= MIN_SITES and before >= BEFORE_SHARE * (before + after):
        return "before"
    return "after"


def _category_style(doc, profile: Profile) -> str | None:
    """The convention of the wiki whose Category namespace name the page's category links
    use (the most used one), or None when the profile knows none of them."""
    table = profile.ref_punctuation_by_category
    if not table:
        return None
    styles: Counter = Counter()
    for span in doc.index.of(Wikilink):
        # the link's source text is "[[" and its title, then the rest: when the title has a
        # ":", the text's first ":" is that one, so a link whose text shows no known prefix
        # is passed over without building its title
        prefix, colon, _ = str(span.node)[2:].partition(":")
        if not colon or prefix.strip().casefold() not in table:
            continue
        prefix, colon, _ = str(span.node.title).partition(":")
        if colon and prefix.strip().casefold() in table:  # ":Kategorie:X" links to it
            styles[table[prefix.strip().casefold()]] += 1
    return styles.most_common(1)[0][0] if styles else None


def ref_punctuation(doc, profile: Profile) -> str:
    """The convention that applies to the page: ``"after"``, ``"before"`` or ``"any"``
    (that of its wiki when its category links name one the profile knows, else the
    profile's; ``"page"`` resolved to the page's established style)."""
    style = _category_style(doc, profile) or profile.ref_punctuation
    if style == "page":
        style = established_style(ref_runs(doc, profile))
    return style
