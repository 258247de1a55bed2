"""Turning a looked-up record into citation parameters, and comparing it with the page
(pure: the record comes from :mod:`bot.resolvers` through the rule context).

The rules that keep it safe live here: a value already on the page is never changed (only
missing or empty parameters are added), a record that disagrees with the page on title, year
or journal is reported and not used, and a retracted record or a retraction/erratum notice is
reported and never cited.
"""

from __future__ import annotations

import re
import unicodedata

from bot.citations import Citation, find_citations
from bot.parse.document import Document

__all__ = ["METADATA", "NAME_STYLES", "added_fields", "disagreements", "metadata",
           "missing_fields", "new_citation", "record_fields", "usable"]

#: the Context option holding ``{key: Record}``
METADATA = "metadata"
NAME_STYLES = ("last-first", "vauthors")
TEMPLATES = {"journal": "cite journal", "book": "cite book", "web": "cite web"}
_TITLE_PREFIX = "add "

#: per template kind: the groups of parameters filled, each (name to add, names that count
#: as already given).  Authors are one group: any author parameter counts.
_GROUPS = {
    "journal": ["authors", ("title", ("title", "script-title")),
                ("journal", ("journal", "work", "periodical", "website", "magazine",
                             "newspaper")),
                ("date", ("date", "year", "publication-date")), ("volume", ("volume",)),
                ("issue", ("issue", "number")), ("pages", ("pages", "page", "at", "p", "pp")),
                ("doi", ("doi", "DOI")), ("pmid", ("pmid", "PMID")), ("pmc", ("pmc", "PMC")),
                ("url", ("url", "URL"))],
    "book": ["authors", ("title", ("title", "script-title")),
             ("publisher", ("publisher", "institution")),
             ("location", ("location", "place", "publication-place")),
             ("date", ("date", "year", "publication-date")),
             ("isbn", ("isbn", "ISBN", "isbn13")), ("doi", ("doi", "DOI"))],
    "web": ["authors", ("title", ("title", "script-title")),
            ("website", ("website", "work", "publisher", "journal", "periodical")),
            ("date", ("date", "year", "publication-date")), ("url", ("url", "URL")),
            ("access-date", ("access-date", "accessdate"))],
}
_AUTHOR = re.compile(r"^(?:author|authors|last|first|surname|given|vauthors|people|"
                     r"author-last|author-first|author-surname|author-given|collaboration)"
                     r"-?\d*$", re.I)
_KIND_OF_TEMPLATE = {"Cite journal": "journal", "Cite book": "book", "Cite web": "web"}


def metadata(options: dict) -> dict:
    return options.get(METADATA) or {}


def usable(record) -> bool:
    """A record that may be cited: found, and not a retraction, erratum or retracted work."""
    return (record is not None and record.found and not record.notice
            and bool(record.title.strip()))


def _initials(first: str) -> str:
    return "".join(part[0] for part in re.split(r"[\s.\-]+", first) if part).upper()


def _value(record, name: str, style: str) -> str:
    return _VALUES.get(name, lambda r: "")(record).strip()


_VALUES = {
    "title": lambda r: r.title, "journal": lambda r: r.container,
    "website": lambda r: r.container, "date": lambda r: r.date, "volume": lambda r: r.volume,
    "issue": lambda r: r.issue, "pages": lambda r: r.pages, "doi": lambda r: r.doi,
    "pmid": lambda r: r.pmid, "pmc": lambda r: r.pmc, "isbn": lambda r: r.isbn,
    "publisher": lambda r: r.publisher, "location": lambda r: r.place,
    "url": lambda r: r.url, "access-date": lambda r: r.accessed if r.url else "",
}


#: authors listed at most; more are shown as "et al." (CS1's display-authors=etal)
MAX_AUTHORS = 10


def _authors(record, style: str) -> list[tuple[str, str]]:
    named = [(last.strip(), first.strip()) for last, first in record.authors if last.strip()]
    authors = named[:MAX_AUTHORS]
    more = [("display-authors", "etal")] if len(named) > MAX_AUTHORS else []
    if not authors:
        return []
    if style == "vauthors":
        names = [f"{last} {_initials(first)}".strip() for last, first in authors]
        return [("vauthors", ", ".join(names)), *more]
    pairs = []
    for i, (last, first) in enumerate(authors, start=1):
        pairs.append((f"last{i}", last))
        if first:
            pairs.append((f"first{i}", first))
    return pairs + more


def record_fields(record, kind: str | None = None, style: str = "last-first"):
    """(parameter, value) pairs for a new citation of ``record``, in CS1's usual order."""
    kind = kind or record.kind
    pairs = []
    for group in _GROUPS[kind]:
        if group == "authors":
            pairs += _authors(record, style)
            continue
        value = _value(record, group[0], style)
        if value:
            pairs.append((group[0], value))
    return pairs


def complete_enough(record, kind: str | None = None) -> bool:
    """What CS1 requires of the template (title; journal for a journal, url for a web page)."""
    kind = kind or record.kind
    text = "{{" + TEMPLATES[kind] + "".join(
        f" |{name}={value}" for name, value in record_fields(record, kind)) + "}}"
    citations = find_citations(Document(title="completion", text=text))
    return bool(citations) and not citations[0].requirements()


def new_citation(record, style: str = "last-first") -> str:
    """``{{cite journal |last1=... |title=...}}`` for ``record``."""
    pairs = record_fields(record, style=style)
    return "{{" + TEMPLATES[record.kind] + "".join(f" |{k}={v}" for k, v in pairs) + "}}"


def template_kind(citation: Citation) -> str | None:
    return _KIND_OF_TEMPLATE.get(citation.name)


def _given(citation: Citation, names) -> tuple[bool, str | None]:
    """(some name has a non-empty value, the first name present with an empty value)."""
    empty = None
    for name in names:
        if citation.has(name):
            if citation.raw(name).strip():
                return True, None
            empty = empty or name
    return False, empty


def missing_fields(citation: Citation, record, style: str = "last-first"):
    """(parameter, value, empty_present) the record can add: absent, or present but empty.

    Authors are added only when the citation has no author parameter at all (empty or not),
    and a group is skipped when only a stand-in parameter is present but empty.
    """
    kind = template_kind(citation)
    if kind is None:
        return []
    out = []
    for group in _GROUPS[kind]:
        if group == "authors":
            if not any(_AUTHOR.match(name) for name in citation.raws):
                out += [(k, v, False) for k, v in _authors(record, style)]
            continue
        name, alternatives = group
        value = _value(record, name, style)
        if not value:
            continue
        given, empty = _given(citation, alternatives)
        if given or (empty is not None and empty != name):
            continue
        out.append((name, value, empty == name))
    return out


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").casefold()
    return re.sub(r"[\W_]+", "", text)


def _same_text(page: str, source: str) -> bool:
    a, b = _norm(page), _norm(source)
    return not a or not b or a == b or a.startswith(b) or b.startswith(a)


_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def disagreements(record, title: str | None = None, year: str | None = None,
                  journal: str | None = None) -> list[tuple[str, str, str]]:
    """(field, what the page says, what the source says) where they differ."""
    out = []
    if title and record.title and not _same_text(title, record.title):
        out.append(("title", title, record.title))
    page_year = _YEAR.search(year or "")
    if page_year and record.year and page_year.group(1) != record.year:
        out.append(("year", page_year.group(1), record.year))
    if journal and record.container and not (
        _same_text(journal, record.container)
        or (record.container_short and _same_text(journal, record.container_short))
    ):
        out.append(("journal", journal, record.container))
    return out


def citation_disagreements(citation: Citation, record) -> list[tuple[str, str, str]]:
    kind = template_kind(citation)
    journal = citation.value("journal", "work", "periodical") if kind == "journal" else None
    return disagreements(record, citation.value("title"),
                         citation.value("date", "year", "publication-date"), journal)


def added_fields(title: str) -> list[str]:
    """The parameter names an edit title made by :func:`edit_title` lists."""
    if not title.startswith(_TITLE_PREFIX):
        return []
    names = title[len(_TITLE_PREFIX):].split(" to ", 1)[0]
    return [name.strip() for name in names.split(",") if name.strip()]


def edit_title(names, where: str) -> str:
    return f"{_TITLE_PREFIX}{', '.join(names)} to {where}"


def collapse_numbered(names) -> list[str]:
    """``last1, first1, last2`` → ``last1-2, first1-2`` style shortening for summaries."""
    seen: dict[str, list[str]] = {}
    order = []
    for name in names:
        match = re.match(r"^([a-z-]+?)(\d+)$", name)
        base = match.group(1) if match else name
        if base not in seen:
            seen[base] = []
            order.append(base)
        seen[base].append(match.group(2) if match else "")
    out = []
    for base in order:
        numbers = sorted({int(n) for n in seen[base] if n})
        if len(numbers) > 1:
            out.append(f"{base}{numbers[0]}–{numbers[-1]}")
        else:
            out.append(base + (numbers[0] if numbers else ""))
    return out
