"""Resolvers: metadata looked up by identifier, the one stage of wikiwarden that uses the
network for citations.  Checks and fixers stay pure: this stage runs before them, and hands
them a mapping ``key -> Record`` through the rule :class:`~bot.rules.base.Context`.

- :mod:`.record`      the :class:`Record` every service is turned into (and its keys)
- :mod:`.settings`    the ``[lookup]`` config: contact, cache, base URLs, rates
- :mod:`.cache`       one persisted cache (SQLite) for every lookup, with an expiry
- :mod:`.http`        polite HTTP: User-Agent, rate limit per service, retries, offline
- :mod:`.crossref`, :mod:`.datacite`, :mod:`.ncbi`, :mod:`.openlibrary`, :mod:`.webpage`
                      one module per service: request and response shape
- :mod:`.resolver`    look up a set of keys: cache first, batched, each key at most once
"""

from bot.resolvers.record import Record, record_from_dict
from bot.resolvers.resolver import Resolver
from bot.resolvers.settings import LookupSettings

__all__ = ["LookupSettings", "Record", "Resolver", "record_from_dict"]
