"""The ``wikiwarden`` command: thin click commands over the library.

- :mod:`bot.cli.main`   the command group, global options, error → exit-code handling
- :mod:`bot.cli.audit`  ``wikiwarden audit``
- :mod:`bot.cli.rules`  ``wikiwarden rules``

Exit codes: 0 clean, 1 findings, 2 usage or input error, 130 interrupted.
"""

from bot.cli.main import cli, main

__all__ = ["cli", "main"]
