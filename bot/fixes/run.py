"""Fixing pages for real: local files and wiki pages, one page at a time.

For each page: fix (to a fixpoint), pass the validation gate, refuse cosmetic-only changes,
then, only when applying, write the file atomically or save the wiki page over the exact
revision it came from.  An edit conflict means a human edited the page meanwhile: the page
is fetched again (with fresh {{bots}} information), fixed again, validated again and saved
once more, else left alone; the human's edit is never overwritten.

MediaWiki may also *merge* the bot's edit with a human's edit made meanwhile (no conflict:
they touched different lines).  Then the revision the bot leaves is not the one it checked:
:mod:`bot.fixes.aftersave` checks it again and undoes it at once when it fails.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import EditConflict, WikiError, WikiUnavailable
from bot.fileio import atomic_text_writer
from bot.fixes.aftersave import check_merged_save
from bot.fixes.diff import unified_diff
from bot.fixes.engine import FixResult, fixable_rules
from bot.fixes.gate import DroppedFix, fix_through_gate
from bot.parse.document import Document
from bot.rules.base import Context, Rule
from bot.rules.registry import select_rules
from bot.sources.dump import is_dump

__all__ = ["DUMP_READ_ONLY", "FixOutcome", "FixPlan", "PageFixer", "StopRequested",
           "edit_summary", "prepare_fix"]

DUMP_READ_ONLY = "dumps cannot be written back (fix --apply works on .wiki files and wiki pages)"


class StopRequested(Exception):
    """The on-wiki stop page is not empty: halt before the next save."""


@dataclass
class FixOutcome:
    """What happened to one page.  ``status``: unchanged, skipped (an expected reason:
    {{nobots}}, cosmetic-only, a dump), failed (anything else), would-change, written,
    saved.  ``transient``: failed for a reason that may pass (server errors ...)."""

    target: str
    status: str
    reason: str = ""
    diff: str = ""
    codes: Counter = field(default_factory=Counter)
    base_revid: int | None = None
    new_revid: int | None = None
    source: str = ""
    transient: bool = False
    dropped: list[DroppedFix] = field(default_factory=list)  # fixes the gate left out

    def to_dict(self) -> dict:
        return {"target": self.target, "status": self.status, "reason": self.reason,
                "codes": dict(sorted(self.codes.items())), "base_revid": self.base_revid,
                "new_revid": self.new_revid, "dropped": [d.to_dict() for d in self.dropped]}


def edit_summary(codes: Counter, rules: dict[str, Rule], extra: str | None = None) -> str:
    """``wikiwarden: REF011 ref-before-punctuation ×2, SEC001 empty-section`` (+ extra)."""
    parts = []
    for code, count in sorted(codes.items()):
        name = rules[code].name if code in rules else ""
        parts.append(f"{code} {name}" + (f" ×{count}" if count > 1 else ""))
    summary = "wikiwarden: fixed " + ", ".join(parts)
    return f"{summary}; {extra}" if extra else summary


def prepare_fix(doc: Document, rules: list[Rule], gate_rules: list[Rule], ctx: Context
                ) -> tuple[FixResult | None, tuple[str, str] | None, list[DroppedFix]]:
    """Fix and validate ``doc``: (result, None, dropped) to write, or (result or None,
    (status, reason), dropped).  A fix that would fail the gate is dropped (and named), the
    others go through the gate again."""
    gated = fix_through_gate(doc, fixable_rules(rules), gate_rules, ctx)
    result, gate, dropped = gated.result, gated.gate, gated.dropped
    if not result.changed:
        if dropped:
            return None, ("skipped", "the gate dropped every fix"), dropped
        return None, ("unchanged", ""), dropped
    if not gate.ok:  # the bot refuses its own unsafe fix: expected, not a failure
        return result, ("skipped", gate.reason), dropped
    if result.cosmetic_only:
        return result, ("skipped", "only cosmetic changes"), dropped
    return result, None, dropped


@dataclass(frozen=True)
class FixPlan:
    """What a worker process needs to fix and validate pages within the time budget."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    context: Context

    def prepare(self) -> Callable[[Document], tuple]:
        rules = fixable_rules(select_rules(self.select, self.ignore))
        gate_rules = select_rules()
        return lambda doc: prepare_fix(_lf_only(doc), rules, gate_rules, self.context)


def _lf_only(doc: Document) -> Document:
    """A file written with CRLF line ends is fixed as LF text (and written back as CRLF)."""
    if "\r\n" in doc.text and "page" not in doc.meta and _all_crlf(doc.text):
        return Document(doc.title, doc.text.replace("\r\n", "\n"), source=doc.source,
                        location=doc.location)
    return doc


def _all_crlf(text: str) -> bool:
    return text.count("\n") == text.count("\r\n") and text.count("\r") == text.count("\r\n")


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
    def _prepare(self, doc: Document, prepared=None) -> tuple[FixResult | None,
                                                              FixOutcome | None]:
        if prepared is None:
            prepared = prepare_fix(_lf_only(doc), self.rules, self.gate_rules, self.ctx)
        result, verdict, self._dropped = prepared
        if verdict is not None:
            status, reason = verdict
            return None, FixOutcome(doc.where, status, reason, source=doc.source,
                                    base_revid=doc.revid,
                                    codes=result.codes if result is not None else Counter())
        return result, None

    def fix(self, doc: Document, prepared=None) -> FixOutcome:
        """Fix one page; ``prepared``: what :func:`prepare_fix` gave for it (in a worker)."""
        self._dropped: list[DroppedFix] = []
        if "page" in doc.meta:
            outcome = self._fix_wiki_page(doc, prepared)
        else:
            outcome = self._fix_file(doc, prepared)
        outcome.dropped = list(self._dropped)
        return outcome

    # -- local files ---------------------------------------------------------------------------
    def _fix_file(self, doc: Document, prepared=None) -> FixOutcome:
        if self.apply and doc.source and is_dump(Path(doc.source)):
            return FixOutcome(doc.where, "skipped", DUMP_READ_ONLY, source=doc.source)
        result, outcome = self._prepare(doc, prepared)
        if outcome:
            return outcome
        text = result.text
        if _lf_only(doc) is not doc:
            text = text.replace("\n", "\r\n")
        diff = unified_diff(doc.text, text, doc.where)
        if not self.apply:
            return FixOutcome(doc.where, "would-change", diff=diff, codes=result.codes)
        path = Path(doc.source)
        try:
            current = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return FixOutcome(doc.where, "failed", f"cannot read it again: {exc}")
        if current != doc.text:
            return FixOutcome(doc.where, "failed", "the file changed since it was read")
        try:
            with atomic_text_writer(path) as fh:
                fh.write(text)
        except OSError as exc:
            return FixOutcome(doc.where, "failed", f"cannot write it: {exc.strerror or exc}")
        self._record(doc.where, None, None, None, result.codes,
                     texts=(str(path), doc.text, text))
        return FixOutcome(doc.where, "written", diff=diff, codes=result.codes)

    # -- wiki pages ----------------------------------------------------------------------------
    def _fix_wiki_page(self, doc: Document, prepared=None, retry: bool = True) -> FixOutcome:
        try:
            return self._fix_wiki_page_once(doc, prepared, retry)
        except WikiError as exc:  # any wiki error on this page: skip it, say why, go on
            return FixOutcome(doc.where, "failed", str(exc), base_revid=doc.revid,
                              transient=isinstance(exc, WikiUnavailable))

    def _fix_wiki_page_once(self, doc: Document, prepared, retry: bool) -> FixOutcome:
        if not self.wiki.may_edit(doc):
            return FixOutcome(doc.where, "skipped", "{{bots}}/{{nobots}} excludes this bot",
                              base_revid=doc.revid)
        result, outcome = self._prepare(doc, prepared)
        if outcome:
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
            saved = self.wiki.save(doc, result.text, summary)
        except EditConflict:
            if not retry:
                return FixOutcome(doc.where, "failed", "edit conflict twice; left alone",
                                  codes=result.codes, base_revid=doc.revid)
            return self._fix_wiki_page_once(self.wiki.refetch(doc), None, retry=False)
        if saved.nochange:
            return FixOutcome(doc.where, "unchanged", "the wiki already has this text",
                              base_revid=doc.revid)
        site = self.wiki.describe()
        if saved.parent_revid != doc.revid:  # merged with an edit made meanwhile
            verdict = check_merged_save(self.wiki, doc, saved, self.rules, self.gate_rules,
                                        self.ctx)
            if not verdict.ok:
                self._record(doc.title, site, doc.revid, saved.new_revid, result.codes, summary,
                             parent=saved.parent_revid, status=verdict.status,
                             reason=verdict.reason, undo=verdict.undo_revid)
                return FixOutcome(doc.where, "failed", verdict.message, codes=result.codes,
                                  base_revid=saved.parent_revid, new_revid=saved.new_revid)
        self._record(doc.title, site, doc.revid, saved.new_revid, result.codes, summary,
                     parent=saved.parent_revid,
                     status="reconciled" if saved.reconciled else "saved",
                     reason=saved.note)
        return FixOutcome(doc.where, "saved", diff=diff, codes=result.codes,
                          base_revid=saved.parent_revid, new_revid=saved.new_revid)

    def _record(self, target, site, base, new, codes, summary=None, texts=None,
                **extra) -> None:
        if self.store is not None:
            save_id = self.store.record_save(
                self.run_id, target, site, base, new, dict(codes),
                summary or edit_summary(codes, self.by_code, self.summary), **extra)
            if texts is not None:  # a local file: keep what `revert` restores
                self.store.record_texts(save_id, *texts)
