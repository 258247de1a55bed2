"""Fixing pages for real: local files and wiki pages, one page at a time.

For each page: fix (to a fixpoint), pass the validation gate, refuse cosmetic-only changes,
then, only when applying, write the file atomically or save the wiki page over the exact
revision it came from.  An edit conflict means a human edited the page meanwhile: the page
is fetched again, fixed again, validated again and saved once more, else skipped; the
human's edit is never overwritten.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import EditConflict, WikiError
from bot.fileio import atomic_text_writer
from bot.fixes.diff import unified_diff
from bot.fixes.engine import FixResult, fix_document
from bot.fixes.gate import validate
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["FixOutcome", "PageFixer", "StopRequested", "edit_summary"]


class StopRequested(Exception):
    """The on-wiki stop page is not empty: halt before the next save."""


@dataclass
class FixOutcome:
    """What happened to one page.  ``status``: unchanged, skipped, would-change, written,
    saved."""

    target: str
    status: str
    reason: str = ""
    diff: str = ""
    codes: Counter = field(default_factory=Counter)
    base_revid: int | None = None
    new_revid: int | None = None


def edit_summary(codes: Counter, rules: dict[str, Rule], extra: str | None = None) -> str:
    """``wikiwarden: REF011 ref-before-punctuation ×2, SEC001 empty-section`` (+ extra)."""
    parts = []
    for code, count in sorted(codes.items()):
        name = rules[code].name if code in rules else ""
        parts.append(f"{code} {name}" + (f" ×{count}" if count > 1 else ""))
    summary = "wikiwarden: fixed " + ", ".join(parts)
    return f"{summary}; {extra}" if extra else summary


class PageFixer:
    """Fixes pages with the selected rules; writes only when ``apply`` is set."""

    def __init__(self, rules: list[Rule], ctx: Context, *, apply: bool, store=None,
                 run_id: str | None = None, summary: str | None = None, wiki=None,
                 stop_page: str | None = None, gate_rules: list[Rule] | None = None,
                 before_save: Callable[[Document], None] | None = None):
        self.rules = rules
        self.by_code = {rule.code: rule for rule in rules}
        self.ctx = ctx
        self.apply = apply
        self.store = store
        self.run_id = run_id
        self.summary = summary
        self.wiki = wiki
        self.stop_page = stop_page
        self.before_save = before_save  # for tests: act between fetch and save
        self.gate_rules = gate_rules or rules  # the gate should re-run every check

    # -- the common part ---------------------------------------------------------------------
    def _prepare(self, doc: Document) -> tuple[FixResult | None, FixOutcome | None]:
        result = fix_document(doc, self.rules, self.ctx)
        if not result.changed:
            return None, FixOutcome(doc.where, "unchanged")
        gate = validate(doc, result, self.gate_rules, self.ctx)
        if not gate.ok:
            return None, FixOutcome(doc.where, "skipped", gate.reason, codes=result.codes)
        if result.cosmetic_only:
            return None, FixOutcome(doc.where, "skipped", "only cosmetic changes",
                                    codes=result.codes)
        return result, None

    def fix(self, doc: Document) -> FixOutcome:
        if "page" in doc.meta:
            return self._fix_wiki_page(doc)
        return self._fix_file(doc)

    # -- local files ---------------------------------------------------------------------------
    def _fix_file(self, doc: Document) -> FixOutcome:
        result, outcome = self._prepare(doc)
        if outcome:
            return outcome
        diff = unified_diff(doc.text, result.text, doc.where)
        if not self.apply:
            return FixOutcome(doc.where, "would-change", diff=diff, codes=result.codes)
        path = Path(doc.source)
        try:
            current = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return FixOutcome(doc.where, "skipped", f"cannot read it again: {exc}")
        if current != doc.text:
            return FixOutcome(doc.where, "skipped", "the file changed since it was read")
        with atomic_text_writer(path) as fh:
            fh.write(result.text)
        self._record(doc.where, None, None, None, result.codes,
                     texts=(str(path), doc.text, result.text))
        return FixOutcome(doc.where, "written", diff=diff, codes=result.codes)

    # -- wiki pages ----------------------------------------------------------------------------
    def _fix_wiki_page(self, doc: Document, retry: bool = True) -> FixOutcome:
        if not self.wiki.may_edit(doc):
            return FixOutcome(doc.where, "skipped", "{{bots}}/{{nobots}} excludes this bot",
                              base_revid=doc.revid)
        result, outcome = self._prepare(doc)
        if outcome:
            outcome.base_revid = doc.revid
            return outcome
        diff = unified_diff(doc.text, result.text, doc.where)
        if not self.apply:
            return FixOutcome(doc.where, "would-change", diff=diff, codes=result.codes,
                              base_revid=doc.revid)
        if self.wiki.stop_requested(self.stop_page):
            raise StopRequested(f"the stop page [[{self.stop_page}]] is not empty")
        if self.before_save is not None:
            self.before_save(doc)
        summary = edit_summary(result.codes, self.by_code, self.summary)
        try:
            new_revid = self.wiki.save(doc, result.text, summary)
        except EditConflict:
            if not retry:
                return FixOutcome(doc.where, "skipped", "edit conflict twice; left alone",
                                  codes=result.codes, base_revid=doc.revid)
            return self._fix_wiki_page(self.wiki.refetch(doc), retry=False)
        except WikiError as exc:
            return FixOutcome(doc.where, "skipped", str(exc), codes=result.codes,
                              base_revid=doc.revid)
        self._record(doc.title, self.wiki.describe(), doc.revid, new_revid, result.codes,
                     summary)
        return FixOutcome(doc.where, "saved", diff=diff, codes=result.codes,
                          base_revid=doc.revid, new_revid=new_revid)

    def _record(self, target, site, base, new, codes, summary=None, texts=None) -> None:
        if self.store is not None:
            save_id = self.store.record_save(
                self.run_id, target, site, base, new, dict(codes),
                summary or edit_summary(codes, self.by_code, self.summary))
            if texts is not None:  # a local file: keep what `revert` restores
                self.store.record_texts(save_id, *texts)
