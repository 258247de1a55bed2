"""When a run must stop because the wiki is down, rather than skip one more page."""

from __future__ import annotations

from bot.errors import WikiDown

__all__ = ["CONSECUTIVE_FAILURES", "WikiHealth"]

#: this many pages in a row failing for a passing reason (server errors, timeouts, cut
#: connections, maxlag) mean the wiki is down: the run stops
CONSECUTIVE_FAILURES = 5


class WikiHealth:
    """Counts pages in a row that failed for a passing reason; any other outcome resets."""

    def __init__(self, limit: int = CONSECUTIVE_FAILURES):
        self.limit = limit
        self.in_a_row = 0

    def page_done(self, outcome) -> None:
        """Raises :class:`WikiDown` at the ``limit``-th transient failure in a row."""
        if not getattr(outcome, "transient", False):
            self.in_a_row = 0
            return
        self.in_a_row += 1
        if self.in_a_row >= self.limit:
            raise WikiDown(f"the wiki failed {self.in_a_row} pages in a row, the last with: "
                           f"{outcome.reason}; stopping (try again later)")
