"""What changed on the wiki: recent changes, page revisions without texts, page links.

Scheduled jobs (:mod:`bot.jobs`) ask here what changed since their last run, so that a run
with nothing to do costs one request, and fetch texts only of pages whose revision changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from bot.errors import UsageError, WikiError
from bot.parse.document import Document
from bot.sources.base import SourceProblem
from bot.wiki.errors import describe_error, short_error

__all__ = ["Changes", "PageRevision", "RecentChange"]

#: selectors that name one page or category: a missing one is a configuration error
_NAMED = {"-page": "", "-cat": "Category:", "-catr": "Category:",
          "-transcludes": "Template:", "-subcats": "Category:", "-subcatsr": "Category:"}


class PageRevision:
    """A selected page and its latest revision id (no text): ``(title, revid, page)``."""

    __slots__ = ("page", "revid", "title")

    def __init__(self, title: str, revid: int, page):
        self.title, self.revid, self.page = title, revid, page


class RecentChange(dict):
    """One recent-changes row: ``rcid``, ``title``, ``revid`` (0 for log rows), ``type``."""


class Changes:
    """Mixin of :class:`bot.wiki.Wiki`: recent changes, revisions, saved texts, links."""

    def _rc_query(self, **params) -> dict:
        from pywikibot import exceptions as exc

        try:
            return self.site.simple_request(action="query", **params).submit()
        except exc.Error as error:
            raise WikiError(f"{self.describe()}: {describe_error(error)}") from None
        except OSError as error:
            raise WikiError(f"{self.describe()}: connection lost: {short_error(error)}") from None

    # -- recent changes ----------------------------------------------------------------------
    def rc_position(self) -> tuple[int, str]:
        """The newest recent change (id, timestamp); one request."""
        data = self._rc_query(list="recentchanges", rcprop="ids|timestamp", rclimit=1,
                           rcdir="older")
        rows = data.get("query", {}).get("recentchanges", [])
        if not rows:
            now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            return 0, now
        return int(rows[0]["rcid"]), rows[0]["timestamp"]

    def changes_since(self, rcid: int, timestamp: str
                      ) -> tuple[list[RecentChange], tuple[int, str], bool]:
        """Recent changes after ``rcid`` (from ``timestamp`` on), the new position, and
        whether the list is complete (one request; False when more than a batch changed)."""
        data = self._rc_query(list="recentchanges", rcprop="title|ids|timestamp",
                           rclimit="max", rcdir="newer", rcstart=timestamp,
                           rctype="edit|new|log|categorize")
        rows = [RecentChange(rcid=int(r["rcid"]), title=r.get("title", ""),
                             revid=int(r.get("revid") or 0), type=r.get("type", ""),
                             timestamp=r["timestamp"])
                for r in data.get("query", {}).get("recentchanges", [])
                if int(r["rcid"]) > rcid]
        complete = "continue" not in data
        position = (rows[-1]["rcid"], rows[-1]["timestamp"]) if rows else (rcid, timestamp)
        return rows, position, complete

    # -- selection, revisions and texts --------------------------------------------------------
    def select_revisions(self, generator_args: list[str]
                         ) -> tuple[list[PageRevision], list[SourceProblem]]:
        """The selected pages with their latest revision ids, without their texts."""
        site = self.site
        from pywikibot import exceptions as exc
        from pywikibot import pagegenerators

        factory = pagegenerators.GeneratorFactory(site=site)
        unknown = [arg for arg in generator_args if not factory.handle_arg(arg)]
        if unknown:
            raise UsageError(f"not a page selector: {' '.join(unknown)}")
        generator = factory.getCombinedGenerator()
        if generator is None:
            raise UsageError("no pages selected: add a page selector such as -cat:Name")
        source = self.describe()
        selected, problems, seen = [], [], set()
        try:
            pages = [p for p in generator if not (p.title() in seen or seen.add(p.title()))]
            bare = [p for p in pages if not hasattr(p, "_revid") and not hasattr(p, "_pageid")]
            if bare:  # e.g. -page: gives titles only: ask for their revisions, no text
                list(site.preloadpages(bare, content=False, groupsize=500))
            for page in pages:
                if not page.exists():
                    problems.append(SourceProblem(source, "page does not exist", page.title()))
                    continue
                selected.append(PageRevision(page.title(), page.latest_revision_id, page))
        except exc.Error as error:
            raise WikiError(f"{source}: {describe_error(error)}") from None
        except OSError as error:
            raise WikiError(f"{source}: connection lost: {short_error(error)}") from None
        return selected, problems

    def fetch_documents(self, pages: Iterable[PageRevision], groupsize: int = 50
                        ) -> Iterator[Document | SourceProblem]:
        """Texts of these pages, ``groupsize`` per request (their current revisions)."""
        from pywikibot import exceptions as exc

        source = self.describe()
        try:
            for page in self.site.preloadpages([p.page for p in pages], groupsize=groupsize):
                if not page.exists():
                    yield SourceProblem(source, "page does not exist", page.title())
                    continue
                if page.content_model not in ("wikitext", None):
                    yield SourceProblem(
                        source, f"content model {page.content_model!r} is not wikitext",
                        page.title())
                    continue
                yield self._document(page, source)
        except exc.Error as error:
            raise WikiError(f"{source}: {describe_error(error)}") from None
        except OSError as error:
            raise WikiError(f"{source}: connection lost: {short_error(error)}") from None

    def missing_selectors(self, generator_args: list[str]) -> list[str]:
        """The pages and categories named by selectors (``-page:``, ``-cat:`` ...) that do not
        exist on the wiki (a category with members counts as existing)."""
        named = []
        for arg in generator_args:
            option, _, value = arg.partition(":")
            if option in _NAMED and value:
                prefix = _NAMED[option]
                title = value.split("|")[0].strip()
                if prefix and not title.lower().startswith(prefix.lower()):
                    title = prefix + title
                named.append(title)
        if not named:
            return []
        data = self._rc_query(titles="|".join(named), prop="categoryinfo")
        missing = []
        for page in data.get("query", {}).get("pages", {}).values():
            members = page.get("categoryinfo", {}).get("size", 0)
            if "missing" in page and not members:
                missing.append(page["title"])
        return missing

    def saved_document(self, doc: Document, new_revid: int) -> Document:
        """The page as the bot just saved it (no request: the text the save sent)."""
        page = doc.meta["page"]
        return Document(title=doc.title, text=page.text, source=doc.source, revid=new_revid,
                        namespace=doc.namespace, location=doc.location, meta=doc.meta)

    def read_page(self, title: str) -> str | None:
        """A page's current text, or None when it does not exist."""
        page = self.pywikibot.Page(self.site, title)
        from pywikibot import exceptions as exc

        try:
            return page.get(force=True) if page.exists() else None
        except exc.Error as error:
            raise WikiError(f"{self.describe()}: page {title!r}: {describe_error(error)}"
                            ) from None

    def write_page(self, title: str, text: str, summary: str) -> int:
        """Create or replace a page the bot owns (a report page); returns the revision id."""
        page = self.pywikibot.Page(self.site, title)
        from pywikibot import exceptions as exc

        page.text = text
        try:
            page.save(summary=summary, minor=False, bot=True, quiet=True)
        except exc.Error as error:
            raise WikiError(f"{self.describe()}: cannot save {title!r}: "
                            f"{describe_error(error)}") from None
        return page.latest_revision_id

    # -- links ---------------------------------------------------------------------------------
    def links(self) -> dict[str, str]:
        """URL patterns for reports: ``page``, ``edit``, ``revision``, ``diff`` (with
        ``{title}`` / ``{revid}`` to fill in); from the site info pywikibot caches."""
        info = self.site.siteinfo
        server = info["server"]
        if server.startswith("//"):
            server = "https:" + server
        script = server + info["script"]
        return {
            "page": server + info["articlepath"].replace("$1", "{title}"),
            "edit": script + "?title={title}&action=edit",
            "revision": script + "?oldid={revid}",
            "diff": script + "?diff={revid}",
        }

    @staticmethod
    def url_title(title: str) -> str:
        return quote(title.replace(" ", "_"), safe="/:")
