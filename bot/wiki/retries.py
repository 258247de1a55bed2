"""Retries, counted and summed up instead of printed line by line.

pywikibot retries failed requests itself (``max_retries``, ``retry_wait``) and logs each
attempt ("Waiting 5.0 seconds before retrying.", a traceback of the cause).  Those records are
kept off the screen here and counted by cause, so a run prints one line at its end
("7 requests retried: 503 Server Error ×5, connection cut ×2").  429/503 answers carrying a
``Retry-After`` header are waited out (at most :data:`MAX_RETRY_AFTER` seconds) and counted.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import Counter

__all__ = ["MAX_RETRY_AFTER", "RetryLog"]

MAX_RETRY_AFTER = 30.0

_WAITING = re.compile(r"^Waiting [\d.]+ seconds before retrying")
_NOISE = ("Traceback (most recent call last)", "An error occurred for uri",
          "Http response status", "Non-JSON response received", "Pausing due to database lag",
          "Caught HTTP 504 error", "API error editconflict")


def _cause(message: str) -> str:
    """A short cause from a pywikibot log record (the last line of a traceback, ...)."""
    if message.startswith("Traceback"):
        last = message.strip().splitlines()[-1]
        name, _, text = last.partition(": ")
        name = name.rsplit(".", 1)[-1]
        if "Server Error" in text or re.match(r"\d{3} ", text):
            return " ".join(text.split(":")[0].split()[:3])
        if any(word in last for word in ("ChunkedEncoding", "IncompleteRead", "RemoteDisconnected",
                                         "Connection aborted", "ConnectionReset",
                                         "ProtocolError")):
            return "connection cut"
        if "Timeout" in name or "timed out" in text:
            return "timed out"
        if "ConnectionError" in name or "refused" in text:
            return "connection failed"
        return name
    if message.startswith("Pausing due to database lag"):
        return "maxlag"
    if message.startswith("Non-JSON response"):
        return "not a valid API answer"
    if message.startswith("Caught HTTP 504"):
        return "504 Gateway Timeout"
    if message.startswith("Http response status"):
        return "HTTP " + message.split()[-1]
    return ""


class RetryLog(logging.Filter):
    """A logging filter on pywikibot's handlers and a ``requests`` response hook at once."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self.retries = 0
        self.causes: Counter = Counter()
        self.waited = 0.0
        self.retry_after = 0
        self._last_cause = ""

    # -- logging.Filter: keep pywikibot's retry chatter off the screen, count it --------------
    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if _WAITING.match(message):
            with self._lock:
                self.retries += 1
                self.causes[self._last_cause or "unknown cause"] += 1
                self._last_cause = ""
            return False
        if message.startswith(_NOISE):
            cause = _cause(message)
            with self._lock:
                if cause == "maxlag":
                    self.retries += 1
                    self.causes["maxlag"] += 1
                elif cause:
                    self._last_cause = cause
            return False
        return True

    def add(self, cause: str) -> None:
        """Count a retry made outside pywikibot (a save sent again)."""
        with self._lock:
            self.retries += 1
            self.causes[cause or "unknown cause"] += 1
            self._last_cause = ""

    @property
    def last_cause(self) -> str:
        return self._last_cause or (self.causes.most_common(1)[0][0] if self.causes else "")

    # -- requests hook: wait out Retry-After on 429/503 -------------------------------------
    def __call__(self, response, *args, **kwargs):
        if response.status_code in (429, 503):
            after = response.headers.get("Retry-After", "")
            try:
                delay = min(float(after), MAX_RETRY_AFTER)
            except ValueError:
                delay = 0.0
            if delay > 0:
                time.sleep(delay)
                with self._lock:
                    self.waited += delay
                    self.retry_after += 1
        return response

    def summary(self) -> str:
        """One line, or "" when nothing was retried."""
        if not self.retries and not self.retry_after:
            return ""
        causes = ", ".join(f"{cause} ×{n}" for cause, n in self.causes.most_common())
        line = f"{self.retries} request{'s' if self.retries != 1 else ''} retried"
        if causes:
            line += f" ({causes})"
        if self.retry_after:
            line += (f"; waited {self.waited:.0f} s for {self.retry_after} Retry-After "
                     f"answer{'s' if self.retry_after != 1 else ''}")
        return line
