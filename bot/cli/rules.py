"""``wikiwarden rules``: list the checks or show one check's documentation."""

from __future__ import annotations

import inspect

import click

from bot.errors import UsageError
from bot.rules import all_rules, get_registry

__all__ = ["rules"]


@click.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List every check, or show the documentation of one (by code or name).

    \b
    Example:
      wikiwarden rules
      wikiwarden rules SEC001
      wikiwarden rules ref-without-reflist
    """
    if code is None:
        for rule in all_rules():
            click.echo(f"{rule.code}  {rule.name:<28} {rule.severity!s:<8} {rule.summary()}")
        return
    rule = get_registry().get(code)
    if rule is None:
        raise UsageError(f"unknown rule {code!r} (see `wikiwarden rules`)")
    head = f"{rule.code} {rule.name} ({rule.severity}, fix: {rule.fix_safety.value}"
    head += f", CheckWiki #{rule.checkwiki})" if rule.checkwiki else ")"
    click.echo(head)
    click.echo()
    click.echo(inspect.cleandoc(rule.__doc__ or ""))
