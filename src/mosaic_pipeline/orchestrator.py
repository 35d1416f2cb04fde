"""The only module that knows the stage order: ingest -> repair -> extract -> tables -> matrix.

process_task is the per-document unit every executor runs; run_pipeline is the driver that
decides what to (re)process, hands shards to an executor, and publishes the tables atomically.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import traceback
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from . import __version__, cache, io
from .config import PipelineConfig, fingerprint, tesseract_version
from .engine.base import (
    JobSpec,
    Progress,
    Rows,
    Shard,
    ShardOutput,
    Task,
    default_shard_size,
    make_executor,
    make_shards,
)
from .errors import (
    ConfigError,
    DocumentError,
    MissingDependencyError,
)
from .hashes import HashCache
from .records import DocResult, Extraction, Quarantined, Repaired
from .schemas import (
    DOC_TABLES,
    ROW_GROUP_ROWS,
    doc_rows,
    extraction_rows,
    load_converters,
    os_text,
    quarantine_row,
    repair_rows,
    sort_table,
    table_from_few_rows,
    table_from_rows,
)


def utc_now() -> str:
    """UTC timestamp; SOURCE_DATE_EPOCH pins it, as reproducible builds do, for identical bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- one document


def process_document(path: str, config: PipelineConfig, now: str,
                     other_paths: tuple[str, ...] = (), upto: str = "extract") -> DocResult:
    """ingest -> repair -> extract for one file; `upto` stops early for `mosaic ingest`."""
    # imported here: the driver of an unchanged nightly re-run never pays for spaCy & co.
    from .stages.extract import extract
    from .stages.ingest import ingest_file
    from .stages.repair import repair

    doc = ingest_file(Path(path), config.ingest)
    if upto == "ingest":
        return DocResult(doc, Repaired(doc.raw_text, doc.raw_text, ()), Extraction(), now,
                         __version__, other_paths)
    repaired = repair(doc.raw_text, doc.language, config.repair)
    extraction = extract(repaired.text, doc.language, config.extract)
    return DocResult(doc=doc, repaired=repaired, extraction=extraction, processed_at=now,
                     pipeline_version=__version__, extra_paths=other_paths)


# Failures that would hit every document: they stop the run with their exit code instead of
# quarantining the whole folder one document at a time.
SYSTEMIC = (MissingDependencyError, ConfigError)


def process_task(task: Task, job: JobSpec) -> tuple[Rows, str]:
    """Rows of one document, or its quarantine row; raises only SYSTEMIC errors."""
    cache.configure(job.cache_dir)
    try:
        result = process_document(task.path, job.config, job.now, task.other_paths, job.upto)
        return doc_rows(result, job.fingerprint), "ok"
    except SYSTEMIC:
        raise
    except DocumentError as e:
        q = Quarantined(task.path, task.doc_id, e.stage, e.error_class, str(e), job.now)
    except MemoryError:
        q = Quarantined(task.path, task.doc_id, "process", "resource_limit",
                        "memory cap exceeded", job.now)
    except RecursionError as e:
        q = Quarantined(task.path, task.doc_id, "process", "crash", f"RecursionError: {e}", job.now)
    except Exception as e:  # one bad document must never stop the run
        where = traceback.extract_tb(e.__traceback__)[-1]
        q = Quarantined(task.path, task.doc_id, "process", "crash",
                        f"{type(e).__name__}: {e} ({Path(where.filename).name}:{where.lineno})",
                        job.now)
    return {"quarantine": [quarantine_row(q, job.fingerprint)]}, q.error_class


def quarantine_rows(task: Task, error_class: str, message: str, job: JobSpec) -> Rows:
    """For failures the worker could not report itself (timeout, killed by the memory cap)."""
    q = Quarantined(task.path, task.doc_id, "process", error_class, message, job.now)
    return {"quarantine": [quarantine_row(q, job.fingerprint)]}


def merge_into(acc: Rows, rows: Rows) -> None:
    for name, items in rows.items():
        acc.setdefault(name, []).extend(items)


def process_shard(shard: Shard, job: JobSpec, progress: Progress | None = None) -> ShardOutput:
    """Every document of one shard, in this process (the serial and Dask executors' unit)."""
    out = ShardOutput(shard.shard_id)
    for task in shard.tasks:
        rows, outcome = process_task(task, job)
        merge_into(out.rows, rows)
        out.n_processed += outcome == "ok"
        out.n_quarantined += outcome != "ok"
        if progress:
            progress(task.path, outcome)
    return out


# ---------------------------------------------------------------- the driver


@dataclass(frozen=True)
class RunOptions:
    out: Path
    executor: str = "local"
    workers: int | None = None
    scheduler: str | None = None
    # documents per shard; None: the executor's default (engine.base.SHARD_SIZE)
    shard_size: int | None = None
    timeout: float = 120.0
    memory_mb: int = 3072
    wait: bool = False
    max_quarantine: float = 0.5
    keep_deleted: bool = False
    force: bool = False
    upto: str = "extract"
    cache_dir: Path | None = None  # None: <out>/.mosaic/cache


@dataclass
class RunSummary:
    run_id: str
    n_seen: int = 0
    n_processed: int = 0
    n_skipped: int = 0
    n_quarantined: int = 0
    seconds: float = 0.0
    exit_code: int = 0
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # symlinks met in the sources, not followed

    def line(self) -> str:
        links = len(self.links)
        return (f"seen {self.n_seen}, processed {self.n_processed}, skipped {self.n_skipped}, "
                f"quarantined {self.n_quarantined} in {self.seconds:.1f} s"
                + (f"; {links} symbolic link{'s' * (links != 1)} not followed" if links else ""))


@dataclass
class Plan:
    """What a run will do: tasks to process, unchanged documents, files that cannot be read."""

    tasks: list[Task] = field(default_factory=list)
    unchanged: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    unreadable: list[dict[str, Any]] = field(default_factory=list)
    # folders that could not be listed, as _prefixes() gives them: what was read from them
    # before is kept, not deleted
    unlisted: list[str] = field(default_factory=list)
    seen_paths: set[str] = field(default_factory=set)
    n_seen: int = 0
    links: list[str] = field(default_factory=list)  # not followed, not counted as seen


def plan_run(roots: Sequence[Path], out: Path, fp: str, force: bool, now: str,
             cache_dir: str | None = None) -> Plan:
    """Hash every file (unless its stat shows it unchanged since it was hashed, and not
    --force); same bytes under several names are one document with all its paths. The output
    and cache folders are never read as sources."""
    plan = Plan()
    by_id: dict[str, list[str]] = {}
    hashes = HashCache(out, trust=not force)
    skip = [out] + ([Path(cache_dir)] if cache_dir else [])

    def unlisted(folder: str, error: OSError) -> None:
        plan.n_seen += 1  # an input met and quarantined: seen = processed + skipped + quarantined
        plan.unlisted += _prefixes([folder])
        plan.unreadable.append(quarantine_row(Quarantined(
            folder, None, "ingest", "unreadable",
            f"the folder cannot be listed: {error.strerror or error}", now), fp))

    for path in io.list_sources(list(roots), skip, unlisted, plan.links.append):
        plan.n_seen += 1
        plan.seen_paths.add(str(path))
        try:
            doc_id = hashes.doc_id(path)
        except OSError as e:
            plan.unreadable.append(quarantine_row(Quarantined(
                str(path), None, "ingest", "unreadable", e.strerror or str(e), now), fp))
            continue
        by_id.setdefault(doc_id, []).append(str(path))
    hashes.save()
    done = _done_fingerprints(out)
    for doc_id, paths in sorted(by_id.items()):
        primary, others = paths[0], tuple(paths[1:])
        if not force and done.get(doc_id) == fp:
            plan.unchanged[doc_id] = (primary, others)
        else:
            plan.tasks.append(Task(primary, doc_id, others))
    return plan


def _done_fingerprints(out: Path) -> dict[str, str]:
    """doc_id -> fingerprint of its last processing, quarantined documents included."""
    done: dict[str, str] = {}
    for name in ("quarantine", "documents"):
        table = io.read_columns(out, name, ["doc_id", "fingerprint"])
        for doc_id, fp in zip(table["doc_id"].to_pylist(), table["fingerprint"].to_pylist(),
                              strict=True):
            if doc_id:
                done[doc_id] = fp
    return done


def run_pipeline(roots: Sequence[Path], options: RunOptions, config: PipelineConfig,
                 progress: Progress | None = None,
                 on_plan: Any = None) -> RunSummary:
    started = time.monotonic()
    now = utc_now()
    out = options.out
    with io.run_lock(out, wait=options.wait):
        summary = RunSummary(run_id=_run_id(now, io.count_rows(out, "runs")))
        io.clean_stale(out)
        cache.configure(_cache_dir(options))  # the driver's cache folder is its workers'
        fp = fingerprint(config, _tesseract_version())
        plan = plan_run(roots, out, fp, options.force, now, _cache_dir(options))
        if on_plan is not None:
            on_plan(plan)
        job = JobSpec(config, fp, now, options.timeout, options.memory_mb, options.upto,
                      _cache_dir(options))
        size = options.shard_size or default_shard_size(options.executor, options.scheduler)
        shards = make_shards(plan.tasks, fp, size)
        io.drop_parts_except(out, {s.shard_id for s in shards})
        _execute(shards, job, options, out, progress)
        quarantined = pa.concat_tables(
            [io.read_part_table(out, s.shard_id, "quarantine") for s in shards]
            + [table_from_rows("quarantine", plan.unreadable)])
        deleted = set() if options.keep_deleted else _deleted_ids(out, plan, roots)
        changed = bool(plan.tasks or plan.unreadable or deleted or _paths_moved(out, plan))
        summary.n_seen = plan.n_seen
        summary.links = [os_text(link) for link in plan.links]
        summary.n_processed = sum(io.part_rows(out, s.shard_id, "documents") for s in shards)
        summary.n_skipped = len(plan.unchanged)
        summary.quarantined = sort_table("quarantine", quarantined).to_pylist()
        summary.n_quarantined = len(summary.quarantined)
        summary.exit_code = _exit_code(summary, options)
        with io.snapshot(out, summary.run_id) as snap:
            if changed:  # else the previous data tables are linked as they are
                _write_tables(snap, out, plan, shards, quarantined, roots, deleted)
            summary.seconds = time.monotonic() - started
            snap.write("runs", _runs_table(out, summary, now))
            snap.commit()
        io.drop_parts_except(out, set())
    return summary


def _tesseract_version() -> str | None:
    """tesseract's version (part of the fingerprint), asked of each binary once: the
    subprocess is 17 ms of an unchanged nightly run. The binary's path, size and mtime key the
    answer kept in the cache folder; a new tesseract is another file."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        st = os.stat(exe)
    except OSError:
        return tesseract_version()
    ident = f"{os.path.realpath(exe)}\0{st.st_size}\0{st.st_mtime_ns}"
    return cache.cached("tesseract-version", hashlib.sha256(ident.encode()).hexdigest()[:16],
                        tesseract_version)


def _cache_dir(options: RunOptions) -> str | None:
    """The cache folder workers use: under --out by default, but not for the workers of a
    remote cluster, which do not share the driver's disk (unless --cache-dir names one)."""
    if options.cache_dir is not None:
        return str(options.cache_dir)
    return None if options.scheduler else str(io.cache_folder(options.out))


def _run_id(now: str, previous_runs: int = 0) -> str:
    """Timestamp, then the run's number in this folder (orders runs within one second)."""
    stamp = now.replace("-", "").replace(":", "")
    return f"{stamp}-{previous_runs + 1:06d}-{uuid.uuid4().hex[:6]}"


def _exit_code(summary: RunSummary, options: RunOptions) -> int:
    if summary.n_seen and summary.n_quarantined / summary.n_seen > options.max_quarantine:
        return 6
    return 0


def _execute(shards: list[Shard], job: JobSpec, options: RunOptions, out: Path,
             progress: Progress | None) -> None:
    """Run the shards not already finished by an earlier, interrupted run; each finished
    shard's rows land on disk as its part."""
    pending = [s for s in shards if not io.part_done(out, s.shard_id)]
    if not pending:
        return
    executor = make_executor(options.executor, options.workers, options.scheduler)
    # parts are written on a thread (pyarrow releases the GIL) so that the driver keeps
    # feeding the workers meanwhile
    with ThreadPoolExecutor(1) as writer:
        writer.submit(load_converters)  # should it fail, the first part fails the same way
        try:
            writes = [writer.submit(io.write_part, out, output.shard_id, output.rows)
                      for output in executor.run(pending, job, progress)]
        finally:
            executor.close()
        for done in writes:
            done.result()


def _write_tables(snap: io.Snapshot, out: Path, plan: Plan, shards: Sequence[Shard],
                  quarantined: pa.Table, roots: Sequence[Path], deleted: set[str]) -> None:
    """Previous tables minus replaced or deleted documents, plus the new rows, written a
    table at a time; the matrix tables are computed from the links and figures written."""
    # imported here, as pyarrow.compute comes with them: an unchanged re-run writes no table
    from .merge import merge_sorted
    from .stages import matrix as matrix_stage

    drop = pa.array(sorted({t.doc_id for t in plan.tasks} | deleted), pa.string())
    for name in DOC_TABLES:
        rows_per_group = ROW_GROUP_ROWS[name]
        old = (_kept(name, batch, drop, plan)
               for batch in io.iter_table(out, name, rows_per_group))
        parts = (io.read_part_table(out, s.shard_id, name) for s in shards)
        snap.write(name, merge_sorted(name, old, parts), rows_per_group)
    snap.write("quarantine", _quarantine_table(out, plan, quarantined, roots))
    # the lineage streams from the links and figures just written; the matrix is counted
    # on the way, so no table is ever whole in memory
    batch = _LINEAGE_READ_ROWS
    counts = matrix_stage.CellCounts()
    snap.write("lineage", matrix_stage.stream_lineage(
        snap.iter_read("links", ["doc_id", "region", "sector", "start", "end", "evidence"], batch),
        snap.iter_read("figures", ["doc_id", "region", "sector", "start", "end", "surface"],
                       batch),
        counts), ROW_GROUP_ROWS["lineage"])
    matrix = counts.table()
    snap.write("matrix", matrix)
    snap.write("matrix_wide", matrix_stage.wide_table(matrix))


# links and figures are read back this many rows at a time: each slice is joined, sorted and
# grouped, so the commit's peak follows it (8,192: 0.24 GB for 10,000 documents, measured)
_LINEAGE_READ_ROWS = 8_192


def _kept(name: str, old: pa.Table, drop: pa.Array, plan: Plan) -> pa.Table:
    """Old rows of the documents this run keeps; documents rows carry their current paths
    (a rename costs nothing)."""
    import pyarrow.compute as pc

    kept = old.filter(pc.invert(pc.is_in(old["doc_id"], drop)))
    if name != "documents" or not plan.unchanged:
        return kept
    now = [_stored_paths(*plan.unchanged[d]) if d in plan.unchanged
           else (p, o) for d, p, o in zip(kept["doc_id"].to_pylist(),
                                          kept["source_path"].to_pylist(),
                                          kept["other_paths"].to_pylist(), strict=True)]
    schema = kept.schema
    for k, column in enumerate(("source_path", "other_paths")):
        i = schema.get_field_index(column)
        values = pa.array([v[k] for v in now], schema.field(i).type)
        kept = kept.set_column(i, schema.field(i), values)
    return kept


def _stored_paths(primary: str, others: Sequence[str]) -> tuple[str, list[str]]:
    """A document's paths as its documents row holds them (schemas.doc_rows)."""
    return os_text(primary), [os_text(p) for p in others]


def _quarantine_table(out: Path, plan: Plan, new: pa.Table, roots: Sequence[Path]) -> pa.Table:
    """Keep quarantine rows of unchanged documents, of other folders and of folders this run
    could not list; add this run's."""
    old = io.read_table(out, "quarantine")
    inside = _prefixes(roots)
    keep = [row for row in old.to_pylist()
            if row["doc_id"] in plan.unchanged or not _under(row["source_path"], inside)
            or _below(row["source_path"], plan.unlisted)]
    return sort_table("quarantine", pa.concat_tables([table_from_rows("quarantine", keep), new]))


def _prefixes(folders: Iterable[Path | str]) -> list[str]:
    """Folders as a table would name them (os_text), each ending in one slash."""
    return [os_text(str(f)).rstrip("/") + "/" for f in folders]


def _under(path: str, prefixes: Sequence[str]) -> bool:
    """Whether a path as a table holds it is one of the folders (_prefixes) or lies below."""
    return _below(path, prefixes) or path + "/" in prefixes


def _below(path: str, prefixes: Sequence[str]) -> bool:
    """Whether a path as a table holds it lies inside one of the folders (_prefixes)."""
    return path.startswith(tuple(prefixes))


def _paths_moved(out: Path, plan: Plan) -> bool:
    """Whether an unchanged document now lives under other names (a rename or a new copy)."""
    docs = io.read_columns(out, "documents", ["doc_id", "source_path", "other_paths"])
    for row in docs.to_pylist():
        now = plan.unchanged.get(row["doc_id"])
        if now is not None and _stored_paths(*now) != (row["source_path"],
                                                       list(row["other_paths"] or ())):
            return True
    return False


def _deleted_ids(out: Path, plan: Plan, roots: Sequence[Path]) -> set[str]:
    """Documents whose every path lies under this run's roots and is gone: their rows go too;
    not those inside a folder the run could not list (a permission, not a deletion)."""
    docs = io.read_columns(out, "documents", ["doc_id", "source_path", "other_paths"])
    gone = set()
    present = set(plan.unchanged) | {t.doc_id for t in plan.tasks}
    inside = _prefixes(roots)
    for row in docs.to_pylist():
        paths = [row["source_path"], *(row["other_paths"] or [])]
        if (all(_under(p, inside) for p in paths) and row["doc_id"] not in present
                and not any(_below(p, plan.unlisted) for p in paths)):
            gone.add(row["doc_id"])
    return gone


def _runs_table(out: Path, summary: RunSummary, now: str) -> pa.Table:
    old = io.read_table(out, "runs")
    row = {"run_id": summary.run_id, "started_at": now, "finished_at": utc_now(),
           "n_seen": summary.n_seen, "n_processed": summary.n_processed,
           "n_skipped": summary.n_skipped, "n_quarantined": summary.n_quarantined,
           "pipeline_version": __version__, "exit_code": summary.exit_code}
    runs = pa.concat_tables([old, table_from_few_rows("runs", [row])])
    last = old.slice(old.num_rows - 1).to_pylist() if old.num_rows else []
    if not last or (last[0]["started_at"], last[0]["run_id"]) <= (now, summary.run_id):
        return runs.combine_chunks()  # the usual case, already in order: no sort to pay for
    return sort_table("runs", runs)


# ---------------------------------------------------------------- one stage alone


def rerun_stage(out: Path, stage: str, config: PipelineConfig,
                expand_clusters: bool = False) -> int:
    """Re-run `repair` or `extract` (or only `matrix`) over the published tables.

    expand_clusters credits a cluster's links and figures to its member provinces too.
    """
    with io.run_lock(out):
        io.clean_stale(out)
        docs = io.read_table(out, "documents").to_pylist()
        texts = {r["doc_id"]: r for r in io.read_table(out, "texts").to_pylist()}
        tables: dict[str, pa.Table] = {}
        if stage == "repair":
            tables.update(_repair_tables(docs, texts, config))
        elif stage == "extract":
            tables.update(_extract_tables(docs, texts, config))
        links = tables.get("links", io.read_table(out, "links"))
        figures = tables.get("figures", io.read_table(out, "figures"))
        from .stages import matrix as matrix_stage

        members = matrix_stage.cluster_members() if expand_clusters else None
        tables.update(matrix_stage.matrix_tables(links, figures, members))
        io.publish(out, tables, _run_id(utc_now()))
    return len(docs)


def _repair_tables(docs: list[dict[str, Any]], texts: dict[str, dict[str, Any]],
                   config: PipelineConfig) -> dict[str, pa.Table]:
    from .stages.repair import repair

    rows: Rows = {"documents": []}
    for doc in docs:
        rep = repair(texts[doc["doc_id"]]["raw_text"], doc["language"], config.repair)
        merge_into(rows, repair_rows(doc["doc_id"], rep))
        rows["documents"].append({**doc, "n_repairs": len(rep.edits), "n_chars": len(rep.text)})
    return {name: table_from_rows(name, items) for name, items in rows.items()}


def _extract_tables(docs: list[dict[str, Any]], texts: dict[str, dict[str, Any]],
                    config: PipelineConfig) -> dict[str, pa.Table]:
    from .stages.extract import extract

    rows: Rows = {"mentions": [], "figures": [], "links": []}
    for doc in docs:
        ext = extract(texts[doc["doc_id"]]["text"], doc["language"], config.extract)
        merge_into(rows, extraction_rows(doc["doc_id"], ext))
    return {name: table_from_rows(name, items) for name, items in rows.items()}
