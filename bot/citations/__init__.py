"""Citation templates: which ones exist, what they accept and require (CS1, as data), and
validators for the values of their parameters (:mod:`.dates`, :mod:`.identifiers`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from mwparserfromhell.nodes import Template

from bot.parse.document import Document
from bot.parse.spans import NodeSpan
from bot.profiles import template_key

__all__ = ["Citation", "CitationSpec", "cs1", "find_citations", "parameter_spans"]

_NUMBERED = re.compile(r"^([a-z-]+?)-?(\d+)(-[a-z-]+)?$")


@dataclass(frozen=True)
class CitationSpec:
    """What the citation templates accept: known names, and what each template requires."""

    templates: dict[str, tuple[str, ...]]
    parameters: frozenset[str]
    numbered: frozenset[str]
    alternatives: dict[str, tuple[str, ...]]

    def required(self, template_name: str) -> tuple[str, ...]:
        return self.templates.get(template_key(template_name), ())

    def is_citation(self, template_name: str) -> bool:
        return template_key(template_name) in self.templates

    def is_known(self, parameter: str) -> bool:
        """True for a parameter CS1 accepts, numbered forms (last2, editor1-first) included."""
        name = parameter.strip().lower()
        if name in self.parameters or name in self.numbered:
            return True
        match = _NUMBERED.match(name)
        if match:
            base = match.group(1) + (match.group(3) or "")
            alternative = f"{match.group(1)}{match.group(3) or ''}"
            return base in self.numbered or alternative.replace("--", "-") in self.numbered
        return False

    def known_names(self) -> list[str]:
        return sorted(self.parameters | {f"{n}1" for n in self.numbered} | self.numbered)


@lru_cache(maxsize=1)
def cs1() -> CitationSpec:
    data = tomllib.loads(resources.files(__package__).joinpath("cs1.toml").read_text("utf-8"))
    return CitationSpec(
        templates={template_key(k): tuple(v["required"]) for k, v in data["templates"].items()},
        parameters=frozenset(data["parameters"]["names"]),
        numbered=frozenset(data["numbered"]["names"]),
        alternatives={k: tuple(v) for k, v in data["alternatives"].items()},
    )


class Citation:
    """A citation template call on the page, with its parameters indexed once."""

    __slots__ = ("name", "params", "span")

    def __init__(self, span: NodeSpan):
        self.span = span
        self.name = template_key(str(span.node.name))
        #: parameter name -> parameter; the last duplicate wins, as in MediaWiki
        self.params = {str(p.name).strip(): p for p in span.node.params}

    @property
    def template(self) -> Template:
        return self.span.node

    def required(self) -> Iterator[tuple[str, list[str]]]:
        """(required parameter, the names among it and its stand-ins that are present)."""
        spec = cs1()
        for required in spec.required(self.name):
            names = (required, *spec.alternatives.get(required, ()))
            yield required, [name for name in names if name in self.params]

    def has(self, name: str) -> bool:
        return name in self.params

    def raw(self, name: str) -> str:
        return str(self.params[name].value)

    def value(self, *names: str) -> str | None:
        """The stripped value of the first of ``names`` present (last duplicate wins)."""
        for name in names:
            if name in self.params:
                return self.params[name].value.strip_code().strip()
        return None


def find_citations(doc: Document) -> list[Citation]:
    """Every citation template on the page, in document order (computed once per page)."""
    spec = cs1()

    def build() -> list[Citation]:
        return [
            Citation(span)
            for span in doc.nodes_of(Template)
            if spec.is_citation(str(span.node.name))
        ]

    return doc.memo("citations", build)


def parameter_spans(citation: Citation):
    """(parameter, start, end) for each parameter; ``[start, end)`` covers ``name=value``
    without the ``|`` before it.  Exact, because a template serialises as
    ``{{`` + name + (``|`` + parameter)* + ``}}``."""
    template = citation.template
    pos = citation.span.start + 2 + len(str(template.name))
    for param in template.params:
        pos += 1  # the "|"
        text = str(param)
        yield param, pos, pos + len(text)
        pos += len(text)
