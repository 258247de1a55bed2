"""The run loop of a scheduled job: plan, fetch, check, fix, record, one page at a time.

Each page's results (its findings cache entry, its state in the job, what changed) are
committed in one transaction as soon as the page is done, and the wiki position only when
the whole run is done.  So after ``kill -9`` the next run redoes only the pages not
recorded yet; a page the bot saved but did not record is fetched again at the bot's own
revision, where the fixes (idempotent) find nothing to change: no page is saved twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from pathlib import Path

from bot import __version__
from bot.errors import UsageError, WikiError, WikiwardenError
from bot.fixes.engine import fixable_rules
from bot.fixes.run import PageFixer, StopRequested
from bot.jobs.config import JobConfig
from bot.jobs.diff import diff_page, stored_finding
from bot.jobs.outcome import RunOutcome
from bot.jobs.plan import plan_wiki
from bot.parse.document import Document
from bot.profiles import Profile
from bot.rules import Context, select_rules
from bot.runner import audit_document
from bot.sources import iter_local
from bot.sources.base import SourceProblem
from bot.store.jobs import JobState

__all__ = ["rules_version", "run_job"]

LOCAL = "local"


def rules_version(codes: list[str]) -> str:
    """Findings are valid for this wikiwarden version and this set of checks."""
    return hashlib.sha256(f"{__version__}|{','.join(sorted(codes))}".encode()).hexdigest()[:16]


def _text_version(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


class _Run:
    def __init__(self, job: JobConfig, profile: Profile, store, wiki, *, full: bool,
                 dry_run: bool, page_timeout: float, batch_size: int, argv: list[str]):
        self.job, self.profile, self.store, self.wiki = job, profile, store, wiki
        self.full, self.dry_run = full, dry_run
        self.page_timeout, self.batch_size = page_timeout, batch_size
        self.rules = select_rules(job.select, job.ignore)
        if not self.rules:
            raise UsageError(f"job {job.name!r}: no checks left after select/ignore")
        self.rv = rules_version([r.code for r in self.rules])
        self.ctx = Context(profile=profile, options={"today": dt.date.today()})
        self.state = JobState(store)
        self.run_id = None if dry_run else store.start_run("run", argv)
        self.out = RunOutcome(job=job.name, run_id=self.run_id, dry_run=dry_run)
        self.deadline = (time.monotonic() + job.max_runtime) if job.max_runtime else None
        self.fixer = None
        if job.fix and fixable_rules(self.rules):
            self.fixer = PageFixer(fixable_rules(self.rules), self.ctx, apply=not dry_run,
                                   store=None if dry_run else store, run_id=self.run_id,
                                   summary=job.summary, wiki=wiki, stop_page=job.stop_page,
                                   gate_rules=select_rules())

    # -- the whole run -----------------------------------------------------------------------
    def run(self) -> RunOutcome:
        out = self.out
        if self.run_id:
            self.state.start_job_run(self.run_id, self.job.name, "starting")
            killed = self.state.mark_killed(self.job.name, self.run_id)
            if killed:
                out.warnings.append(f"the previous run of job {self.job.name!r} was killed "
                                    f"before it finished; this run resumes its work")
        self.pages = self.state.job_pages(self.job.name)
        self.current = {key: value["findings"] for key, value in self.pages.items()}
        self.versions = {key: value["version"] for key, value in self.pages.items()}
        try:
            plan = None
            if self.job.wiki_args:
                plan = self._plan_wiki()
            if self.job.local_sources:
                if plan is None:
                    out.mode, out.reason = "incremental", "local files: changed texts only"
                self._local()
            if plan is not None and not out.stopped:
                self._fetch_and_check(plan)
        except StopRequested as stop:
            out.halted = str(stop)
        except WikiError as error:
            out.wiki_down = str(error)
        complete = not (out.stopped or out.halted or out.wiki_down or out.failed)
        if plan is not None and complete and not out.problems and not self.dry_run:
            self.state.set_position(self.job.name, out.site, plan.position, self.run_id)
        out.open = [{"title": title, "site": site, "version": self.versions.get((site, title)),
                     **f}
                    for (site, title), findings in sorted(self.current.items())
                    for f in findings]
        out.pages_selected = len(self.current)
        if self.run_id:
            out.previous_open = self.state.previous_counts(self.job.name, self.run_id)
        out.finished = dt.datetime.now(dt.UTC)
        return out

    def finish(self) -> None:
        """Record the run's totals (after the reports, so a report page edit is counted)."""
        if self.run_id:
            self.state.finish_job_run(self.run_id, self.out.status, self.out.totals(),
                                      self.out.counts())

    # -- the wiki part ---------------------------------------------------------------------------
    def _plan_wiki(self):
        out, wiki = self.out, self.wiki
        out.site = wiki.site_key
        out.links = wiki.links()
        plan = plan_wiki(wiki, self.state, self.job.name, list(self.job.wiki_args),
                         self.pages, self.rv, self.profile.name, full=self.full,
                         fix=self.fixer is not None,
                         own_pages=(self.job.report_page,) if self.job.report_page else ())
        out.mode, out.reason, out.changes_seen = plan.mode, plan.reason, plan.changes_seen
        if plan.listed:
            if not plan.selected:
                missing = wiki.missing_selectors(list(self.job.wiki_args))
                if missing:
                    raise UsageError(
                        f"job {self.job.name!r}: the selection names what does not exist on "
                        f"the wiki: {', '.join(missing)} (check sources in the config)")
                out.warnings.append(f"job {self.job.name!r}: the selection "
                                    f"{' '.join(self.job.wiki_args)} gives 0 pages")
            gone = [key for key in self.current
                    if key[0] == out.site and key[1] not in plan.selected]
            for key in gone:
                del self.current[key]
            if gone and not self.dry_run:
                self.state.drop_job_pages(self.job.name, gone)
        for problem in plan.problems:
            if problem.problem == "page does not exist" and f"-page:{problem.title}" in (
                    self.job.wiki_args):
                out.config_errors.append(f"job {self.job.name!r}: the selection names a page "
                                         f"that does not exist: {problem.title}")
            else:
                out.problems.append(str(problem))
        for page, findings in plan.from_cache:  # checked before at this revision
            self._record(out.site, page.title, str(page.revid), findings, findings, None)
        return plan

    def _fetch_and_check(self, plan) -> None:
        if not plan.todo:
            return
        docs = self.wiki.fetch_documents(plan.todo, self.batch_size)
        self._check_all(docs, self.out.site)

    # -- local files ---------------------------------------------------------------------------
    def _local(self) -> None:
        def changed():
            for source in self.job.local_sources:
                for item in iter_local(Path(source)):
                    if isinstance(item, SourceProblem):
                        yield item
                        continue
                    version = _text_version(item.text)
                    known = self.pages.get((LOCAL, item.where))
                    if not self.full and known and known["version"] == version and (
                            known["rules_version"], known["profile"]) == (
                            self.rv, self.profile.name):
                        continue
                    yield item

        self._check_all(changed(), LOCAL)

    # -- pages -----------------------------------------------------------------------------------
    def _audited(self, docs):
        """(document, findings) or problems, under the per-page time budget if any."""
        if self.page_timeout:
            from bot.workers import AuditPlan, audit_in_workers

            plan = AuditPlan(tuple(self.job.select), tuple(self.job.ignore), self.ctx)
            for result in audit_in_workers(docs, plan, jobs=1, budget=self.page_timeout):
                yield result.problem if result.problem is not None else (
                    result.document, result.findings)
        else:
            for doc in docs:
                yield doc if isinstance(doc, SourceProblem) else (
                    doc, audit_document(doc, self.rules, self.ctx))

    def _check_all(self, docs, site: str) -> None:
        out = self.out
        for item in self._audited(docs):
            if self.deadline is not None and time.monotonic() > self.deadline:
                out.stopped = f"max_runtime ({self.job.max_runtime:g} s) reached"
                return
            if isinstance(item, SourceProblem):
                out.problems.append(str(item))
                continue
            doc, findings = item
            if self._check_page(doc, [stored_finding(f) for f in findings], site) == "limit":
                out.stopped = f"limit of {self.job.limit} changed pages reached"
                return

    def _check_page(self, doc: Document, fetched: list[dict], site: str) -> str | None:
        out = self.out
        out.pages_checked += 1
        title = doc.title if site != LOCAL else doc.where
        version = str(doc.revid) if site != LOCAL else _text_version(doc.text)
        after, after_version = fetched, None
        if self.fixer is not None and any(f["fixable"] for f in fetched):
            changed = len(out.saves) + len(out.would_change)
            if self.job.limit and changed >= self.job.limit:
                return "limit"
            outcome = self.fixer.fix(doc)
            if outcome.status == "saved":
                saved = self.wiki.saved_document(doc, outcome.new_revid)
                after = [stored_finding(f) for f in audit_document(saved, self.rules, self.ctx)]
                after_version = str(outcome.new_revid)
                out.saves.append({"title": title, "base_revid": outcome.base_revid,
                                  "new_revid": outcome.new_revid, "codes": dict(outcome.codes)})
            elif outcome.status == "written":
                text = Path(doc.source).read_text("utf-8")
                saved = Document(doc.title, text, source=doc.source, location=doc.location)
                after = [stored_finding(f) for f in audit_document(saved, self.rules, self.ctx)]
                after_version = _text_version(text)
                out.saves.append({"title": title, "base_revid": None, "new_revid": None,
                                  "codes": dict(outcome.codes)})
            elif outcome.status == "would-change":
                out.would_change.append({"title": title, "diff": outcome.diff,
                                         "codes": dict(outcome.codes)})
            elif outcome.status in ("skipped", "failed"):
                expected = outcome.status == "skipped"  # the fixer tells a failure apart
                out.skipped.append({"title": title, "reason": outcome.reason,
                                    "expected": expected})
                if not expected:
                    return None  # not recorded: the next run tries this page again
        self._record(site, title, version, fetched, after, after_version)
        return None

    def _record(self, site: str, title: str, version: str, fetched: list[dict],
                after: list[dict], after_version: str | None) -> None:
        key = (site, title)
        previous = self.current.get(key) if key in self.pages or key in self.current else None
        diff = diff_page(previous, fetched, after)
        where = {"title": title, "site": site, "version": version}
        self.out.new.extend({**where, **f} for f in diff.new)
        self.out.fixed_people.extend({**where, **f} for f in diff.fixed_people)
        self.out.fixed_bot.extend({**where, "version": after_version or version, **f}
                                  for f in diff.fixed_bot)
        self.out.new_open += diff.new_open
        self.current[key] = after
        self.versions[key] = after_version or version
        if self.dry_run:
            return
        state, profile = self.state, self.profile.name
        with state.transaction():
            state.cache(site, title, version, self.rv, profile, fetched)
            if after_version is not None:
                state.cache(site, title, after_version, self.rv, profile, after)
            state.set_job_page(self.job.name, site, title, after_version or version, self.rv,
                               profile, self.run_id)
            state.record_changes(self.run_id, site, title, after_version or version,
                                 diff.changes())


def run_job(job: JobConfig, profile: Profile, store, wiki=None, *, full: bool = False,
            dry_run: bool = False, page_timeout: float = 0, batch_size: int = 50,
            argv: list[str] | None = None, after=None) -> RunOutcome:
    """Run ``job`` once.  ``after(outcome)`` runs before the run's totals are recorded
    (the reports); the caller holds the job's lock."""
    run = _Run(job, profile, store, wiki, full=full, dry_run=dry_run,
               page_timeout=page_timeout, batch_size=batch_size,
               argv=argv or [job.name])
    try:
        outcome = run.run()
        if after is not None:
            after(outcome)
    except BaseException as exc:  # recorded as failed, then the CLI reports it
        run.out.problems.append(str(exc) if isinstance(exc, WikiwardenError)
                                else f"the run stopped: {type(exc).__name__}")
        raise
    finally:
        run.finish()
    return outcome
