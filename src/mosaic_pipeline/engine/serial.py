"""Serial executor: every document in this process, in order. For debugging (pdb works)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .base import JobSpec, Progress, Shard, ShardOutput


class SerialExecutor:
    name = "serial"

    def run(self, shards: Sequence[Shard], job: JobSpec,
            progress: Progress | None = None) -> Iterator[ShardOutput]:
        from ..orchestrator import process_shard

        for shard in shards:
            yield process_shard(shard, job, progress)

    def close(self) -> None:
        pass
