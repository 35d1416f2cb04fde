"""Issue 5, cases 2, 3 and 7: kill -9 at random points, concurrent runs, a full disk."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulk_docs import DATA_TABLES, good_documents, mosaic, table_bytes
from mosaic_pipeline import io
from mosaic_pipeline.cli import cli

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}


def _start(src: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "mosaic_pipeline", "run", str(src), "--out",
                             str(out), "-q", "--workers", "2", *extra], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _visible(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if not p.name.startswith(".")}


@pytest.mark.slow
def test_kill_9_at_random_points_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    src = tmp_path / "in"
    good_documents(src, 60)
    reference = tmp_path / "ref"
    # one cache folder for every run: the killed runs are timed like the warm run below, not
    # like a first run that also builds the lexicons (about a third longer)
    warm = ("--cache-dir", str(tmp_path / "cache"))
    assert mosaic("run", str(src), "--out", str(reference), "-q", *warm, env=ENV).returncode == 0
    started = time.monotonic()
    again = mosaic("run", str(src), "--out", str(reference), "-q", "--force", *warm, env=ENV)
    assert again.returncode == 0
    # kill points spread over a whole run (start-up, shards, commit), however fast it is here
    whole = time.monotonic() - started

    out = tmp_path / "out"
    rng = random.Random(7)
    kills = 0
    for _ in range(6):
        proc = _start(src, out, "--force", *warm)
        time.sleep(rng.uniform(0.05, 0.9) * whole)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    assert kills >= 5
    done = mosaic("run", str(src), "--out", str(out), "-q", *warm, env=ENV)
    assert done.returncode == 0, done.stderr
    assert table_bytes(out) == table_bytes(reference)
    assert _visible(out) == _visible(reference)
    leftovers = [p for p in out.rglob("*") if ".tmp" in p.name]
    assert leftovers == []
    assert list((out / ".mosaic" / "staging").iterdir()) == []


@pytest.mark.slow
def test_a_second_concurrent_run_exits_5_or_waits(tmp_path: Path) -> None:
    src = tmp_path / "in"
    good_documents(src, 40)
    out = tmp_path / "out"
    first = _start(src, out)
    lock = out / ".mosaic" / "lock"
    deadline = time.monotonic() + 30
    while not (lock.exists() and lock.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    second = mosaic("run", str(src), "--out", str(out), env=ENV)
    assert second.returncode == 5
    assert "another mosaic run (pid" in second.stderr
    waiting = mosaic("run", str(src), "--out", str(out), "--wait", env=ENV)
    assert first.wait() == 0
    assert waiting.returncode == 0, waiting.stderr
    assert "processed 0, skipped 40" in waiting.stdout

    single = tmp_path / "single"
    assert mosaic("run", str(src), "--out", str(single), "-q", env=ENV).returncode == 0
    assert table_bytes(out) == table_bytes(single)


def test_disk_full_exits_5_and_keeps_the_previous_tables(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    good_documents(src, 3)
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["run", str(src), "--out", str(out), "--executor",
                               "serial"]).exit_code == 0
    before = table_bytes(out, DATA_TABLES)
    good_documents(tmp_path / "more", 5)
    for p in (tmp_path / "more").iterdir():
        p.rename(src / f"new-{p.name}")

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(io.pq, "write_table", no_space)
    result = runner.invoke(cli, ["run", str(src), "--out", str(out), "--executor", "serial"])
    assert result.exit_code == 5
    assert "no space left on device" in result.output
    monkeypatch.undo()
    assert table_bytes(out, DATA_TABLES) == before
