"""The page's node spans in one pass over mwparserfromhell's token stream.

mwparserfromhell's tokenizer (:mod:`bot.parse.tokenizer`) turns the text into tokens; its
pure-Python builder then makes a tree of nodes, and most of a parse's time goes to that
builder.  :func:`place` skips it: it walks the tokens once, keeps the source offset by adding
up what each token stands for in the text (``{{`` is 2 characters, a tag's attribute brings
its padding and quotes, a wiki-markup tag's name is not in the text at all...), and reports
the same nodes, in the same order, as :func:`bot.parse.spans.iter_spans` does over the built
tree: every node of every child wikicode, parents first; not the insides of comments and
HTML entities, nor a tag's closing name.  Text nodes, the bulk of a page, are kept as offsets
(:mod:`bot.parse.texts`: made when asked for); :func:`token_spans` lists them all with the
others.  Nodes other than text are :mod:`lazy <bot.parse.lazy>`: built from their own tokens
when a rule looks inside them; what rules ask of nearly every node (a tag's name and
attributes, a template's and its parameters' names, a tag's contents, a heading's title) is
read from the page text by offset.  The token list is kept compact for that later building
(a text token as its text, a token without attributes as its class: see
:func:`lazy.build`), and the spans come as a :class:`~bot.parse.spans.SpanList` that knows
where each node class is and which nodes are at the top level.

The offsets are checked against the tree walk on every corpus page and on random input
(tests/test_stream.py); if the token lengths ever fail to add up to the text's length,
:func:`place` raises :class:`StreamMismatch` and the caller falls back to the tree.
"""

from __future__ import annotations

from array import array

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
from mwparserfromhell.parser import tokens as T
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

from bot.parse.lazy import LAZY_CLASSES, build, lazy_wikicode, nodes_of
from bot.parse.spans import NodeSpan, SpanList
from bot.parse.texts import TextNodes
from bot.parse.tokenizer import tokenize

__all__ = ["StreamMismatch", "place", "token_spans"]


class StreamMismatch(Exception):
    """The token lengths did not add up to the text: a token kind this module misreads."""


# what opens a node: token type -> (node class, characters of the opening markup or None)
_OPENERS = {
    T.TemplateOpen: (Template, 2),
    T.ArgumentOpen: (Argument, 3),
    T.WikilinkOpen: (Wikilink, 2),
    T.CommentStart: (Comment, 4),
    T.HTMLEntityStart: (HTMLEntity, 1),
    T.HeadingStart: (Heading, None),
    T.ExternalLinkOpen: (ExternalLink, None),
    T.TagOpenOpen: (Tag, None),
}
_CLOSERS = {
    T.TemplateClose: 2, T.ArgumentClose: 3, T.WikilinkClose: 2, T.CommentEnd: 3,
    T.HTMLEntityEnd: 1, T.HeadingEnd: None, T.ExternalLinkClose: None,
    T.TagCloseClose: None, T.TagCloseSelfclose: None,
}
_ONE_CHAR = {
    T.TemplateParamSeparator, T.TemplateParamEquals, T.ArgumentSeparator,
    T.WikilinkSeparator, T.HTMLEntityNumeric,
}
_LEAVES = (Comment, HTMLEntity)  # their insides are not walked (as in iter_spans)
_TAG_NAME, _TAG_ATTRS, _TAG_CONTENTS, _TAG_CLOSING = range(4)


class _Frame:
    """A node being read: where it started, and what its children count for."""

    __slots__ = (
        "anc", "attr", "attrs", "cls", "contents", "contents_start", "count", "emit", "first",
        "index", "kids", "name_end", "name_kids", "name_stop", "names", "node", "params",
        "phase", "start", "wiki", "wiki_markup",
    )


def token_spans(text: str, tokens: list | None = None) -> list[NodeSpan]:
    """Every node of ``text`` with its offsets, as :func:`~bot.parse.spans.iter_spans`."""
    others, texts = place(text, tokens)
    return texts.merged(others)


def place(text: str, tokens: list | None = None) -> tuple[SpanList, TextNodes]:
    """The spans of ``text``'s nodes other than text, as :func:`token_spans` (in document
    order, parents first), and its text nodes, kept as offsets (:mod:`bot.parse.texts`)."""
    tokens = tokenize(text) if tokens is None else list(tokens)  # compacted below: a copy
    spans = SpanList()
    t_starts, t_values, t_ancestors = [], [], []
    t_top, top = array("l"), array("l")  # the top-level text nodes and other nodes
    add_start, add_value, add_ancestors = t_starts.append, t_values.append, t_ancestors.append
    by_class: dict[type, array] = {}  # node class -> where its spans are (not Text's)
    append = spans.append
    stack: list[_Frame] = []
    pos = 0
    anc: tuple = ()  # ancestors of the nodes being read now
    emit = count = True  # report the nodes read now; their text is in the page
    names: list | None = None  # the name of the tag just opened, while it is plain text
    # the nodes of the wikicode being read, where a node keeps them (a text node as its text)
    kids: list | None = None
    text_type, openers, closers, one_char = T.Text, _OPENERS, _CLOSERS, _ONE_CHAR
    new_span = tuple.__new__  # NodeSpan(...) without the Python-level __new__ of a NamedTuple
    for i, token in enumerate(tokens):
        kind = type(token)
        if kind is text_type:
            value = token["text"]
            tokens[i] = value  # compact: the text alone (lazy.build makes a token again)
            end = pos + len(value) if count else pos
            if emit:  # (then count is true too: its text is in the page)
                add_start(pos)
                add_value(value)
                add_ancestors(anc)
                if not stack:
                    t_top.append(len(t_starts) - 1)
                if kids is not None:
                    kids.append(value)
            if names is not None:
                names.append(value)
            pos = end
            continue
        if not token:
            tokens[i] = kind  # compact: no attributes, the class alone
        if kind in one_char:
            if count:
                pos += 1
            if kind is T.TemplateParamSeparator:
                frame = stack[-1]
                if frame.name_end < 0:
                    frame.name_end = i
                    frame.name_kids = kids
                    frame.name_stop = pos - 1
                    frame.params = []
                else:
                    frame.params[-1][3] = pos - 1
                kids = [] if frame.emit else None
                # [separator, "=" (or -1), where the value starts, where it ends,
                #  the nodes of the name, the nodes of the value, where the name starts]
                frame.params.append([i, -1, pos, 0, None, kids, pos])
            elif kind is T.TemplateParamEquals and stack[-1].cls is Template:
                param = stack[-1].params[-1]
                kids = [] if stack[-1].emit else None
                param[1], param[2], param[4], param[5] = i, pos, param[5], kids
            continue
        opener = openers.get(kind)
        if opener is not None:
            if names is not None:  # markup inside a tag's name: ask the built tag
                stack[-1].names = names = None
            cls, width = opener
            frame = _Frame()
            frame.cls, frame.first, frame.start, frame.anc = cls, i, pos, anc
            lazy = LAZY_CLASSES[cls]
            frame.node = node = lazy.__new__(lazy)
            frame.index = len(spans) if emit else -1
            frame.name_end = -1
            if emit:
                at = by_class.get(lazy)
                if at is None:
                    by_class[lazy] = at = array("l")
                at.append(frame.index)
                append(None)  # filled in when the node closes: parents come first
                if kids is not None:
                    kids.append(node)
            frame.kids = kids
            kids = [] if emit and cls is Template else None
            if cls is Tag:
                markup = token.get("wiki_markup")
                frame.wiki = bool(markup)
                frame.wiki_markup = markup
                frame.phase, frame.attr, frame.contents = _TAG_NAME, None, None
                frame.attrs = [] if count else None
                frame.names = names = []
                node._wiki_markup = str(markup) if markup else None
                width = len(markup) if markup else (2 if token.get("invalid") else 1)
            elif cls is Heading:
                width = node._level = token["level"]
            elif cls is ExternalLink:
                frame.wiki = bool(token.get("brackets"))  # for links: the brackets
                width = 1 if frame.wiki else 0
            if count:
                pos += width
            stack.append(frame)
            frame.emit, frame.count = emit, count
            if cls in _LEAVES:
                emit = False
            elif cls is Tag and frame.wiki:
                emit = count = False  # a wiki-markup tag's name ("li") is not in the text
            anc = (*anc, node)
            continue
        if not stack:
            raise StreamMismatch(f"token {kind.__name__} outside any node")
        frame = stack[-1]
        cls = frame.cls
        if cls is Tag:
            names = None
            if kind is T.TagCloseOpen:
                frame.contents = i + 1
            elif kind is T.TagOpenClose and frame.contents is not None:
                frame.node._lazy_contents = (frame.contents, i, frame.contents_start, pos, kids)
                kids = None
            pos, emit, count = _tag_token(frame, token, kind, pos, emit, count)
            if kind is T.TagCloseOpen:
                frame.contents_start = pos
                kids = [] if frame.emit else None
            if kind is not T.TagCloseClose and kind is not T.TagCloseSelfclose:
                continue
        elif kind in closers:
            width = closers[kind]
            if width is None:
                width = frame.node._level if cls is Heading else (1 if frame.wiki else 0)
            if count:
                pos += width
        elif kind is T.ExternalLinkSeparator:
            if count and not token.get("suppress_space"):
                pos += 1
            continue
        elif kind is T.HTMLEntityHex:
            if count:
                pos += len(token.get("char") or "")
            continue
        else:
            raise StreamMismatch(f"unexpected token {kind.__name__} in {cls.__name__}")
        # the node ends here
        stack.pop()
        if not stack:
            top.append(frame.index)
        node = frame.node
        node.__dict__["_lazy"] = (tokens, frame.first, i + 1, text, frame.start, pos)
        if cls is Template:
            if frame.name_end < 0:
                frame.name_end = i
                frame.name_kids = kids
                frame.name_stop = pos - 2
            else:
                frame.params[-1][3] = pos - 2
                node._lazy_params = frame.params
            if frame.count:  # the name's text is a slice of the page; its nodes when asked
                node._name = lazy_wikicode(tokens, frame.first + 1, frame.name_end, text,
                                           frame.start + 2, frame.name_stop, frame.name_kids)
            elif frame.name_kids is not None:
                node._name = Wikicode(SmartList(nodes_of(frame.name_kids)))
            else:
                node._name = build(tokens, (frame.first + 1, frame.name_end))
        emit, count, anc, kids = frame.emit, frame.count, frame.anc, frame.kids
        if frame.index >= 0:
            spans[frame.index] = new_span(NodeSpan, (node, frame.start, pos, anc))
    if stack or pos != len(text):
        raise StreamMismatch(f"tokens account for {pos} of {len(text)} characters")
    spans.by_class = by_class
    spans.top = top
    return spans, TextNodes(t_starts, t_values, t_ancestors, top=t_top)


def _tag_token(frame: _Frame, token, kind, pos: int, emit: bool, count: bool):
    """Advance over a token that belongs to the tag being read; new (pos, emit, count)."""
    wiki = frame.wiki
    if kind is T.TagAttrStart:
        pos = _end_attribute(frame, pos)
        if frame.phase == _TAG_NAME:
            _end_name(frame)
            emit, count = frame.emit, frame.count
        frame.phase = _TAG_ATTRS
        if count:
            pos += len(token.get("pad_first") or "")
        # [padding before "=", padding after it, has "=", quote, where the name starts,
        #  where the value starts]
        frame.attr = [token.get("pad_before_eq") or "", token.get("pad_after_eq") or "", False,
                      "", pos, pos]
        return pos, emit, count
    if kind is T.TagAttrEquals:
        attr = frame.attr
        attr[2] = True
        attr[5] = pos  # the name ends here
        if count:
            pos += len(attr[0]) + 1 + len(attr[1])
        attr.append(pos)
        return pos, emit, count
    if kind is T.TagAttrQuote:
        quote = token.get("char") or ""
        frame.attr[3] = quote
        if count:
            pos += len(quote)
        frame.attr[-1] = pos
        return pos, emit, count
    if kind is T.TagCloseOpen:
        pos = _end_attribute(frame, pos)
        if frame.phase == _TAG_NAME:
            _end_name(frame)
        _end_attributes(frame)
        emit, count = frame.emit, frame.count
        frame.phase = _TAG_CONTENTS
        frame.node._self_closing = False
        if count:
            pos += len(token.get("padding") or "")
            pos += len(token.get("wiki_markup") or "") if wiki else 1
        return pos, emit, count
    if kind is T.TagCloseSelfclose:
        pos = _end_attribute(frame, pos)
        if frame.phase == _TAG_NAME:
            _end_name(frame)
        _end_attributes(frame)
        frame.node._self_closing = True
        count = frame.count
        if count:
            pos += len(token.get("padding") or "")
            if not wiki:
                pos += 1 if token.get("implicit") else 2
        return pos, frame.emit, count
    if kind is T.TagOpenClose:
        frame.phase = _TAG_CLOSING
        count = frame.count
        if count:
            if wiki:
                markup = token.get("wiki_markup")
                pos += len(frame.wiki_markup if markup is None else markup)
            else:
                pos += 2
        # the closing name is in the text of an HTML-style tag, but is not reported
        return pos, False, count and not wiki
    if kind is T.TagCloseClose:
        count = frame.count
        if count and not wiki:
            pos += 1
        return pos, frame.emit, count
    raise StreamMismatch(f"unexpected token {kind.__name__} in a tag")


def _end_name(frame: _Frame) -> None:
    """The tag's name is read: note it (lower-cased, stripped) when it was plain text."""
    names = frame.names
    if names is not None:
        frame.node._lazy_name = "".join(names).strip().lower()
    frame.names = None


def _end_attributes(frame: _Frame) -> None:
    """The tag's attributes are read: note them, as (name, value or None) source texts."""
    if frame.attrs is not None:
        frame.node._lazy_attrs = frame.attrs
    frame.attrs = None


def _end_attribute(frame: _Frame, pos: int) -> int:
    """Close the attribute being read, if any: its closing quote or its padding."""
    attr = frame.attr
    if attr is None:
        return pos
    frame.attr = None
    if not frame.count:
        return pos
    attrs = frame.attrs
    if attr[2]:
        if attrs is not None:
            attrs.append((attr[4], attr[5], attr[6], pos))
        return pos + len(attr[3])
    if attrs is not None:
        attrs.append((attr[4], pos, -1, -1))
    return pos + len(attr[0])
