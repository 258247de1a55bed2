"""What CS1 accepts, answered from generated CS1 data (:mod:`.cs1data`): which templates are
CS1 and with which CitationClass, which parameter names each class accepts (a port of the
main module's ``validate()``), CS1's suggestion for an unknown name, old names and the name
that replaced them, and what each class requires."""

from __future__ import annotations

import json
import re
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from bot.citations.dates import DateGrammar
from bot.citations.luapattern import LuaPatternError, compile_lua
from bot.profiles import template_key

__all__ = ["CitationSpec", "bundled", "spec_from_data"]

_DIGITS = re.compile(r"\d+")
_SPELLING = re.compile(r"[-_ ]")


class CitationSpec:
    """CS1 of one version (bundled, a module folder, or a live wiki's own modules)."""

    def __init__(self, data: dict, origin: str = "bundled"):
        self.data = data
        self.origin = origin
        self.classes = {template_key(name): klass for name, klass in data["templates"].items()}
        self.whitelist = data["whitelist"]
        self.aliases: dict[str, list[str]] = data["aliases"]
        self.dates = DateGrammar(data["dates"])
        self._validated: dict[tuple[str, str], bool | None] = {}  # validate()'s answers
        self._names: dict[tuple[str, ...], tuple[str, ...]] = {}  # names()'s answers
        self._old: dict[tuple[str, str], str | None] = {}  # old_name()'s answers

    # -- templates -------------------------------------------------------------------------
    def citation_class(self, template_name: str) -> str | None:
        return self.classes.get(template_key(template_name))

    def is_citation(self, template_name: str) -> bool:
        return template_key(template_name) in self.classes

    # -- parameter names -------------------------------------------------------------------
    def validate(self, name: str, klass: str) -> bool | None:
        """CS1's ``validate()``: True (supported), False (deprecated, still works), None (not
        accepted by this class).  Answers are kept: pages ask about the same few names."""
        key = (name, klass)
        try:
            return self._validated[key]
        except KeyError:
            answer = self._validated[key] = self._validate(name, klass)
            return answer

    def _validate(self, name: str, klass: str) -> bool | None:
        wl = self.whitelist
        if "#" in name:
            return None
        numbered = _DIGITS.sub("#", name)
        if klass in wl["preprint"]:
            for table, key in ((wl["limited_basic"], name), (wl["preprint"][klass], name),
                               (wl["limited_numbered"], numbered)):
                if key in table:
                    return table[key]
            return None
        tables = [(wl["unique"][klass], name)] if klass in wl["unique"] else []
        tables += [(wl["basic"], name), (wl["numbered"], numbered)]
        for table, key in tables:
            if key in table:
                return table[key]
        return None

    @cached_property
    def _patterns(self):
        compiled = []
        for pattern, target, kind in self.data["suggestion_patterns"]:
            try:
                compiled.append((compile_lua(pattern, False), target, kind))
            except LuaPatternError:
                continue
        return compiled

    def suggestion(self, name: str, klass: str) -> tuple[str | None, str]:
        """CS1's suggestion for a name it does not accept: (suggested name or None, kind),
        kind being 'case' (the lower-case name), 'old' (a removed name), 'misspelling' or
        'other' (CS1's comment on its suggestion)."""
        if self.validate(name.lower(), klass) is not None:
            return name.lower(), "case"
        found: tuple[str | None, str] = (None, "")
        for pattern, target, kind in self._patterns:
            match = pattern.search(name)
            if match:
                capture = match.group(1) if pattern.groups else match.group(0)
                target = target.replace("$1", capture)
                found = (target, kind) if self.validate(target, klass) is not None else (
                    None, kind)
        if found != (None, ""):
            return found
        target, kind = self.data["suggestions"].get(name.lower(), (None, ""))
        return target, kind

    def old_name(self, name: str, klass: str) -> str | None:
        """The name that replaced ``name`` when CS1 lists it as an old (removed or
        deprecated) parameter name; else None.  Answers are kept, as validate()'s: CIT002
        and CIT012 ask it of every parameter of every citation."""
        key = (name, klass)
        try:
            return self._old[key]
        except KeyError:
            answer = self._old[key] = self._old_name(name, klass)
            return answer

    def _old_name(self, name: str, klass: str) -> str | None:
        state = self.validate(name, klass)
        if state is False:
            return self.canonical(name)
        if state is None:
            target, kind = self.suggestion(name, klass)
            if kind == "old" and target:
                return target
        return None

    def canonical(self, name: str) -> str | None:
        """The first (preferred) name of the meta-parameter ``name`` is an alias of."""
        for names in self.aliases.values():
            if name in names:
                return names[0]
        return None

    @staticmethod
    def same_spelling(old: str, new: str) -> bool:
        """``chapterurl`` / ``chapter-url``: the same name, respelled (safe to rename)."""
        return _SPELLING.sub("", old.lower()) == _SPELLING.sub("", new.lower())

    def names(self, *metas: str) -> list[str]:
        """The parameter names of the meta-parameters ``metas`` (CS1's aliases), in order."""
        found = self._names.get(metas)
        if found is None:
            found = self._names[metas] = tuple(
                name for meta in metas for name in self.aliases.get(meta, ()))
        return list(found)

    def identifier(self, key: str) -> list[str]:
        return list(self.data["identifiers"].get(key, []))

    def id_limit(self, key: str) -> int | None:
        """CS1's upper limit for a numeric identifier (PMID, PMC ...), if it has one."""
        return self.data.get("id_limits", {}).get(key)


def spec_from_data(data: dict, origin: str) -> CitationSpec:
    return CitationSpec(data, origin)


@lru_cache(maxsize=1)
def bundled() -> CitationSpec:
    """The CS1 data committed in ``cs1.json`` (generated by ``scripts/cs1data``)."""
    text = resources.files("bot.citations").joinpath("cs1.json").read_text("utf-8")
    return CitationSpec(json.loads(text), "bundled")


@lru_cache(maxsize=8)
def from_folder(folder: str) -> CitationSpec:
    """CS1 data generated from a module folder (config ``cs1_modules``)."""
    from bot.citations import cs1data

    sources = cs1data.read_folder(folder)
    templates = (cs1data.templates_from_folder(folder) if (Path(folder) / "Template").is_dir()
                 else bundled().data["templates"])
    data = cs1data.generate(sources, templates)
    return CitationSpec(data, str(Path(folder)))
