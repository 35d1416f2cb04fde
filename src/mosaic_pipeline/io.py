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
import itertools
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .errors import LockHeldError, NoInputError, OutputError
from .schemas import (
    CSV_TABLES,
    SCHEMAS,
    TABLES,
    empty_table,
    os_text,
    table_from_rows,
    validate,
)
from .warmup import folder_ids, is_skipped

STATE = ".mosaic"
FILE_MODE = 0o644
DIR_MODE = 0o755
_HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class SourceFile:
    path: str  # as given on the command line, joined with the name found
    doc_id: str  # sha256 of the bytes
    size: int


def list_sources(roots: list[Path], skip: Iterable[Path] = (),
                 onerror: Callable[[str, OSError], None] | None = None,
                 onlink: Callable[[str], None] | None = None) -> list[Path]:
    """Every regular file below the roots, sorted, symlinks not followed (no loops, no escapes);
    each symlink met below a root is passed to onlink, so that the run can say so (an inbox
    made of links would otherwise read as empty without a word). A root may be a symlink.

    Files of unknown type are listed too: ingest quarantines them with a reason.

    Hidden files are skipped: editors and sync tools leave them, and they are never documents.
    So are the folders in `skip` (the run's output and cache): `mosaic run . --out data` must
    not read the report and heatmap the last run left in data/ as documents.

    A folder below a root that cannot be listed (another user's, with no read permission) is
    passed to onerror with its error, as os.walk does, and the listing goes on; without
    onerror the error propagates. A root that cannot be listed is a NoInputError.
    """
    skipped = folder_ids(skip)
    found: set[str] = set()  # deduplicated and sorted as text: a Path hashes slowly
    for root in roots:
        if not root.exists() and not root.is_symlink():
            raise NoInputError(f"no such file or folder: {root}")
        if root.is_file():
            found.add(str(root))
            continue
        try:
            top = _entries(str(root))
        except OSError as e:
            raise NoInputError(f"cannot list the folder {root}: {e.strerror or e}") from e
        found.update(_walk(top, skipped, onerror, onlink))
    return [Path(p) for p in sorted(found)]


def _entries(folder: str) -> list[os.DirEntry[str]]:
    # scandir's entries know their type without a stat per file (a nightly run lists every
    # file of the inbox before it knows that nothing changed)
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


def _walk(listed: list[os.DirEntry[str]], skipped: frozenset[tuple[int, int]],
          onerror: Callable[[str, OSError], None] | None,
          onlink: Callable[[str], None] | None) -> Iterator[str]:
    for entry in listed:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            if onlink is not None:
                onlink(entry.path)
        elif entry.is_dir(follow_symlinks=False):
            if is_skipped(entry, skipped):
                continue
            try:
                below = _entries(entry.path)
            except OSError as e:
                if onerror is None:
                    raise
                onerror(entry.path, e)
                continue
            yield from _walk(below, skipped, onerror, onlink)
        elif entry.is_file(follow_symlinks=False):
            yield entry.path


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
    if os_text(str(out)) != str(out):  # bytes no UTF-8 decodes, which Python carries as surrogates
        raise OutputError(f"output folder {os_text(str(out))}: its name is not UTF-8, and "
                          "pyarrow, which writes the tables, takes UTF-8 paths only")
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


def cache_folder(out: Path) -> Path:
    """Where a run keeps derived data between runs (cache.py), inside the output folder."""
    return out / STATE / "cache"


def current_snapshot(out: Path) -> Path | None:
    link = out / "current"
    return link if link.is_dir() else None


# ---------------------------------------------------------------- parquet


def write_parquet_atomic(table: pa.Table | Iterable[pa.Table], path: Path,
                         rows_per_group: int | None = None, compression: str = "zstd") -> None:
    """Write beside the target and rename: a crash never leaves a half-written file at `path`.

    Given an iterable of tables (a sorted stream), rows are written in row groups of
    rows_per_group as they come, so memory holds one row group, and the file depends only on
    the rows, not on how the stream was cut."""
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        if isinstance(table, pa.Table):
            pq.write_table(table, tmp, compression=compression, write_statistics=False)
        else:
            _write_stream(table, tmp, rows_per_group or DEFAULT_ROW_GROUP, compression)
        os.chmod(tmp, FILE_MODE)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _output_error(path, e) from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


DEFAULT_ROW_GROUP = 1 << 20  # pyarrow's own default: small tables stay one row group


def _write_stream(tables: Iterable[pa.Table], path: Path, rows_per_group: int,
                  compression: str) -> None:
    it = iter(tables)
    first = next(it, None)
    if first is None:
        raise ValueError(f"no schema for {path.name}: the stream is empty")
    with pq.ParquetWriter(path, first.schema, compression=compression,
                          write_statistics=False) as writer:
        for group in _row_groups(itertools.chain([first], it), rows_per_group):
            # one chunk per group: page boundaries then depend on the rows alone
            writer.write_table(group.combine_chunks(), row_group_size=rows_per_group)


def _row_groups(tables: Iterable[pa.Table], size: int) -> Iterator[pa.Table]:
    """Re-cut a stream of tables into tables of exactly `size` rows (the last one shorter);
    a stream without rows gives one empty table, as pq.write_table writes for one."""
    held: list[pa.Table] = []
    n, emitted = 0, False
    for table in tables:
        held.append(table)
        n += table.num_rows
        while n >= size:
            joined = pa.concat_tables(held)
            yield joined.slice(0, size)
            emitted = True
            rest = joined.slice(size)
            held, n = [rest], rest.num_rows
    if n or not emitted:
        yield pa.concat_tables(held)


def _output_error(path: Path, e: OSError) -> OutputError:
    if e.errno == errno.ENOSPC:
        return OutputError(f"no space left on device while writing {path}; previous tables kept",
                           "free disk space and run again")
    return OutputError(f"cannot write {path}: {e.strerror or e}")


def read_table(out: Path, name: str) -> pa.Table:
    """The published table, or an empty one with its schema when there is none yet."""
    path = _published(out, name)
    if not path.exists():
        return empty_table(name)
    # cast where Parquet renamed list items ("element"), which Schema.equals ignores but the
    # footer of the next write would carry: identical tables must be identical bytes
    table = _read_parquet(path)
    schema = SCHEMAS[name]
    if _has_lists(schema) or not table.schema.equals(schema):
        table = table.cast(schema)
    return table


def _has_lists(schema: pa.Schema) -> bool:
    return any(pa.types.is_list(f.type) or pa.types.is_large_list(f.type) for f in schema)


def read_columns(out: Path, name: str, columns: list[str]) -> pa.Table:
    """Some columns of the published table, as stored (no cast: for reading values, where
    read_table's cast would also import pyarrow.compute, which a no-op run never needs)."""
    path = _published(out, name)
    if not path.exists():
        return empty_table(name).select(columns)
    with pq.ParquetFile(path) as f:
        return f.read(columns=columns)


def count_rows(out: Path, name: str) -> int:
    """Rows of the published table, from its footer."""
    return _footer_rows(_published(out, name))


def _published(out: Path, name: str) -> Path:
    return out / "current" / f"{name}.parquet"


def _footer_rows(path: Path) -> int:
    """A Parquet file's row count from its footer (0 when there is no file)."""
    if not path.exists():
        return 0
    with pq.ParquetFile(path) as f:
        return int(f.metadata.num_rows)


def _read_parquet(path: Path) -> pa.Table:
    # ParquetFile, not pq.read_table: the latter imports pyarrow.dataset (a third of a
    # second), which a no-op nightly run would pay for nothing
    with pq.ParquetFile(path) as f:
        return f.read()


def iter_table(out: Path, name: str, batch_rows: int) -> Iterator[pa.Table]:
    """The published table a slice at a time, in its order (nothing when there is none yet)."""
    path = _published(out, name)
    if not path.exists():
        return
    schema = SCHEMAS[name]
    with pq.ParquetFile(path) as f:
        for batch in f.iter_batches(batch_size=batch_rows):
            yield pa.Table.from_batches([batch]).cast(schema)


class Snapshot:
    """A snapshot written table by table in staging; commit() makes it current with one atomic
    rename. Tables not written are the previous snapshot's, hard-linked."""

    def __init__(self, out: Path, run_id: str) -> None:
        self.out = out
        self.staging = ensure_state(out) / "staging" / run_id
        self.staging.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        self.written: set[str] = set()

    def write(self, name: str, source: pa.Table | Iterable[pa.Table],
              rows_per_group: int | None = None) -> None:
        """A whole table, or a sorted stream of its slices (written as they come)."""
        if isinstance(source, pa.Table):
            validate(name, source)
            write_parquet_atomic(source, self.staging / f"{name}.parquet")
            if name in CSV_TABLES:
                pacsv.write_csv(source, self.staging / f"{name}.csv")
        else:
            if name in CSV_TABLES:
                raise ValueError(f"{name} is also written as CSV: give it whole")
            # led by an empty table: a stream without rows still writes the schema
            stream = _validated(name, itertools.chain([empty_table(name)], source))
            write_parquet_atomic(stream, self.staging / f"{name}.parquet", rows_per_group)
        self.written.add(name)

    def iter_read(self, name: str, columns: list[str], batch_rows: int) -> Iterator[pa.Table]:
        """Columns of a table this snapshot wrote, a slice at a time, in its order."""
        with pq.ParquetFile(self.staging / f"{name}.parquet") as f:
            for batch in f.iter_batches(batch_size=batch_rows, columns=columns):
                yield pa.Table.from_batches([batch])

    def commit(self) -> Path:
        for name in TABLES:
            if name not in self.written and not _link_previous(self.out, name, self.staging):
                self.write(name, read_table(self.out, name))
        snapshot = self.staging.parent.parent / "snapshots" / self.staging.name
        os.replace(self.staging, snapshot)
        _swap_current(self.out, snapshot)
        _link_tables(self.out)
        _drop_old_snapshots(self.out, keep=snapshot)
        return snapshot


@contextmanager
def snapshot(out: Path, run_id: str) -> Iterator[Snapshot]:
    """A Snapshot whose staging folder is removed when anything fails before its commit."""
    snap = Snapshot(out, run_id)
    try:
        yield snap
    except OSError as e:
        shutil.rmtree(snap.staging, ignore_errors=True)
        raise _output_error(snap.staging, e) from e
    except BaseException:
        shutil.rmtree(snap.staging, ignore_errors=True)
        raise


def _validated(name: str, tables: Iterable[pa.Table]) -> Iterator[pa.Table]:
    for table in tables:
        validate(name, table)
        yield table


def publish(out: Path, tables: dict[str, pa.Table], run_id: str) -> Path:
    """Write a complete snapshot in staging, then make it current with one atomic rename."""
    with snapshot(out, run_id) as snap:
        for name in TABLES:
            if name in tables:
                snap.write(name, tables[name])
        return snap.commit()


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


# a part is scratch, written once and read once by the commit, which compresses its rows:
# compressing parts too cost the driver's writer thread 0.07 ms a document, on the cores the
# workers use, and the commit 0.05 ms more to read them back (the parts take ~2.5x the disk,
# 8 MB per 1,000 documents, until the commit deletes them)
PART_COMPRESSION = "none"


def write_part(out: Path, shard_id: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    """A shard's rows, one Parquet file per table, published by renaming its folder."""
    final = _parts(out) / shard_id
    tmp = _parts(out) / f"{shard_id}.tmp{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(mode=DIR_MODE)
        for name, items in rows.items():
            write_parquet_atomic(table_from_rows(name, items), tmp / f"{name}.parquet",
                                 compression=PART_COMPRESSION)
        (tmp / "_SUCCESS").write_bytes(b"")
        shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise _output_error(final, e) from e


def read_part_table(out: Path, shard_id: str, name: str) -> pa.Table:
    """One table of a finished shard's part (empty when the shard wrote none)."""
    path = _parts(out) / shard_id / f"{name}.parquet"
    if not path.exists():
        return empty_table(name)
    return _read_parquet(path).cast(SCHEMAS[name])


def part_rows(out: Path, shard_id: str, name: str) -> int:
    """The number of rows of one table of a part, from its footer alone."""
    return _footer_rows(_parts(out) / shard_id / f"{name}.parquet")


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
