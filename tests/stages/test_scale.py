"""Pages whose lines lie too close for tesseract (a screenshot, a fax, a 100 dpi scan) are
enlarged; pages at a readable size are left alone."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from mosaic_pipeline.config import IngestConfig
from mosaic_pipeline.metrics import cer
from mosaic_pipeline.stages import scale
from mosaic_pipeline.stages.ingest import ingest_bytes

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PNGS = sorted((CORPUS / "inputs" / "png").glob("*.png"))  # 200 dpi, lines 35-36 pixels apart
PAGE = CORPUS / "inputs" / "png" / "it-03-gba-drones.png"


def _at(page: Path, dpi: int) -> Image.Image:
    """The 200 dpi corpus page as a scan at `dpi` would give it."""
    image = Image.open(page).convert("L")
    size = (round(image.width * dpi / 200), round(image.height * dpi / 200))
    return image.resize(size, Image.Resampling.LANCZOS)


@pytest.mark.parametrize("png", PNGS[::3], ids=lambda p: p.stem)
@pytest.mark.parametrize(("dpi", "pitch"), [(120, 21), (100, 18), (80, 14), (60, 11)])
def test_the_line_spacing_is_measured(png: Path, dpi: int, pitch: int) -> None:
    assert scale.line_pitch(_at(png, dpi)) == pytest.approx(pitch, abs=1)


@pytest.mark.parametrize("png", PNGS, ids=lambda p: p.stem)
def test_a_page_at_a_readable_size_is_left_as_it_is(png: Path) -> None:
    page = Image.open(png)
    assert scale.line_pitch(page, scale.MIN_PITCH - 1) is None
    assert scale.enlarged(page, 200) == (page, 200, 1.0)
    assert scale.line_pitch(page, 40) in (35, 36)  # measured, only wider than the limit


@pytest.mark.parametrize("image", [
    Image.new("L", (800, 1100), 255),
    Image.effect_noise((800, 1100), 60),
    Image.linear_gradient("L").resize((800, 1100)),
    Image.new("L", (800, 20), 0),
], ids=["blank", "noise", "gradient", "too-short"])
def test_a_page_without_a_run_of_lines_has_no_spacing(image: Image.Image) -> None:
    assert scale.line_pitch(image) is None


def test_a_100_dpi_page_is_enlarged_to_200_dpi_spacing() -> None:
    page = _at(PAGE, 100)
    bigger, dpi, factor = scale.enlarged(page, 100)
    assert factor == pytest.approx(2.0)
    assert (bigger.size, dpi) == ((page.width * 2, page.height * 2), 200)
    assert scale.line_pitch(bigger, 40) == 36


def test_the_factor_is_capped() -> None:
    page = _at(PAGE, 40)  # lines 7 pixels apart
    assert scale.enlarged(page, None)[1:] == (None, scale.MAX_FACTOR)


def test_an_enlarged_page_stays_within_the_pixel_bound() -> None:
    page = _at(PAGE, 80)  # would be enlarged about 2.6 times
    bigger, _, factor = scale.enlarged(page, 80, max_pixels=4 * page.width * page.height)
    assert factor == pytest.approx(2.0)
    assert bigger.width * bigger.height <= 4 * page.width * page.height
    assert scale.enlarged(page, 80, max_pixels=page.width * page.height) == (page, 80, 1.0)


@pytest.mark.ocr
@pytest.mark.slow
@pytest.mark.parametrize("dpi", [80, 60])
def test_a_low_resolution_scan_reads_about_as_well_as_a_200_dpi_one(dpi: int) -> None:
    clean = (CORPUS / "gold" / f"{PAGE.stem}.clean.txt").read_text(encoding="utf-8")
    buffer = io.BytesIO()
    _at(PAGE, dpi).save(buffer, format="PNG", dpi=(dpi, dpi))
    doc = ingest_bytes(buffer.getvalue(), "page.png", IngestConfig())
    assert doc.language == "it"
    assert cer(clean, doc.raw_text) <= 0.02  # 0.63 % at 200 dpi
