"""Issue 2: the seed as a text PDF, a scanned PDF and a PNG takes the right path (pdf_text, ocr,
ocr) and yields the same regions as the seed's text file."""

from __future__ import annotations

import io as _io
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from fixtures_docs import render_pages, scanned_pdf, text_pdf
from mosaic_pipeline import io
from mosaic_pipeline.cli import cli
from paths import SEED, has_tesseract


def _tall_png(text: str) -> bytes:
    """Every page of the text stacked into one image, as a long screenshot would be."""
    pages = render_pages(text)
    tall = Image.new("L", (pages[0].width, sum(p.height for p in pages)), 255)
    y = 0
    for page in pages:
        tall.paste(page, (0, y))
        y += page.height
    buf = _io.BytesIO()
    tall.save(buf, format="PNG", dpi=(200, 200))
    return buf.getvalue()


@pytest.mark.ocr
@pytest.mark.slow
@pytest.mark.skipif(not has_tesseract(), reason="needs tesseract")
def test_seed_variants_take_their_path_and_find_the_same_regions(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.txt").write_text(text, encoding="utf-8")
    (src / "seed-text.pdf").write_bytes(text_pdf(text))
    (src / "seed-scan.pdf").write_bytes(scanned_pdf(text))
    (src / "seed.png").write_bytes(_tall_png(text))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output

    docs = {Path(d["source_path"]).name: d for d in io.read_table(out, "documents").to_pylist()}
    assert {name: d["text_method"] for name, d in docs.items()} == {
        "seed.txt": "text", "seed-text.pdf": "pdf_text", "seed-scan.pdf": "ocr", "seed.png": "ocr"}
    regions: dict[str, set[str]] = {name: set() for name in docs}
    names = {d["doc_id"]: name for name, d in docs.items()}
    for m in io.read_table(out, "mentions").to_pylist():
        regions[names[m["doc_id"]]].add(m["region"])
    assert len(regions["seed.txt"]) >= 15
    for name in ("seed-text.pdf", "seed-scan.pdf", "seed.png"):
        assert regions[name] == regions["seed.txt"], name
