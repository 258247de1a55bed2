"""The page's references and reference lists, as Cite sees them."""

from __future__ import annotations

from dataclasses import dataclass

from mwparserfromhell.nodes import Tag, Template

from bot.parse.spans import NodeSpan
from bot.parse.wikitext import attr_value, tag_name

__all__ = ["Ref", "RefList", "find_ref_lists", "find_refs"]


@dataclass(frozen=True, slots=True)
class Ref:
    """One ``<ref>`` tag: its span, name, group, and whether it sits in a reference list."""

    span: NodeSpan
    name: str | None
    group: str
    list_defined: bool
    in_template: bool

    @property
    def tag(self) -> Tag:
        return self.span.node

    @property
    def content(self) -> str | None:
        """The text between the tags; None for a self-closing ``<ref name=x/>``."""
        return None if self.tag.self_closing else str(self.tag.contents)


@dataclass(frozen=True, slots=True)
class RefList:
    """A ``<references>`` tag or a reference-list template, and the group it lists."""

    span: NodeSpan
    group: str
    template: bool


def _strip_quotes(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip().strip('"').strip("'").strip()


def find_refs(spans: list[NodeSpan]) -> list[Ref]:
    """Every ``<ref>`` tag on the page, in document order."""
    refs = []
    for span in spans:
        node = span.node
        if not isinstance(node, Tag) or tag_name(node) != "ref":
            continue
        list_defined = any(
            isinstance(a, Tag) and tag_name(a) == "references" for a in span.ancestors
        )
        refs.append(
            Ref(
                span=span,
                name=_strip_quotes(attr_value(node, "name")) or None,
                group=_strip_quotes(attr_value(node, "group")) or "",
                list_defined=list_defined,
                in_template=any(isinstance(a, Template) for a in span.ancestors),
            )
        )
    return refs


def find_ref_lists(spans: list[NodeSpan], profile) -> list[RefList]:
    """Every ``<references>`` tag and every reference-list template of the profile."""
    lists = []
    for span in spans:
        node = span.node
        if isinstance(node, Tag) and tag_name(node) == "references":
            group = _strip_quotes(attr_value(node, "group")) or ""
            lists.append(RefList(span, group, template=False))
        elif isinstance(node, Template) and profile.is_reference_list_template(str(node.name)):
            group = str(node.get("group").value).strip() if node.has("group") else ""
            lists.append(RefList(span, group, template=True))
    return lists
