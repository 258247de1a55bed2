"""The wiki, through pywikibot.  This package holds the only modules that import pywikibot.

pywikibot reads its configuration when it is first imported, from ``$PYWIKIBOT_DIR``;
:mod:`bot.wiki.connection` sets that variable explicitly from our own config and imports
pywikibot lazily, once per process.  Everything pywikibot does well is left to it: the site
and its family, login with bot passwords, throttling and maxlag, page generators
(``-cat:``, ``-page:`` ...) and preloading page texts in batches.

One module per job, each a mixin of :class:`Wiki`:
- :mod:`~bot.wiki.connection`: importing pywikibot, the site, the login;
- :mod:`~bot.wiki.reading`: page selection and page texts;
- :mod:`~bot.wiki.saving`: saves (true parent revision, lost answers reconciled) and
  the checks made before them;
- :mod:`~bot.wiki.history`: page histories and the text of one revision;
- :mod:`~bot.wiki.exclusion`: {{bots}}/{{nobots}} read from any revision's text;
- :mod:`~bot.wiki.retries`: pywikibot's retries counted by cause, Retry-After waited out;
- :mod:`~bot.wiki.syncing`: content sync: batched revision ids and texts, based saves;
- :mod:`~bot.wiki.changes`: recent changes, revisions without texts, links (jobs);
- :mod:`~bot.wiki.undo`: undoing the saves of a recorded run (MediaWiki's undo);
- :mod:`~bot.wiki.cs1modules`: the wiki's own CS1 modules as citation data;
- :mod:`~bot.wiki.requestlog`: counting requests (benchmarks and tests);
- :mod:`~bot.wiki.errors`: pywikibot's errors as one safe line.
"""

from __future__ import annotations

from bot.wiki.changes import Changes
from bot.wiki.connection import Connection
from bot.wiki.cs1modules import CS1Modules
from bot.wiki.history import History
from bot.wiki.reading import Reading
from bot.wiki.requestlog import RequestLog
from bot.wiki.saving import Saving
from bot.wiki.syncing import Syncing
from bot.wiki.undo import Undoing

__all__ = ["RequestLog", "Wiki"]


class Wiki(Reading, Saving, Undoing, History, CS1Modules, Syncing, Changes, Connection):
    """A connection to one wiki, configured by a pywikibot ``user-config.py``.

    Nothing happens until a method needs the site: then pywikibot is imported, the site is
    built from the config, and (when the config names a user) the bot logs in.
    """
