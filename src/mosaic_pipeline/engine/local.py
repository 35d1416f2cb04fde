"""Local executor: a supervised pool of worker processes, one document at a time per worker.

Unlike a plain process pool, the supervisor can kill a worker whose document hangs (wall-clock
timeout) or that dies (memory cap, segfault in a C library), quarantine that one document and
start a fresh worker, so the run goes on. Workers load spaCy and the lexicons once each.

Each worker holds a second document in its pipe while it works on the first, so it never
waits for the driver between documents; the clock of a document starts when the worker
reaches it, and documents queued behind a failed one go back to the queue.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import resource
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from .base import JobSpec, Progress, Rows, Shard, ShardOutput, Task

# forkserver: workers start from a clean process (no driver threads or locks inherited),
# cheaper than spawn because the server is forked once.
_CTX: Any = mp.get_context("forkserver")
# what every worker imports, done once in the fork server: workers (and the fresh ones after
# a crash) start without paying for spaCy's import
_PRELOAD = ["mosaic_pipeline.orchestrator", "mosaic_pipeline.stages.ingest",
            "mosaic_pipeline.stages.repair", "mosaic_pipeline.stages.extract"]
IN_FLIGHT = 2  # documents sent to a worker ahead of its results


def prestart() -> None:
    """Start the fork server now, so that its imports (about 1.4 s, mostly spaCy) overlap
    the driver's own imports and plan instead of following them."""
    from multiprocessing import forkserver

    _CTX.set_forkserver_preload(_PRELOAD)
    forkserver.ensure_running()


def _worker_main(conn: Connection, job: JobSpec) -> None:
    from ..orchestrator import SYSTEMIC, process_task

    os.environ["OMP_THREAD_LIMIT"] = "1"
    if job.memory_mb > 0:
        cap = job.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    while True:
        msg = conn.recv()
        if msg is None:
            return
        index, task = msg
        try:
            rows, outcome = process_task(task, job)
            conn.send((index, rows, outcome, None))
        except SYSTEMIC as e:
            conn.send((index, {}, "systemic", e))


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    inflight: deque[int] = field(default_factory=deque)  # the head is being processed
    deadline: float = 0.0  # of the head


class LocalExecutor:
    name = "local"

    def __init__(self, workers: int) -> None:
        self.n_workers = max(1, workers)
        self._workers: list[_Worker] = []
        _CTX.set_forkserver_preload(_PRELOAD)  # taken when the server starts, once a process

    def _spawn(self, job: JobSpec) -> _Worker:
        parent, child = _CTX.Pipe()
        proc = _CTX.Process(target=_worker_main, args=(child, job), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def run(self, shards: Sequence[Shard], job: JobSpec,
            progress: Progress | None = None) -> Iterator[ShardOutput]:
        tasks = [(si, t) for si, s in enumerate(shards) for t in s.tasks]
        remaining = [len(s.tasks) for s in shards]
        outputs = [ShardOutput(s.shard_id) for s in shards]
        queue = list(range(len(tasks)))[::-1]
        n = min(self.n_workers, len(tasks))
        self._workers = [self._spawn(job) for _ in range(n)]
        next_shard = 0
        while any(remaining[next_shard:]) or queue:
            self._feed(queue, tasks, job)
            for index, rows, outcome in self._collect(tasks, queue, job):
                si, task = tasks[index]
                self._record(outputs[si], rows, outcome)
                remaining[si] -= 1
                if progress:
                    progress(task.path, outcome)
            # shards are yielded in order so parts are written deterministically
            while next_shard < len(shards) and remaining[next_shard] == 0:
                done, outputs[next_shard] = outputs[next_shard], ShardOutput("")
                next_shard += 1
                yield done  # the driver owns its rows now: nothing here keeps them alive

    @staticmethod
    def _record(out: ShardOutput, rows: Rows, outcome: str) -> None:
        from ..orchestrator import merge_into

        merge_into(out.rows, rows)
        out.n_processed += outcome == "ok"
        out.n_quarantined += outcome != "ok"

    def _feed(self, queue: list[int], tasks: list[tuple[int, Task]], job: JobSpec) -> None:
        for w in self._workers:
            while len(w.inflight) < IN_FLIGHT and queue:
                index = queue.pop()
                if not w.inflight:
                    w.deadline = time.monotonic() + job.timeout
                w.inflight.append(index)
                w.conn.send((index, tasks[index][1]))

    def _collect(self, tasks: list[tuple[int, Task]], queue: list[int],
                 job: JobSpec) -> Iterator[tuple[int, Rows, str]]:
        from ..orchestrator import quarantine_rows

        busy = [w for w in self._workers if w.inflight]
        if not busy:
            return
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.conn for w in busy], timeout=timeout)
        for w in busy:
            index, task = w.inflight[0], tasks[w.inflight[0]][1]
            if w.conn in ready:
                try:
                    got_index, rows, outcome, err = w.conn.recv()
                except (EOFError, OSError):
                    code = w.proc.exitcode if not w.proc.is_alive() else None
                    self._replace(w, queue, job)
                    cls = "resource_limit" if code in (-9, None) else "crash"
                    yield index, quarantine_rows(
                        task, cls, f"worker died (exit code {code}) while processing", job
                    ), cls
                    continue
                if err is not None:
                    raise err
                w.inflight.popleft()
                w.deadline = time.monotonic() + job.timeout  # the next one starts now
                yield got_index, rows, outcome
            elif time.monotonic() >= w.deadline:
                self._replace(w, queue, job)
                yield index, quarantine_rows(
                    task, "timeout", f"no result within {job.timeout:g} s", job), "timeout"

    def _replace(self, w: _Worker, queue: list[int], job: JobSpec) -> None:
        """A fresh worker for one that hung or died; what it held behind its current
        document goes back to the queue (the queue pops from its end)."""
        w.proc.kill()
        w.proc.join(5)
        w.conn.close()
        w.inflight.popleft()
        queue.extend(reversed(w.inflight))
        fresh = self._spawn(job)
        w.proc, w.conn, w.inflight = fresh.proc, fresh.conn, deque()

    def close(self) -> None:
        for w in self._workers:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        for w in self._workers:
            w.proc.join(2)
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(1)
            w.conn.close()
        self._workers = []
