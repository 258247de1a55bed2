"""pywikibot's errors as one line for the user, without anything secret in them."""

from __future__ import annotations

import re

__all__ = ["describe_error", "is_transient", "short_error"]

_URL_QUERY = re.compile(r"(https?://[^\s?'\"]+)\?[^\s'\")]*")


def short_error(error: BaseException) -> str:
    """The whole message on one line (never cut to an empty ``failed:``), query strings of
    URLs left out (they may carry tokens), at most 300 characters."""
    text = " ".join(str(error).split())
    if not text or text.endswith(":"):
        reason = getattr(error, "reason", None) or getattr(error, "__cause__", None)
        text = f"{text} {reason}".strip() if reason else (text or type(error).__name__)
        text = text or type(error).__name__
    text = _URL_QUERY.sub(r"\1?…", text)
    return text[:300]


def describe_error(error: BaseException) -> str:
    """pywikibot's error as one line, without anything secret in it."""
    info = getattr(error, "info", None)
    code = getattr(error, "code", None)
    if info and code:
        return " ".join(f"{code}: {info}".split())[:300]
    return short_error(error)


def is_transient(error: BaseException) -> bool:
    """Whether trying again later may succeed: server errors, timeouts, cut connections,
    maxlag, retries exhausted (as opposed to a refused edit or a missing page)."""
    from pywikibot import exceptions as exc

    if isinstance(error, exc.APIError):
        return getattr(error, "code", "") in ("maxlag", "readonly", "internal_api_error",
                                              "ratelimited")
    return isinstance(error, (exc.ServerError, exc.ApiTimeoutError, OSError))
