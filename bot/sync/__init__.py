"""Content sync: pages as files in a working folder, pulled, merged, checked and pushed.

- :mod:`~bot.sync.names`: page titles ↔ file paths (reversible, portable);
- :mod:`~bot.sync.text`: MediaWiki's save normalisation, so it never shows as a change;
- :mod:`~bot.sync.store`: the folder's metadata (SQLite in ``.wikiwarden/``, named migrations);
- :mod:`~bot.sync.folder`: the working folder: files, metadata, the ``PAGES.tsv`` index;
- :mod:`~bot.sync.merge`: 3-way merges (the ``merge3`` library);
- :mod:`~bot.sync.status`: where each page stands, locally and on the wiki;
- :mod:`~bot.sync.gate`: the pre-push gate (the checks, conflict markers, round trip);
- :mod:`~bot.sync.pull` and :mod:`~bot.sync.push`: the two directions.

The wiki is reached only through :class:`bot.wiki.Wiki` (its :mod:`bot.wiki.syncing` mixin).
"""

from bot.sync.folder import WorkingFolder
from bot.sync.gate import PushGate
from bot.sync.pull import pull
from bot.sync.push import push
from bot.sync.status import folder_status

__all__ = ["PushGate", "WorkingFolder", "folder_status", "pull", "push"]
