"""Undo the saves of one run, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.errors import UsageError
from bot.fileio import atomic_text_writer
from bot.fixes.diff import unified_diff
from bot.store import StateStore

__all__ = ["RevertOutcome", "Reverter"]


@dataclass
class RevertOutcome:
    """One save of the run: ``status`` is ``reverted``, ``would-revert``, ``left`` (the undo
    does not apply: untouched), ``already`` (reverted before) or ``failed``."""

    save: dict
    status: str
    detail: str = ""
    diff: str = ""
    undo_save_id: int | None = None  # the revert's own save, recorded in the revert run

    @property
    def target(self) -> str:
        save = self.save
        return f"[[{save['target']}]]" if save["site"] else save["target"]


class Reverter:
    """Reverts ``run_id``'s saves; writes only when ``apply`` (as a new run)."""

    def __init__(self, store: StateStore, run_id: str, *, apply: bool, wiki=None,
                 arguments: list[str] | None = None):
        self.store = store
        self.run_id = run_id
        self.apply = apply
        self.wiki = wiki
        self.arguments = arguments or []
        self.revert_run: str | None = None
        if store.run(run_id) is None:
            raise UsageError(f"no run {run_id!r} in {store.path} (see the runs table)")
        self.saves = list(reversed(store.saves(run_id)))  # newest first
        self.needs_wiki = any(save["site"] for save in self.saves)

    def summary_for(self, save: dict) -> str:
        return f"wikiwarden: revert run {self.run_id} (undo revision {save['new_revid']})"

    def run(self):
        if self.apply:
            self.revert_run = self.store.start_run("revert", self.arguments)
        status = "done"
        try:
            for save in self.saves:
                outcome = self._one(save)
                if self.apply and outcome.status in ("reverted", "left", "failed"):
                    self.store.record_revert(self.revert_run, save["id"], outcome.status,
                                             outcome.detail, outcome.undo_save_id)
                yield outcome
        except BaseException:
            status = "interrupted"
            raise
        finally:
            if self.revert_run:
                self.store.finish_run(self.revert_run, status)

    def _one(self, save: dict) -> RevertOutcome:
        done = [r for r in self.store.reverts_of(save["id"]) if r["status"] == "reverted"]
        if done:
            return RevertOutcome(save, "already", f"reverted by run {done[0]['run_id']}")
        if save["site"]:
            return self._wiki(save)
        return self._file(save)

    # -- wiki pages: MediaWiki's undo -------------------------------------------------------
    def _wiki(self, save: dict) -> RevertOutcome:
        if save["new_revid"] is None or save["base_revid"] is None:
            return RevertOutcome(save, "failed", "the save's revisions were not recorded")
        if self.wiki is None or self.wiki.describe() != save["site"]:
            where = self.wiki.describe() if self.wiki else "no wiki"
            return RevertOutcome(save, "failed",
                                 f"saved on {save['site']}, connected to {where}")
        if not self.apply:
            return RevertOutcome(save, "would-revert",
                                 f"undo revision {save['new_revid']} (back to "
                                 f"{save['base_revid']})")
        result = self.wiki.undo(save["target"], save["new_revid"], save["base_revid"],
                                self.summary_for(save))
        if result.status == "undone":
            undo_id = self.store.record_save(
                self.revert_run, save["target"], save["site"], result.base_revid,
                result.new_revid, {}, self.summary_for(save))
            return RevertOutcome(save, "reverted", f"revision {result.new_revid}",
                                 undo_save_id=undo_id)
        if result.status == "nochange":
            return RevertOutcome(save, "reverted", result.detail)
        if result.status == "conflict":
            return RevertOutcome(save, "left", f"the undo no longer applies: {result.detail}")
        return RevertOutcome(save, "failed", result.detail)

    # -- local files: back to the recorded text ---------------------------------------------
    def _file(self, save: dict) -> RevertOutcome:
        texts = self.store.save_texts(save["id"])
        if texts is None:
            return RevertOutcome(save, "failed", "no text was recorded for this save")
        path, before, after = Path(texts[0]), texts[1], texts[2]
        try:
            current = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return RevertOutcome(save, "failed", f"cannot read it: {exc}")
        if current != after:
            return RevertOutcome(save, "left", "the file changed since the save")
        diff = unified_diff(current, before, str(path))
        if not self.apply:
            return RevertOutcome(save, "would-revert", diff=diff)
        with atomic_text_writer(path) as fh:
            fh.write(before)
        undo_id = self.store.record_save(self.revert_run, save["target"], None, None, None, {},
                                         f"wikiwarden: revert run {self.run_id}")
        self.store.record_texts(undo_id, str(path), current, before)
        return RevertOutcome(save, "reverted", diff=diff, undo_save_id=undo_id)
