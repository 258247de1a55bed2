"""wikiwarden: audit, fix and sync MediaWiki pages.

The package is a library first; the ``wikiwarden`` command in :mod:`bot.cli` is a thin layer
over it.  Importing :mod:`bot` has no side effects: it reads no config, touches no environment
variable and does not import pywikibot (only :mod:`bot.wiki` does, lazily).

Layout:
- :mod:`bot.parse`    wikitext model: node spans, sections, line/column positions
- :mod:`bot.rules`    the rule base class and registry
- :mod:`bot.checks`   the rules themselves, one file per code, grouped by family
- :mod:`bot.profiles` per-wiki conventions (data files)
- :mod:`bot.sources`  where pages come from: files, XML dumps, a live wiki
- :mod:`bot.runner`   runs rules over pages
- :mod:`bot.report`   text and JSON output
- :mod:`bot.wiki`     the only module that talks to pywikibot
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
