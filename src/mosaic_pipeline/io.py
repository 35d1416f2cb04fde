"""Everything that touches the output folder: listing inputs, the lock, shard parts, atomic publish.

Layout of an output folder:
    <out>/<table>.parquet      symlinks to current/<table>.parquet (stable paths for readers)
    <out>/current              symlink to .mosaic/snapshots/<run_id>; swapped with os.replace,
                               so a reader sees the previous complete set or the new one
    <out>/.mosaic/lock         fcntl.flock lock file, holds the holder's pid
    <out>/.mosaic/parts/       one Parquet part per finished shard (completion markers)
    <out>/.mosaic/staging/     a run's tables while being written
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .errors import LockHeldError, NoInputError, OutputError
from .schemas import CSV_TABLES, SCHEMAS, TABLES, empty_table, table_from_rows, validate

STATE = ".mosaic"
FILE_MODE = 0o644
DIR_MODE = 0o755
_HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class SourceFile:
    path: str  # as given on the command line, joined with the name found
    doc_id: str  # sha256 of the bytes
    size: int


def list_sources(roots: list[Path]) -> list[Path]:
    """Every regular file below the roots, sorted, symlinks not followed (no loops, no escapes).

    Files of unknown type are listed too: ingest quarantines them with a reason.

    Hidden files are skipped: editors and sync tools leave them, and they are never documents.
    """
    found: list[Path] = []
    for root in roots:
        if not root.exists() and not root.is_symlink():
            raise NoInputError(f"no such file or folder: {root}")
        if root.is_file():
            found.append(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                p = Path(dirpath) / name
                if name.startswith(".") or p.is_symlink() or not p.is_file():
                    continue
                found.append(p)
    return sorted(set(found), key=lambda p: str(p))


def sha256_file(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_HASH_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


# ---------------------------------------------------------------- lock


@contextmanager
def run_lock(out: Path, wait: bool = False, poll: float = 0.2) -> Iterator[None]:
    """One run per output folder. The kernel frees a flock when its holder dies, even by kill -9."""
    state = ensure_state(out)
    path = state / "lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    holder = _read_pid(path)
                    raise LockHeldError(
                        f"another mosaic run (pid {holder}) holds the lock on {out}"
                    ) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing releases the flock


def _read_pid(path: Path) -> str:
    try:
        return path.read_text().strip() or "unknown"
    except OSError:
        return "unknown"


# ---------------------------------------------------------------- state folders


def ensure_state(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        state = out / STATE
        for sub in ("", "parts", "staging", "snapshots"):
            (state / sub).mkdir(exist_ok=True, mode=DIR_MODE)
        probe = state / ".probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise OutputError(f"output folder {out} is not writable: {e.strerror or e}") from e
    return state


def clean_stale(out: Path) -> None:
    """Remove what a crashed run left: staging folders and snapshots nobody points at."""
    state = out / STATE
    shutil.rmtree(state / "staging", ignore_errors=True)
    (state / "staging").mkdir(exist_ok=True, mode=DIR_MODE)
    live = current_snapshot(out)
    for snap in (state / "snapshots").iterdir():
        if live is None or snap.resolve() != live.resolve():
            shutil.rmtree(snap, ignore_errors=True)
    for part in (state / "parts").glob("*.tmp*"):
        part.unlink(missing_ok=True)


def current_snapshot(out: Path) -> Path | None:
    link = out / "current"
    return link if link.is_dir() else None


# ---------------------------------------------------------------- parquet


def write_parquet_atomic(table: pa.Table, path: Path) -> None:
    """Write beside the target and rename: a crash never leaves a half-written file at `path`."""
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        pq.write_table(table, tmp, compression="zstd", write_statistics=False)
        os.chmod(tmp, FILE_MODE)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _output_error(path, e) from e


def _output_error(path: Path, e: OSError) -> OutputError:
    if e.errno == errno.ENOSPC:
        return OutputError(f"no space left on device while writing {path}; previous tables kept",
                           "free disk space and run again")
    return OutputError(f"cannot write {path}: {e.strerror or e}")


def read_part(path: Path) -> pa.Table:
    return pq.read_table(path)


def read_table(out: Path, name: str) -> pa.Table:
    """The published table, or an empty one with its schema when there is none yet."""
    path = out / "current" / f"{name}.parquet"
    if not path.exists():
        return empty_table(name)
    # always cast: Parquet renames list items ("element"), which Schema.equals ignores but
    # the footer of the next write would carry, and identical tables must be identical bytes
    return _read_parquet(path).cast(SCHEMAS[name])


def _read_parquet(path: Path) -> pa.Table:
    # ParquetFile, not pq.read_table: the latter imports pyarrow.dataset (a third of a
    # second), which a no-op nightly run would pay for nothing
    with pq.ParquetFile(path) as f:
        return f.read()


def publish(out: Path, tables: dict[str, pa.Table], run_id: str) -> Path:
    """Write a complete snapshot in staging, then make it current with one atomic rename."""
    state = ensure_state(out)
    staging = state / "staging" / run_id
    staging.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    try:
        for name in TABLES:
            table = tables.get(name)
            if table is None and _link_previous(out, name, staging):
                continue
            if table is None:
                table = read_table(out, name)
            validate(name, table)
            write_parquet_atomic(table, staging / f"{name}.parquet")
            if name in CSV_TABLES:
                pacsv.write_csv(table, staging / f"{name}.csv")
        snapshot = state / "snapshots" / run_id
        os.replace(staging, snapshot)
        _swap_current(out, snapshot)
    except OSError as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise _output_error(staging, e) from e
    except OutputError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _link_tables(out)
    _drop_old_snapshots(out, keep=snapshot)
    return snapshot


def _link_previous(out: Path, name: str, staging: Path) -> bool:
    """Hard-link an unchanged table's files from the current snapshot: published files are
    never modified in place, so sharing them is safe, and a no-op run writes almost nothing."""
    current = out / "current"
    files = [f"{name}.parquet"] + ([f"{name}.csv"] if name in CSV_TABLES else [])
    if not all((current / f).is_file() for f in files):
        return False
    try:
        for f in files:
            os.link(current / f, staging / f)
    except OSError:
        for f in files:
            (staging / f).unlink(missing_ok=True)
        return False
    return True


def _swap_current(out: Path, snapshot: Path) -> None:
    tmp = out / f".current.tmp{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(snapshot, out), tmp)
    os.replace(tmp, out / "current")


def _link_tables(out: Path) -> None:
    files = [f"{n}.parquet" for n in TABLES] + [f"{n}.csv" for n in CSV_TABLES]
    for name in files:
        link = out / name
        target = os.path.join("current", name)
        if link.is_symlink() and os.readlink(link) == target:
            continue
        tmp = out / f".{name}.tmp{os.getpid()}"
        tmp.unlink(missing_ok=True)
        os.symlink(target, tmp)
        os.replace(tmp, link)


def _drop_old_snapshots(out: Path, keep: Path) -> None:
    for snap in (out / STATE / "snapshots").iterdir():
        if snap.resolve() != keep.resolve():
            shutil.rmtree(snap, ignore_errors=True)


# ---------------------------------------------------------------- shard parts


def _parts(out: Path) -> Path:
    return out / STATE / "parts"


def part_done(out: Path, shard_id: str) -> bool:
    return (_parts(out) / shard_id / "_SUCCESS").exists()


def write_part(out: Path, shard_id: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    """A shard's rows, one Parquet file per table, published by renaming its folder."""
    final = _parts(out) / shard_id
    tmp = _parts(out) / f"{shard_id}.tmp{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(mode=DIR_MODE)
        for name, items in rows.items():
            write_parquet_atomic(table_from_rows(name, items), tmp / f"{name}.parquet")
        (tmp / "_SUCCESS").write_bytes(b"")
        shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise _output_error(final, e) from e


def read_part_tables(out: Path, shard_id: str) -> dict[str, pa.Table]:
    folder = _parts(out) / shard_id
    return {p.stem: _read_parquet(p).cast(SCHEMAS[p.stem])
            for p in sorted(folder.glob("*.parquet"))}


def drop_parts_except(out: Path, keep: set[str]) -> None:
    for part in _parts(out).iterdir():
        if part.name not in keep:
            shutil.rmtree(part, ignore_errors=True) if part.is_dir() else part.unlink()


# ---------------------------------------------------------------- gold


def load_gold(folders: list[Path]) -> dict[str, Any]:
    """Gold annotations by document name, from <doc>.clean.txt / .figures.jsonl / .regions.json."""
    import json

    from .stages.evaluate import Gold

    gold: dict[str, Gold] = {}
    for folder in folders:
        if not folder.is_dir():
            raise NoInputError(f"no such gold folder: {folder}")
        for regions_file in sorted(folder.glob("*.regions.json")):
            name = regions_file.name.removesuffix(".regions.json")
            meta = json.loads(regions_file.read_text(encoding="utf-8"))
            clean = folder / f"{name}.clean.txt"
            figs = folder / f"{name}.figures.jsonl"
            figures = [json.loads(line) for line in figs.read_text(encoding="utf-8").splitlines()
                       if line.strip()] if figs.exists() else []
            gold[name] = Gold(
                doc=name,
                clean=clean.read_text(encoding="utf-8") if clean.exists() else None,
                figures=tuple(figures),
                regions=frozenset(meta.get("regions", [])),
                links=frozenset((r, s) for r, ss in meta.get("sector_links", {}).items()
                                for s in ss),
                not_links=frozenset((r, s) for r, ss in meta.get("not_links", {}).items()
                                    for s in ss),
            )
    return gold
