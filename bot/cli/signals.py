"""Ctrl-C and SIGTERM during a run: finish the current page, then stop cleanly."""

from __future__ import annotations

import contextlib
import signal

__all__ = ["Interruptible"]


class Interruptible(contextlib.AbstractContextManager):
    """While active, SIGINT/SIGTERM only set :attr:`requested`; the run checks it between
    pages, records itself as interrupted and exits 130.  A second Ctrl-C stops at once."""

    def __init__(self) -> None:
        self.requested = ""
        self._saved: dict[int, object] = {}

    def _handle(self, signum, frame) -> None:
        if self.requested and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.requested = f"interrupted ({signal.Signals(signum).name})"

    def __enter__(self) -> Interruptible:
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
                self._saved[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info) -> None:
        for signum, handler in self._saved.items():
            signal.signal(signum, handler)
        self._saved.clear()
