"""Check :func:`bot.parse.stream.token_spans` against the tree walk on one text.

Used by the tests and by ``scripts/golden spans`` (every corpus page).
"""

from __future__ import annotations

import mwparserfromhell
from mwparserfromhell.nodes import Heading, Tag

from bot.parse.lazy import LAZY_CLASSES, lazy_tag_name, materialize, tag_attributes
from bot.parse.spans import iter_spans
from bot.parse.stream import token_spans

__all__ = ["stream_problems"]

_BASE = {lazy: base for base, lazy in LAZY_CLASSES.items()}


def _kind(node) -> str:
    return _BASE.get(type(node), type(node)).__name__


def _params(template) -> list:
    return [(str(p.name), p.showkey, "".join(str(n) for n in p.value.nodes))
            for p in template.params]


def _read_by_offset(node):
    """What the rules read of a tag or heading without building it (a built node answers
    the same from its tree): a tag's attributes and contents, a heading's title."""
    if isinstance(node, Tag):
        contents = None if node.self_closing else str(node.contents)
        return tag_attributes(node), contents
    if isinstance(node, Heading):
        return str(node.title)
    return None


def stream_problems(text: str) -> list[str]:
    """Where the one-pass spans differ from the spans of the built tree (empty: none).

    The same nodes in the same order, with the same ancestors; every node, once built from
    its tokens, serialises to exactly its slice of the text and says what the tree's node
    says about its name, markup and level; positions equal the tree walk's wherever the
    tree walk's own invariant holds (it can misplace text that repeats the markup before it,
    as the value ``=`` of ``|a==``).
    """
    tree = list(iter_spans(mwparserfromhell.parse(text, skip_style_tags=True)))
    spans = token_spans(text)
    if len(tree) != len(spans):
        return [f"{len(spans)} spans from the tokens, {len(tree)} from the tree"]
    problems = []
    for i, (old, new) in enumerate(zip(tree, spans, strict=True)):
        lazy_name = lazy_tag_name(new.node)
        read = _read_by_offset(new.node)  # before the node is built
        materialize(new.node)
        where = f"span {i} ({_kind(old.node)} at {old.start})"
        if _kind(old.node) != _kind(new.node):
            problems.append(f"{where}: {_kind(new.node)} from the tokens")
        elif [_kind(a) for a in old.ancestors] != [_kind(a) for a in new.ancestors]:
            problems.append(f"{where}: other ancestors")
        elif str(new.node) != text[new.start : new.end]:
            problems.append(f"{where}: the node is not its text slice [{new.start}:{new.end}]")
        elif str(old.node) != str(new.node):
            problems.append(f"{where}: another node")
        elif text[old.start : old.end] == str(old.node) and (old.start, old.end) != (
            new.start, new.end
        ):
            problems.append(f"{where}: placed at [{new.start}:{new.end}]")
        elif _kind(new.node) == "Tag" and not new.node.self_closing and "".join(
            str(n) for n in new.node.contents.nodes
        ) != str(old.node.contents):
            problems.append(f"{where}: other contents once built")
        elif _kind(new.node) == "Template" and _params(new.node) != _params(old.node):
            problems.append(f"{where}: other parameters once built")
        elif read is not None and read != _read_by_offset(old.node):
            problems.append(f"{where}: other attributes, contents or title read by offset")
        elif lazy_name is not None and lazy_name != str(old.node.tag).strip().lower():
            problems.append(f"{where}: tag name {lazy_name!r}")
        else:
            for attribute in ("wiki_markup", "self_closing", "level", "name", "brackets"):
                if hasattr(old.node, attribute) and str(getattr(old.node, attribute)) != str(
                    getattr(new.node, attribute)
                ):
                    problems.append(f"{where}: other {attribute}")
        if len(problems) >= 5:
            break
    return problems
