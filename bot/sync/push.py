"""``push``: save local edits that pass the gate, each over the revision it is based on.

Per page (from :func:`bot.sync.status.folder_status`, one ``prop=info`` request per batch):

- modified locally: the gate (:class:`bot.sync.gate.PushGate`) checks the edit against its
  base, then one ``action=edit`` with the base revision id;
- changed locally and on the wiki: the wiki's text is fetched (50 per request) and merged;
  a clean merge is gated and saved over the wiki's revision, a conflict stops the page as
  "needs merge" (``wikiwarden pull`` writes the markers);
- an edit conflict at save time (someone saved meanwhile): fetch, merge, gate, save once
  more, else "needs merge";
- a new local file: create-only (a page created meanwhile is never overwritten);
- deleted locally, deleted or moved on the wiki, conflict markers: reported, never pushed.

After a save the saved revision becomes the base, so ``status`` is clean.  A kill -9 between
a save and the base update is harmless: the next push sees the wiki's text equal to the
file and adopts it as the base without saving again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.errors import EditConflict, WikiError
from bot.sync.folder import WorkingFolder
from bot.sync.gate import PushGate
from bot.sync.merge import merge_texts
from bot.sync.status import PageStatus, folder_status
from bot.sync.store import PageRecord
from bot.sync.text import canonical, file_text
from bot.wiki.syncing import PageExists

__all__ = ["PageOutcome", "PushReport", "push"]

DEFAULT_SUMMARY = "wikiwarden push"


@dataclass
class PageOutcome:
    path: str
    title: str
    status: str  # saved | created | would-save | would-create | adopted | refused |
    #              needs-merge | skipped
    reason: str = ""
    findings: list = field(default_factory=list)
    new_revid: int | None = None


@dataclass
class PushReport:
    outcomes: list[PageOutcome] = field(default_factory=list)

    def count(self, *statuses: str) -> int:
        return sum(1 for o in self.outcomes if o.status in statuses)

    @property
    def failed(self) -> bool:
        return self.count("refused", "needs-merge", "failed") > 0


class _Pusher:
    def __init__(self, folder: WorkingFolder, wiki, gate: PushGate, summary: str,
                 dry_run: bool, run_id: str | None):
        self.folder, self.wiki, self.gate = folder, wiki, gate
        self.summary, self.dry_run, self.run_id = summary, dry_run, run_id

    def modified(self, status: PageStatus, base_text: str, base_revid: int,
                 text: str, retry: bool = True) -> PageOutcome:
        verdict = self.gate.check(status.title, base_text, text)
        if not verdict.ok:
            return PageOutcome(status.path, status.title, "refused", verdict.reason,
                               verdict.findings)
        if self.dry_run:
            return PageOutcome(status.path, status.title, "would-save")
        try:
            result = self.wiki.put_text(status.title, canonical(text), self.summary,
                                        base_revid=base_revid)
        except EditConflict:
            if not retry:
                return PageOutcome(status.path, status.title, "needs-merge",
                                   "edit conflict twice; run `wikiwarden pull`")
            remote = next(self.wiki.fetch_texts_of([status.remote]))
            return self.merged(status, remote, retry=False)
        except WikiError as exc:
            return PageOutcome(status.path, status.title, "failed", str(exc))
        new_text = canonical(text)
        if result.old_revid not in (None, base_revid) and not result.nochange:
            # MediaWiki merged our edit with one made meanwhile: the file takes its text
            new_text = canonical(next(self.wiki.fetch_texts([result.title])).text)
        self._record(status, result.pageid, result.new_revid, new_text, text, base_revid)
        return PageOutcome(status.path, status.title, "saved", new_revid=result.new_revid)

    def merged(self, status: PageStatus, remote, retry: bool = True) -> PageOutcome:
        """The page changed on the wiki too: merge, then push the merge."""
        if not remote.exists:
            return PageOutcome(status.path, status.title, "refused",
                               "deleted on the wiki meanwhile")
        merged = merge_texts(status.record.base_text, status.local, remote.text)
        if merged.conflicts:
            return PageOutcome(status.path, status.title, "needs-merge",
                               "changed on the wiki in the same place; run `wikiwarden pull` "
                               "and resolve the conflict")
        if canonical(merged.text) == canonical(remote.text):  # nothing of ours is missing
            if not self.dry_run:
                self._record(status, remote.pageid, remote.revid, canonical(remote.text),
                             merged.text, remote.revid)
            return PageOutcome(status.path, status.title, "adopted",
                               "the wiki already has this text")
        outcome = self.modified(status, remote.text, remote.revid, merged.text, retry)
        if outcome.status == "would-save":
            outcome.reason = "after merging the wiki's changes"
        return outcome

    def create(self, status: PageStatus) -> PageOutcome:
        verdict = self.gate.check(status.title, "", status.local)
        if not verdict.ok:
            return PageOutcome(status.path, status.title, "refused", verdict.reason,
                               verdict.findings)
        if not canonical(status.local):
            return PageOutcome(status.path, status.title, "refused", "the file is empty")
        if self.dry_run:
            return PageOutcome(status.path, status.title, "would-create")
        try:
            result = self.wiki.put_text(status.title, canonical(status.local), self.summary,
                                        create=True)
        except PageExists:
            return PageOutcome(status.path, status.title, "needs-merge",
                               "a page with this title was created on the wiki meanwhile; "
                               "move the file aside and pull")
        except WikiError as exc:
            return PageOutcome(status.path, status.title, "failed", str(exc))
        status.title = result.title  # as the wiki normalised it (first letter, spaces)
        self._record(status, result.pageid, result.new_revid, canonical(status.local),
                     status.local, None)
        return PageOutcome(status.path, result.title, "created", new_revid=result.new_revid)

    def _record(self, status: PageStatus, pageid: int, revid: int, base_text: str,
                pushed_text: str, old_revid: int | None) -> None:
        """The saved revision becomes the base; the file takes the merged text if any."""
        folder = self.folder
        record = PageRecord(status.path, status.title, pageid, revid, base_text)
        if canonical(status.local) == canonical(pushed_text) == base_text:
            folder.store.set_pages([record])
        else:
            content = file_text(base_text)
            folder.store.stage([(record, content)])
            folder.write(status.path, content)
            folder.store.commit_staged([status.path])
        if self.run_id and old_revid != revid:
            folder.store.record_save(self.run_id, status.title, folder.store.get("site"),
                                     old_revid, revid, {}, self.summary)


def push(folder: WorkingFolder, wiki, gate: PushGate, paths: set[str] | None = None, *,
         summary: str | None = None, dry_run: bool = False) -> PushReport:
    """Push the folder's local edits (or only ``paths``)."""
    report = PushReport()
    statuses = folder_status(folder, wiki, paths)
    run_id = None if dry_run else folder.store.start_run("push", sorted(paths or []))
    pusher = _Pusher(folder, wiki, gate, summary or DEFAULT_SUMMARY, dry_run, run_id)
    both = [s for s in statuses if s.state == "both"]
    remote_of = {r.pageid: r for r in wiki.fetch_texts_of(s.remote for s in both)}
    for status in statuses:
        report.outcomes.append(_push_one(pusher, status, remote_of))
    if run_id:
        folder.store.finish_run(run_id, "failed" if report.failed else "done")
    if not dry_run:
        folder.write_index()
    return report


def _push_one(pusher: _Pusher, status: PageStatus, remote_of: dict) -> PageOutcome:
    state, path, title = status.state, status.path, status.title
    if state == "modified":
        return pusher.modified(status, status.record.base_text, status.record.base_revid,
                               status.local)
    if state == "both":
        return pusher.merged(status, remote_of[status.record.pageid])
    if state == "new":
        return pusher.create(status)
    if state == "conflict":
        return PageOutcome(path, title, "refused", "it has conflict markers; resolve them")
    if state in ("deleted-locally", "deleted-on-wiki", "moved-on-wiki", "bad-name"):
        return PageOutcome(path, title, "skipped", status.label)
    return PageOutcome(path, title, "unchanged" if state == "unchanged" else "skipped",
                       "" if state == "unchanged" else "changed on the wiki: pull first")
