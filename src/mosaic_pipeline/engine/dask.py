"""Dask executor: one task per shard on a LocalCluster (127.0.0.1) or an existing scheduler.

Workers get paths, not objects, and return plain rows; the driver writes each shard's part and
commits. A shard retried after a worker dies still yields one output per shard id, so a killed
worker cannot duplicate rows. Install with `pip install mosaic_pipeline[dask]`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import MissingDependencyError
from .base import JobSpec, Progress, Shard, ShardOutput


def _run_shard(shard: Shard, job: JobSpec) -> ShardOutput:
    import os

    from ..orchestrator import process_shard

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return process_shard(shard, job)


class DaskExecutor:
    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:
            raise MissingDependencyError(
                "the dask executor needs dask.distributed",
                "pip install 'mosaic_pipeline[dask]'") from e
        self._cluster: Any = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                         processes=True, host="127.0.0.1",
                                         dashboard_address="127.0.0.1:0")
            self.client = Client(self._cluster)

    def run(self, shards: Sequence[Shard], job: JobSpec,
            progress: Progress | None = None) -> Iterator[ShardOutput]:
        from distributed import as_completed

        futures = []
        by_key = {}
        for shard in shards:
            # the key is the shard's content hash: a retried or resubmitted shard is one task
            fut = self.client.submit(_run_shard, shard, job, key=f"mosaic-{shard.shard_id}",
                                     retries=2, pure=False)
            futures.append(fut)
            by_key[fut.key] = shard
        for fut in as_completed(futures):
            out: ShardOutput = fut.result()
            if progress:
                for task in by_key[fut.key].tasks:
                    progress(task.path, "ok")
            yield out

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
