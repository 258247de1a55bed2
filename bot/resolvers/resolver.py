"""Look up a set of identifier keys: cache first, then each service, batched where the
service allows, each key fetched at most once per run (and not again while cached)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from bot.resolvers import crossref, datacite, ncbi, openlibrary, webpage
from bot.resolvers.cache import LookupCache
from bot.resolvers.http import Http
from bot.resolvers.record import FAILED, NOT_FOUND, Record
from bot.resolvers.settings import LookupSettings

__all__ = ["Resolver"]


class Resolver:
    """``resolve(keys)`` → ``{key: Record}``; ``fetched`` counts keys asked of a service."""

    def __init__(self, settings: LookupSettings, cache: LookupCache | None = None,
                 http: Http | None = None, today: dt.date | None = None):
        self.settings = settings
        self.cache = cache if cache is not None else LookupCache(settings.cache_file,
                                                                 settings.cache_days)
        self.http = http if http is not None or settings.offline else Http(settings)
        self.today = today or dt.date.today()
        self.known: dict[str, Record] = {}
        self.fetched: Counter = Counter()  # key -> times asked of a service (at most 1)
        self.from_cache = 0

    def resolve(self, keys: Iterable[str]) -> dict[str, Record]:
        wanted = sorted(set(keys))
        todo = []
        for key in wanted:
            if key in self.known:
                continue
            cached = self.cache.get(key)
            if cached is not None:
                self.known[key] = cached
                self.from_cache += 1
            else:
                todo.append(key)
        if todo and self.settings.offline:
            for key in todo:
                self.known[key] = Record(key, FAILED, problem="offline and not in the cache")
            todo = []
        groups: dict[str, list[str]] = {}
        for key in todo:
            groups.setdefault(key.split(":", 1)[0], []).append(key)
        for kind, group in groups.items():
            self.fetched.update(group)
            for record in self._fetch(kind, group):
                self.known[record.key] = record
                self.cache.put(record)
        return {key: self.known[key] for key in wanted if key in self.known}

    def _fetch(self, kind: str, keys: list[str]):
        services = self.settings.services
        values = [key.split(":", 1)[1] for key in keys]
        if kind == "doi":
            for key, doi in zip(keys, values, strict=True):
                record = crossref.lookup(self.http, services["crossref"], key, doi)
                if record.status == NOT_FOUND:
                    record = datacite.lookup(self.http, services["datacite"], key, doi)
                yield record
        elif kind in ("pmid", "pmc"):
            service = services["ncbi"]
            db = "pubmed" if kind == "pmid" else "pmc"
            for i in range(0, len(values), service.batch):
                batch = values[i : i + service.batch]
                yield from ncbi.lookup_batch(self.http, service, db, batch,
                                             self.settings.contact).values()
        elif kind == "isbn":
            service = services["openlibrary"]
            for i in range(0, len(values), service.batch):
                yield from openlibrary.lookup_batch(self.http, service,
                                                    values[i : i + service.batch]).values()
        elif kind == "url":
            for key, url in zip(keys, values, strict=True):
                yield webpage.lookup(self.http, services["web"], key, url,
                                     self.today.isoformat())
        else:
            for key in keys:
                yield Record(key, FAILED, problem=f"no service for {kind!r} identifiers")

    def close(self) -> None:
        self.cache.close()
        if self.http is not None:
            self.http.close()
