"""Executors: run the same per-document task serially, in a process pool, or on Dask."""

from __future__ import annotations

from .base import Executor, Shard, ShardOutput, make_executor, make_shards

__all__ = ["Executor", "Shard", "ShardOutput", "make_executor", "make_shards"]
