"""Checking a save that MediaWiki merged with an edit made meanwhile, and undoing it.

When a human edits another part of the page between the bot's fetch and its save,
MediaWiki applies the bot's change on top of the human's revision without an edit conflict.
The revision the bot leaves is then text the gate never saw, and a {{nobots}} the human
added is in it.  So the saved revision is fetched and must be exactly what the bot would
have saved on the human's revision, pass the gate, and be allowed by {{bots}}; otherwise
the bot undoes its own revision at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.errors import WikiError
from bot.fixes.engine import fix_document
from bot.fixes.gate import validate
from bot.parse.document import Document
from bot.rules.base import Context, Rule
from bot.wiki.exclusion import bots_allow

__all__ = ["MergeVerdict", "check_merged_save"]


@dataclass(frozen=True)
class MergeVerdict:
    ok: bool
    status: str = "saved"  # or undone, undo-failed
    reason: str = ""
    undo_revid: int | None = None

    @property
    def message(self) -> str:
        if self.status == "undone":
            return (f"merged with an edit made meanwhile, and the result failed the checks "
                    f"({self.reason}): the bot's revision was undone")
        return (f"merged with an edit made meanwhile, and the result failed the checks "
                f"({self.reason}); undoing it failed too: a human must look at the page")


def check_merged_save(wiki, doc: Document, saved, rules: list[Rule], gate_rules: list[Rule],
                      ctx: Context) -> MergeVerdict:
    """Validate revision ``saved.new_revid`` as a fix of ``saved.parent_revid``; undo it if
    it fails (or if its texts cannot be read: an unvalidated revision is never left)."""
    try:
        reason = _problem(wiki, doc, saved, rules, gate_rules, ctx)
    except WikiError as exc:
        reason = f"cannot read the merged revision to check it: {exc}"
    if reason is None:
        return MergeVerdict(True)
    try:
        undo = wiki.undo(doc.title, saved.new_revid, saved.parent_revid,
                         f"wikiwarden: undoing my edit (r{saved.new_revid}): {reason}")
    except WikiError as exc:
        return MergeVerdict(False, "undo-failed", f"{reason}; undo: {exc}")
    if undo.status != "undone":
        return MergeVerdict(False, "undo-failed",
                            f"{reason}; undo: {undo.status} {undo.detail}".rstrip())
    return MergeVerdict(False, "undone", reason, undo.new_revid)


def _problem(wiki, doc, saved, rules, gate_rules, ctx) -> str | None:
    parent_text = wiki.revision_text(doc.title, saved.parent_revid)
    merged_text = wiki.revision_text(doc.title, saved.new_revid)
    user = wiki.username or ""
    if not bots_allow(merged_text, user) or not bots_allow(parent_text, user):
        return "{{bots}}/{{nobots}} added meanwhile excludes this bot"
    parent = Document(doc.title, parent_text, source=doc.source, revid=saved.parent_revid,
                      namespace=doc.namespace, location=doc.location)
    redo = fix_document(parent, rules, ctx)
    if redo.text != merged_text:
        return "the merged text is not what the bot would save on the new revision"
    gate = validate(parent, redo, gate_rules, ctx)
    if not gate.ok:
        return gate.reason
    if redo.cosmetic_only:
        return "only cosmetic changes are left after the merge"
    return None
