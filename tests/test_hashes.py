"""Source hashes remembered by stat: an unchanged file is not read again, a changed one is."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from mosaic_pipeline import hashes, io
from mosaic_pipeline.hashes import HashCache

OLD = time.time_ns() - 3600 * 10**9  # an hour ago


@pytest.fixture(autouse=True)
def _no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # a file's change time is when the test wrote it, which utime cannot set back: without
    # this, nothing written by a test would be remembered for two seconds
    monkeypatch.setattr(hashes, "RACY_NS", 0)


def _doc(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    os.utime(path, ns=(OLD, OLD))
    return path


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = io.sha256_file

    def counted(path: Path) -> tuple[str, int]:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(io, "sha256_file", counted)
    return read


def test_an_unchanged_file_is_not_read_again(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    doc, out = _doc(tmp_path, "a.txt", "Pechino"), tmp_path / "out"
    read = _counting(monkeypatch)
    first = HashCache(out)
    digest = first.doc_id(doc)
    first.save()
    assert digest == io.sha256_file(doc)[0] and read == ["a.txt", "a.txt"]
    read.clear()
    assert HashCache(out).doc_id(doc) == digest and read == []
    assert HashCache(out, trust=False).doc_id(doc) == digest and read == ["a.txt"]


def test_a_rewrite_that_keeps_size_and_mtime_is_read_again(tmp_path: Path) -> None:
    doc, out = _doc(tmp_path, "a.txt", "Pechino"), tmp_path / "out"
    cache = HashCache(out)
    before = cache.doc_id(doc)
    cache.save()
    time.sleep(0.05)  # past the file system's clock tick
    doc.write_text("Shangai")  # same size
    os.utime(doc, ns=(OLD, OLD))  # mtime put back; the change time moved on
    after = HashCache(out).doc_id(doc)
    assert after != before and after == io.sha256_file(doc)[0]


def test_a_file_stat_ed_just_now_is_not_remembered(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hashes, "RACY_NS", 2 * 10**9)
    doc, out = tmp_path / "new.txt", tmp_path / "out"
    doc.write_text("Pechino")  # mtime: now, inside the racy window
    cache = HashCache(out)
    cache.doc_id(doc)
    cache.save()
    assert not (out / io.STATE / hashes.NAME).exists()


def test_files_not_seen_are_dropped_and_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    a, b, out = _doc(tmp_path, "a.txt", "x"), _doc(tmp_path, "b.txt", "y"), tmp_path / "out"
    cache = HashCache(out)
    cache.doc_id(a)
    cache.doc_id(b)
    cache.save()
    again = HashCache(out)
    again.doc_id(a)
    again.save()
    assert list(HashCache(out).known) == [str(a)]
    (out / io.STATE / hashes.NAME).write_text("{not json")
    assert HashCache(out).known == {} and HashCache(out).doc_id(a) == io.sha256_file(a)[0]
