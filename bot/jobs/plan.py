"""Which pages a run must fetch and check: the incremental part of a job.

- The first run of a job, a run after the job's checks or profile changed, and ``--full``
  list the whole selection (revision ids only, no texts).
- Otherwise the wiki's recent changes since the last complete run are read (one request).
  When every change there is a revision the job already checked (the bot's own saves, say),
  nothing is listed and nothing is fetched.  Any other change lists the selection again.
- From the listed selection, only pages whose revision is not in the job's state (or, for
  pages new to the job, not in the findings cache) are fetched and checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.sources.base import SourceProblem
from bot.store.jobs import JobState, Position

__all__ = ["Plan", "plan_wiki"]

#: recent changes older than this may be purged by the wiki ($wgRCMaxAge: 90 days by default)
_RC_TRUSTED = dt.timedelta(days=30)


def _older_than(timestamp: str, age: dt.timedelta) -> bool:
    when = dt.datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    return dt.datetime.now(dt.UTC) - when > age


@dataclass
class Plan:
    """What one run does on one wiki."""

    mode: str                                  # full, incremental
    position: Position                         # to store when the run completes
    listed: bool                               # the selection was listed again
    todo: list = field(default_factory=list)   # PageRevision: fetch and check
    from_cache: list = field(default_factory=list)  # (PageRevision, findings): no fetch
    selected: set = field(default_factory=set)  # titles in the selection (when listed)
    problems: list[SourceProblem] = field(default_factory=list)
    changes_seen: int = 0                      # recent changes since the last position
    reason: str = ""


def _checked(page: dict | None, revid: int) -> bool:
    """The job has checked this revision of the page, or a later one (revision ids grow)."""
    if page is None or not revid or not page["version"].isdigit():
        return False
    return int(page["version"]) >= revid


def plan_wiki(wiki, state: JobState, job: str, wiki_args: list[str], pages: dict,
              rules_version: str, profile: str, *, full: bool, fix: bool = False,
              own_pages: tuple[str, ...] = ()) -> Plan:
    """Plan the wiki part of a run.  ``pages``: the job's pages as :meth:`JobState.job_pages`
    returns them; ``fix``: a page cached with fixable findings must be fetched (to fix it);
    ``own_pages``: pages the job itself writes (its report page), not changes to check."""
    site = wiki.site_key
    last = state.position(job, site)
    same_rules = last is not None and (last.rules_version, last.profile) == (
        rules_version, profile)
    changes_seen = 0
    if full or not same_rules:
        mode = "full"
        reason = ("--full" if full else "first run" if last is None
                  else "the checks or the profile changed")
        rcid, timestamp = wiki.rc_position()
    else:
        mode = "incremental"
        rows, (rcid, timestamp), complete = wiki.changes_since(last.rcid, last.timestamp)
        changes_seen = len(rows)
        unexplained = [r for r in rows if r["title"] not in own_pages
                       and not _checked(pages.get((site, r["title"])), r["revid"])]
        position = Position(rcid, timestamp, rules_version, profile)
        if _older_than(last.timestamp, _RC_TRUSTED):
            complete = False  # the wiki may have purged older recent changes: list again
        if complete and not unexplained:
            why = (f"{len(rows)} change(s) since the last run, all already checked"
                   if rows else "nothing changed on the wiki since the last run")
            return Plan(mode, position, listed=False, changes_seen=changes_seen, reason=why)
        if not complete:
            rcid, timestamp = wiki.rc_position()
        reason = (f"{len(unexplained)} change(s) on the wiki since the last run" if complete
                  else "many changes, or a long time, since the last run")
    position = Position(rcid, timestamp, rules_version, profile)
    selected, problems = wiki.select_revisions(wiki_args)
    plan = Plan(mode, position, listed=True, problems=problems, changes_seen=changes_seen,
                reason=reason, selected={p.title for p in selected})
    for page in selected:
        current = pages.get((site, page.title))
        if not full and current and current["version"] == str(page.revid) and (
                current["rules_version"], current["profile"]) == (rules_version, profile):
            continue  # unchanged since the job last checked it
        cached = None if full else state.cached(site, page.title, str(page.revid),
                                                rules_version, profile)
        if cached is not None and not (fix and any(f["fixable"] for f in cached)):
            plan.from_cache.append((page, cached))
        else:
            plan.todo.append(page)
    return plan
