"""Issue 5, case 4: unchanged re-runs cost nothing; adds, edits and renames cost exactly them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bulk_docs import DATA_TABLES, good_documents, table_bytes, table_rows
from mosaic_pipeline.cli import cli


def _run(src: Path, out: Path) -> str:
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    return result.output


def test_incremental_runs(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    docs = good_documents(src, 12)
    assert "seen 12, processed 12, skipped 0" in _run(src, out)
    before = table_bytes(out, DATA_TABLES)

    assert "seen 12, processed 0, skipped 12" in _run(src, out)
    assert table_bytes(out, DATA_TABLES) == before
    assert [r["n_processed"] for r in table_rows(out, "runs")] == [12, 0]

    for p in good_documents(tmp_path / "new", 17)[12:]:
        p.rename(src / p.name.replace(".txt", "-new.txt"))
    docs[0].write_text(docs[0].read_text() + "\nUpdated paragraph.\n")
    renamed = docs[1].with_name("renamed.txt")
    docs[1].rename(renamed)
    assert "seen 17, processed 6, skipped 11" in _run(src, out)

    paths = {r["source_path"] for r in table_rows(out, "documents")}
    assert str(renamed) in paths and str(docs[1]) not in paths
    assert len(paths) == 17


def test_same_bytes_under_two_names_are_one_document(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    [doc] = good_documents(src, 1)
    (src / "copy.txt").write_bytes(doc.read_bytes())
    assert "seen 2, processed 1, skipped 0" in _run(src, out)
    [row] = table_rows(out, "documents")
    assert [row["source_path"], *row["other_paths"]] == sorted([str(doc), str(src / "copy.txt")])


def test_deleted_files_rows_are_dropped(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    docs = good_documents(src, 3)
    _run(src, out)
    docs[2].unlink()
    assert "seen 2, processed 0, skipped 2" in _run(src, out)
    assert len(table_rows(out, "documents")) == 2
    ids = {r["doc_id"] for r in table_rows(out, "documents")}
    assert {r["doc_id"] for r in table_rows(out, "texts")} == ids


def test_an_output_folder_inside_the_sources_is_never_read(tmp_path: Path) -> None:
    # `mosaic run . --out data`: the report and heatmap the last run wrote are no documents
    src = tmp_path / "project"
    good_documents(src, 2)
    out, cache = src / "data", src / "cache"
    args = ["--out", str(out), "--cache-dir", str(cache), "--workers", "2"]
    first = CliRunner().invoke(cli, ["run", str(src), *args])
    assert "seen 2, processed 2" in first.output, first.output
    assert CliRunner().invoke(cli, ["report", "--out", str(out)]).exit_code == 0
    assert (out / "report.html").exists() and list(cache.iterdir())
    again = CliRunner().invoke(cli, ["run", str(src), *args])
    assert "seen 2, processed 0, skipped 2" in again.output, again.output
    assert all("/data/" not in str(r["source_path"]) for r in table_rows(out, "documents"))
