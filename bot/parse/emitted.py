"""References that templates output, as the profile describes them.

Offline we cannot expand templates, but the common ones are known: ``{{Efn|…}}`` outputs a
``<ref group="lower-alpha">``, ``{{Sfn|…}}`` an unnamed ``<ref>``, ``{{R|smith}}`` a
``<ref name="smith" />``.  The profile lists them (``ref_templates``, ``named_ref_templates``;
lists such as ``{{Notelist}}`` are ``group_list_templates``).  :func:`template_refs` turns
each call into the :class:`~bot.parse.cite.RefTag` it stands for, so the Cite replay knows
that a name is used or a group has references, and no rule calls a page broken because a
template does the work.

Templates the profile does not know define named references too, from a parameter that
names them: ``{{Infobox language|ref=e18}}``, Wiktionary's ``{{ja-pron|acc_ref=DJR,NHK}}``.
:func:`template_ref_names` collects such names (see there) so that a reuse of one
(``<ref name=DJR/>``) is not called undefined.
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Tag, Template

from bot.parse.lazy import template_parameters
from bot.parse.spans import NodeSpan, SpanIndex
from bot.parse.wikitext import tag_name
from bot.profiles import Profile, template_key

__all__ = ["template_ref_names", "template_refs"]

#: where a template call is not expanded into the page's references (or not by Cite)
_SKIP_INSIDE = {"ref", "references", "includeonly", "nowiki", "pre", "math", "source",
                "syntaxhighlight"}


#: separators of a list of reference names in one parameter value (``DJR,NHK,SMK5``)
_LIST_SEPARATORS = re.compile(r"\s*[,;]\s*")
_SPACES = re.compile(r"\s+")


def _is_citation(name: str) -> bool:
    """A CS1/CS2 citation template: its ``ref=`` is an anchor, not a reference name."""
    key = template_key(name).casefold()
    return key.startswith("cite") or key == "citation"


def template_ref_names(spans: list[NodeSpan]) -> set[str]:
    """Names that a template among ``spans`` (the page's, or its templates' alone) defines
    references by: the value of a parameter
    whose name mentions ``ref`` (``|ref=e18``, ``|acc_ref=DJR,NHK,SMK5``: each item of a
    comma, semicolon or space separated list), and the unnamed parameters of a template
    whose own name does (``{{Ref|smith}}``).  A name only echoed (``{{1x|foo}}``) or in a
    phrase does not count.  Citation templates and templates inside a ``<ref>`` (a
    citation's ``ref=`` is an anchor) are left out."""
    names: set[str] = set()
    for span in spans:
        node = span.node
        if not isinstance(node, Template) or _is_citation(str(node.name)):
            continue
        if any(isinstance(a, Tag) and tag_name(a) == "ref" for a in span.ancestors):
            continue
        ref_template = "ref" in str(node.name).casefold()
        for param in node.params:
            if not ("ref" in str(param.name).casefold() or (ref_template and not param.showkey)):
                continue
            value = str(param.value).strip()
            if not value or any(c in value for c in "{}[]<>|=\n"):
                continue  # markup, not a list of names
            names.update(word for item in _LIST_SEPARATORS.split(value)
                         for word in _SPACES.split(item) if word)
    return names


def _param(node: Template, name: str) -> str | None:
    """The value of the template's (last) parameter ``name``, trimmed and unquoted; read
    from the page text, without building the parameters."""
    value = None
    for key, raw, _ in template_parameters(node):
        if key == name:
            value = raw
    if value is None:
        return None
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    return value


def _positional(node: Template) -> list[str]:
    return [value.strip() for _, value, named in template_parameters(node) if not named]


def _list_group(node: Template, profile: Profile) -> str | None:
    """The group of the list a list template outputs, None if it is no list template."""
    default = profile.list_template_group(str(node.name))
    if default is None:
        return None
    group = _param(node, "group")
    return default if group is None else group


def template_refs(spans: list[NodeSpan], profile: Profile,
                  index: SpanIndex | None = None,
                  templates: list[tuple[NodeSpan, str]] | None = None) -> list:
    """The references the profile's ref templates on the page output, in document order.

    A call inside a list template's parameters (``{{Notelist|notes={{Efn|name=a|…}}}}``)
    is a list-defined reference of that list's group.  A named call's content is its first
    unnamed parameter; without one it reuses the name (``{{Efn|name=a}}``).
    ``templates``: the page's templates with their names, when the caller has them
    (:func:`~bot.parse.wikitext.template_names`).
    """
    from bot.parse.cite import RefTag  # the replay imports this module lazily too

    if templates is None:
        templates = [(span, str(span.node.name))
                     for span in (index or SpanIndex(spans)).of(Template)]
    refs = []
    groups: dict[str, str | None] = {}  # name -> its ref group: asked once per name
    for span, name in templates:
        if name in groups:
            group = groups[name]
        else:  # a computed name ("{", "<"): nothing known
            group = groups[name] = (None if "{" in name or "<" in name
                                    else profile.ref_template_group(name))
        if group is None:
            continue
        node = span.node
        if any(isinstance(a, Tag) and tag_name(a) in _SKIP_INSIDE for a in span.ancestors):
            continue
        list_group = next(
            (g for a in reversed(span.ancestors) if isinstance(a, Template)
             and (g := _list_group(a, profile)) is not None),
            None,
        )
        if template_key(name) in profile.named_ref_templates:
            for ref_name in filter(None, _positional(node)):
                refs.append(RefTag(span=span, name=ref_name, group="", text=None,
                                   attributes={"name": ref_name}, list_group=list_group,
                                   in_template=True, emitted=True))
            continue
        attributes = {}
        ref_name = _param(node, "name")
        if ref_name:
            attributes["name"] = ref_name
        explicit_group = _param(node, "group")
        if explicit_group is not None:
            attributes["group"] = explicit_group
            group = explicit_group
        if ref_name:
            content = _param(node, "1")
            text = content if content else None
        else:
            text = str(node)  # unnamed: only its being there matters
        refs.append(RefTag(span=span, name=ref_name or None, group=group, text=text,
                           attributes=attributes, list_group=list_group, in_template=True,
                           emitted=True))
    return refs
