"""Citation templates as CS1 sees them: which templates are CS1 and what they accept and
require (:mod:`.spec`, from data generated out of CS1's own modules by :mod:`.cs1data`),
CS1's date grammar (:mod:`.dates`) and identifier validators (:mod:`.identifiers`).

Checks get the CS1 of the wiki being audited with :func:`cs1_for` (the live wiki's own
modules, a module folder from the config, else the bundled data).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mwparserfromhell.nodes import Template
from mwparserfromhell.nodes.extras import Parameter

from bot.citations.spec import CitationSpec, bundled
from bot.parse.document import Document
from bot.parse.lazy import template_parameters
from bot.parse.spans import NodeSpan
from bot.parse.wikitext import template_names
from bot.profiles import template_key

__all__ = ["Citation", "CitationSpec", "Requirement", "cs1", "cs1_for", "find_citations",
           "parameter_spans", "strip_comments"]

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def strip_comments(text: str) -> str:
    """``text`` without HTML comments, as MediaWiki passes template arguments on."""
    return _COMMENT.sub("", text) if "<!--" in text else text  # (most values have none)


def cs1() -> CitationSpec:
    """The bundled CS1 data (English Wikipedia's modules of the bundled release)."""
    return bundled()


def cs1_for(ctx) -> CitationSpec:
    """The CS1 a check must use for this run: ``ctx.options["cs1"]`` when the runner put the
    audited wiki's own (or the configured) CS1 there, else the bundled one."""
    spec = getattr(ctx, "options", {}).get("cs1") if ctx is not None else None
    return spec if isinstance(spec, CitationSpec) else bundled()


class Requirement:
    """One of CS1's "requires" rules that a citation does not meet."""

    __slots__ = ("error", "names", "present", "wanted")

    def __init__(self, error: str, wanted: str, names: list[str], present: list[str]):
        self.error = error        #: CS1's error id (citation_missing_title, cite_web_url ...)
        self.wanted = wanted      #: the parameter CS1's message names
        self.names = names        #: every name that would satisfy it
        self.present = present    #: those present on the citation, all empty


#: a parameter value that parses to one text node: nothing that opens a template, link, tag,
#: entity, bold or italics or free link ("http:", "mailto:"), no line break (lists, headings)
_PLAIN = re.compile(r"[^{}\[\]<>&':\n]*")

class Citation:
    """A CS1 citation template call on the page, with its parameters indexed once.

    Names and values are read from the page text (:func:`~bot.parse.lazy.template_parameters`);
    the template's parameter nodes are built only when :attr:`params` is asked for."""

    __slots__ = ("_params", "_requirements", "_texts", "count", "klass", "name", "named",
                 "raws", "span", "spec")

    def __init__(self, span: NodeSpan, spec: CitationSpec | None = None,
                 name: str | None = None):
        """``name``: the source text of the template's name, when the caller has it."""
        self.span = span
        self.spec = spec or bundled()
        self.name = template_key(str(span.node.name) if name is None else name)
        self.klass = self.spec.citation_class(self.name) or ""
        #: parameter name -> raw value, and -> whether it was given by name; the last
        #: duplicate wins, as in MediaWiki
        entries = template_parameters(span.node)
        self.raws: dict[str, str] = {key: raw for key, raw, _ in entries}
        self.named: dict[str, bool] = {key: named for key, _, named in entries}
        self.count = len(entries)  #: parameters, duplicates included
        self._params: dict[str, Parameter] | None = None
        self._texts: dict[str, str] = {}
        self._requirements: list[Requirement] | None = None

    @property
    def template(self) -> Template:
        return self.span.node

    @property
    def entries(self) -> list[tuple[str, str, bool]]:
        """(name, raw value, named) of each parameter in order, duplicates included; unnamed
        ones numbered from 1 (read from the page text again: few rules need it)."""
        return template_parameters(self.span.node)

    @property
    def params(self) -> dict[str, Parameter]:
        """Parameter name -> parameter node (the last duplicate wins); builds the nodes."""
        if self._params is None:
            self._params = {str(p.name).strip(): p for p in self.span.node.params}
        return self._params

    def has(self, name: str) -> bool:
        return name in self.raws

    def raw(self, name: str) -> str:
        return self.raws[name]

    def text(self, name: str) -> str:
        """The value as MediaWiki hands it to CS1, before expansion: comments removed,
        trimmed (named parameters are trimmed)."""
        text = self._texts.get(name)
        if text is None:
            raw = self.raws.get(name)
            text = "" if raw is None else strip_comments(raw).strip()
            self._texts[name] = text
        return text

    def is_set(self, name: str) -> bool:
        """CS1's ``is_set``: present and not empty.  A value made by a template, a magic
        word or a parser function (``url={{NRHP url|...}}``) is not empty."""
        return name in self.raws and bool(self.text(name))

    def has_markup(self, name: str) -> bool:
        """The value holds a template or parameter, so its expanded text is unknown here."""
        return "{{" in self.text(name)

    def value(self, *names: str) -> str | None:
        """The stripped plain text of the first of ``names`` present (last duplicate wins)."""
        for name in names:
            raw = self.raws.get(name)
            if raw is not None:
                if _PLAIN.fullmatch(raw):  # one text node: strip_code() gives it back as is
                    return raw.strip()
                return self.params[name].value.strip_code().strip()
        return None

    def select(self, meta: str) -> str | None:
        """The parameter CS1 takes for the meta-parameter ``meta``: the first of its aliases
        that is set (CS1's ``select_one``)."""
        raws = self.raws
        for name in self.spec.aliases.get(meta, ()):
            if name in raws and self.text(name):
                return name
        return None

    def _title_from_encyclopedia(self) -> bool:
        """CS1 makes the encyclopedia (or work) the title when only |article= is given."""
        if not (self.klass == "encyclopaedia"
                or (self.klass == "citation" and self.select("Encyclopedia"))):
            return False
        periodical = self.select("Encyclopedia") or self.select("Periodical")
        return bool(periodical and self.select("Chapter"))

    def requirements(self) -> list[Requirement]:
        """CS1's "requires" rules (the main module's code, over Configuration's aliases)
        that this citation does not meet (worked out once: CIT001 and CIT004 both ask; a
        shared list, do not change it)."""
        if self._requirements is None:
            self._requirements = list(self._unmet())
        return self._requirements

    def _unmet(self) -> Iterator[Requirement]:
        spec, klass = self.spec, self.klass
        groups: list[tuple[str, str, list[str]]] = []
        if klass == "episode":
            groups.append(("citation_missing_title", "series", spec.names("Series")))
        elif not self._title_from_encyclopedia():
            groups.append(("citation_missing_title", "title",
                           spec.names("Title", "TransTitle", "ScriptTitle")))
        periodical = self.select("Periodical")
        script_periodical = self.select("ScriptPeriodical")
        if klass in ("web", "podcast", "mailinglist") or (
                klass == "citation" and (periodical == "website"
                                         or script_periodical == "script-website")):
            groups.append(("cite_web_url", "url", spec.names("URL")))
        if klass in ("journal", "magazine"):
            groups.append(("missing_periodical", klass,
                           spec.names("Periodical", "ScriptPeriodical")))
        if klass in spec.whitelist["preprint"]:
            names = spec.identifier(klass.upper())
            groups.append((f"{klass}_missing", names[0] if names else klass, names))
        for error, wanted, names in groups:
            if any(self.is_set(n) for n in names):
                continue
            yield Requirement(error, wanted, names, [n for n in names if n in self.raws])

    def access_date_without_url(self) -> bool:
        """CS1's ``accessdate_missing_url``: |access-date= set while CS1 has no |url=."""
        if not self.select("AccessDate"):
            return False
        url = self.select("URL")
        if not url and self.klass == "journal" and not self.select("TitleLink"):
            # CS1 links the title to a free PMC or DOI, and then wants no access date
            pmc = any(self.is_set(n) for n in self.spec.identifier("PMC"))
            doi = any(self.is_set(n) for n in self.spec.identifier("DOI"))
            if pmc and not self.select("Embargo"):
                return True
            if doi and self.text("doi-access") == "free":
                return True
        if url:
            return False
        if self.klass == "episode":
            return True  # cite episode replaces the chapter URL with |url=
        return not self.select("ChapterURL")


def is_called(name: str) -> bool:
    """Whether MediaWiki calls a template by this name: it trims only ASCII whitespace, so
    a name with a line break left inside (``cite web\n&nbsp;``) is no title and the whole
    call stays literal text."""
    return "\n" not in name.strip(" \t\n\r\0\x0b")


def find_citations(doc: Document, spec: CitationSpec | None = None) -> list[Citation]:
    """Every CS1 citation template on the page, in document order (computed once per page
    and CS1 version)."""
    spec = spec or bundled()

    def build() -> list[Citation]:
        return [Citation(span, spec, name) for span, name in template_names(doc)
                if spec.is_citation(name) and is_called(name)]

    return doc.memo(("citations", id(spec)), build)


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
