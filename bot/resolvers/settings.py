"""The ``[lookup]`` section of the config: who we are, where the cache is, each service.

```toml
[lookup]
contact = "mailto:bot-operator@example.org"   # required: sent in the User-Agent
cache_file = "wikiwarden-lookups.sqlite"      # relative to the config file
cache_days = 30                               # how long an answer is kept
timeout = 10                                  # seconds per request
retries = 3                                   # after a 429, 5xx or timeout
[lookup.services.crossref]                    # crossref, datacite, ncbi, openlibrary, web
base_url = "https://api.crossref.org"
rate = 5                                      # requests per second, at most
```
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from bot import __version__
from bot.errors import ConfigError

__all__ = ["DEFAULT_SERVICES", "LookupSettings", "Service"]


@dataclass(frozen=True)
class Service:
    name: str
    base_url: str
    rate: float  # requests per second
    batch: int = 1  # identifiers per request


#: the public services and polite default rates (NCBI allows 3/s without an API key)
DEFAULT_SERVICES = {
    "crossref": Service("crossref", "https://api.crossref.org", 5),
    "datacite": Service("datacite", "https://api.datacite.org", 5),
    "ncbi": Service("ncbi", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils", 3, batch=200),
    "openlibrary": Service("openlibrary", "https://openlibrary.org", 2, batch=50),
    "web": Service("web", "", 1),
}


@dataclass(frozen=True)
class LookupSettings:
    contact: str = ""
    cache_file: Path = Path("wikiwarden-lookups.sqlite")
    cache_days: float = 30.0
    timeout: float = 10.0
    retries: int = 3
    max_retry_after: float = 120.0  # a longer Retry-After gives up on that request
    offline: bool = False
    services: dict[str, Service] = field(default_factory=lambda: dict(DEFAULT_SERVICES))

    @property
    def user_agent(self) -> str:
        return f"wikiwarden/{__version__} ({self.contact}) python-requests"

    def require_contact(self) -> None:
        """Refuse to go online without the operator's contact (the services ask for it)."""
        if not self.contact.strip() and not self.offline:
            raise ConfigError(
                "citation lookups need the operator's contact: set contact = "
                '"mailto:you@example.org" (or a URL) under [lookup] in the config file; the '
                "services ask for it in the User-Agent"
            )

    def with_offline(self, offline: bool) -> LookupSettings:
        return replace(self, offline=offline)

    @classmethod
    def from_config(cls, data: dict, base: Path | None = None) -> LookupSettings:
        where = "[lookup]"
        known = {"contact", "cache_file", "cache_days", "timeout", "retries", "services",
                 "max_retry_after"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"{where}: unknown key(s): {', '.join(unknown)}")
        services = dict(DEFAULT_SERVICES)
        for name, values in data.get("services", {}).items():
            if name not in services:
                raise ConfigError(f"{where}: unknown service {name!r} "
                                  f"(known: {', '.join(services)})")
            bad = sorted(set(values) - {"base_url", "rate", "batch"})
            if bad:
                raise ConfigError(f"{where}.services.{name}: unknown key(s): {', '.join(bad)}")
            rate = values.get("rate", services[name].rate)
            if not isinstance(rate, int | float) or rate <= 0:
                raise ConfigError(f"{where}.services.{name}: rate must be a positive number")
            batch = values.get("batch", services[name].batch)
            if not isinstance(batch, int) or not 1 <= batch <= 200:
                raise ConfigError(f"{where}.services.{name}: batch must be from 1 to 200")
            services[name] = Service(name, str(values.get("base_url", services[name].base_url))
                                     .rstrip("/"), float(rate), batch)
        cache_file = Path(data.get("cache_file", "wikiwarden-lookups.sqlite"))
        if base is not None and not cache_file.is_absolute():
            cache_file = base / cache_file
        try:
            return cls(
                contact=str(data.get("contact", "")),
                cache_file=cache_file,
                cache_days=float(data.get("cache_days", 30)),
                timeout=float(data.get("timeout", 10)),
                retries=int(data.get("retries", 3)),
                max_retry_after=float(data.get("max_retry_after", 120)),
                services=services,
            )
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{where}: {exc}") from None
