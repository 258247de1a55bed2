"""The citing run: chunks of pages → one lookup per chunk → fixes through the gate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from bot.citations.complete import METADATA, added_fields, collapse_numbered
from bot.citations.targets import lookup_keys
from bot.fixes.run import FixOutcome, PageFixer
from bot.parse.document import Document
from bot.rules.base import Context, Rule
from bot.runner import audit_document

if TYPE_CHECKING:  # imported by the command itself: requests and co. load only for `cite`
    from bot.resolvers import Resolver

__all__ = ["KINDS", "CiteRun", "CitingFixer", "PageCited", "lookup_summary"]

#: rules that report (never fix): shown for every page after its fix
REPORT_CODES = ("CMP004", "CMP005", "CMP006")
#: the kinds of identifier looked up (``--identifiers``)
KINDS = frozenset({"doi", "pmid", "pmc", "isbn", "url"})


class CitingFixer(PageFixer):
    """:class:`PageFixer` whose edit summary also names every field the fixes add."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_summary = self.summary

    def _prepare(self, doc, prepared=None):
        result, outcome = super()._prepare(doc, prepared)
        if result is not None:
            names = [n for edit in result.edits for n in added_fields(edit.title)]
            added = f"added {', '.join(dict.fromkeys(collapse_numbered(names)))}"
            self.summary = f"{added}; {self.base_summary}" if self.base_summary else added
        return result, outcome


@dataclass
class PageCited:
    """One page's outcome and what the report-only rules found on it."""

    outcome: FixOutcome
    reported: list = field(default_factory=list)  # Findings of CMP004/005/006
    failures: list = field(default_factory=list)  # (key, problem) lookups that failed


class CiteRun:
    """Resolves each chunk's identifiers, then fixes its pages with the records."""

    def __init__(self, fixer: PageFixer, resolver: Resolver, report_rules: list[Rule],
                 chunk: int = 100, kinds: frozenset[str] = KINDS):
        self.kinds = kinds
        self.fixer = fixer
        self.resolver = resolver
        self.report_rules = report_rules
        self.chunk = chunk
        self.base_ctx: Context = fixer.ctx

    def run(self, items: Iterable) -> Iterator[PageCited | object]:
        """Yields PageCited per page; anything that is not a Document passes through."""
        batch: list[Document] = []
        for item in items:
            if not isinstance(item, Document):
                yield from self._flush(batch)
                batch = []
                yield item
                continue
            batch.append(item)
            if len(batch) >= self.chunk:
                yield from self._flush(batch)
                batch = []
        yield from self._flush(batch)

    def _flush(self, batch: list[Document]) -> Iterator[PageCited]:
        if not batch:
            return
        profile = self.base_ctx.profile
        keys_of = {id(doc): {key for key in lookup_keys(doc, profile)
                             if key.split(":", 1)[0] in self.kinds} for doc in batch}
        records = self.resolver.resolve(set().union(*keys_of.values()))
        options = dict(self.base_ctx.options)
        options[METADATA] = records
        ctx = replace(self.base_ctx, options=options)
        self.fixer.ctx = ctx
        for doc in batch:
            outcome = self.fixer.fix(doc)
            reported = [f for f in audit_document(doc, self.report_rules, ctx)
                        if f.code in REPORT_CODES]
            failures = sorted((key, records[key].problem) for key in keys_of[id(doc)]
                              if key in records and records[key].status == "failed")
            yield PageCited(outcome, reported, failures)


def lookup_summary(resolver: Resolver) -> str:
    http = resolver.http
    per_service = Counter(r["service"] for r in http.sent) if http is not None else Counter()
    services = ", ".join(f"{name} {n}" for name, n in sorted(per_service.items())) or "none"
    return (f"Lookups: {len(resolver.known)} identifier(s), {resolver.from_cache} from the "
            f"cache, {len(resolver.fetched)} fetched; requests: {services}.")
