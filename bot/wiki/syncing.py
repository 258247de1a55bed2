"""What content sync needs from the wiki: revision ids and texts of many pages in batches,
and saves that state their base (over a revision id, or create-only).

Every read goes through pywikibot's batching: revision ids of up to ``maxlimit`` pages per
request (``prop=info`` by page id, :meth:`APISite.load_pages_from_pageids`), texts of up to 50
pages per request (:meth:`APISite.preloadpages`).  Saves go through pywikibot's request
machinery (throttle, maxlag, retries, tokens) as one ``action=edit`` each, without the extra
read of the latest revision that :meth:`Page.save` makes for pages it has not loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bot.errors import EditConflict, UsageError, WikiError
from bot.wiki.errors import describe_error, short_error

__all__ = ["PageExists", "RemotePage", "SaveResult", "Syncing"]

#: pages per request when texts are fetched (MediaWiki's limit for revision contents)
TEXT_BATCH = 50


class PageExists(WikiError):
    """A create-only save found the page already there (someone created it meanwhile)."""


@dataclass(frozen=True)
class RemotePage:
    """A page as the wiki has it now.  ``text`` is None when it was not fetched."""

    title: str
    pageid: int
    revid: int | None
    text: str | None = None
    content_model: str | None = None

    @property
    def exists(self) -> bool:
        return self.pageid > 0


@dataclass(frozen=True)
class SaveResult:
    title: str
    pageid: int
    new_revid: int
    old_revid: int | None  # the revision the save went on top of (None: created)
    nochange: bool = False


class Syncing:
    """Mixin of :class:`bot.wiki.Wiki`: batched revision ids and texts, based saves."""

    # -- the site ------------------------------------------------------------------------------
    def namespace_names(self) -> list[str]:
        """The names of the namespaces other than the main one (local name first)."""
        names = []
        for ns_id, namespace in sorted(self.site.namespaces.items()):
            if ns_id == 0:
                continue
            names += [namespace.custom_name, namespace.canonical_name, *namespace.aliases]
        return list(dict.fromkeys(n for n in names if n))

    # -- reading ---------------------------------------------------------------------------------
    def list_titles(self, generator_args: list[str]) -> list[str]:
        """The titles pywikibot's generator options select (no page texts are fetched)."""
        site = self.site
        from pywikibot import exceptions as exc
        from pywikibot import pagegenerators

        factory = pagegenerators.GeneratorFactory(site=site)
        unknown = [arg for arg in generator_args if not factory.handle_arg(arg)]
        if unknown:
            raise UsageError(
                f"not a page selector: {' '.join(unknown)} (use pywikibot's generator "
                f"options such as -page:Title, -cat:Name, -prefixindex:Text, -file:list.txt)"
            )
        generator = factory.getCombinedGenerator()
        if generator is None:
            return []
        try:
            return list(dict.fromkeys(page.title() for page in generator))
        except exc.Error as error:
            raise WikiError(f"{self.describe()}: {describe_error(error)}") from None
        except OSError as error:
            raise WikiError(f"{self.describe()}: connection lost: {short_error(error)}") from None

    def latest_revisions(self, pageids: Iterable[int]) -> dict[int, RemotePage]:
        """Current title and latest revision id of pages by id, without their texts.

        A page id the wiki no longer has maps to a page with ``pageid`` 0 (deleted); a moved
        page comes back under its new title.
        """
        wanted = [int(p) for p in pageids if p]
        found: dict[int, RemotePage] = {}
        with self._errors():
            for page in self.site.load_pages_from_pageids(wanted):
                pageid = page.pageid  # set from the answer: no further request
                if pageid > 0:
                    found[pageid] = RemotePage(page.title(), pageid, page.latest_revision_id,
                                               None, page.content_model)
        return {pid: found.get(pid, RemotePage("", 0, None)) for pid in wanted}

    def fetch_texts(self, titles: Iterable[str]) -> Iterator[RemotePage]:
        """Latest texts of pages by title, :data:`TEXT_BATCH` pages per request, yielded as
        each batch arrives."""
        pwb = self.pywikibot
        site = self.site
        pages = (pwb.Page(site, title) for title in titles)
        with self._errors():
            for page in site.preloadpages(pages, groupsize=TEXT_BATCH):
                yield self._remote(page)

    def fetch_texts_of(self, located: Iterable[RemotePage]) -> Iterator[RemotePage]:
        """Texts of pages located by :meth:`latest_revisions` (under their current titles)."""
        return self.fetch_texts(remote.title for remote in located)

    @staticmethod
    def _remote(page) -> RemotePage:
        pageid = page.pageid  # preloadpages set it (0: the page does not exist)
        if pageid <= 0:
            return RemotePage(page.title(), 0, None)
        revision = page.latest_revision
        return RemotePage(page.title(), pageid, revision.revid, revision.text or "",
                          page.content_model)

    # -- writing ---------------------------------------------------------------------------------
    def put_text(self, title: str, text: str, summary: str, *, base_revid: int | None = None,
                 create: bool = False, minor: bool = False) -> SaveResult:
        """One ``action=edit``: over ``base_revid`` (a newer revision raises
        :class:`EditConflict`; a deleted page is not re-created), or create-only (an
        existing page raises :class:`PageExists`)."""
        site = self.site
        from pywikibot.exceptions import APIError
        from pywikibot.exceptions import Error as PwbError

        params = {"action": "edit", "title": title, "text": text, "summary": summary,
                  "bot": site.has_right("bot"), "minor": minor, "notminor": not minor}
        if create:
            params["createonly"] = True
        else:
            params.update(nocreate=True, baserevid=base_revid)
        try:
            params["token"] = site.tokens["csrf"]
            answer = site.simple_request(**params).submit()["edit"]
        except APIError as error:
            where = f"{self.describe()}: page {title!r}"
            if error.code == "editconflict":
                raise EditConflict(f"{where}: edit conflict") from None
            if error.code == "articleexists":
                raise PageExists(f"{where}: created on the wiki meanwhile") from None
            raise WikiError(f"{where}: not saved: {describe_error(error)}") from None
        except (PwbError, OSError) as error:
            raise WikiError(
                f"{self.describe()}: page {title!r}: not saved: {describe_error(error)}"
            ) from None
        if answer.get("result") != "Success":
            raise WikiError(f"{self.describe()}: page {title!r}: not saved: {answer}")
        if "nochange" in answer:
            return SaveResult(answer.get("title", title), answer.get("pageid", 0),
                              base_revid or 0, base_revid, nochange=True)
        return SaveResult(answer["title"], answer["pageid"], answer["newrevid"],
                          answer.get("oldrevid") or None)

    def _errors(self):
        return _WikiErrors(self)


class _WikiErrors:
    """pywikibot's errors and lost connections as one :class:`WikiError` line."""

    def __init__(self, wiki):
        self.wiki = wiki

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None:
            return False
        from pywikibot import exceptions as pwb_exc

        if isinstance(exc, pwb_exc.Error):
            raise WikiError(f"{self.wiki.describe()}: {describe_error(exc)}") from None
        if isinstance(exc, OSError):
            raise WikiError(f"{self.wiki.describe()}: connection lost: {short_error(exc)}"
                            ) from None
        return False
