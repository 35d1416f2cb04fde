"""Issue 6: serial, local and Dask executors write byte-identical tables; a Dask worker killed
mid-run leaves no duplicated rows."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from mosaic_pipeline.config import PipelineConfig
from mosaic_pipeline.engine.base import Task, default_shard_size, make_shards
from mosaic_pipeline.errors import MosaicError
from mosaic_pipeline.orchestrator import RunOptions, run_pipeline
from paths import INPUTS

TABLES = ("documents", "texts", "repairs", "mentions", "figures", "links", "matrix",
          "matrix_wide", "lineage", "quarantine")


def _corpus(tmp_path: Path) -> Path:
    """Text variants of the corpus (every language, clean and damaged, 54 documents) and two
    scans, so that each executor's workers run OCR too (in-process where tesserocr is)."""
    src = tmp_path / "src"
    for variant in ("lossy", "mojibake", "cp1252"):
        (src / variant).mkdir(parents=True)
        for p in sorted((INPUTS / variant).glob("*.txt")):
            (src / variant / p.name).write_bytes(p.read_bytes())
    (src / "png").mkdir()
    for name in ("it-03-gba-drones.png", "en-04-shandong-space.png"):
        (src / "png" / name).write_bytes((INPUTS / "png" / name).read_bytes())
    return src


def _bytes(out: Path) -> dict[str, bytes]:
    return {n: (out / "current" / f"{n}.parquet").read_bytes() for n in TABLES}


def _run(src: Path, out: Path, **kw: object) -> None:
    run_pipeline([src], RunOptions(out=out, shard_size=4, **kw), PipelineConfig())  # type: ignore[arg-type]


def test_shards_are_deterministic() -> None:
    tasks = [Task(f"p{i}", f"{i:064x}") for i in range(10)]
    a = make_shards(tasks, "fp", 3)
    b = make_shards(list(reversed(tasks)), "fp", 3)
    assert [s.shard_id for s in a] == [s.shard_id for s in b]
    assert [len(s.tasks) for s in a] == [3, 3, 3, 1]
    assert make_shards(tasks, "other", 3)[0].shard_id != a[0].shard_id


def test_default_shards_follow_how_the_executor_balances() -> None:
    """Dask balances by shard (small ones, a task each), the local pool by document (larger
    ones: fewer part files); a scheduler address means Dask whatever --executor says."""
    assert default_shard_size("local", scheduler="tcp://h:8786") == default_shard_size("dask")
    assert default_shard_size("local") > default_shard_size("dask")
    # an unknown name fails here, before the run drops an interrupted run's parts
    with pytest.raises(MosaicError, match="unknown executor 'spark'"):
        default_shard_size("spark")


@pytest.mark.slow
def test_serial_local_and_dask_write_identical_tables(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    _run(src, tmp_path / "serial", executor="serial")
    _run(src, tmp_path / "local", executor="local", workers=2)
    _run(src, tmp_path / "dask", executor="dask", workers=2)
    serial = _bytes(tmp_path / "serial")
    assert _bytes(tmp_path / "local") == serial
    assert _bytes(tmp_path / "dask") == serial


@pytest.mark.slow
def test_a_killed_dask_worker_duplicates_nothing(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    src = _corpus(tmp_path)
    _run(src, tmp_path / "serial", executor="serial")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as cluster, Client(cluster) as client:
        pids = list(client.run(os.getpid).values())

        def kill_one() -> None:
            time.sleep(1.5)
            os.kill(pids[0], signal.SIGKILL)

        killer = threading.Thread(target=kill_one)
        killer.start()
        _run(src, tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address)
        killer.join()
    assert _bytes(tmp_path / "dask") == _bytes(tmp_path / "serial")
