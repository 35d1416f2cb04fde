"""Serial executor: every document in this process, in order. For debugging (pdb works)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .base import JobSpec, Progress, Shard, ShardOutput


class SerialExecutor:
    name = "serial"

    def run(self, shards: Sequence[Shard], job: JobSpec,
            progress: Progress | None = None) -> Iterator[ShardOutput]:
        from ..orchestrator import merge_into, process_task

        for shard in shards:
            out = ShardOutput(shard.shard_id)
            for task in shard.tasks:
                rows, outcome = process_task(task, job)
                merge_into(out.rows, rows)
                out.n_processed += outcome == "ok"
                out.n_quarantined += outcome != "ok"
                if progress:
                    progress(task.path, outcome)
            yield out

    def close(self) -> None:
        pass
