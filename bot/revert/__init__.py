"""Reverting a recorded run: every save it made, undone.

Wiki pages are undone with MediaWiki's undo (:mod:`bot.wiki.undo`), which keeps later edits
by others; a page where the undo no longer applies is listed and left alone.  Local files go
back to the text recorded before the save, if nobody changed them since.  A revert is a run
itself, recorded with its saves, so it can be reverted in turn.
"""

from bot.revert.run import Reverter, RevertOutcome

__all__ = ["RevertOutcome", "Reverter"]
