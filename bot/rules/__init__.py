"""Rules: the :class:`Rule` base class, the registry, and selection by code.

A rule is a class with its metadata as attributes and a pure ``check(doc, ctx)`` method.
Rules live in :mod:`bot.checks`, one file per code; :func:`all_rules` imports them all.
"""

from bot.rules.base import Context, FixSafety, Rule
from bot.rules.registry import RuleRegistry, all_rules, get_registry, select_rules

__all__ = [
    "Context",
    "FixSafety",
    "Rule",
    "RuleRegistry",
    "all_rules",
    "get_registry",
    "select_rules",
]
