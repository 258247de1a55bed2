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
    Text,
    Wikilink,
)
from mwparserfromhell.nodes.extras import Parameter
from mwparserfromhell.parser import tokens as _tokens
from mwparserfromhell.parser.builder import Builder
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

from bot.parse.texts import text_node

__all__ = ["LAZY_CLASSES", "LazyWikicode", "build", "lazy_tag_name", "lazy_wikicode",
           "materialize", "nodes_of", "plain_heading_title", "tag_attributes", "tag_contents_text",
           "template_parameters"]


class _Lazy:
    """Mix-in: builds the real node from ``_lazy`` = (tokens, first, end, text, start, stop)
    on the first access to a missing attribute."""

    __slots__ = ()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        part = _lazy_part(self, name)
        if part is not None:
            return part
        if not materialize(self):
            raise AttributeError(name)
        return getattr(self, name)

    def __str__(self) -> str:
        source = self.__dict__.get("_lazy")
        if source is not None:
            return source[3][source[4] : source[5]]
        return super().__str__()


def build(tokens: list, *ranges: tuple[int, int]) -> Wikicode:
    """mwparserfromhell's builder over ``tokens[a:b]`` for each (a, b) in ``ranges``, joined.

    :func:`bot.parse.stream.token_spans` keeps the page's tokens compact: a text token is
    kept as its text, a token without attributes as its class; they are made tokens again
    here, for the few nodes a rule looks inside.
    """
    text_token = _tokens.Text
    restored = []
    for a, b in ranges:
        for token in tokens[a:b]:
            if token.__class__ is str:
                token = text_token(text=token)
            elif token.__class__ is type:
                token = token()
            restored.append(token)
    return Builder().build(restored)


def _lazy_part(node, name: str):
    """A tag's contents or a heading's title, made lazy without building the node; None for
    any other attribute (or once the node is built).  When the node is built later, it keeps
    this part (:func:`materialize` does not replace what the node has)."""
    state = node.__dict__
    source = state.get("_lazy")
    if source is None:
        return None
    if name == "_contents" and "_lazy_contents" in state:
        c_first, c_end, c_start, c_stop, kids = state["_lazy_contents"]
        tokens, text = source[0], source[3]
        part = lazy_wikicode(tokens, c_first, c_end, text, c_start, c_stop, kids)
    elif name == "_title" and isinstance(node, Heading):
        tokens, first, end, text, start, stop = source
        level = state["_level"]
        part = lazy_wikicode(tokens, first + 1, end - 1, text, start + level, stop - level,
                              None)
    else:
        return None
    state[name] = part
    return part


def materialize(node) -> bool:
    """Build ``node`` from its tokens now; False when it is already built (or not lazy).

    A tag's contents stay lazy themselves (a :class:`LazyWikicode`): a ``<ref>``'s attributes
    and text are read far more often than the nodes inside it.
    """
    state = node.__dict__
    source = state.pop("_lazy", None)
    if source is None:
        return False
    tokens, first, end, text = source[:4]
    params = state.pop("_lazy_params", None)
    if isinstance(node, Template):
        state["_params"] = _parameters(tokens, text, params or [], end - 1)
        return True
    contents = state.pop("_lazy_contents", None)
    if contents is None:
        built = build(tokens, (first, end)).nodes[0]
    else:  # build the tag without its contents, then give it lazy contents
        c_first, c_end, c_start, c_stop, kids = contents
        built = build(tokens, (first, c_first), (c_end, end)).nodes[0]
        built._contents = lazy_wikicode(tokens, c_first, c_end, text, c_start, c_stop, kids)
    for key, value in built.__dict__.items():
        if key not in state:  # keep what was set when the node was placed (a template's name)
            state[key] = value
    return True


def lazy_wikicode(tokens, first, end, text, start, stop, kids) -> LazyWikicode:
    """A wikicode of ``tokens[first:end]`` (``text[start:stop]``); ``kids``: its nodes, when
    already placed (the spans' own nodes), else None (built from the tokens)."""
    code = LazyWikicode.__new__(LazyWikicode)
    code._lazy = (tokens, first, end, text, start, stop, kids)
    return code


def _parameters(tokens, text, params, close) -> list[Parameter]:
    """A template's parameters as the builder makes them, with lazy values.

    ``params`` holds, per parameter, the index of its ``|`` token, of its ``=`` token (or -1),
    and where its value starts and ends in the text, and the nodes of its name and value
    when they were placed (else None); ``close`` is the index of ``}}``.
    """
    out = []
    default = 1
    for k, (separator, equals, start, stop, name, value, name_start) in enumerate(params):
        end = params[k + 1][0] if k + 1 < len(params) else close
        param = Parameter.__new__(Parameter)
        if equals >= 0:
            param._name = lazy_wikicode(tokens, separator + 1, equals, text, name_start,
                                        start - 1, name)
            param._value = lazy_wikicode(tokens, equals + 1, end, text, start, stop, value)
            param._showkey = True
        else:
            param._name = Wikicode(SmartList([Text(str(default))]))
            param._value = lazy_wikicode(tokens, separator + 1, end, text, start, stop, value)
            param._showkey = False
            default += 1
        out.append(param)
    return out


class LazyWikicode(Wikicode):
    """A wikicode (a tag's contents) whose nodes are built on first use."""

    def __getattr__(self, name):
        source = self.__dict__.pop("_lazy", None) if not name.startswith("__") else None
        if source is None:
            raise AttributeError(name)
        tokens, first, end = source[:3]
        kids = source[6]
        self._nodes = SmartList(nodes_of(kids)) if kids is not None else (
            build(tokens, (first, end))._nodes)
        return getattr(self, name)

    def __str__(self) -> str:
        source = self.__dict__.get("_lazy")
        if source is not None:
            return source[3][source[4] : source[5]]
        return super().__str__()


def nodes_of(kids: list) -> list:
    """The nodes a wikicode's ``kids`` stand for: :func:`bot.parse.stream.place` keeps a
    text node as its text until then (see :mod:`bot.parse.texts`)."""
    return [text_node(kid) if kid.__class__ is str else kid for kid in kids]


def lazy_tag_name(tag) -> str | None:
    """The tag's name, lower-cased and stripped, when known without building the tag."""
    return tag.__dict__.get("_lazy_name")


def tag_attributes(tag) -> list[tuple[str, str | None]]:
    """The tag's attributes as (name, value) source texts, value None for a bare name; read
    from the page text while the tag is not built (``str(attr.name)``, ``str(attr.value)``)."""
    state = tag.__dict__
    source, offsets = state.get("_lazy"), state.get("_lazy_attrs")
    if source is not None and offsets is not None:
        text = source[3]
        return [(text[a:b], text[c:d] if c >= 0 else None) for a, b, c, d in offsets]
    return [(str(a.name), None if a.value is None else str(a.value)) for a in tag.attributes]


def tag_contents_text(tag) -> str:
    """``str(tag.contents)``, read from the page text while the contents are not made."""
    state = tag.__dict__
    contents, source = state.get("_lazy_contents"), state.get("_lazy")
    if contents is not None and source is not None and "_contents" not in state:
        return source[3][contents[2] : contents[3]]
    return str(tag.contents)


def plain_heading_title(heading) -> str | None:
    """The heading's title when it is one plain text node (its nodes not built), else None:
    read from the tokens, as those of most headings are one text token."""
    state = heading.__dict__
    source, title = state.get("_lazy"), state.get("_title")
    if source is None or (title is not None and "_lazy" not in title.__dict__):
        return None  # the node or its title is built (and could have been changed)
    tokens, first, end = source[:3]
    if end - first == 3 and tokens[first + 1].__class__ is str:
        return tokens[first + 1]
    return None


def template_parameters(template) -> list[tuple[str, str, bool]]:
    """(name, value, named) source texts of each of the template's parameters, in order, as
    ``str(p.name).strip()``, ``str(p.value)``, ``p.showkey`` (unnamed ones numbered from 1);
    read from the page text while the template is not built."""
    state = template.__dict__
    source = state.get("_lazy")
    if source is None:
        return [(str(p.name).strip(), str(p.value), p.showkey) for p in template.params]
    text = source[3]
    out = []
    default = 1
    for _, equals, start, stop, _, _, name_start in state.get("_lazy_params") or ():
        if equals >= 0:  # the name ends at the "=" before the value (as _parameters)
            out.append((text[name_start : start - 1].strip(), text[start:stop], True))
        else:
            out.append((str(default), text[start:stop], False))
            default += 1
    return out


def _subclass(base: type) -> type:
    return type(f"Lazy{base.__name__}", (_Lazy, base), {"__module__": __name__})


#: mwparserfromhell node class -> its lazy subclass
LAZY_CLASSES: dict[type, type] = {
    cls: _subclass(cls)
    for cls in (Argument, Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Wikilink)
}
