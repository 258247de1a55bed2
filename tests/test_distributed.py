"""--scheduler: the same audit on a local Dask cluster gives the same report as a local run."""

from __future__ import annotations

import pytest

from conftest import SAMPLES, make_dump, run_wikiwarden

distributed = pytest.importorskip("distributed")


def test_local_cluster_gives_identical_findings(tmp_path):
    """Findings, order and exit status match a local --jobs 1 run."""
    import dask

    pages = [(f"P{i:03d}", p.read_text("utf-8"))
             for i, p in enumerate(sorted(SAMPLES.glob("*.wiki")) * 20)]
    dump = tmp_path / "pages.xml.bz2"
    dump.write_bytes(make_dump(pages, compress="bz2"))
    with dask.config.set({"distributed.worker.daemon": False}), distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = run_wikiwarden("audit", str(dump), "-q", "--scheduler",
                                cluster.scheduler_address)
    local = run_wikiwarden("audit", str(dump), "-q", "--jobs", "1")
    assert remote.returncode == local.returncode == 1
    assert remote.stdout and remote.stdout == local.stdout


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    """A scheduler that does not answer: one line, exit 2."""
    result = run_wikiwarden("audit", str(SAMPLES), "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr
