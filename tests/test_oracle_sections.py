"""MediaWiki is the oracle for headings: our section model must match `action=parse`.

For every input (samples, edge cases, ../shared/corpus and MediaWiki's own heading parser
tests when present), compare level, title and order of the page's own headings with
`prop=sections`.  Prints the agreement rate and every disagreement with its reason.
Run alone:  .venv/bin/python -m pytest tests/test_oracle_sections.py -s
"""

from __future__ import annotations

from bot.parse.document import Document
from oracle import mw_sections, oracle_inputs, our_sections

PEER_TESTS = "peer-tests/mediawiki-core/headings.txt"


def explain(ours, theirs) -> str | None:
    """None when the two agree; else the reason they differ."""
    if len(ours) != len(theirs):
        return f"{len(ours)} headings here, {len(theirs)} in MediaWiki: {ours} vs {theirs}"
    for (level, title, templated), (mw_level, mw_title) in zip(ours, theirs, strict=True):
        if level != mw_level:
            return f"level {level} vs {mw_level} for {title!r}"
        if not templated and title != mw_title:
            return f"title {title!r} vs {mw_title!r}"
    return None


def test_sections_agree_with_mediawiki(wiki_api):
    """Every input's headings match MediaWiki's parse (levels, titles, order)."""
    total, disagreements = 0, []
    for item in oracle_inputs(PEER_TESTS):
        total += 1
        parsed = wiki_api.parse(text=item.text, prop="sections", title=item.title)
        reason = explain(our_sections(Document(item.title, item.text)), mw_sections(parsed))
        if reason:
            disagreements.append(f"{item.name}: {reason}")
    rate = 100 * (total - len(disagreements)) / total
    print(f"\nsection oracle: {total} inputs, agreement {rate:.2f}% "
          f"({len(disagreements)} disagreements)")
    for line in disagreements:
        print("  DIFF", line)
    assert disagreements == []
