"""Discovering, validating and selecting rules.

Every module under :mod:`bot.checks` that defines a :class:`Rule` subclass contributes it.
The registry refuses a bad code format, a duplicate code or name, a code whose prefix is not
its family, and a docstring missing a required section.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable
from functools import lru_cache

from bot.errors import UsageError
from bot.rules.base import Rule

__all__ = ["RuleRegistry", "all_rules", "get_registry", "select_rules"]

CODE_RE = re.compile(r"^[A-Z]{3}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
REQUIRED_DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")


class RuleRegistry:
    """Rules by code, name and alias."""

    def __init__(self) -> None:
        self._by_code: dict[str, type[Rule]] = {}
        self._by_name: dict[str, type[Rule]] = {}
        self._aliases: dict[str, str] = {}

    def register(self, rule: type[Rule]) -> type[Rule]:
        code = rule.code
        if not CODE_RE.match(code):
            raise ValueError(f"{rule.__name__}: code {code!r} is not three capitals + 3 digits")
        if not code.startswith(rule.family):
            raise ValueError(f"{rule.__name__}: code {code} does not start with {rule.family}")
        if not NAME_RE.match(rule.name):
            raise ValueError(f"{rule.__name__}: name {rule.name!r} is not kebab-case")
        if code in self._by_code or code in self._aliases:
            raise ValueError(f"duplicate rule code {code}")
        if rule.name in self._by_name:
            raise ValueError(f"duplicate rule name {rule.name}")
        doc = rule.__doc__ or ""
        missing = [s for s in REQUIRED_DOC_SECTIONS if f"{s}\n" not in doc]
        if missing:
            raise ValueError(f"{code}: docstring lacks section(s) {', '.join(missing)}")
        self._by_code[code] = rule
        self._by_name[rule.name] = rule
        for alias in rule.aliases:
            self._aliases[alias] = code
        return rule

    def __iter__(self):
        return iter(sorted(self._by_code.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, key: str) -> type[Rule] | None:
        key = key.strip()
        code = self._aliases.get(key.upper(), key.upper())
        return self._by_code.get(code) or self._by_name.get(key.lower())

    def resolve(self, selector: str) -> list[type[Rule]]:
        """Rules matching a selector: ``ALL``, a code, a code prefix (``REF``), or a name."""
        selector = selector.strip()
        if not selector:
            return []
        if selector.upper() == "ALL":
            return list(self)
        rule = self.get(selector)
        if rule:
            return [rule]
        prefix = selector.upper()
        matched = [r for r in self if r.code.startswith(prefix)]
        if not matched or not re.match(r"^[A-Z]{1,3}\d{0,2}$", prefix):
            raise UsageError(f"unknown rule code or name: {selector!r} (see `wikiwarden rules`)")
        return matched


@lru_cache(maxsize=1)
def get_registry() -> RuleRegistry:
    """Import every module under :mod:`bot.checks` and register the rules found there."""
    import bot.checks

    registry = RuleRegistry()
    for info in pkgutil.walk_packages(bot.checks.__path__, prefix="bot.checks."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and "code" in vars(value)  # abstract bases set no code of their own
                and value.__module__ == module.__name__
            ):
                registry.register(value)
    return registry


def all_rules() -> list[type[Rule]]:
    return list(get_registry())


def _split(values: Iterable[str]) -> list[str]:
    return [part for value in values for part in value.split(",") if part.strip()]


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Instances of the selected rules (all when ``select`` is empty) minus the ignored ones."""
    registry = get_registry()
    chosen: dict[str, type[Rule]] = {}
    for selector in _split(select) or ["ALL"]:
        for rule in registry.resolve(selector):
            chosen[rule.code] = rule
    for selector in _split(ignore):
        for rule in registry.resolve(selector):
            chosen.pop(rule.code, None)
    return [chosen[code]() for code in sorted(chosen)]
