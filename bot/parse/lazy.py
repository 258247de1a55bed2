"""mwparserfromhell nodes that are built only when a rule looks inside them.

:mod:`bot.parse.stream` places every node of a page from the tokenizer's output without
running mwparserfromhell's (pure-Python) tree builder.  Each node it reports is an instance
of a subclass of the real node class (``isinstance(node, Template)`` holds), holding the
tokens it was made from.  The first access to an attribute the node does not have yet
(``params``, ``contents``, ...) runs mwparserfromhell's own :class:`Builder` on those tokens
and takes over the attributes of the node it builds, so from then on the node is an ordinary
mwparserfromhell node.  Until then ``str(node)`` is the node's slice of the page text.

A few cheap facts are set when the node is placed, so the questions every rule asks of every
node do not build it: a tag's name (:func:`lazy_tag_name`), wiki markup and self-closing flag,
a heading's level, a template's name.
"""

from __future__ import annotations

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Wikilink,
)
from mwparserfromhell.parser.builder import Builder

__all__ = ["LAZY_CLASSES", "lazy_tag_name", "materialize"]


class _Lazy:
    """Mix-in: builds the real node from ``_lazy`` = (tokens, first, end, text, start, stop)
    on the first access to a missing attribute."""

    __slots__ = ()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if not materialize(self):
            raise AttributeError(name)
        return getattr(self, name)

    def __str__(self) -> str:
        source = self.__dict__.get("_lazy")
        if source is not None:
            return source[3][source[4] : source[5]]
        return super().__str__()


def materialize(node) -> bool:
    """Build ``node`` from its tokens now; False when it is already built (or not lazy)."""
    state = node.__dict__
    source = state.pop("_lazy", None)
    if source is None:
        return False
    tokens, first, end = source[:3]
    built = Builder().build(tokens[first:end]).nodes[0]
    for key, value in built.__dict__.items():
        if key not in state:  # keep what was set when the node was placed (a template's name)
            state[key] = value
    return True


def lazy_tag_name(tag) -> str | None:
    """The tag's name, lower-cased and stripped, when known without building the tag."""
    return tag.__dict__.get("_lazy_name")


def _subclass(base: type) -> type:
    return type(f"Lazy{base.__name__}", (_Lazy, base), {"__module__": __name__})


#: mwparserfromhell node class -> its lazy subclass
LAZY_CLASSES: dict[type, type] = {
    cls: _subclass(cls)
    for cls in (Argument, Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Wikilink)
}
