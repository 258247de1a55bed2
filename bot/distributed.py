"""Run an audit on a Dask cluster (``--scheduler ADDRESS``), for audits larger than one machine.

The scheduling is Dask's (``dask.distributed``); this module only cuts the input into batches,
keeps a bounded number in flight, and puts the results back in input order.  Each batch is
audited inside the Dask worker by the same worker pool as a local run, so the per-page time
budget holds there too.  (Dask's worker processes are daemons by default and may not start
children; set ``distributed.worker.daemon: false`` on the workers for the budget, otherwise
the batch is audited in the worker process itself and a warning is shown.)
"""

from __future__ import annotations

import collections
import warnings
from collections.abc import Iterable, Iterator

from bot.errors import UsageError, WikiwardenError
from bot.parse.document import Document
from bot.rules.registry import select_rules
from bot.runner import PageResult, run_audit
from bot.sources.base import SourceProblem
from bot.workers import AuditPlan, audit_in_workers, light_document

__all__ = ["audit_on_cluster"]


def _audit_batch(docs: list[Document], plan: AuditPlan, budget: float) -> list[tuple]:
    """Runs on a Dask worker: (findings, problem) for each document, in order."""
    try:
        results = list(audit_in_workers(docs, plan, jobs=1, budget=budget))
    except AssertionError:  # "daemonic processes are not allowed to have children"
        warnings.warn("Dask worker is a daemon: auditing without the per-page time budget",
                      RuntimeWarning, stacklevel=1)
        results = list(run_audit(docs, select_rules(plan.select, plan.ignore), plan.context))
    return [(r.findings, r.problem) for r in results]


def _batches(items: Iterable[Document | SourceProblem], size: int):
    batch: list[Document | SourceProblem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def audit_on_cluster(
    items: Iterable[Document | SourceProblem],
    plan: AuditPlan,
    address: str,
    budget: float = 5.0,
    batch_size: int = 100,
) -> Iterator[PageResult]:
    """Audit ``items`` on the Dask scheduler at ``address``; results in input order."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(
            "--scheduler needs dask.distributed: pip install 'wikiwarden[dask]'"
        ) from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise WikiwardenError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        in_flight: collections.deque = collections.deque()
        for batch in _batches(items, batch_size):
            docs = [light_document(item) for item in batch if isinstance(item, Document)]
            future = client.submit(_audit_batch, docs, plan, budget, pure=False)
            in_flight.append((batch, future))
            if len(in_flight) >= 2 * workers:
                yield from _collect(*in_flight.popleft())
        while in_flight:
            yield from _collect(*in_flight.popleft())
    finally:
        client.close()


def _collect(batch, future) -> Iterator[PageResult]:
    outcomes = iter(future.result())
    for item in batch:
        if isinstance(item, SourceProblem):
            yield PageResult(document=None, problem=item)
            continue
        findings, problem = next(outcomes)
        if problem is not None:
            yield PageResult(document=None, problem=problem)
        else:
            yield PageResult(document=item, findings=findings)
