"""Importing pywikibot configured from our config, the site, and the login.

pywikibot reads its configuration when it is first imported, from ``$PYWIKIBOT_DIR``, so the
variable is set explicitly from our own config and pywikibot is imported lazily, once per
process.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
from pathlib import Path

from bot.errors import UsageError, WikiDown, WikiError
from bot.wiki.errors import describe_error, short_error
from bot.wiki.requestlog import RequestLog
from bot.wiki.retries import RetryLog

__all__ = ["RETRY_LOG", "Connection"]

#: the first contact tries this often, this many seconds apart, so that an unreachable wiki
#: fails within seconds whatever max_retries/retry_wait say for later requests
FIRST_CONTACT_RETRIES = 1
FIRST_CONTACT_WAIT = 2

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


#: pywikibot's retry chatter, counted (one per process, like pywikibot's own handlers)
RETRY_LOG = RetryLog()


def _quiet_pywikibot_errors() -> None:
    """pywikibot logs a traceback and a "Waiting ..." line for every failed HTTP attempt
    before it gives up; those are counted (:class:`RetryLog`) and summed up at the end."""
    from pywikibot import bot as pywikibot_bot
    from pywikibot.comms import http

    pywikibot_bot.init_handlers()
    logger = logging.getLogger("pywiki")  # a logger's filter sees each record once
    if RETRY_LOG not in logger.filters:
        logger.addFilter(RETRY_LOG)
    hooks = http.session.hooks.setdefault("response", [])
    if RETRY_LOG not in hooks:
        hooks.append(RETRY_LOG)


class Connection:
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
                with _first_contact(pwb.config):
                    site = pwb.Site()
                    site.siteinfo["generator"]  # forces the first request: reachability
            except UsageError:
                raise
            except (exc.ApiTimeoutError, exc.ServerError) as error:
                cause = RETRY_LOG.last_cause
                if cause and cause not in ("connection failed", "timed out"):
                    raise WikiDown(
                        f"{self.describe()}: {self._api_url()} answers with errors ({cause}), "
                        f"even after retrying; the wiki may be down or overloaded: try again "
                        f"later"
                    ) from None
                raise WikiDown(
                    f"{self.describe()}: cannot reach {self._api_url()}: "
                    f"{cause or describe_error(error)} (check the address in user-config.py "
                    f"and the network)"
                ) from None
            except OSError as error:
                raise WikiDown(
                    f"{self.describe()}: cannot reach {self._api_url()}: "
                    f"{describe_error(error)} (check the address in user-config.py and "
                    f"the network)"
                ) from None
            except exc.Error as error:
                raise WikiDown(f"{self.describe()}: {describe_error(error)}") from None
            self._site = site
            if self._wants_login():
                self._do_login()
        return self._site

    def _api_url(self) -> str:
        config = self.pywikibot.config
        return config.family_files.get(config.family) or f"the {config.family} wiki"

    @property
    def site_key(self) -> str:
        """A stable name for this wiki in state files (pywikibot's ``family:code``)."""
        return f"{self.site.family.name}:{self.site.code}"

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
            raise WikiDown(
                f"{self.describe()}: login failed: wrong username or password "
                f"({short_error(error)}); check user-config.py and the password file "
                f"(bot password user: 'Name@app')"
            ) from None
        except exc.Error as error:
            raise WikiDown(f"{self.describe()}: login failed: {describe_error(error)}") from None
        if not site.logged_in():
            raise WikiDown(
                f"{self.describe()}: login failed: wrong username or password "
                f"(check the password file; for a bot password the user is 'Name@app')"
            )

    @property
    def username(self) -> str | None:
        return self.site.username() if self._site is not None else None

    @property
    def retry_log(self) -> RetryLog:
        return RETRY_LOG

    def wants_login(self) -> bool:
        """Whether the config names a user for this wiki (saving needs one)."""
        _ = self.site
        return self._wants_login()


@contextlib.contextmanager
def _first_contact(config):
    saved = config.max_retries, config.retry_wait
    config.max_retries = min(config.max_retries, FIRST_CONTACT_RETRIES)
    config.retry_wait = min(config.retry_wait, FIRST_CONTACT_WAIT)
    try:
        yield
    finally:
        config.max_retries, config.retry_wait = saved
