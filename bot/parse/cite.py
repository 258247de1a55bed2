"""What MediaWiki's Cite extension makes of the page's references, replayed offline.

:func:`analyse_refs` walks the ``<ref>`` tags and reference lists in document order and
mirrors Cite's reference stack (MediaWiki 1.39, ``Cite.php`` and ``ReferenceStack.php``):
the same validation order, the same rule that ``<ref name=x></ref>`` reuses ``x``, the same
raw-text comparison for conflicting definitions, the same "a list takes every reference of
its group seen so far".  Each problem becomes a :class:`CiteIssue` of one ``kind``; the REF
rules each report one kind.  The oracle test checks the result against Cite itself.

``{{#tag:ref|…}}`` and ``{{#tag:references|…}}`` are replayed as the tags they make (a
``#tag:ref`` acts where it ends, after the refs in its content); attribute values are decoded
as MediaWiki's Sanitizer does, and ``#tag`` arguments lose one pair of quotes as in
``CoreParserFunctions::tagObj``.

Offline we cannot expand templates.  An issue that a template on the page could explain (a
name or group that appears in a template's parameters) is marked ``template_dependent``.
"""

from __future__ import annotations

import html
import operator
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from mwparserfromhell.nodes import Tag, Template, Text

from bot.parse.lazy import tag_attributes, tag_contents_text, template_parameters
from bot.parse.spans import NodeSpan, SpanIndex
from bot.parse.texts import TextNodes
from bot.parse.wikitext import tag_name, template_names
from bot.profiles import Profile

__all__ = ["CiteAnalysis", "CiteIssue", "RefTag", "analyse_refs", "cite_analysis"]

REF_ATTRIBUTES = {"name", "group", "follow", "dir"}
LIST_ATTRIBUTES = {"group", "responsive"}
# complete tags other than <ref> (MediaWiki ends a <ref> at its first </ref>, so a <ref> in
# the content is always an unclosed one), and comments
_TAGS_AND_COMMENTS = re.compile(r"<(?!ref\b)(\w+)[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_OPENING_REF = re.compile(r"<ref(erences)?\b[^>]*>", re.I)
#: tags whose content is not page wikitext to Cite: MediaWiki keeps it verbatim, or an
#: extension (CharInsert, Score, ...) reads it as its own input; <gallery> captions are
#: parsed by MediaWiki but arrive here as one text, so a <ref> in one is left alone
_NOT_PARSED = {"includeonly", "nowiki", "pre", "math", "source", "syntaxhighlight",
               "gallery", "charinsert", "categorytree", "ce", "chem", "graph", "hiero",
               "inputbox", "score", "templatedata", "timeline", "mapframe", "maplink"}
#: an opaque tag the parser left as text (its content did not parse): ``<charinsert>…``
_OPAQUE_TEXT = re.compile(
    r"<(" + "|".join(sorted(_NOT_PARSED)) + r")\b[^>]*>.*?<\s*/\s*\1\s*>", re.I | re.S)
_STRAY_TAG = re.compile(r"<\s*(/?)\s*ref(erences)?\b[^>]*?(/?)\s*>", re.I)
_CLOSING_REF = re.compile(r"<\s*/\s*ref\s*>", re.I)
#: where each of the two above can start (short and non-overlapping, unlike their matches)
_REF_MARKUP_START = re.compile(r"<\s*/?\s*ref", re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


def _without_comments(text: str) -> str:
    """The content as Cite receives it: the preprocessor has already removed comments."""
    return _COMMENT.sub("", text)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value.strip()


_TAG_QUOTES = re.compile(r"""^(?:["'](.+)["']|""|'')$""", re.S)


def _tag_argument(value: str) -> str:
    """A template's ``group=`` as ``{{#tag:references|…|group=…}}`` passes it to Cite.

    The parser function trims the value and drops one pair of surrounding quotes
    (MediaWiki's ``CoreParserFunctions::tagObj``), so ``{{Reflist|group="note"}}`` is the
    group ``note``, as ``<references group="note" />`` is.
    """
    value = _without_comments(value).strip()
    match = _TAG_QUOTES.match(value)
    return (match.group(1) or "") if match else value

#: what MediaWiki's Sanitizer accepts as an attribute name; other text is dropped silently
_ATTRIBUTE_NAME = re.compile(r"^[:\w][:.\-\w]*$")


_CHAR_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _decode(value: str) -> str:
    """Character references decoded, as MediaWiki's Sanitizer does for every attribute
    value (``name="a &amp; b"`` is the name ``a & b``); a bare ``&`` stays."""
    if "&" not in value:  # most values: no reference to decode
        return value
    return _CHAR_REFERENCE.sub(lambda m: html.unescape(m.group(0)), value)


def _attributes(tag: Tag) -> dict[str, str]:
    """Attributes as Cite sees them: names lower-cased, values unquoted, decoded, trimmed (a
    stray ``"`` is no attribute: the Sanitizer drops it before Cite sees the tag)."""
    return {
        name.strip().lower(): _decode(_unquote(value)) if value is not None else ""
        for name, value in tag_attributes(tag)
        if _ATTRIBUTE_NAME.match(name.strip())
    }


class RefTag(NamedTuple):
    """One ``<ref>`` as Cite reads it.

    A named tuple rather than a frozen dataclass: as immutable, and made several times
    faster (a page has thousands of references, and a frozen dataclass sets each of its
    fields through ``object.__setattr__``)."""

    span: NodeSpan
    name: str | None
    group: str
    text: str | None  # raw content; None for <ref/>
    attributes: dict
    list_group: str | None  # the group of the enclosing list, for list-defined refs
    in_template: bool
    emitted: bool = False  # output by a template call (bot.parse.emitted), not a <ref> tag
    parser_function: bool = False  # {{#tag:ref|…}}: a Template node, not a Tag

    @property
    def tag(self) -> Tag:
        return self.span.node

    @property
    def defines(self) -> bool:
        return self.text is not None and self.text.strip() != ""


@dataclass(frozen=True, slots=True)
class RefListTag:
    span: NodeSpan
    group: str
    template: bool
    attributes: dict


@dataclass(frozen=True, slots=True)
class CiteIssue:
    """A reference problem: ``kind`` names it, ``span`` is where Cite would flag it."""

    kind: str
    span: NodeSpan
    detail: str
    name: str | None = None
    group: str = ""
    template_dependent: bool = False


@dataclass
class CiteAnalysis:
    refs: list[RefTag] = field(default_factory=list)
    lists: list[RefListTag] = field(default_factory=list)
    issues: list[CiteIssue] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[CiteIssue]:
        return [issue for issue in self.issues if issue.kind in kinds]


def _tag_function(node: Template) -> str | None:
    """``ref`` or ``references`` for ``{{#tag:ref|…}}`` / ``{{#tag:references|…}}``."""
    return _tag_function_named(str(node.name))


def _tag_function_named(name: str) -> str | None:
    """:func:`_tag_function` of a template called ``name`` (its name's source text)."""
    name = name.strip().lower()
    if not name.startswith("#tag:"):
        return None
    tag = name.removeprefix("#tag:").strip()
    return tag if tag in ("ref", "references") else None


def _tag_function_attributes(node: Template) -> dict[str, str]:
    """The named arguments of a ``{{#tag:…}}`` call: the tag's attributes."""
    return {
        name.lower(): _tag_argument(value)
        for name, value, named in template_parameters(node) if named
    }


def _argument(node: Template, name: str) -> str | None:
    """``str(node.get(name).value)`` (the last parameter of that name), None without one;
    read from the page text, without building the template's parameters."""
    found = None
    for key, value, _ in template_parameters(node):
        if key == name:
            found = value
    return found


def _tag_function_content(node: Template) -> str | None:
    return _argument(node, "1")


def _inside(span: NodeSpan, names) -> bool:
    return any(isinstance(a, Tag) and tag_name(a) in names for a in span.ancestors)


def _ref_tags(index: SpanIndex) -> list[tuple[NodeSpan, str]]:
    """(span, name) of every ``<ref>`` and ``<references>`` tag, in document order: the one
    pass over the page's tags that the replay and the search for stray tags share."""
    return [(span, name) for span in index.of(Tag)
            if (name := tag_name(span.node)) == "ref" or name == "references"]


def _candidates(ref_tags: list[tuple[NodeSpan, str]], templates: list[tuple[NodeSpan, str]],
                profile: Profile) -> list[tuple[NodeSpan, str | None, str | None, str | None]]:
    """(span, tag name, #tag function, list template's default group) of each tag and
    template that may be a reference or a list, in document order (None where it does not
    apply: a tag has no function, a template no tag name).

    A page calls the same few templates many times: what a name is to Cite (a ``#tag``
    function, a list template of the profile, or nothing) is decided once per name.  Two
    of these never start at the same offset (a node nested in another starts after its
    ``<`` or ``{{``), so sorting by start is document order.
    """
    found: list[tuple[NodeSpan, str | None, str | None, str | None]] = [
        (span, name, None, None) for span, name in ref_tags]
    roles: dict[str, tuple[str | None, str | None] | None] = {}
    for span, raw in templates:
        if raw in roles:
            role = roles[raw]
        else:
            function, default = _tag_function_named(raw), profile.list_template_group(raw)
            role = roles[raw] = (
                None if function is None and default is None else (function, default))
        if role is not None:
            found.append((span, None, *role))
    found.sort(key=lambda item: item[0].start)
    return found


def _collect(candidates: list[tuple[NodeSpan, str | None, str | None, str | None]]):
    """Refs and lists in document order, each ref with its enclosing list's group."""
    items: list[RefTag | RefListTag] = []
    list_groups: dict[int, str] = {}  # id(list node) -> group
    for span, name, function, default in candidates:
        node = span.node
        if span.ancestors and _inside(span, _NOT_PARSED):
            continue
        if name == "references" or function == "references":
            attributes = _attributes(node) if name else _tag_function_attributes(node)
            group = attributes.get("group", "")
            list_groups[id(node)] = group
            items.append(RefListTag(span, group, False, attributes))
            continue
        if default is not None:  # a list template; a group= parameter overrides its own
            group = _argument(node, "group")
            group = default if group is None else _tag_argument(group)
            list_groups[id(node)] = group
            items.append(RefListTag(span, group, True, {}))
            continue
        is_function = function == "ref"
        ancestors = span.ancestors  # (most refs have none: the tests below are skipped)
        if not is_function and (name != "ref" or (ancestors and _inside(span, ("ref",)))):
            continue  # a <ref> inside a <ref> is not parsed by Cite
        attributes = _tag_function_attributes(node) if is_function else _attributes(node)
        items.append(
            RefTag(
                span=span,
                name=attributes.get("name") or None,
                group=attributes.get("group", ""),
                text=_tag_function_content(node) if is_function
                else None if node.self_closing else tag_contents_text(node),
                attributes=attributes,
                list_group=_enclosing_list(span, list_groups) if ancestors else None,
                in_template=bool(ancestors) and any(
                    isinstance(a, Template) and id(a) not in list_groups for a in ancestors
                ),
                parser_function=is_function,
            )
        )
    return items


def _enclosing_list(span: NodeSpan, list_groups: dict[int, str]) -> str | None:
    """The group of the list this ref stands in, if it is list-defined.  A ref inside the
    content of a ``{{#tag:ref|…}}`` is a ref of the text, even when that one is in a list."""
    for ancestor in reversed(span.ancestors):
        if id(ancestor) in list_groups:
            return list_groups[id(ancestor)]
        if isinstance(ancestor, Template) and _tag_function(ancestor) == "ref":
            return None
    return None


def _template_text(templates: list[tuple[NodeSpan, str]]) -> str:
    """All template parameter text, to spot names and groups a template may use (read from
    the page text: no template's parameters are built for it)."""
    return "\n".join(
        value for span, _ in templates for _, value, _ in template_parameters(span.node)
    )


def analyse_refs(spans: list[NodeSpan], profile: Profile, text: str | None = None,
                 index: SpanIndex | None = None,
                 templates: list[tuple[NodeSpan, str]] | None = None) -> CiteAnalysis:
    """Replay Cite over the page; see the module docstring.  ``text``, ``index`` and
    ``templates``: the page text, its spans by class and its templates with their names
    (:func:`~bot.parse.wikitext.template_names`), when the caller has them (else made from
    the spans).

    Events run in text order: a ``<ref>`` acts where it starts, a reference list where it
    ends (so the list-defined refs inside it come first, as in Cite).
    """
    analysis = CiteAnalysis()
    events: list[tuple[int, int, RefTag | RefListTag]] = []
    from bot.parse.emitted import template_refs

    if index is None:
        index = SpanIndex(spans)
    if templates is None:
        templates = [(span, str(span.node.name)) for span in index.of(Template)]
    stack = _Stack(lambda: _template_text(templates))
    ref_tags = _ref_tags(index)
    for item in (_collect(_candidates(ref_tags, templates, profile))
                 + template_refs(spans, profile, index, templates)):
        if isinstance(item, RefListTag):
            analysis.lists.append(item)
            events.append((item.span.end, 0, item))
        elif item.parser_function:
            # {{#tag:ref|…}} acts once its content, with any <ref> in it, is expanded; it is
            # not a <ref> tag for the rules that edit tags
            events.append((item.span.end, 1, item))
        else:
            if not item.emitted:  # template-made refs inform the replay only
                analysis.refs.append(item)
            events.append((item.span.start, 1, item))
    events.sort(key=_EVENT_ORDER)
    for _, _, item in events:
        if isinstance(item, RefListTag):
            stack.close_list(item)
        elif item.list_group is not None:
            stack.list_defined(item)
        else:
            stack.in_text(item)
    stack.finish()
    analysis.issues = sorted(
        stack.issues + _stray_tags(spans, text, index, ref_tags),
        key=lambda issue: issue.span.start
    )
    return analysis


def _stray_tags(spans: list[NodeSpan], text: str | None = None,
                index: SpanIndex | None = None,
                ref_tags: list[tuple[NodeSpan, str]] | None = None) -> list[CiteIssue]:
    """``<ref>``/``</ref>`` left as plain text by the parser: unmatched tags.

    An opening ``<ref>`` followed somewhere later by a ``</ref>`` is what Cite reports as
    ``cite_error_included_ref`` (kind ``unclosed``); one with no ``</ref>`` after it is shown
    as literal text (``unclosed-literal``), as is a lone ``</ref>`` (``stray-close``).
    ``ref_tags``: :func:`_ref_tags`, when the caller has it.
    """
    if text is None:
        text = _page_text(spans)
    if index is None:
        index = SpanIndex(spans)
    if ref_tags is None:
        ref_tags = _ref_tags(index)
    starts = [m.start() for m in _REF_MARKUP_START.finditer(text)]
    # where each parsed <ref>...</ref> ends (its "</ref>")
    ref_ends = [span.end for span, name in ref_tags
                if name == "ref" and not span.node.self_closing]
    texts = [
        span for span in _texts_at(index, starts, text, ref_tags, ref_ends)
        if not _inside(span, _NOT_PARSED)
    ]
    if not texts:
        return []
    # where the last "</ref>" ends: a parsed <ref>…</ref>, or a stray one left as text
    last_close = max(
        ref_ends + [span.start + m.end() for span in texts
                    for m in _CLOSING_REF.finditer(span.node.value)],
        default=-1,
    )
    issues = []
    opaque = _opaque_ranges(spans, text)
    for span in texts:
        for match in _STRAY_TAG.finditer(span.node.value):
            closing, is_list, self_closing = match.groups()
            if self_closing and not closing:
                continue
            offset = span.start + match.start()
            if any(start <= offset < end for start, end in opaque):
                continue
            where = NodeSpan(span.node, offset, offset + len(match.group(0)), span.ancestors)
            tag = f"</{'references' if is_list else 'ref'}>"
            if closing:
                issues.append(CiteIssue("stray-close", where, f"{tag} without an opening tag"))
                continue
            kind = "unclosed" if last_close > offset and not is_list else "unclosed-literal"
            issues.append(CiteIssue(kind, where, f"{match.group(0)} is never closed"))
    return issues


def _page_text(spans: list[NodeSpan]) -> str:
    """The text the spans stand for (from offset 0: the spans of a whole page)."""
    top = [span for span in spans if not span.ancestors]
    return "".join(str(span.node) for span in top) if top and top[0].start == 0 else ""


def _texts_at(index: SpanIndex, offsets: list[int], text: str,
              ref_tags: list[tuple[NodeSpan, str]], ref_ends: list[int]) -> list[NodeSpan]:
    """The text nodes (in document order) in which one of ``offsets`` of ``text`` falls.
    Text nodes never nest, so in document order their starts are sorted."""
    if not offsets:
        return []
    # a parsed <ref> starts where its "<" is, and its "</ref>" ends where it ends: no text
    # node holds those offsets (on most pages, all of them), so they need no search.  (Nor
    # does any other tag's start, but only ref markup is looked for.)
    closes = set(ref_ends)
    parsed = {span.start for span, _ in ref_tags}
    parsed.update(m.start() for m in _CLOSING_REF.finditer(text) if m.end() in closes)
    offsets = [offset for offset in offsets if offset not in parsed]
    if not offsets:
        return []
    texts = index.texts  # the page's text nodes as offsets, when the index has them
    if texts is None:
        texts = TextNodes.split(index.of(Text))[1]
    found = set()
    for offset in offsets:
        k = texts.at_or_before(offset)
        if k >= 0 and offset < texts.end(k):
            found.add(k)
    return [texts.span(k) for k in sorted(found)]


def _opaque_ranges(spans: list[NodeSpan], text: str | None = None) -> list[tuple[int, int]]:
    """Where an opaque tag stands that the parser could not make a tag of (stray ref markup
    inside it broke the parse): its content is the extension's, not references."""
    if text is None:
        text = _page_text(spans)
    return [(m.start(), m.end()) for m in _OPAQUE_TEXT.finditer(text)]


#: events run by offset, a list's end before a ref at the same offset (stable: ties keep
#: their order)
_EVENT_ORDER = operator.itemgetter(0, 1)


@dataclass(slots=True)
class _Entry:
    text: str | None
    first: RefTag


class _Stack:
    """Cite's ReferenceStack, reduced to what decides errors."""

    def __init__(self, template_text):
        self.groups: dict[str, dict] = {}  # group -> {name | ("#", n): _Entry}
        self.issues: list[CiteIssue] = []
        self._template_text_of = template_text  # computed only if an issue needs it
        self._template_text: str | None = None

    def dependent(self, word: str | None) -> bool:
        """True when a template's parameters mention ``word`` (it may define it)."""
        if not word:
            return False
        if self._template_text is None:
            self._template_text = self._template_text_of()
        pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
        return bool(re.search(pattern, self._template_text))

    def add(self, kind: str, ref: RefTag, detail: str, group: str | None = None,
            dependent: bool = False) -> None:
        self.issues.append(CiteIssue(
            kind, ref.span, detail, ref.name, ref.group if group is None else group, dependent))

    # -- <ref> in the text ----------------------------------------------------------------
    def in_text(self, ref: RefTag) -> None:
        problem = _validate(ref)
        if problem is None and not ref.name:
            if ref.text is None:
                problem = "empty", "<ref /> with neither a name nor content"
            elif not ref.text.strip():
                problem = "empty", "the reference is empty and has no name"
        if (
            problem is None
            and ref.text is not None
            and not ref.emitted  # {{efn|…<ref>…</ref>}} nests refs legitimately
            and not ref.parser_function  # its content is expanded first: refs there are refs
            and "<" in ref.text  # (what the removal below leaves holds no "<" the text lacks)
            and _OPENING_REF.search(_TAGS_AND_COMMENTS.sub("", ref.text))
        ):
            problem = "unclosed", "a <ref> inside this reference: probably a missing </ref>"
        if problem is not None:
            self.add(problem[0], ref, problem[1])
            return
        follow = ref.attributes.get("follow")
        if follow:
            # continues another reference: Cite appends " " + its text to that one's text
            # (ReferenceStack::appendText); to an unknown name it stays a note of its own
            entry = self.groups.get(ref.group, {}).get(follow)
            if entry is not None:
                entry.text = (entry.text or "") + " " + (ref.text or "")
            return
        self._push(ref, ref.group, ref.text if ref.defines else None)

    def _push(self, ref: RefTag, group: str, text: str | None) -> None:
        entries = self.groups.setdefault(group, {})
        if not ref.name:
            entries[("#", len(entries))] = _Entry(text, ref)
            return
        entry = entries.get(ref.name)
        if entry is None:
            entries[ref.name] = _Entry(text, ref)
        elif entry.text is None:
            entry.text = text
        elif text is not None and _without_comments(text) != _without_comments(entry.text):
            self.add("conflict", ref,
                     f'the name "{ref.name}" is defined again with different content', group)

    # -- <ref> inside a reference list ----------------------------------------------------
    def list_defined(self, ref: RefTag) -> None:
        group = ref.list_group
        problem = _validate(ref)
        if problem is None:
            if "group" in ref.attributes and ref.group != group:
                problem = "group-mismatch", (
                    f'group="{ref.group}" inside a reference list for group "{group}"')
            elif not ref.name:
                problem = "unnamed-list-ref", "a reference inside a reference list has no name"
            elif not ref.defines:
                problem = "empty", f'the list-defined reference "{ref.name}" is empty'
            elif ref.name not in self.groups.get(group, {}):
                problem = "unused-list-ref", (
                    f'the reference "{ref.name}" is defined in the list but not used before it')
        if problem is not None:
            kind = problem[0]
            self.add(kind, ref, problem[1], group,
                     dependent=kind == "unused-list-ref" and self.dependent(ref.name))
            return
        self._push(ref, group, ref.text)

    # -- a list takes every reference of its group seen so far ------------------------------
    def close_list(self, lst: RefListTag) -> None:
        if set(lst.attributes) - LIST_ATTRIBUTES:
            unknown = sorted(set(lst.attributes) - LIST_ATTRIBUTES)[0]
            self.issues.append(CiteIssue(
                "bad-attribute", lst.span, f"<references> has an unknown attribute {unknown!r}",
                group=lst.group))
            return  # Cite shows the error instead of the list: the group stays unlisted
        self._report_undefined(lst.group, self.groups.pop(lst.group, {}))

    def _report_undefined(self, group: str, entries: dict) -> None:
        for key, entry in entries.items():
            if isinstance(key, str) and entry.text is None:
                self.add("no-text", entry.first,
                         f'no text is given for the reference named "{key}"', group,
                         dependent=entry.first.in_template or self.dependent(key))

    def finish(self) -> None:
        """End of page: Cite lists the default group itself; other groups are errors."""
        for group, entries in self.groups.items():
            if not entries:
                continue
            if group == "":
                self._report_undefined(group, entries)
                continue
            first = next(iter(entries.values())).first
            self.add("group-without-list", first,
                     f'references in group "{group}" but no <references group="{group}" /> '
                     f"after them", group,
                     dependent=first.in_template or self.dependent(group))


def _validate(ref: RefTag) -> tuple[str, str] | None:
    """The checks Cite makes of every ref's attributes; (kind, detail) or None."""
    if not REF_ATTRIBUTES.issuperset(ref.attributes):
        unknown = set(ref.attributes) - REF_ATTRIBUTES
        return "bad-attribute", f"<ref> has an unknown attribute {sorted(unknown)[0]!r}"
    follow = ref.attributes.get("follow")
    if (ref.name and ref.name.isdigit()) or (follow and follow.isdigit()):
        return "numeric-name", f'the reference name "{ref.name or follow}" is a plain number'
    if follow and ref.name:
        return "bad-attribute", "<ref> has both name= and follow="
    direction = ref.attributes.get("dir")
    if direction is not None and direction.lower() not in ("ltr", "rtl"):
        return "bad-attribute", f'dir="{direction}" is not "ltr" or "rtl"'
    return None


def cite_analysis(doc, profile: Profile) -> CiteAnalysis:
    """The analysis of ``doc``, computed once per document and profile."""
    return doc.memo(("cite", profile.name),
                    lambda: analyse_refs(doc.node_spans, profile, doc.text, doc.index,
                                         template_names(doc)))
