"""The local state file (SQLite): runs and every save, the base for revert and cron runs.

Schema changes are named migrations (:mod:`.migrations`), applied in order and recorded in
the ``migrations`` table with the time they were applied.
"""

from bot.store.state import StateStore

__all__ = ["StateStore"]
