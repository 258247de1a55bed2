"""Per-wiki conventions as data: which templates make a reference list, which sections form
the appendix and in what order, which may stay empty.

Built-in profiles are the TOML files in this folder (``mepedia.toml``, ``wikipedia.toml``).
A configuration file can define more under ``[profiles.NAME]`` (same keys) or point at a
TOML file; see README.md.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from bot.errors import ConfigError

__all__ = ["AppendixSection", "Profile", "builtin_profile_names", "load_profile"]


@functools.lru_cache(maxsize=8192)
def template_key(name: str) -> str:
    """A template name as MediaWiki compares it: ``_`` = space, first letter case-blind
    (cached: a page calls the same few templates many times)."""
    name = " ".join(name.replace("_", " ").split())
    if name.lower().startswith("template:"):
        name = name[len("template:") :].strip()
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class AppendixSection:
    """One standard end-of-article section and the other titles that mean the same."""

    title: str
    aliases: tuple[str, ...] = ()
    may_be_empty: bool = False
    holds_references: bool = False

    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)


@dataclass(frozen=True)
class Profile:
    """The conventions of one wiki (or one family of wikis)."""

    name: str
    description: str = ""
    reference_list_templates: tuple[str, ...] = ()
    category_prefixes: tuple[str, ...] = ("Category",)
    appendix: tuple[AppendixSection, ...] = ()
    wikis: tuple[str, ...] = ()
    prefer_standard_titles: bool = False
    study_sections: tuple[str, ...] = ()
    reference_list: str = "<references />"
    remove_empty_sections: bool = False
    #: templates that output the reference list of a group of their own: name -> group
    #: ({{Notelist}} -> "lower-alpha"); a group= parameter overrides it
    group_list_templates: dict = field(default_factory=dict, compare=False)
    #: templates that output a <ref>: name -> group ({{Efn}} -> "lower-alpha", {{Sfn}} -> "")
    ref_templates: dict = field(default_factory=dict, compare=False)
    #: templates whose unnamed parameters each cite a named reference ({{R|smith|jones}})
    named_ref_templates: tuple[str, ...] = ()
    #: words and signs that join appendix titles into one ("References and further reading")
    appendix_title_joiners: tuple[str, ...] = ()
    #: section titles that may stand in the body or in the appendix (a list of works)
    floating_sections: tuple[str, ...] = ()
    #: where references stand relative to punctuation (REF011): "after" (WP:REFPUNCT),
    #: "before", "any" (both are right) or "page" (the page's own established style)
    ref_punctuation: str = "after"
    #: other wikis' conventions for that, recognised by the local name of the Category
    #: namespace in the page's category links, case-folded: {"kategorie": "any"}
    ref_punctuation_by_category: dict = field(default_factory=dict, compare=False)
    #: namespaces whose pages are articles, to which the article layout rules apply
    content_namespaces: tuple[int, ...] = (0,)
    #: templates that only add a link target to a heading ({{Anchor}}): allowed there
    anchor_templates: tuple[str, ...] = ()
    #: codes of checks whose convention this wiki does not follow (never run for it)
    ignore: tuple[str, ...] = ()
    #: False when the appendix sections have no order among themselves (all one rank)
    appendix_ordered: bool = True
    #: other languages' appendix conventions of this family of wikis (French Wikipedia's
    #: "Notes et références", "Annexes"): (language, ordered, entries), see in_language()
    appendix_languages: tuple[tuple[str, bool, tuple[AppendixSection, ...]], ...] = ()
    source: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    def __hash__(self) -> int:
        # consistent with the generated __eq__ (equal profiles have equal names), and cheap:
        # per-profile caches (bot.parse.layout) hash it per section; the generated hash
        # walked every field, every time
        return hash(self.name)

    def references_entry(self) -> AppendixSection | None:
        """The appendix entry where the reference list belongs (the last that holds them)."""
        holders = [entry for entry in self.appendix if entry.holds_references]
        return holders[-1] if holders else None

    def appendix_order(self) -> str:
        if not self.appendix_ordered:
            return ", ".join(entry.title for entry in self.appendix) + " (in any order)"
        return ", ".join(entry.title for entry in self.appendix)

    def in_language(self, language: str) -> Profile:
        """This profile with the appendix convention of ``language`` (one of
        ``appendix_languages``), named ``NAME (language)``."""
        for lang, ordered, entries in self.appendix_languages:
            if lang == language:
                return replace(self, name=f"{self.name} ({lang})", appendix=entries,
                               appendix_ordered=ordered, appendix_languages=())
        raise KeyError(language)

    def is_reference_list_template(self, name: str) -> bool:
        return template_key(name) in self.reference_list_templates

    def is_anchor_template(self, name: str) -> bool:
        return template_key(name) in self.anchor_templates

    def list_template_group(self, name: str) -> str | None:
        """The group whose reference list template ``name`` outputs (``""``: the default
        group), or None when it is not a reference list template."""
        key = template_key(name)
        if key in self.reference_list_templates:
            return ""
        return self.group_list_templates.get(key)

    def ref_template_group(self, name: str) -> str | None:
        """The group of the ``<ref>`` that template ``name`` outputs, or None when it outputs
        none (as far as the profile knows)."""
        key = template_key(name)
        if key in self.named_ref_templates:
            return ""
        return self.ref_templates.get(key)

    @classmethod
    def from_dict(cls, name: str, data: dict, source: str = "") -> Profile:
        try:
            appendix = _appendix_entries(data.get("appendix", []))
            languages = tuple(
                (str(lang), bool(spec.get("ordered", True)),
                 _appendix_entries(spec.get("appendix", [])))
                for lang, spec in data.get("appendix_languages", {}).items()
            )
            return cls(
                name=name,
                description=str(data.get("description", "")),
                reference_list_templates=tuple(
                    template_key(t) for t in data.get("reference_list_templates", [])
                ),
                category_prefixes=tuple(data.get("category_prefixes", ["Category"])),
                appendix=appendix,
                wikis=tuple(data.get("wikis", ())),
                prefer_standard_titles=bool(data.get("prefer_standard_titles", False)),
                study_sections=tuple(data.get("study_sections", ())),
                reference_list=str(data.get("reference_list", "<references />")),
                remove_empty_sections=bool(data.get("remove_empty_sections", False)),
                group_list_templates=_template_map(data.get("group_list_templates", {})),
                ref_templates=_template_map(data.get("ref_templates", {})),
                named_ref_templates=tuple(
                    template_key(t) for t in data.get("named_ref_templates", [])
                ),
                appendix_title_joiners=tuple(
                    str(j) for j in data.get("appendix_title_joiners", ())
                ),
                floating_sections=tuple(str(t) for t in data.get("floating_sections", ())),
                ref_punctuation=_ref_punctuation(data.get("ref_punctuation", "after")),
                ref_punctuation_by_category={
                    str(ns).strip().casefold(): _ref_punctuation(style)
                    for ns, style in dict(data.get("ref_punctuation_by_category", {})).items()
                },
                content_namespaces=tuple(int(n) for n in data.get("content_namespaces", [0])),
                anchor_templates=tuple(
                    template_key(t) for t in data.get("anchor_templates", [])
                ),
                ignore=tuple(str(code).strip().upper() for code in data.get("ignore", ())),
                appendix_ordered=bool(data.get("appendix_ordered", True)),
                appendix_languages=languages,
                source=source,
                extra={k: v for k, v in data.items() if k not in _KNOWN_KEYS},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"profile {name!r} ({source or 'config'}): invalid: {exc}") from exc


_KNOWN_KEYS = {
    "description", "reference_list_templates", "category_prefixes", "appendix", "wikis",
    "prefer_standard_titles", "study_sections", "reference_list", "remove_empty_sections",
    "group_list_templates", "ref_templates", "named_ref_templates", "appendix_title_joiners",
    "ref_punctuation", "ref_punctuation_by_category",
    "floating_sections", "content_namespaces", "anchor_templates", "ignore",
    "appendix_ordered", "appendix_languages",
}


def _appendix_entries(items: list) -> tuple[AppendixSection, ...]:
    return tuple(
        AppendixSection(
            title=item["title"],
            aliases=tuple(item.get("aliases", ())),
            may_be_empty=bool(item.get("may_be_empty", False)),
            holds_references=bool(item.get("holds_references", False)),
        )
        for item in items
    )


def _template_map(data: dict) -> dict[str, str]:
    """``{template: group}`` with template names normalised as MediaWiki compares them."""
    if not isinstance(data, dict):
        raise TypeError(f"expected a table of template = group, got {type(data).__name__}")
    return {template_key(name): str(group) for name, group in data.items()}


#: the values of ``ref_punctuation`` (see REF011)
REF_PUNCTUATION_STYLES = ("after", "before", "any", "page")


def _ref_punctuation(value) -> str:
    style = str(value).strip().lower()
    if style not in REF_PUNCTUATION_STYLES:
        raise ValueError(
            f"ref_punctuation {value!r}: expected one of {', '.join(REF_PUNCTUATION_STYLES)}"
        )
    return style


def builtin_profile_names() -> list[str]:
    return sorted(
        p.name.removesuffix(".toml")
        for p in resources.files(__package__).iterdir()
        if p.name.endswith(".toml")
    )


def _read_toml(text: str, source: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from exc


def load_profile(name: str, user_profiles: dict | None = None) -> Profile:
    """A profile by name: user-defined (from config) first, then built-in, or a TOML path."""
    user_profiles = user_profiles or {}
    if name in user_profiles:
        data = user_profiles[name]
        if isinstance(data, str):  # a path to a TOML file
            return load_profile(data)
        return Profile.from_dict(name, data, source="config")
    if name in builtin_profile_names():
        text = resources.files(__package__).joinpath(f"{name}.toml").read_text("utf-8")
        return Profile.from_dict(name, _read_toml(text, f"{name}.toml"), source="built-in")
    path = Path(name)
    if path.suffix == ".toml":
        if not path.is_file():
            raise ConfigError(f"{path}: profile file not found")
        data = _read_toml(path.read_text("utf-8"), str(path))
        return Profile.from_dict(path.stem, data, str(path))
    known = ", ".join(builtin_profile_names() + sorted(user_profiles))
    raise ConfigError(f"unknown profile {name!r} (known: {known})")
