"""The local state file (SQLite): runs and every save, the base for revert and cron runs.

Schema changes are named migrations (:mod:`.migrations`), applied in order and recorded in
the ``migrations`` table with the time they were applied.

- :mod:`.state`: opening and migrating the file, runs and saves;
- :mod:`.jobs`: scheduled jobs (positions, the findings cache, each job's pages, results);
- :mod:`.history`: reading runs back (``wikiwarden runs``).
"""

from bot.store.history import list_runs, run_details
from bot.store.jobs import JobState, Position
from bot.store.state import StateStore

__all__ = ["JobState", "Position", "StateStore", "list_runs", "run_details"]
