"""How far a scanned page's text lines are tilted, and the page turned level again.

A page scanned or photographed a few degrees askew reads badly: on the corpus PNGs, tesseract's
character error rate goes from 0.3-1 % level to 2-54 % at 6 degrees and 30-100 % at 10. Its own
layout analysis levels small tilts only.

The tilt is found by the projection-profile method: the mean darkness of each pixel row
alternates sharply between ink and gap when the lines lie level, and blurs when they do not, so
the tilt is the rotation under which that profile is sharpest. It is searched on a small copy of
the page; a level page is told from two rotations (5-15 ms a page, against 1.9 s to read it).
"""

from __future__ import annotations

import statistics

from PIL import Image

from .ocr import row_means

# the copy searched: its longest side is about this many pixels (text lines stay apart)
_SIDE = 500
# tilts searched, in whole degrees either way, then refined by quarter degrees around the best
MAX_DEGREES = 15
_QUARTERS = (-3, -2, -1, 1, 2, 3)
# a page is level when its profile at 0 degrees is this many times sharper than at 1 degree
# either way: 3.1-5.8 on the level corpus PNGs, under 1.8 at a tilt of half a degree or more
LEVEL_RATIO = 2.5
# a tilt is believed only when its profile is this many times sharper than the median of all
# those searched: 33 and more for tilted text, under 9 for noise, gradients and blobs
PEAK_RATIO = 15.0
# a tilt of one degree already costs tesseract a little (five corpus PNGs: mean CER 1.06 %
# tilted, 0.75 % turned back; 1.51 % and 0.72 % at four degrees); below it the page is not
# resampled (the search finds a tilt to within a quarter of a degree or so)
MIN_DEGREES = 1.0


def _small(image: Image.Image) -> Image.Image:
    grey = image.convert("L")
    factor = max(grey.size) // _SIDE
    return grey.reduce(factor) if factor > 1 else grey


def _sharpness(small: Image.Image, degrees: float) -> int:
    """How sharply the row profile of `small`, turned `degrees` counter-clockwise, alternates."""
    turned = small.rotate(degrees, Image.Resampling.NEAREST, expand=True, fillcolor=255)
    rows = row_means(turned)
    return sum((a - b) ** 2 for a, b in zip(rows, rows[1:], strict=False))


def skew_angle(image: Image.Image) -> float | None:
    """The counter-clockwise turn, in degrees, that levels the page's text lines (0.0 for a
    level page); None when its rows show no text lines at any tilt (a photograph, a blank page,
    a page turned sideways)."""
    small = _small(image)
    level = _sharpness(small, 0)
    if level > 0 and level >= LEVEL_RATIO * max(_sharpness(small, -1), _sharpness(small, 1)):
        return 0.0
    coarse = {float(d): _sharpness(small, d) for d in range(-MAX_DEGREES, MAX_DEGREES + 1)}
    best = max(coarse, key=lambda d: coarse[d])
    if coarse[best] < PEAK_RATIO * max(1.0, statistics.median(coarse.values())):
        return None
    fine = {best: coarse[best]} | {best + q / 4: _sharpness(small, best + q / 4) for q in _QUARTERS}
    return max(fine, key=lambda d: fine[d])


def straightened(image: Image.Image) -> tuple[Image.Image, float | None]:
    """The page turned level, and the turn (degrees); the page itself, and 0.0, when it is
    level within MIN_DEGREES, or None when it shows no text lines. The corners the turn
    uncovers are white."""
    angle = skew_angle(image)
    if angle is None:
        return image, None
    if abs(angle) < MIN_DEGREES:
        return image, 0.0
    # bicubic resampling needs grey levels: a bilevel or palette page becomes greyscale
    page = image if image.mode in ("L", "RGB") else image.convert("L")
    return page.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor="white"), angle
