"""CMP: completing citations from their identifiers, one module per code.

These rules see metadata only when a lookup stage ran first (``wikiwarden cite``, which
resolves the page's identifiers with :mod:`bot.resolvers` and passes ``{key: Record}`` in the
context); without it (``audit``, ``fix``) they find nothing.  They stay pure.
"""

__all__: list[str] = []
