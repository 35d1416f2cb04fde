"""The hint that starts the workers early: true when a run will likely process documents."""

from __future__ import annotations

import os
from pathlib import Path

from mosaic_pipeline.warmup import likely_work

T0 = 1_700_000_000 * 10**9  # ns


def _published(out: Path, at: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    link = out / "current"
    link.symlink_to(".mosaic/snapshots/x")
    os.utime(link, ns=(at, at), follow_symlinks=False)


def _age(path: Path, at: int) -> None:
    os.utime(path, ns=(at, at))


def _inbox(tmp_path: Path) -> Path:
    src = tmp_path / "inbox"
    (src / "2026" / ".sync").mkdir(parents=True)
    (src / "2026" / "a.txt").write_text("x")
    for p in (src / "2026" / ".sync", src / "2026", src):
        _age(p, T0)
    return src


def test_nothing_published_yet_is_work(tmp_path: Path) -> None:
    assert likely_work([_inbox(tmp_path)], tmp_path / "out")


def test_folders_unchanged_since_the_last_run_are_no_work(tmp_path: Path) -> None:
    src, out = _inbox(tmp_path), tmp_path / "out"
    _published(out, T0 + 10**9)
    assert not likely_work([src], out)
    assert likely_work([src], out, force=True)


def test_a_file_added_in_a_subfolder_is_work(tmp_path: Path) -> None:
    src, out = _inbox(tmp_path), tmp_path / "out"
    _published(out, T0 + 10**9)
    (src / "2026" / "b.txt").write_text("y")  # the folder's mtime is now
    assert likely_work([src], out)


def test_hidden_folders_are_not_looked_at(tmp_path: Path) -> None:
    src, out = _inbox(tmp_path), tmp_path / "out"
    _published(out, T0 + 10**9)
    (src / "2026" / ".sync" / "state").write_text("z")
    assert not likely_work([src], out)


def test_the_output_folder_inside_a_source_folder_is_not_looked_at(tmp_path: Path) -> None:
    src = _inbox(tmp_path)
    out = src / "2026" / "data"
    _published(out, T0 + 10**9)
    (out / "report.html").write_text("<p>the last run's report</p>")  # out's mtime is now
    _age(src / "2026", T0)  # as if out had been there before the last run
    assert not likely_work([src], out)


def test_a_file_root_counts_by_its_own_mtime(tmp_path: Path) -> None:
    doc, out = tmp_path / "one.txt", tmp_path / "out"
    doc.write_text("x")
    _age(doc, T0)
    _published(out, T0 + 10**9)
    assert not likely_work([doc], out)
    _age(doc, T0 + 2 * 10**9)
    assert likely_work([doc], out)


def test_a_missing_root_is_left_to_the_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _published(out, T0)
    assert likely_work([tmp_path / "gone"], out)
