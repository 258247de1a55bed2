"""The safety properties every fix must keep, as checks that can be run on any result.

- lossless: every word (``\\w+`` token outside tag markup; comments count), every link
  target and every word inside a reference of the original is still in the fixed text
  (inside a reference), except what the fixes declared they drop;
- minimal: within each pass, the bytes outside the edited spans are identical.
"""

from __future__ import annotations

import re
from collections import Counter

from mwparserfromhell.nodes import ExternalLink, Tag, Wikilink

from bot.fixes.edit import Edit
from bot.fixes.engine import FixResult
from bot.parse.tokenizer import parse as parse_tree

__all__ = ["lossless_violations", "minimal_violations"]

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # tag markup (not comments): names, attributes


def _words(text: str) -> Counter:
    """The words of the text, leaving out tag markup such as <ref name="x" />."""
    return Counter(_WORD.findall(_TAG.sub(" ", text)))


def _links_and_refs(text: str) -> tuple[Counter, Counter]:
    """(link targets, words inside reference contents), both as multisets."""
    code = parse_tree(text)
    links = Counter()
    refs = Counter()
    for node in code.filter(recursive=True, forcetype=(Wikilink, ExternalLink, Tag)):
        if isinstance(node, Wikilink):
            links[str(node.title).strip()] += 1
        elif isinstance(node, ExternalLink):
            links[str(node.url).strip()] += 1
        elif str(node.tag).strip().lower() == "ref" and not node.self_closing:
            refs.update(_words(str(node.contents)))  # not +=: that rescans all of refs
    return links, refs


def lossless_violations(original: str, fixed: str, drops: list[str]) -> list[str]:
    """What the fixed text lost that no fix declared; empty when nothing was lost."""
    problems = []
    lost = _words(original) - _words(fixed) - _words(" ".join(drops))
    if lost:
        problems.append(f"words lost: {', '.join(sorted(lost)[:10])}")
    old_links, old_refs = _links_and_refs(original)
    new_links, new_refs = _links_and_refs(fixed)
    dropped_links, _ = _links_and_refs(" ".join(drops))
    missing_links = old_links - new_links - dropped_links
    if missing_links:
        problems.append(f"links lost: {', '.join(sorted(missing_links)[:5])}")
    # fixes may edit inside a citation (a parameter renamed, a duplicate dropped): what
    # must survive is every word of every reference, less what the fixes declared
    missing_ref_words = old_refs - new_refs - _words(" ".join(drops))
    if missing_ref_words:
        problems.append(f"reference content lost: {', '.join(sorted(missing_ref_words)[:10])}")
    return problems


def minimal_violations(result: FixResult) -> list[str]:
    """Passes whose output differs from their input outside the edited spans."""
    problems = []
    for index, (before, edits) in enumerate(result.passes):
        after = result.passes[index + 1][0] if index + 1 < len(result.passes) else result.text
        if _rebuild(before, edits) != after:
            problems.append(f"pass {index + 1}: text changed outside the edited spans")
            continue
        # every byte outside the spans is carried over unchanged, in order
        pos, shift = 0, 0
        for edit in edits:
            if before[pos : edit.start] != after[pos + shift : edit.start + shift]:
                problems.append(f"pass {index + 1}: bytes before offset {edit.start} changed")
            shift += len(edit.replacement) - (edit.end - edit.start)
            pos = edit.end
        if before[pos:] != after[pos + shift :]:
            problems.append(f"pass {index + 1}: bytes after the last edit changed")
    return problems


def _rebuild(text: str, edits: list[Edit]) -> str:
    parts, pos = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        parts += [text[pos : edit.start], edit.replacement]
        pos = edit.end
    return "".join([*parts, text[pos:]])
