"""How close a scanned page's text lines lie, and the page enlarged when they are too close for
tesseract to read well.

Tesseract reads body text best at 300 dpi-like sizes and poorly below about 10-pixel letters: a
screenshot, a fax or a scan at 100 dpi or less. Six corpus PNGs (200 dpi, lines 35-36 pixels
apart, 0.60 % CER on average) scaled down read with 0.63 % at 120 dpi, 1.9 % at 100, 11 % at 80
and 54 % at 60; enlarged as below, with 0.54, 0.59, 0.83 and 1.7 %. The declared
resolution of an image cannot tell this (72 dpi is many cameras' default, and type sizes vary),
the page itself can: the distance between its lines is the first peak of the autocorrelation of
its row profile (the mean darkness of each pixel row), measured on the level page.
"""

from __future__ import annotations

import math
from operator import mul

from PIL import Image

from .ocr import row_means

# lines closer than this (pixels) are enlarged: 150 dpi scans of body text (27) read as well as
# 200 dpi ones, 100 dpi (18) do not
MIN_PITCH = 24
# enlarged to about this line spacing, that of the 200 dpi corpus pages (35-36 pixels)
TARGET_PITCH = 36
MAX_FACTOR = 4.0  # lines 9 pixels apart: smaller ones hold no legible letters
# the shortest spacing searched (pixels), and how periodic the profile must be there (the
# autocorrelation over the variance): 0.48-0.62 on text pages, no peak on blank pages, noise,
# gradients and charts
_MIN_LAG = 5
_MIN_STRENGTH = 0.3


def _profile(image: Image.Image) -> list[float]:
    """Each pixel row's mean darkness, less the page's mean."""
    rows = row_means(image if image.mode == "L" else image.convert("L"))
    mean = sum(rows) / max(1, len(rows))
    return [mean - v for v in rows]


def line_pitch(image: Image.Image, longest: int = MIN_PITCH - 1) -> int | None:
    """The distance between the page's text lines in pixels, when it is `longest` or less (by
    default: when they lie closer than MIN_PITCH); None for wider spacing and for pages without
    a regular run of lines."""
    rows = _profile(image)
    n = len(rows)
    variance = sum(v * v for v in rows) / max(1, n)
    if variance == 0 or n < 3 * (longest + 2):
        return None
    lags = range(_MIN_LAG - 1, longest + 2)
    corr = {k: sum(map(mul, rows, rows[k:])) / (n - k) / variance for k in lags}
    for k in lags[1:-1]:
        if corr[k] > corr[k - 1] and corr[k] >= corr[k + 1] and corr[k] >= _MIN_STRENGTH:
            return k
    return None


def enlarged(image: Image.Image, dpi: int | None,
             max_pixels: int | None = None) -> tuple[Image.Image, int | None, float]:
    """The page enlarged so that its lines lie about TARGET_PITCH pixels apart when they lie
    closer than MIN_PITCH, with its resolution scaled alike, and to no more than max_pixels
    (the bound every image is held to); else the page as it is (factor 1)."""
    pitch = line_pitch(image)
    if pitch is None:
        return image, dpi, 1.0
    factor = min(MAX_FACTOR, TARGET_PITCH / pitch)
    if max_pixels is not None:
        factor = min(factor, math.sqrt(max_pixels / (image.width * image.height)))
    if factor <= 1.0:
        return image, dpi, 1.0
    size = (round(image.width * factor), round(image.height * factor))
    page = image if image.mode in ("L", "RGB") else image.convert("L")
    return (page.resize(size, Image.Resampling.LANCZOS),
            round(dpi * factor) if dpi is not None else None, factor)
