"""Exit statuses: one table, the same for every command (``docs/exit-codes.md``).

A scheduler can tell from the status alone whether to alert someone:

=====  ===================  =======================================================
code   name                 meaning
=====  ===================  =======================================================
0      ``CLEAN``            done; nothing found, nothing left to do
1      ``FINDINGS``         done; findings reported (audit), or differences (status)
2      ``USAGE``            bad command line, configuration or input: nothing was done
3      ``HALTED``           stopped by the on-wiki stop page before the next save
4      ``SKIPPED``          done; some pages were skipped for expected reasons only
                            ({{nobots}}, cosmetic-only change, over the time budget)
5      ``FAILED``           done, but some pages failed (a save failed, a page could not
                            be read or fixed, a conflict needs a human)
6      ``WIKI_DOWN``        the wiki could not be reached or refused the login: stopped
7      ``LOCKED``           another run of the same job holds the lock: nothing was done
130    ``INTERRUPTED``      stopped by Ctrl-C or SIGTERM after finishing the current page
=====  ===================  =======================================================
"""

from __future__ import annotations

from enum import IntEnum

__all__ = [
    "EXIT_CLEAN",
    "EXIT_FAILED",
    "EXIT_FINDINGS",
    "EXIT_HALTED",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_LOCKED",
    "EXIT_SKIPPED",
    "EXIT_USAGE",
    "EXIT_WIKI_DOWN",
    "Exit",
]


class Exit(IntEnum):
    """The exit statuses of every wikiwarden command."""

    CLEAN = 0
    FINDINGS = 1
    USAGE = 2
    HALTED = 3
    SKIPPED = 4
    FAILED = 5
    WIKI_DOWN = 6
    LOCKED = 7
    INTERRUPTED = 130


EXIT_CLEAN = Exit.CLEAN
EXIT_FINDINGS = Exit.FINDINGS
EXIT_USAGE = EXIT_INPUT = Exit.USAGE
EXIT_HALTED = Exit.HALTED
EXIT_SKIPPED = Exit.SKIPPED
EXIT_FAILED = Exit.FAILED
EXIT_WIKI_DOWN = Exit.WIKI_DOWN
EXIT_LOCKED = Exit.LOCKED
EXIT_INTERRUPTED = Exit.INTERRUPTED
