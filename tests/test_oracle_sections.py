"""MediaWiki is the oracle for headings: our section model must match `action=parse`.

For every input (samples, edge cases, ../shared/corpus and MediaWiki's own heading parser
tests when present), compare level, title and order of the page's own headings with
`prop=sections`.  Prints the agreement rate and every disagreement with its reason.
Pages where MediaWiki itself fails (an internal exception) are counted as "oracle
unavailable", printed, and not compared.
Run alone:  .venv/bin/python -m pytest tests/test_oracle_sections.py -s
Every corpus page:  scripts/corpus oracle
"""

from __future__ import annotations

from bot.parse.document import Document
from oracle import mw_sections, oracle_inputs, our_sections, render

PEER_TESTS = "mediawiki-core/headings.txt"


_TITLE_ONLY = "same heading and level; only the displayed title text differs"
_ONLY_EQUALS = "a line of only '=' signs: MediaWiki makes a heading of it, mwparserfromhell not"
_BROKEN_BRACES = ("broken brace markup in a heading line: MediaWiki's preprocessor drops the "
                  "heading, mwparserfromhell keeps it")

#: tests of MediaWiki's headings.txt where our section model knowingly differs, with the
#: reason (none occurs on a corpus page).  A test that starts to agree should leave here.
KNOWN = {
    "Ensure comments in toc lines are stripped": _TITLE_ONLY + " (an unknown <html> tag)",
    "Handle extension content in section headers properly (non-Cite version)":
        _TITLE_ONLY + " (an unregistered extension tag shown as text)",
    "T35845: Headings become cursive in TOC when they contain an image":
        _TITLE_ONLY + " (Image: is shown as File:)",
    "Tags with parameters in TOC": _TITLE_ONLY + " (tag content dropped from the TOC)",
    "T198618: style element in ToC": _TITLE_ONLY + " (<style> kept as text)",
    "T198618: script element in ToC": _TITLE_ONLY + " (<script> kept as text)",
    "Decoding of HTML entities in headings and links for IDs and link fragments (T103714)":
        _TITLE_ONLY + " (entities escaped twice)",
    "Decoding of HTML entities in headings and links for IDs and link fragments (T103714) "
    "(legacy)": _TITLE_ONLY + " (entities escaped twice)",
    "Short headings with trailing space should match behavior of Parser::doHeadings (T21910)":
        _ONLY_EQUALS,
    "Sectiion with all-equals": _ONLY_EQUALS,
    "Headings: 4d. Short headings (2)": _ONLY_EQUALS,
    "Headings: Used as horizontal rule": _ONLY_EQUALS,
    "HHP2.1: Heuristics for headings in preprocessor parenthetical structures": _BROKEN_BRACES,
    "Unclosed wiklink in heading": _BROKEN_BRACES,
    "Unclosed template in heading": _BROKEN_BRACES,
    "Unclosed templatearg in heading": _BROKEN_BRACES,
    "Unclosed langconv in heading": _BROKEN_BRACES,
    "Preprocessor precedence 15: broken brace markup in headings": _BROKEN_BRACES,
    "Image with heading and horizontal rule in caption":
        "a heading inside an image caption: MediaWiki renders it, mwparserfromhell reads the "
        "caption as link text",
}


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
    total, disagreements, known, unavailable = 0, [], [], []
    for item in oracle_inputs(PEER_TESTS):
        parsed = render(wiki_api, item, prop="sections")
        if isinstance(parsed, str):
            unavailable.append(f"{item.name}: {parsed}")
            continue
        total += 1
        reason = explain(our_sections(Document(item.title, item.text)), mw_sections(parsed))
        test = item.name.partition(": ")[2]
        if reason and item.title == "Parser test" and test in KNOWN:
            known.append(f"{item.name}: {reason} -- {KNOWN[test]}")
        elif reason:
            disagreements.append(f"{item.name}: {reason}")
    rate = 100 * (total - len(disagreements) - len(known)) / total
    print(f"\nsection oracle: {total} inputs compared, agreement {rate:.2f}% "
          f"({len(disagreements)} unexplained, {len(known)} explained (MediaWiki's parser "
          f"tests), {len(unavailable)} oracle unavailable)")
    for line in disagreements:
        print("  DIFF ", line)
    for line in known:
        print("  KNOWN", line)
    for line in unavailable:
        print("  N/A  ", line)
    assert disagreements == []
