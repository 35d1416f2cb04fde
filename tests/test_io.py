"""The output folder: the lock, atomic publish, shard parts, deterministic listing."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mosaic_pipeline import io
from mosaic_pipeline.errors import LockHeldError, NoInputError, OutputError
from mosaic_pipeline.schemas import TABLES, table_from_rows

ROW = {"region": "CN-BJ", "sector": "ai", "n_docs": 1, "n_links": 2, "n_figures": 0}


def test_second_holder_is_refused_with_the_pid(tmp_path: Path) -> None:
    with (io.run_lock(tmp_path), pytest.raises(LockHeldError, match=f"pid {os.getpid()}"),
          io.run_lock(tmp_path)):
        pass


def test_lock_is_freed_when_the_holder_is_killed(tmp_path: Path) -> None:
    io.ensure_state(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(tmp_path / '.mosaic' / 'lock')!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(60)\n")],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    with pytest.raises(LockHeldError), io.run_lock(tmp_path):
        pass
    holder.kill()
    holder.wait()
    with io.run_lock(tmp_path):
        pass


def test_publish_swaps_a_complete_snapshot(tmp_path: Path) -> None:
    io.publish(tmp_path, {"matrix": table_from_rows("matrix", [ROW])}, "r1")
    assert io.read_table(tmp_path, "matrix").to_pylist() == [ROW]
    assert (tmp_path / "matrix.parquet").is_symlink()
    assert io.read_table(tmp_path, "figures").num_rows == 0  # every table exists, maybe empty
    io.publish(tmp_path, {"matrix": table_from_rows("matrix", [])}, "r2")
    assert io.read_table(tmp_path, "matrix").num_rows == 0
    assert [p.name for p in (tmp_path / ".mosaic" / "snapshots").iterdir()] == ["r2"]


def test_disk_full_keeps_the_previous_tables(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    io.publish(tmp_path, {"matrix": table_from_rows("matrix", [ROW])}, "r1")
    real = io.pq.write_table
    calls = {"n": 0}

    def full_disk(table, where, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(table, where, **kw)

    monkeypatch.setattr(io.pq, "write_table", full_disk)
    every = {name: table_from_rows(name, []) for name in TABLES}
    with pytest.raises(OutputError, match="no space left"):
        io.publish(tmp_path, every, "r2")
    assert io.read_table(tmp_path, "matrix").to_pylist() == [ROW]
    assert not list((tmp_path / ".mosaic" / "staging").iterdir())


def test_unchanged_tables_are_shared_not_rewritten(tmp_path: Path) -> None:
    io.publish(tmp_path, {"matrix": table_from_rows("matrix", [ROW])}, "r1")
    first = (tmp_path / "current" / "matrix.parquet").stat()
    io.publish(tmp_path, {"runs": table_from_rows("runs", [])}, "r2")
    second = (tmp_path / "current" / "matrix.parquet").stat()
    assert (first.st_ino, first.st_nlink) == (second.st_ino, 1)
    assert io.read_table(tmp_path, "matrix").to_pylist() == [ROW]


def test_parts_are_completion_markers(tmp_path: Path) -> None:
    io.ensure_state(tmp_path)
    assert not io.part_done(tmp_path, "s1")
    io.write_part(tmp_path, "s1", {"matrix": [ROW]})
    assert io.part_done(tmp_path, "s1")
    assert io.read_part_table(tmp_path, "s1", "matrix").to_pylist() == [ROW]
    assert io.part_rows(tmp_path, "s1", "matrix") == 1
    assert io.read_part_table(tmp_path, "s1", "figures").num_rows == 0  # a table it lacks
    io.drop_parts_except(tmp_path, set())
    assert not io.part_done(tmp_path, "s1")


def test_parts_are_scratch_and_published_tables_compressed(tmp_path: Path) -> None:
    """A part is read once by the commit, which compresses: only the published file pays."""
    import pyarrow.parquet as pq

    io.ensure_state(tmp_path)
    io.write_part(tmp_path, "s1", {"matrix": [ROW]})
    io.publish(tmp_path, {"matrix": table_from_rows("matrix", [ROW])}, "r1")
    part = pq.ParquetFile(tmp_path / ".mosaic" / "parts" / "s1" / "matrix.parquet")
    published = pq.ParquetFile(tmp_path / "current" / "matrix.parquet")
    assert part.metadata.row_group(0).column(0).compression == "UNCOMPRESSED"
    assert published.metadata.row_group(0).column(0).compression == "ZSTD"


def test_listing_is_sorted_and_skips_links_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".hidden").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    links: list[str] = []
    assert [p.name for p in io.list_sources([tmp_path], onlink=links.append)] == ["a.txt", "b.txt"]
    assert sorted(links) == [str(tmp_path / "link.txt"), str(tmp_path / "sub" / "loop")]


def test_a_root_named_through_a_link_is_listed(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "a.txt").write_text("a")
    (tmp_path / "latest").symlink_to(tmp_path / "inbox", target_is_directory=True)
    links: list[str] = []
    assert [p.name for p in io.list_sources([tmp_path / "latest"], onlink=links.append)] == [
        "a.txt"]
    assert links == []


def test_missing_source_names_it(tmp_path: Path) -> None:
    with pytest.raises(NoInputError, match="nope"):
        io.list_sources([tmp_path / "nope"])


def test_unwritable_output_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OutputError):
        io.ensure_state(blocker / "out")


def test_sha256_streams_the_file(tmp_path: Path) -> None:
    p = tmp_path / "x"
    p.write_bytes(b"abc")
    assert io.sha256_file(p) == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 3)
    time.sleep(0)


def test_an_output_folder_whose_name_is_no_utf8_is_refused_before_anything_is_written(
        tmp_path: Path) -> None:
    # pyarrow takes UTF-8 paths only: the run would otherwise fail at its first part
    out = tmp_path / os.fsdecode(b"o\xe9ut")
    with pytest.raises(OutputError, match=r"o\\xe9ut: its name is not UTF-8"):
        io.ensure_state(out)
    assert not out.exists()
