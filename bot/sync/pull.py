"""``pull``: bring a working folder level with the wiki without losing a local edit.

1. The pages: those the folder tracks, plus what its recorded selection (pywikibot's
   generator options) yields now.
2. Tracked pages: one ``prop=info`` request per batch of page ids tells which changed on
   the wiki; only those texts are fetched (50 per request).  New pages: texts fetched by
   title, 50 per request.  A pull with nothing changed downloads no page text.
3. Per page: an unmodified file is fast-forwarded, a locally edited one is 3-way merged
   (:mod:`bot.sync.merge`); a conflict leaves markers and the page in state ``conflict``.
4. Files and bases change together, a batch at a time (:meth:`SyncStore.stage`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bot.errors import UsageError
from bot.sync.folder import WorkingFolder
from bot.sync.merge import merge_texts
from bot.sync.store import PageRecord
from bot.sync.text import canonical, file_text, has_conflict_markers

__all__ = ["PullReport", "pull"]

BATCH = 50


@dataclass
class PullReport:
    created: list[str] = field(default_factory=list)   # new files
    updated: list[str] = field(default_factory=list)   # fast-forwarded
    merged: list[str] = field(default_factory=list)    # clean 3-way merges
    conflicts: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)  # "path: what" lines

    @property
    def failed(self) -> bool:
        return bool(self.conflicts or self.problems)


def bind_site(folder: WorkingFolder, wiki, global_args: list[str]) -> None:
    """Record the wiki on first use; refuse a folder that belongs to another wiki."""
    site = wiki.site_key
    recorded = folder.store.get("site")
    if recorded is None:
        folder.store.put("site", site)
        folder.store.put("global_args", global_args)
        folder.set_namespaces(wiki.namespace_names())
    elif recorded != site:
        raise UsageError(f"{folder.root}: this working folder tracks {recorded}, not {site}")


def pull(folder: WorkingFolder, wiki, selection: list[str] | None = None) -> PullReport:
    """Pull the folder's pages (and ``selection``, added to the recorded one)."""
    report = PullReport()
    store = folder.store
    recorded = store.get("selection", [])
    wanted = list(dict.fromkeys([*recorded, *(selection or [])]))
    titles = wiki.list_titles(wanted) if wanted else []
    store.put("selection", wanted)

    records = store.pages()
    by_pageid = {r.pageid: r for r in records if r.pageid}
    by_title = {r.title: r for r in records}
    latest = wiki.latest_revisions(list(by_pageid)) if by_pageid else {}
    changed = {}
    for pageid, remote in latest.items():
        record = by_pageid[pageid]
        if not remote.exists:
            report.problems.append(f"{record.path}: [[{record.title}]] was deleted on the wiki "
                                   f"(file left alone)")
        elif remote.title != record.title:
            report.problems.append(f"{record.path}: [[{record.title}]] was moved on the wiki "
                                   f"to [[{remote.title}]] (file left alone)")
        elif remote.revid != record.base_revid:
            changed[pageid] = remote
        else:
            report.unchanged += 1
    new_titles = [t for t in titles if t not in by_title]

    taken = folder.taken()
    # changed and new pages share the batches of 50: ceil(N/50) content requests at most
    remotes = wiki.fetch_texts([*(r.title for r in changed.values()), *new_titles])
    while batch := list(itertools.islice(remotes, BATCH)):  # written as batches arrive
        staged = []
        for remote in batch:
            record = by_pageid.get(remote.pageid) or by_title.get(remote.title)
            staged += _one_page(folder, record, remote, taken, report)
        if staged:
            store.stage(staged)
            for record, content in staged:
                folder.write(record.path, content)
            store.commit_staged([record.path for record, _ in staged])
    folder.write_index()
    return report


def _one_page(folder, record, remote, taken, report) -> list[tuple[PageRecord, str]]:
    """What to write for one fetched page: [(new base, file content)] or []."""
    if not remote.exists:
        report.problems.append(f"[[{remote.title}]]: the page does not exist on the wiki")
        return []
    wiki_text = canonical(remote.text)
    if record is None:
        path = folder.namer.path_for_title(remote.title, taken)
        base = PageRecord(path, remote.title, remote.pageid, remote.revid, wiki_text)
        local = folder.read(path)
        if local is None:
            report.created.append(path)
            return [(base, file_text(wiki_text))]
        if canonical(local) == wiki_text:
            folder.store.set_pages([base])
            report.unchanged += 1
            return []
        report.problems.append(f"{path}: the file exists but is not tracked, and differs from "
                               f"[[{remote.title}]] (left alone; move it away and pull again)")
        return []
    new_base = PageRecord(record.path, remote.title, remote.pageid, remote.revid, wiki_text)
    local = folder.read(record.path)
    if local is None:
        report.problems.append(f"{record.path}: deleted locally, changed on the wiki "
                               f"(left deleted; restore it with `git checkout` or delete "
                               f"the page on the wiki)")
        return []
    local_text = canonical(local)
    if record.state == "conflict" and has_conflict_markers(local):
        report.problems.append(f"{record.path}: still has conflict markers; resolve them "
                               f"before pulling again")
        return []
    if local_text == record.base_text:
        report.updated.append(record.path)
        return [(new_base, file_text(wiki_text))]
    if local_text == wiki_text:  # e.g. our own save whose base was not yet recorded
        folder.store.set_pages([new_base])
        report.unchanged += 1
        return []
    merged = merge_texts(record.base_text, local, wiki_text)
    if merged.conflicts:
        report.conflicts.append(record.path)
        conflict = PageRecord(*_fields(new_base)[:-1], "conflict")
        return [(conflict, merged.text)]
    report.merged.append(record.path)
    return [(new_base, merged.text)]


def _fields(record: PageRecord) -> tuple:
    return (record.path, record.title, record.pageid, record.base_revid, record.base_text,
            record.state)
