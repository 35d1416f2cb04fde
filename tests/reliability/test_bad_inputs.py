"""Issue 5, case 1: 200 documents of which 20 are bad -> exit 0, 180 processed, 20 quarantined
with their reasons, and the 180's rows identical to a run over the good files alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulk_docs import bad_documents, good_documents, hanging_scan, table_bytes, table_rows
from fixtures_docs import cid_pdf
from mosaic_pipeline.cli import cli


def _more_bad(folder: Path) -> dict[str, str]:
    """Distinct variants of the bad classes (identical bytes would be one document)."""
    from PIL import Image

    expected = bad_documents(folder)
    for i in range(1, 4):
        (folder / f"binary{i}.txt").write_bytes(bytes([0, i, 255, 7]) * (500 + i))
        expected[f"binary{i}.txt"] = "binary"
        (folder / f"notes{i}.docx").write_bytes(b"PK\x03\x04" + bytes([i]) * 32)
        expected[f"notes{i}.docx"] = "unsupported_type"
    for i, cut in enumerate((40, 200, 600), 1):
        data = (folder / "encrypted.pdf").read_bytes()
        (folder / f"cut{i}.pdf").write_bytes(data[:cut])
        expected[f"cut{i}.pdf"] = "corrupt"
    for i, side in enumerate((50000, 70000), 1):
        Image.new("1", (side, side)).save(folder / f"bomb{i}.png", optimize=True)
        expected[f"bomb{i}.png"] = "resource_limit"
    (folder / "blank.md").write_text("  \n\n \t\n")
    expected["blank.md"] = "empty"
    hanging_scan(folder / "huge-scan.png")
    expected["huge-scan.png"] = "timeout"
    (folder / "nul.html").write_bytes(b"<html>\x00\x00\x00\x00" * 100)
    expected["nul.html"] = "binary"
    return expected


@pytest.mark.slow
@pytest.mark.ocr
def test_bad_documents_are_quarantined_and_good_rows_unchanged(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good_documents(good, 179)
    # a PDF whose text layer is only "(cid:NN)" garbage is not lost: its page goes to OCR
    (good / "cid-only.pdf").write_bytes(cid_pdf("Shenzhen produce il 90% dei droni cinesi."))
    mixed = tmp_path / "mixed"
    shutil.copytree(good, mixed)
    expected = _more_bad(mixed / "bad")
    assert len(expected) == 20

    assert shutil.which("tesseract"), "the suite needs tesseract (make install)"
    runner = CliRunner()
    r_mixed = runner.invoke(cli, ["run", str(mixed), "--out", str(tmp_path / "o_mixed"),
                                  "--workers", "2", "--timeout", "20"])
    assert r_mixed.exit_code == 0, r_mixed.output
    assert "seen 200, processed 180, skipped 0, quarantined 20" in r_mixed.output

    quarantined = {Path(r["source_path"]).name: r for r in table_rows(tmp_path / "o_mixed",
                                                                      "quarantine")}
    assert {k: v["error_class"] for k, v in quarantined.items()} == expected
    assert all(r["message"] and r["stage"] for r in quarantined.values())

    # the good documents' rows do not depend on the bad company they kept
    r_good = runner.invoke(cli, ["run", str(good), "--out", str(tmp_path / "o_good"),
                                 "--workers", "2", "--timeout", "20"])
    assert r_good.exit_code == 0, r_good.output
    names = ("mentions", "figures", "links", "repairs", "matrix", "matrix_wide")
    assert table_bytes(tmp_path / "o_mixed", names) == table_bytes(tmp_path / "o_good", names)
