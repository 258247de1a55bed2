"""The wiki, through pywikibot.  The only module that imports pywikibot.

pywikibot reads its configuration when it is first imported, from ``$PYWIKIBOT_DIR``.
:class:`Wiki` therefore sets that variable explicitly from our own config and imports
pywikibot lazily, once per process.  Everything pywikibot does well is left to it: the site
and its family, login with bot passwords, throttling and maxlag, page generators
(``-cat:``, ``-page:`` ...) and preloading page texts in batches.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from bot.errors import EditConflict, UsageError, WikiError
from bot.parse.document import Document
from bot.sources.base import SourceProblem

__all__ = ["RequestLog", "Wiki"]

_configured_dir: Path | None = None


def _import_pywikibot(pywikibot_dir: Path):
    """Import pywikibot configured from ``pywikibot_dir`` (once per process)."""
    global _configured_dir
    if _configured_dir is not None and _configured_dir != pywikibot_dir:
        raise WikiError(
            f"pywikibot is already configured from {_configured_dir} in this process; "
            f"cannot switch to {pywikibot_dir}"
        )
    os.environ["PYWIKIBOT_DIR"] = str(pywikibot_dir)
    os.environ.setdefault("PYWIKIBOT_NO_USER_CONFIG", "0")
    try:
        pywikibot = importlib.import_module("pywikibot")
        importlib.import_module("pywikibot.pagegenerators")
    except Exception as exc:  # pywikibot raises bare RuntimeError/SyntaxError on bad config
        raise WikiError(
            f"{pywikibot_dir}/user-config.py: pywikibot cannot load it: {exc}"
        ) from None
    _configured_dir = pywikibot_dir
    _quiet_pywikibot_errors()
    return pywikibot


class _DropTracebacks(logging.Filter):
    """pywikibot logs a traceback (as an ERROR message) for every failed HTTP attempt before
    it gives up; we report the final failure in one line, so those are dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        return not message.startswith(
            ("Traceback (most recent call last)", "An error occurred for uri")
        )


def _quiet_pywikibot_errors() -> None:
    from pywikibot import bot as pywikibot_bot

    pywikibot_bot.init_handlers()
    for handler in logging.getLogger("pywiki").handlers:
        if not any(isinstance(f, _DropTracebacks) for f in handler.filters):
            handler.addFilter(_DropTracebacks())


class RequestLog:
    """Counts HTTP requests pywikibot sends, by kind (a ``requests`` response hook)."""

    def __init__(self) -> None:
        self.requests: list[dict] = []

    def __call__(self, response, *args, **kwargs):
        request = response.request
        body = request.body or b""
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        self.requests.append({"method": request.method, "url": request.url, "body": body})
        return response

    def count(self, predicate=lambda r: True) -> int:
        return sum(1 for r in self.requests if predicate(r))

    @staticmethod
    def is_write(record: dict) -> bool:
        """An edit (save) request."""
        return "action=edit" in record["body"] or "action=edit" in record["url"]

    @staticmethod
    def is_content_fetch(record: dict) -> bool:
        """A read of page texts: ``prop=revisions`` with ``rvprop`` including content."""
        from urllib.parse import parse_qs, urlsplit

        params = parse_qs(urlsplit(record["url"]).query)
        params.update(parse_qs(record["body"]))
        props = ",".join(params.get("prop", [])).replace("%7C", "|")
        rvprop = ",".join(params.get("rvprop", [])).replace("%7C", "|")
        return "revisions" in props and "content" in rvprop


class Wiki:
    """A connection to one wiki, configured by a pywikibot ``user-config.py``.

    Nothing happens until a method needs the site: then pywikibot is imported, the site is
    built from the config, and (when the config names a user) the bot logs in.
    """

    def __init__(self, pywikibot_dir: Path, global_args: list[str] | None = None, login=None):
        self.pywikibot_dir = Path(pywikibot_dir)
        self.global_args = list(global_args or [])
        self._login = login
        self._pywikibot = None
        self._site = None
        self.request_log = RequestLog()

    # -- set-up --------------------------------------------------------------------------
    @property
    def pywikibot(self):
        if self._pywikibot is None:
            self._pywikibot = _import_pywikibot(self.pywikibot_dir)
            from pywikibot.comms import http

            http.session.hooks.setdefault("response", []).append(self.request_log)
        return self._pywikibot

    def connect(self) -> None:
        """Reach the wiki and log in (when configured) now; raises WikiError on failure."""
        _ = self.site

    @property
    def site(self):
        if self._site is None:
            pwb = self.pywikibot
            from pywikibot import exceptions as exc

            try:
                if self.global_args:  # -family:, -code:, -user: ... set pywikibot's config
                    rest = pwb.handle_args([*self.global_args, "-nolog"], do_help=False)
                    if rest:
                        raise UsageError(f"unknown pywikibot option(s): {' '.join(rest)}")
                site = pwb.Site()
                site.siteinfo["generator"]  # forces the first request: reachability
            except UsageError:
                raise
            except (exc.ApiTimeoutError, exc.ServerError, OSError) as error:
                raise WikiError(
                    f"{self.describe()}: cannot reach {self._api_url()}: "
                    f"{_describe_error(error)} (check the address in user-config.py and "
                    f"the network)"
                ) from None
            except exc.Error as error:
                raise WikiError(f"{self.describe()}: {_describe_error(error)}") from None
            self._site = site
            if self._wants_login():
                self._do_login()
        return self._site

    def _api_url(self) -> str:
        config = self.pywikibot.config
        return config.family_files.get(config.family) or f"the {config.family} wiki"

    def describe(self) -> str:
        if self._site is not None:
            return f"wiki {self._site.sitename}"
        config = self._pywikibot.config if self._pywikibot else None
        if config is not None:
            return f"wiki {config.family}:{config.mylang}"
        return f"wiki from {self.pywikibot_dir}"

    def _wants_login(self) -> bool:
        if self._login is not None:
            return bool(self._login)
        config = self.pywikibot.config
        site = self._site
        names = config.usernames.get(site.family.name, {})
        return bool(names.get(site.code) or names.get("*"))

    def _do_login(self) -> None:
        from pywikibot import exceptions as exc

        site = self._site
        try:
            site.login()
        except exc.NoUsernameError as error:
            raise WikiError(
                f"{self.describe()}: login failed: wrong username or password ({_short(error)}); "
                f"check user-config.py and the password file (bot password user: 'Name@app')"
            ) from None
        except exc.Error as error:
            raise WikiError(f"{self.describe()}: login failed: {_describe_error(error)}") from None
        if not site.logged_in():
            raise WikiError(
                f"{self.describe()}: login failed: wrong username or password "
                f"(check the password file; for a bot password the user is 'Name@app')"
            )

    @property
    def username(self) -> str | None:
        return self.site.username() if self._site is not None else None

    # -- reading -------------------------------------------------------------------------
    def iter_documents(
        self, generator_args: list[str], groupsize: int = 50
    ) -> Iterator[Document | SourceProblem]:
        """Pages selected with pywikibot's generator arguments, texts fetched in batches."""
        site = self.site  # configures and imports pywikibot first (PYWIKIBOT_DIR)
        from pywikibot import exceptions as exc
        from pywikibot import pagegenerators

        factory = pagegenerators.GeneratorFactory(site=site)
        unknown = [arg for arg in generator_args if not factory.handle_arg(arg)]
        if unknown:
            raise UsageError(
                f"not a page selector: {' '.join(unknown)} (use pywikibot's generator "
                f"options such as -page:Title, -cat:Name, -file:list.txt; see `wikiwarden "
                f"audit --help`)"
            )
        generator = factory.getCombinedGenerator()
        if generator is None:
            raise UsageError("no pages selected: add a page selector such as -page:Title")
        source = self.describe()
        try:
            for page in pagegenerators.PreloadingGenerator(generator, groupsize=groupsize):
                title = page.title()
                if not page.exists():
                    yield SourceProblem(source, "page does not exist", title=title)
                    continue
                if page.content_model not in ("wikitext", None):
                    yield SourceProblem(
                        source, f"content model {page.content_model!r} is not wikitext", title
                    )
                    continue
                try:
                    document = self._document(page, source)
                except exc.Error as error:
                    yield SourceProblem(source, _describe_error(error), title=title)
                    continue
                yield document
        except exc.Error as error:
            raise WikiError(f"{source}: {_describe_error(error)}") from None
        except OSError as error:
            raise WikiError(f"{source}: connection lost: {_short(error)}") from None


    # -- writing -------------------------------------------------------------------------
    @staticmethod
    def _document(page, source: str) -> Document:
        return Document(
            title=page.title(),
            text=page.text,
            source=source,
            revid=page.latest_revision_id,
            namespace=page.namespace().id,
            timestamp=page.latest_revision.timestamp.isoformat(),
            location=f"[[{page.title()}]]",
            meta={"page": page},
        )

    def refetch(self, doc: Document) -> Document:
        """The page's current text and revision (after an edit conflict)."""
        page = doc.meta["page"]  # a page exists only once pywikibot is configured
        from pywikibot import exceptions as exc

        del page.text  # drop the text we set for the failed save; read the wiki's
        try:
            page.get(force=True)
        except exc.Error as error:
            raise WikiError(
                f"{self.describe()}: page {doc.title!r}: {_describe_error(error)}"
            ) from None
        return self._document(page, doc.source)

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
                f"{self.describe()}: page {doc.title!r}: not saved: {_describe_error(error)}"
            ) from None
        return page.latest_revision_id


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:300]


def _describe_error(error: BaseException) -> str:
    """pywikibot's error as one line, without anything secret in it."""
    info = getattr(error, "info", None)
    code = getattr(error, "code", None)
    if info and code:
        return f"{code}: {info}"[:300]
    return _short(error)
