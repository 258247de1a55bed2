"""Saving pages: over the exact base revision, with the true parent revision recorded.

A save is one ``action=edit`` request sent with the base revision id, so an edit made since
the fetch either conflicts (:class:`EditConflict`) or is merged by MediaWiki; the answer
names the revision the edit was really applied on (``oldrevid``), which the caller compares
with the base.  pywikibot does not retry the edit request itself: when its answer is lost
(a 5xx, a cut connection, a timeout) the page history is read first, and the bot's revision
found there (same user, same summary, after the base, saved since the attempt) is taken as
the save; only when none is there is the save sent again.  So no save is made twice, and
a save is never reported as failed while the wiki has it.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from bot.errors import EditConflict, WikiError, WikiUnavailable
from bot.parse.document import Document
from bot.wiki.errors import describe_error, is_transient

__all__ = ["SAVE_ATTEMPTS", "SaveResult", "Saving"]

SAVE_ATTEMPTS = 4
_CLOCK_SKEW = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class SaveResult:
    """``parent_revid``: the revision the edit was applied on (the base, unless MediaWiki
    merged it with an edit made meanwhile); ``reconciled``: found in the history after the
    answer was lost; ``nochange``: the page already had this text."""

    parent_revid: int | None
    new_revid: int | None
    reconciled: bool = False
    nochange: bool = False
    note: str = ""


class Saving:
    """Mixin of :class:`bot.wiki.Wiki`: writes and the checks made before them."""

    def may_edit(self, doc: Document) -> bool:
        """False when {{bots}}/{{nobots}} on the page exclude this bot (never a cached
        answer: a re-fetched page is checked again)."""
        page = doc.meta["page"]
        for cached in ("_bot_may_edit",):
            if hasattr(page, cached):
                delattr(page, cached)
        try:
            return page.botMayEdit()
        except Exception as error:
            raise self._page_error(doc.title, "cannot check {{bots}}", error) from None

    def stop_requested(self, stop_page: str | None) -> bool:
        """True when the on-wiki stop page exists and is not empty (read fresh each time)."""
        if not stop_page:
            return False
        try:
            page = self.pywikibot.Page(self.site, stop_page)
            return page.exists() and bool(page.get(force=True).strip())
        except Exception as error:
            raise self._page_error(stop_page, "cannot read the stop page", error) from None

    def save(self, doc: Document, text: str, summary: str, minor: bool = True) -> SaveResult:
        """Save ``text`` over revision ``doc.revid``; see the module docstring."""
        started = dt.datetime.now(dt.UTC) - _CLOCK_SKEW
        last = ""
        causes: list[str] = []
        for attempt in range(SAVE_ATTEMPTS):
            if attempt:
                time.sleep(2 ** attempt)
                found = self._own_revision(doc, summary, started)
                if found is not None:
                    return SaveResult(found.parentid, found.revid, reconciled=True,
                                      note=f"answer lost ({last}); found in the history")
            try:
                answer = self._edit(doc, text, summary, minor)
            except WikiUnavailable as error:
                last = self.retry_log.last_cause or str(error).rsplit(": ", 1)[-1]
                self.retry_log.add(last)
                causes.append(last)
                continue
            if "nochange" in answer:
                found = self._own_revision(doc, summary, started) if attempt else None
                if found is not None:
                    return SaveResult(found.parentid, found.revid, reconciled=True,
                                      note=f"answer lost ({last}); found in the history")
                return SaveResult(doc.revid, None, nochange=True)
            return SaveResult(answer.get("oldrevid", doc.revid), answer.get("newrevid"))
        found = self._own_revision(doc, summary, started)
        if found is not None:
            return SaveResult(found.parentid, found.revid, reconciled=True,
                              note=f"answer lost ({last}); found in the history")
        raise WikiUnavailable(f"{self.describe()}: page {doc.title!r}: not saved after "
                              f"{SAVE_ATTEMPTS} attempts ({'; '.join(causes)}); checked the "
                              f"history: the edit is not there")

    # -- the requests ------------------------------------------------------------------------
    def _own_revision(self, doc: Document, summary: str, since: dt.datetime):
        try:
            return self.find_own_revision(doc.title, doc.revid, summary, since)
        except WikiError as error:
            raise WikiUnavailable(f"{self.describe()}: page {doc.title!r}: the answer to the "
                                  f"save was lost and the history cannot be read ({error}): "
                                  f"whether it was saved is unknown") from None

    def _edit(self, doc: Document, text: str, summary: str, minor: bool) -> dict:
        params = {"title": doc.title, "text": text, "summary": summary, "nocreate": True,
                  "baserevid": doc.revid}
        if minor:
            params["minor"] = True
        return self._edit_request(params, doc.title, retries=0)

    def _edit_request(self, params: dict, title: str, retries: int) -> dict:
        from pywikibot import exceptions as exc
        from pywikibot.data import api

        site = self.site
        try:
            request = api.Request(site=site, max_retries=retries, parameters={
                "action": "edit", "bot": True, "assert": "user", "formatversion": 2,
                "token": site.tokens["csrf"], **params})
            answer = request.submit().get("edit", {})
        except exc.APIError as error:
            if error.code == "editconflict":
                raise EditConflict(f"{self.describe()}: page {title!r}: edit conflict") from None
            raise self._page_error(title, "not saved", error) from None
        except Exception as error:
            raise self._page_error(title, "not saved", error) from None
        if answer.get("result") != "Success":
            reason = " ".join(f"{k}: {v}" for k, v in answer.items() if k != "result")
            raise WikiError(f"{self.describe()}: page {title!r}: not saved: "
                            f"{answer.get('result', 'no answer')} {reason}"[:400])
        return answer

    def _page_error(self, title: str, what: str, error: BaseException) -> WikiError:
        kind = WikiUnavailable if is_transient(error) else WikiError
        if isinstance(error, WikiError):
            return error
        cause = self.retry_log.last_cause
        detail = describe_error(error)
        if cause and "retries" in detail:
            detail = f"{detail} (last: {cause})"
        return kind(f"{self.describe()}: page {title!r}: {what}: {detail}")
