"""Undoing a saved revision with MediaWiki's own undo (``action=edit`` with ``undo`` and
``undoafter``), which merges around later edits the way the "undo" link does."""

from __future__ import annotations

from dataclasses import dataclass

from bot.wiki.errors import describe_error

__all__ = ["UndoResult", "Undoing"]

#: API error codes meaning the undo no longer applies (someone changed the same lines since)
_CONFLICTS = {"undofailure", "editconflict"}


@dataclass(frozen=True)
class UndoResult:
    """``status``: ``undone``, ``nochange`` (already as before), ``conflict`` (the undo does
    not apply cleanly: left alone) or ``failed``; ``base_revid`` is the page's latest
    revision before the undo, ``new_revid`` the undo's own revision."""

    status: str
    detail: str = ""
    base_revid: int | None = None
    new_revid: int | None = None


class Undoing:
    """Mixin of :class:`bot.wiki.Wiki`: undo revisions."""

    def undo(self, title: str, revid: int, after: int, summary: str) -> UndoResult:
        """Undo revisions after ``after`` up to ``revid`` of page ``title``."""
        pwb = self.pywikibot
        from pywikibot import exceptions as exc

        page = pwb.Page(self.site, title)
        latest = None
        try:
            latest = page.latest_revision_id
            if latest == after:
                return UndoResult("nochange", "the page is already at its earlier revision",
                                  latest, None)
            self.site.editpage(page, summary=summary, undo=revid, undoafter=after,
                               bot=True, minor=True, nocreate=True)
        except exc.APIError as error:
            status = "conflict" if error.code in _CONFLICTS else "failed"
            return UndoResult(status, describe_error(error), latest)
        except exc.Error as error:
            return UndoResult("failed", describe_error(error))
        new = page.latest_revision_id
        if new == latest:
            return UndoResult("nochange", "the undo changed nothing", latest, None)
        return UndoResult("undone", "", latest, new)
