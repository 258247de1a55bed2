"""The checks, one module per code, in one package per family.

- :mod:`bot.checks.refs`      REF: references and citations
- :mod:`bot.checks.sections`  SEC: headings and section layout

Modules are discovered by :func:`bot.rules.registry.get_registry`; nothing to list here.
"""

__all__: list[str] = []
