"""Derived data kept in files between runs, so that a worker process starts in a fraction of
the time: the repair lexicons are built from wordfreq's lists (about a third of a second a
language) and load from their pickle in a tenth of that.

The folder is set once per process by the engine (default <out>/.mosaic/cache, so a run
writes nothing outside --out); without one, values are built every time. A file's name holds
the key its builder gave, so a new wordfreq or a changed builder never reads an old file; a
file that cannot be read is rebuilt, one that cannot be written is skipped: the cache can
only make a run faster, never fail it.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger("mosaic")
_FOLDER: list[Path | None] = [None]  # process-wide, set by configure()
FILE_MODE = 0o600  # pickles are code: readable by the owner only


def configure(folder: str | Path | None) -> None:
    """Where this process keeps and finds cached values (None: nowhere)."""
    _FOLDER[0] = Path(folder) if folder is not None else None


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The value stored under name and key, or build() stored there for next time."""
    folder = _FOLDER[0]
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as fh, _no_gc():
            value: T = pickle.load(fh)
        return value
    except FileNotFoundError:
        pass
    except Exception as e:  # a torn or foreign file: rebuild it
        log.debug("cache file %s unreadable (%s): rebuilding", path, e)
    value = build()
    _store(path, name, value)
    return value


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic collector held off while a pickle loads: a lexicon is ~230,000 new objects,
    each pass of the collector over a worker's heap (spaCy and all) finds nothing to free, and
    six lexicons loaded 0.58 -> 0.46 s without it (measured in a worker-sized process)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _store(path: Path, name: str, value: object) -> None:
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(tmp, "wb") as fh:
            os.fchmod(fh.fileno(), FILE_MODE)
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # two workers building at once: the last rename wins, whole
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path:  # an older key's file (another wordfreq, an older builder)
                old.unlink(missing_ok=True)
    except OSError as e:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        log.debug("cache file %s not written (%s)", path, e)
