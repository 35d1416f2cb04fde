"""The executor interface and deterministic sharding."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import MosaicError

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Task:
    """One document to process: a path and what the driver already knows of it."""

    path: str
    doc_id: str
    other_paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Shard:
    shard_id: str  # hash of its doc_ids and the pipeline fingerprint: names its part file
    tasks: tuple[Task, ...]


@dataclass
class ShardOutput:
    shard_id: str
    rows: Rows = field(default_factory=dict)
    n_processed: int = 0
    n_quarantined: int = 0


# Called once per finished document (for progress bars): (path, outcome) with outcome
# "ok" or an error class.
Progress = Callable[[str, str], None]


@dataclass(frozen=True)
class JobSpec:
    """What a worker needs besides the tasks; plain data so it pickles to any worker."""

    config: Any  # PipelineConfig
    fingerprint: str
    now: str
    timeout: float
    memory_mb: int
    upto: str = "extract"  # "ingest" stops after ingest (the `mosaic ingest` command)
    cache_dir: str | None = None  # derived data kept between runs (see cache.py)


class Executor(Protocol):
    name: str

    def run(self, shards: Sequence[Shard], job: JobSpec,
            progress: Progress | None = None) -> Iterator[ShardOutput]: ...

    def close(self) -> None: ...


# Documents per shard when the caller names none. Each shard is a part file per table (~1.5 ms
# of the driver's CPU to write, fsync and read back at the commit, six tables a part: 0.3 s of
# a 1,000-document run at 32 documents a shard, measured) and the work a crash can lose. The
# Dask executor balances its workers by shard (a task each), so its shards stay small; the
# local executor hands out single documents, so its shards only set how often parts are written.
SHARD_SIZE = {"local": 128, "serial": 128, "dask": 32}


def executor_name(name: str, scheduler: str | None = None) -> str:
    """The executor that will run: a scheduler address means Dask, whatever was named."""
    name = "dask" if scheduler else name
    if name not in SHARD_SIZE:
        raise MosaicError(f"unknown executor {name!r}: choose serial, local or dask")
    return name


def default_shard_size(executor: str, scheduler: str | None = None) -> int:
    return SHARD_SIZE[executor_name(executor, scheduler)]


def make_shards(tasks: Sequence[Task], fingerprint: str, size: int) -> list[Shard]:
    """Cut tasks (sorted by doc_id) into shards whose ids depend only on their content."""
    ordered = sorted(tasks, key=lambda t: t.doc_id)
    shards = []
    for i in range(0, len(ordered), max(1, size)):
        chunk = tuple(ordered[i:i + size])
        h = hashlib.sha256(fingerprint.encode())
        for t in chunk:
            h.update(t.doc_id.encode())
        shards.append(Shard(shard_id=h.hexdigest()[:20], tasks=chunk))
    return shards


def make_executor(name: str, workers: int | None = None,
                  scheduler: str | None = None) -> Executor:
    name = executor_name(name, scheduler)
    if name == "serial":
        from .serial import SerialExecutor
        return SerialExecutor()
    if name == "local":
        from .local import LocalExecutor
        return LocalExecutor(workers or os.cpu_count() or 1)
    from .dask import DaskExecutor
    return DaskExecutor(workers or os.cpu_count() or 1, scheduler)
