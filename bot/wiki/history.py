"""Page history: which revisions follow a base revision, and a revision's text.

Used to reconcile a save whose answer was lost (did our edit land? which revision is it?)
and to check a save that MediaWiki merged with another edit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.errors import WikiError, WikiUnavailable
from bot.wiki.errors import describe_error, is_transient

__all__ = ["History", "Revision"]


@dataclass(frozen=True)
class Revision:
    revid: int
    parentid: int
    user: str
    comment: str
    timestamp: dt.datetime


class History:
    """Mixin of :class:`bot.wiki.Wiki`: reading page histories."""

    def _query(self, what: str, **params) -> dict:
        from pywikibot import exceptions as exc
        from pywikibot.data import api

        try:
            return api.Request(site=self.site, parameters={"action": "query",
                                                           "formatversion": 2,
                                                           **params}).submit()
        except exc.Error as error:
            kind = WikiUnavailable if is_transient(error) else WikiError
            raise kind(f"{self.describe()}: {what}: {describe_error(error)}") from None
        except OSError as error:
            raise WikiUnavailable(f"{self.describe()}: {what}: {describe_error(error)}") from None

    def revisions_after(self, title: str, base_revid: int, limit: int = 50) -> list[Revision]:
        """The revisions of ``title`` newer than ``base_revid``, oldest first."""
        data = self._query(f"page {title!r}: cannot read its history", prop="revisions",
                           titles=title, rvprop="ids|user|comment|timestamp",
                           rvlimit=limit, rvdir="older")
        pages = data.get("query", {}).get("pages", [])
        revisions = []
        for rev in (pages[0].get("revisions", []) if pages else []):
            if rev["revid"] <= (base_revid or 0):
                break
            revisions.append(Revision(
                rev["revid"], rev.get("parentid", 0), rev.get("user", ""),
                rev.get("comment", ""),
                dt.datetime.fromisoformat(rev["timestamp"].replace("Z", "+00:00"))))
        return revisions[::-1]

    def find_own_revision(self, title: str, base_revid: int, summary: str,
                          since: dt.datetime) -> Revision | None:
        """The bot's revision after ``base_revid`` with exactly ``summary``, saved at or after
        ``since`` (a save whose answer was lost), or None."""
        user = (self.username or "").lower()
        for rev in self.revisions_after(title, base_revid):
            if rev.user.lower() == user and rev.comment == summary and rev.timestamp >= since:
                return rev
        return None

    def revision_text(self, title: str, revid: int) -> str:
        data = self._query(f"page {title!r}: cannot read revision {revid}", prop="revisions",
                           revids=revid, rvprop="content|ids", rvslots="main")
        pages = data.get("query", {}).get("pages", [])
        try:
            return pages[0]["revisions"][0]["slots"]["main"]["content"]
        except (IndexError, KeyError):
            raise WikiError(f"{self.describe()}: page {title!r}: revision {revid} has no "
                            f"readable text") from None
