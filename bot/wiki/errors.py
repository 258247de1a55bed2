"""pywikibot's errors as one line for the user, without anything secret in them."""

from __future__ import annotations

__all__ = ["describe_error", "short_error"]


def short_error(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:300]


def describe_error(error: BaseException) -> str:
    """pywikibot's error as one line, without anything secret in it."""
    info = getattr(error, "info", None)
    code = getattr(error, "code", None)
    if info and code:
        return f"{code}: {info}"[:300]
    return short_error(error)
