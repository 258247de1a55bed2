"""Saving pages: over the exact base revision, honouring {{bots}} and the stop page."""

from __future__ import annotations

from bot.errors import EditConflict, WikiError
from bot.parse.document import Document
from bot.wiki.errors import describe_error

__all__ = ["Saving"]


class Saving:
    """Mixin of :class:`bot.wiki.Wiki`: writes and the checks made before them."""

    @staticmethod
    def may_edit(doc: Document) -> bool:
        """False when {{bots}}/{{nobots}} on the page exclude this bot."""
        return doc.meta["page"].botMayEdit()

    def stop_requested(self, stop_page: str | None) -> bool:
        """True when the on-wiki stop page exists and is not empty (read fresh each time)."""
        if not stop_page:
            return False
        page = self.pywikibot.Page(self.site, stop_page)
        return page.exists() and bool(page.get(force=True).strip())

    def save(self, doc: Document, text: str, summary: str, minor: bool = True) -> int:
        """Save ``text`` over revision ``doc.revid``; returns the new revision id.

        The base *revision id* is sent (not only the timestamp, which MediaWiki compares to
        the second), so any edit made since the fetch raises :class:`EditConflict`.
        """
        from pywikibot import exceptions as exc

        page = doc.meta["page"]
        page.text = text
        try:
            page.save(summary=summary, minor=minor, bot=True, quiet=True,
                      baserevid=doc.revid, basetimestamp=None)
        except exc.EditConflictError:
            del page.text
            raise EditConflict(f"{self.describe()}: page {doc.title!r}: edit conflict") from None
        except exc.Error as error:
            del page.text
            raise WikiError(
                f"{self.describe()}: page {doc.title!r}: not saved: {describe_error(error)}"
            ) from None
        return page.latest_revision_id
