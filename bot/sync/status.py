"""Where each page of a working folder stands: compared with its base, locally and on the wiki.

The local side needs no network (file text against the base text, both canonical, so
MediaWiki's own normalisation never shows as a change); the wiki side is one ``prop=info``
request per batch of page ids (:meth:`bot.wiki.Wiki.latest_revisions`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.sync.folder import WorkingFolder
from bot.sync.store import PageRecord
from bot.sync.text import canonical, has_conflict_markers

__all__ = ["LABELS", "PageStatus", "folder_status"]

#: state → what `wikiwarden status` prints
LABELS = {
    "unchanged": "unchanged",
    "modified": "modified locally",
    "wiki-changed": "changed on the wiki",
    "both": "needs merge (changed locally and on the wiki)",
    "conflict": "conflict (resolve the markers)",
    "new": "new local file (would create the page)",
    "deleted-locally": "deleted locally (never pushed)",
    "deleted-on-wiki": "deleted on the wiki",
    "moved-on-wiki": "moved on the wiki",
    "bad-name": "not a page file name",
}


@dataclass
class PageStatus:
    path: str
    title: str
    state: str
    record: PageRecord | None = None
    local: str | None = None  # the file's text (None: missing)
    remote: object | None = None  # bot.wiki.syncing.RemotePage (None: not asked)
    detail: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.state] + (f": {self.detail}" if self.detail else "")


def folder_status(folder: WorkingFolder, wiki=None, paths: set[str] | None = None
                  ) -> list[PageStatus]:
    """The status of every tracked page and every untracked ``.wiki`` file (or only
    ``paths``).  Without ``wiki`` only the local side is compared."""
    records = [r for r in folder.store.pages() if paths is None or r.path in paths]
    remote = {}
    if wiki is not None:
        remote = wiki.latest_revisions([r.pageid for r in records if r.pageid])
    result = []
    for record in records:
        result.append(_tracked(folder, record, remote.get(record.pageid) if wiki else None))
    tracked = {r.path for r in folder.store.pages()}
    for path in folder.wiki_files():
        if path in tracked or (paths is not None and path not in paths):
            continue
        try:
            title = folder.namer.title_for_path(path)
        except (ValueError, UnicodeDecodeError):
            result.append(PageStatus(path, "", "bad-name"))
            continue
        result.append(PageStatus(path, title, "new", local=folder.read(path)))
    return sorted(result, key=lambda s: s.path)


def _tracked(folder: WorkingFolder, record: PageRecord, remote) -> PageStatus:
    local = folder.read(record.path)
    status = PageStatus(record.path, record.title, "unchanged", record, local, remote)
    if remote is not None and not remote.exists:
        status.state = "deleted-on-wiki"
        return status
    if remote is not None and remote.title != record.title:
        status.state, status.detail = "moved-on-wiki", f"now [[{remote.title}]]"
        return status
    if local is None:
        status.state = "deleted-locally"
        return status
    if has_conflict_markers(local) and record.state == "conflict":
        status.state = "conflict"
        return status
    local_changed = canonical(local) != record.base_text
    wiki_changed = remote is not None and remote.revid != record.base_revid
    if local_changed and wiki_changed:
        status.state = "both"
    elif local_changed:
        status.state = "modified"
    elif wiki_changed:
        status.state = "wiki-changed"
    return status
