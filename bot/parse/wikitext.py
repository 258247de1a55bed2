"""Small questions about nodes that several rules ask."""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Comment, Tag, Template, Text, Wikilink

from bot.parse.lazy import lazy_tag_name

__all__ = ["is_invisible", "tag_name", "template_names"]

_BEHAVIOR_SWITCH = re.compile(r"__[A-Z]+__")
#: Parser functions/variables whose call renders nothing where it stands.
_SILENT_MAGIC = ("DEFAULTSORT:", "DEFAULTSORTKEY:", "DEFAULTCATEGORYSORT:", "DISPLAYTITLE:")


def tag_name(tag: Tag) -> str:
    """The tag's name, stripped and lower-cased (without building a lazy tag)."""
    name = lazy_tag_name(tag)
    return name if name is not None else str(tag.tag).strip().lower()


def template_names(doc) -> list[tuple]:
    """(span, ``str(node.name)``) of every template of ``doc``, in document order.

    The Cite replay, the ref templates and the CS1 citations each look at every template's
    name; reading a (lazy) name is a method call per template, so the page does it once
    (``doc.memo``) and they share the list.
    """
    return doc.memo("template-names", lambda: [
        (span, str(span.node.name)) for span in doc.index.of(Template)])


def is_invisible(node, category_prefixes: tuple[str, ...] = ("Category",)) -> bool:
    """True when the node shows nothing in the article body where it stands.

    Whitespace, comments, behaviour switches (``__NOTOC__``), category links and
    ``{{DEFAULTSORT:...}}``-style magic words render nothing in the text flow.
    """
    if isinstance(node, Comment):
        return True
    if isinstance(node, Text):
        return not _BEHAVIOR_SWITCH.sub("", str(node)).strip()
    if isinstance(node, Wikilink):
        # the link's text is "[[" + title + ...: a title with a category prefix shows it
        # before the text's first ":", so other links are answered without building them
        prefix, colon, _ = str(node)[2:].partition(":")
        if not colon or prefix.strip().casefold() not in {
            p.casefold() for p in category_prefixes
        }:
            return False
        target = str(node.title).strip()
        prefix, colon, _ = target.partition(":")
        return bool(colon) and prefix.strip().casefold() in {
            p.casefold() for p in category_prefixes
        }
    if isinstance(node, Template):
        name = str(node.name).strip().upper()
        return name.startswith(_SILENT_MAGIC)
    return False
