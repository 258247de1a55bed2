"""What a lookup gives: one :class:`Record` per identifier, whatever service answered.

Keys name an identifier the same way everywhere (pages, cache, fixtures): ``doi:10.1/x``
(DOI lower-cased), ``pmid:123``, ``pmc:456``, ``isbn:9780451526533`` (ISBN-13),
``url:https://...``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

__all__ = ["FAILED", "FOUND", "NOT_FOUND", "Record", "record_from_dict"]

FOUND = "found"
NOT_FOUND = "not-found"  # the service answered: no such identifier
FAILED = "failed"  # no usable answer (network, malformed reply, offline and not cached)


@dataclass(frozen=True)
class Record:
    """Citation metadata for one identifier.

    ``kind`` is ``journal``, ``book`` or ``web`` (the CS1 template to use); ``authors`` are
    (last, first) pairs; ``date`` is a CS1 date (``2015``, ``March 2015``, ``2015-03-02``);
    ``notice`` is ``retracted``, ``retraction`` or ``erratum`` when the record must be
    reported rather than cited.
    """

    key: str
    status: str = FOUND
    source: str = ""  # the service that answered (crossref, datacite, pubmed, ...)
    kind: str = "journal"
    title: str = ""
    container: str = ""  # journal, or website for a web page
    container_short: str = ""  # abbreviated journal name, for comparisons only
    date: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    place: str = ""
    authors: tuple[tuple[str, str], ...] = ()
    doi: str = ""
    pmid: str = ""
    pmc: str = ""
    isbn: str = ""
    url: str = ""
    accessed: str = ""  # ISO date the page was read (web pages)
    notice: str = ""
    problem: str = ""  # why the lookup failed, for the report
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def found(self) -> bool:
        return self.status == FOUND

    @property
    def year(self) -> str:
        import re

        match = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", self.date)
        return match.group(1) if match else ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["authors"] = [list(a) for a in self.authors]
        return {k: v for k, v in data.items() if v not in ("", (), [], {}) or k == "key"}


def record_from_dict(data: dict) -> Record:
    """A record from :meth:`Record.to_dict` output (cache rows, test fixtures)."""
    known = {f.name for f in fields(Record)}
    values = {k: v for k, v in data.items() if k in known}
    values["authors"] = tuple(tuple(a) for a in values.get("authors", ()))
    return Record(**values)
