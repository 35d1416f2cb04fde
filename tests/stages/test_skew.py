"""Pages scanned askew: the tilt found, the page made level, and level pages left alone."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from mosaic_pipeline.config import IngestConfig
from mosaic_pipeline.metrics import cer
from mosaic_pipeline.stages import skew
from mosaic_pipeline.stages.ingest import ingest_bytes

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PNGS = sorted((CORPUS / "inputs" / "png").glob("*.png"))
PAGE = CORPUS / "inputs" / "png" / "it-03-gba-drones.png"


def _tilted(page: Image.Image, degrees: float) -> Image.Image:
    """The page as a scanner would give it turned `degrees` counter-clockwise."""
    return page.convert("L").rotate(degrees, Image.Resampling.BICUBIC, expand=True,
                                    fillcolor="white")


@pytest.mark.parametrize("png", PNGS, ids=lambda p: p.stem)
def test_a_level_page_is_left_as_it_is(png: Path) -> None:
    page = Image.open(png)
    assert skew.skew_angle(page) == 0.0
    assert skew.straightened(page) == (page, 0.0)


@pytest.mark.parametrize("degrees", [-13.0, -6.5, -2.5, 3.0, 8.0, 14.0])
def test_the_tilt_is_found_to_half_a_degree(degrees: float) -> None:
    assert skew.skew_angle(_tilted(Image.open(PAGE), degrees)) == pytest.approx(-degrees, abs=0.5)


def test_a_small_tilt_is_not_resampled() -> None:
    page = _tilted(Image.open(PAGE), 0.5)
    assert skew.skew_angle(page) == pytest.approx(-0.5, abs=0.3)
    assert skew.straightened(page) == (page, 0.0)


def test_a_tilted_page_is_turned_level_on_white() -> None:
    level, angle = skew.straightened(_tilted(Image.open(PAGE), 7.0))
    assert angle == pytest.approx(-7.0, abs=0.5)
    assert skew.skew_angle(level) == 0.0
    assert level.mode == "L"
    assert level.getpixel((0, 0)) == 255 and level.getpixel((level.width - 1, 0)) == 255


def _blobs() -> Image.Image:
    rng = random.Random(3)
    image = Image.new("L", (1654, 2338), 255)
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y = rng.randrange(1400), rng.randrange(2100)
        draw.ellipse((x, y, x + rng.randrange(50, 400), y + rng.randrange(50, 400)),
                     fill=rng.randrange(200))
    return image


@pytest.mark.parametrize("image", [
    Image.new("L", (1654, 2338), 255),
    Image.effect_noise((1654, 2338), 60),
    Image.linear_gradient("L").resize((1654, 2338)),
    _blobs(),
], ids=["blank", "noise", "gradient", "blobs"])
def test_a_page_without_text_lines_has_no_tilt(image: Image.Image) -> None:
    assert skew.skew_angle(image) is None
    assert skew.straightened(image) == (image, None)


@pytest.mark.parametrize("turn", [Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_270])
def test_a_page_turned_sideways_shows_no_lines(turn: Image.Transpose) -> None:
    # left to the orientation search, which reads it at its turns
    assert skew.skew_angle(Image.open(PAGE).transpose(turn)) is None


@pytest.mark.ocr
@pytest.mark.slow
@pytest.mark.parametrize("degrees", [-9.0, 6.0])
def test_a_page_scanned_askew_reads_as_well_as_level(degrees: float) -> None:
    clean = (CORPUS / "gold" / f"{PAGE.stem}.clean.txt").read_text(encoding="utf-8")
    config = IngestConfig()
    level = ingest_bytes(PAGE.read_bytes(), "page.png", config)
    buffer = io.BytesIO()
    _tilted(Image.open(PAGE), degrees).save(buffer, format="PNG")
    doc = ingest_bytes(buffer.getvalue(), "page.png", config)
    assert doc.language == level.language == "it"
    assert cer(clean, doc.raw_text) <= cer(clean, level.raw_text) + 0.005
