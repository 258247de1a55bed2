"""Polite HTTP for the lookup services.

Every request carries a User-Agent with the operator's contact, waits for its service's rate
limit (pyrate-limiter), and is retried with exponential backoff after a 429, a 5xx or a
timeout, honouring ``Retry-After``.  Retries go through the rate limit too (which is why they
are done here and not by urllib3's ``Retry``, which would retry below it).  Every request
sent is logged by service, so runs and tests can count them.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass

import requests
from pyrate_limiter import InMemoryBucket, Limiter, Rate

from bot.resolvers.settings import LookupSettings, Service

__all__ = ["Http", "LookupFailed", "Reply"]

MAX_BODY = 10_000_000  # bytes read from one reply at most (Crossref works with references)
_RETRY_STATUS = {429, 500, 502, 503, 504}


class LookupFailed(Exception):
    """No usable answer from a service; the message says why (one line)."""


@dataclass(frozen=True)
class Reply:
    status: int
    text: str
    content_type: str
    url: str


def _limiter(rate: float) -> Limiter:
    count = max(1, int(rate))
    return Limiter(InMemoryBucket([Rate(count, int(1000 * count / rate))]))


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Http:
    """GET requests to the configured services, politely."""

    def __init__(self, settings: LookupSettings, sleep=time.sleep):
        settings.require_contact()
        self.settings = settings
        self.sleep = sleep
        self.session = requests.Session()
        self.session.headers["User-Agent"] = settings.user_agent
        self.limiters = {name: _limiter(s.rate) for name, s in settings.services.items()}
        self.sent: list[dict] = []  # every request sent: service, url, status, at

    def count(self, service: str | None = None) -> int:
        return sum(1 for r in self.sent if service in (None, r["service"]))

    def get(self, service: Service, url: str, params: dict | None = None,
            accept: str = "application/json") -> Reply:
        """The final reply (any status but 429/5xx); raises LookupFailed."""
        if self.settings.offline:
            raise LookupFailed("offline: not in the cache")
        problem = ""
        for attempt in range(self.settings.retries + 1):
            self.limiters[service.name].try_acquire(service.name, blocking=True)
            record = {"service": service.name, "url": url, "status": None,
                      "at": time.monotonic()}
            self.sent.append(record)
            try:
                with self.session.get(url, params=params, timeout=self.settings.timeout,
                                      headers={"Accept": accept}, stream=True) as response:
                    record["status"] = response.status_code
                    if response.status_code not in _RETRY_STATUS:
                        body = response.raw.read(MAX_BODY, decode_content=True)
                        # the declared charset, else UTF-8 (not requests' ISO-8859-1 for text/*)
                        declared = "charset=" in response.headers.get("Content-Type", "")
                        encoding = (response.encoding if declared else None) or "utf-8"
                        try:
                            text = body.decode(encoding, "replace")
                        except LookupError:  # a charset Python does not know
                            text = body.decode("utf-8", "replace")
                        return Reply(response.status_code, text,
                                     response.headers.get("Content-Type", ""), response.url)
                    wait = _retry_after(response.headers.get("Retry-After"))
                    problem = f"HTTP {response.status_code}"
            except requests.Timeout:
                wait, problem = None, f"no answer within {self.settings.timeout:g} s"
            except requests.RequestException as exc:
                wait, problem = None, f"cannot connect ({type(exc).__name__})"
            if attempt == self.settings.retries:
                break
            wait = wait if wait is not None else 0.5 * 2**attempt
            if wait > self.settings.max_retry_after:
                problem += f", asked to wait {wait:.0f} s"
                break
            self.sleep(wait)
        raise LookupFailed(f"{service.name}: {problem} (after {attempt + 1} attempts)")

    def close(self) -> None:
        self.session.close()
