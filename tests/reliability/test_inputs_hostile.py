"""Issue 5, cases 5, 6 and 8: encodings, hostile file names, and arbitrary bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulk_docs import DATA_TABLES, table_bytes, table_rows
from mosaic_pipeline.cli import cli
from mosaic_pipeline.config import PipelineConfig
from mosaic_pipeline.engine.base import JobSpec, Task
from mosaic_pipeline.orchestrator import process_task

TEXT = ("Shenzhen, la città dei droni, ha prodotto più di 3 milioni di velivoli: "
        "è la capitale “low-altitude” della Cina, con l’aiuto di 1.200 aziende.\n")


def test_one_text_in_six_encodings_gives_one_repaired_text(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    encodings = {"utf8": TEXT.encode("utf-8"), "utf8bom": TEXT.encode("utf-8-sig"),
                 "utf16le": b"\xff\xfe" + TEXT.encode("utf-16-le"),
                 "utf16be": b"\xfe\xff" + TEXT.encode("utf-16-be"),
                 "cp1252": TEXT.encode("cp1252"), "gb18030": TEXT.encode("gb18030")}
    for name, data in encodings.items():
        (src / f"{name}.txt").write_bytes(data)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--executor", "serial"])
    assert result.exit_code == 0, result.output
    texts = {r["text"] for r in table_rows(out, "texts")}
    assert texts == {TEXT}


def test_hostile_names_are_data_never_commands(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    body = "Hefei, in Anhui, conta oltre 70 aziende quantistiche.\n"
    names = ["line\nbreak.txt", "-rf.txt", "$(touch pwned).txt", "`touch pwned2`.txt",
             "; rm -rf ~.txt", "ünïcödé 北京.txt"]
    for i, name in enumerate(names):
        (src / name).write_text(f"{i}. {body}", encoding="utf-8")
    (src / "loop").symlink_to(src, target_is_directory=True)
    (src / "dangling.txt").symlink_to(tmp_path / "nowhere")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    (src / "escape.txt").symlink_to(secret)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert f"seen {len(names)}, processed {len(names)}" in result.output
    assert "; 3 symbolic links not followed; tables in" in result.output
    not_followed = sorted(line.split()[2] for line in result.output.splitlines()
                          if line.startswith("  not followed "))
    assert not_followed == [str(src / "dangling.txt:"), str(src / "escape.txt:"),
                            str(src / "loop:")]
    assert not list(tmp_path.rglob("pwned*"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out", "secret.txt"]
    paths = {Path(r["source_path"]).name for r in table_rows(out, "documents")}
    assert paths == set(names)


def test_names_that_are_no_utf8_are_stored_with_escapes(tmp_path: Path) -> None:
    # Linux names are bytes: Latin-1 names from an old archive reach Python as surrogates,
    # which no Parquet string holds; the first such file used to stop the whole run
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    named = src / os.fsdecode(b"caf\xe9 report.txt")
    named.write_text("Hefei, in Anhui, conta oltre 70 aziende quantistiche.\n")
    (src / os.fsdecode(b"vuoto\xff.txt")).write_bytes(b"")
    (src / "qualità.txt").write_text("Pechino investe nell'IA.\n")

    def run() -> str:
        result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--workers", "2"])
        assert result.exit_code == 0, result.output
        return result.output

    assert "seen 3, processed 2, skipped 0, quarantined 1" in run()
    names = sorted(Path(str(r["source_path"])).name for r in table_rows(out, "documents"))
    assert names == ["caf\\xe9 report.txt", "qualità.txt"]
    [row] = table_rows(out, "quarantine")
    assert (Path(str(row["source_path"])).name, row["error_class"]) == ("vuoto\\xff.txt", "empty")
    before = table_bytes(out, DATA_TABLES)
    assert "seen 3, processed 0, skipped 3" in run()  # unchanged: the stored names match
    assert table_bytes(out, DATA_TABLES) == before
    named.unlink()
    run()
    assert [Path(str(r["source_path"])).name for r in table_rows(out, "documents")] == [
        "qualità.txt"]


def test_an_unreadable_file_is_quarantined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mosaic_pipeline import io

    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text("Pechino investe nell'IA.\n")
    (src / "locked.txt").write_text("secret")
    real = io.sha256_file

    def guarded(path: Path) -> tuple[str, int]:
        # root reads every file, so the permission error is injected
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(io, "sha256_file", guarded)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--executor", "serial"])
    assert result.exit_code == 0, result.output
    [row] = table_rows(out, "quarantine")
    assert (Path(row["source_path"]).name, row["error_class"], row["message"]) == (
        "locked.txt", "unreadable", "Permission denied")


def test_a_folder_that_cannot_be_listed_is_quarantined_and_keeps_its_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mosaic_pipeline import io

    src, out = tmp_path / "in", tmp_path / "out"
    (src / "private").mkdir(parents=True)
    (src / "private" / "a.txt").write_text("Hefei, in Anhui, conta oltre 70 aziende.\n")
    (src / "public.txt").write_text("Pechino investe nell'IA.\n")

    def run() -> str:
        result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out),
                                          "--executor", "serial"])
        assert result.exit_code == 0, result.output
        return result.output

    assert "seen 2, processed 2" in run()
    documents = table_rows(out, "documents")
    real = os.scandir
    refused: set[str] = {str(src / "private")}

    def guarded(path: object = ".") -> object:
        # root may list every folder, so the refusal another user's folder gives is injected
        if isinstance(path, str) and path in refused:
            raise PermissionError(13, "Permission denied", path)
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(io.os, "scandir", guarded)
    assert "seen 2, processed 0, skipped 1, quarantined 1" in run()
    [row] = table_rows(out, "quarantine")
    assert (row["source_path"], row["error_class"], row["message"]) == (
        str(src / "private"), "unreadable", "the folder cannot be listed: Permission denied")
    assert table_rows(out, "documents") == documents  # a permission is not a deletion
    refused.add(str(src))
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--executor", "serial"])
    assert result.exit_code == 4, result.output  # the root itself: no input
    assert "cannot list the folder" in result.output

JOB = JobSpec(PipelineConfig(), "fp", "2026-01-01T00:00:00Z", 60.0, 0)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000),
       suffix=st.sampled_from([".txt", ".md", ".html", ".pdf", ".png", ".jpg", ".tif", ".bin"]))
def test_any_bytes_give_rows_or_a_quarantine_row(tmp_path: Path, data: bytes,
                                                 suffix: str) -> None:
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(data)
    rows, outcome = process_task(Task(str(path), "id"), JOB)
    if outcome == "ok":
        assert len(rows["documents"]) == 1 and len(rows["texts"]) == 1
    else:
        [q] = rows["quarantine"]
        assert q["error_class"] == outcome and q["message"]
