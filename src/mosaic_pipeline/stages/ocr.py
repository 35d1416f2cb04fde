"""OCR of one page image with tesseract, bounded and single-threaded; which lines of a scan
to read first to tell its language.

Options come only from the allow-list below, never from a shell, so no document or config
value can add a tesseract option. Each call has a wall-clock timeout. How the page reaches
tesseract (its library in this process, or the command) is ocr_engine.py's business.

Neither tesserocr nor pytesseract is imported with this module, only on the first OCR call:
pytesseract imports pandas (about 0.4 s), which runs without scans never need.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from PIL import Image

from ..config import LANGUAGES, TESSERACT_LANG, IngestConfig
from ..config import tesseract_version as config_tesseract_version
from ..errors import MissingDependencyError
from .language import detect_language, word_share
from .ocr_engine import Engine, OcrCall, engine_for

# option -> validator of its value; anything else is refused
_ALLOWED_OPTIONS: Mapping[str, frozenset[str] | range] = {
    "--psm": frozenset({"3", "6"}),
    "--oem": frozenset({"1", "3"}),
    "--dpi": range(70, 1201),
}
DEFAULT_OPTIONS: Mapping[str, str] = {"--psm": "3"}
# The language of a scan is unknown before OCR: read its inkiest text lines first. A tesseract
# call costs about 0.2 s before its first line, a full line about 0.06 s more; two lines give
# 25-40 words, enough for every corpus PNG and scan (0.35 s vs 0.47 s for the former band of
# 12 % of the page).
PROBE_LINES = 2
PROBE_MODEL = "eng"  # language detection folds the accents this model drops anyway
PROBE_OPTIONS: Mapping[str, str] = {"--psm": "6"}  # the lines are one block: no layout analysis
# A page without text-like lines is probed on this share of its inked rows (at least a few lines)
PROBE_BAND = 0.12
PROBE_MIN_INCHES = 0.6
# a row is inked when its mean grey is this much darker than the page's lightest row
_INK_DARKNESS = 8
# dark rows closer than this are one text line (accents, i-dots, descenders)
_LINE_GAP_INCHES = 0.03
# the dark rows of a line of 5 to 50 pt type; text never darkens half a row: such a run is a
# rule, a bar or a photograph
_LINE_HEIGHT_INCHES = (0.05, 0.5)
_MAX_LINE_DARKNESS = 128
_ASSUMED_DPI = 300
# A page read at the wrong orientation (scanned upside down or sideways) gives letters, rarely
# words: of its words of three or more letters 2-8 % are known, against 59-71 % upright, even
# read with another language's model (the corpus PNGs turned, measured). Fewer such words than
# this (a cover, a chart) are not judged.
READABLE_SHARE = 0.3
MIN_JUDGED_WORDS = 20
MIN_PROBE_WORDS = 8  # a probe of two lines gives 20-30 such words when it reads the page
# Image.transpose turns counter-clockwise by these degrees exactly (no resampling)
_TURNS: Mapping[int, Image.Transpose] = {
    90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_270,
}


def debian_package(tess_lang: str) -> str:
    return f"tesseract-ocr-{tess_lang}"


def build_config(options: Mapping[str, str]) -> str:
    """The tesseract option string, refusing any option or value outside the allow-list."""
    parts: list[str] = []
    for name in sorted(options):
        value = str(options[name])
        allowed = _ALLOWED_OPTIONS.get(name)
        ok = allowed is not None and (
            value.isdigit() and int(value) in allowed
            if isinstance(allowed, range)
            else value in allowed
        )
        if not ok:
            raise ValueError(f"tesseract option not allowed: {name} {value!r}")
        parts += [name, value]
    return " ".join(parts)


def _tesseract_cmd() -> str:
    # the binary pytesseract calls: its default unless it was imported and told otherwise
    module = sys.modules.get("pytesseract.pytesseract")
    return str(module.tesseract_cmd) if module is not None else "tesseract"


def tesseract_version() -> str | None:
    """tesseract's version string (part of the pipeline fingerprint); None when it is missing."""
    return config_tesseract_version(_tesseract_cmd())


def engine(config: IngestConfig) -> Engine:
    """How this process hands pages to tesseract (see ocr_engine.py)."""
    return engine_for(config.ocr_engine, _tesseract_cmd())


def require_model(tess_lang: str, config: IngestConfig) -> None:
    """Raise MissingDependencyError naming the Debian package when a model is missing."""
    if tess_lang not in engine(config).models():
        raise MissingDependencyError(
            f"tesseract has no '{tess_lang}' model; install the Debian package "
            f"{debian_package(tess_lang)}"
        )


def _run(image: Image.Image, tess_lang: str, options: Mapping[str, str],
         config: IngestConfig) -> str:
    call = OcrCall(tess_lang, dict(options), build_config(options), config.ocr_page_timeout)
    require_model(tess_lang, config)
    return engine(config).read(image, call)


def _options(dpi: int | None) -> dict[str, str]:
    opts = dict(DEFAULT_OPTIONS)
    if dpi is not None and dpi in _ALLOWED_OPTIONS["--dpi"]:
        opts["--dpi"] = str(dpi)
    return opts


def ocr_image(
    image: Image.Image, language: str, config: IngestConfig, dpi: int | None = None
) -> str:
    """The page's text read with the tesseract model of `language` (one of config.LANGUAGES).

    dpi is the image's true resolution when known (a rendered PDF page); absurd values are
    dropped so that tesseract estimates it instead.
    """
    if language not in TESSERACT_LANG:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
    text = _run(image, TESSERACT_LANG[language], _options(dpi), config)
    return text.replace("\r\n", "\n").replace("\f", "").rstrip()


def row_means(grey: Image.Image) -> bytes:
    """Each pixel row's mean grey level (0-255), a byte a row: the profile that line finding
    here, the tilt (skew.py) and the line spacing (scale.py) read. Image.reduce averages whole
    rows in half the time a one-pixel-wide resize() takes."""
    return grey.reduce((grey.width, 1)).tobytes()


def _row_darkness(grey: Image.Image) -> list[int]:
    """How much darker each pixel row is, on average, than the page's lightest row."""
    values = list(row_means(grey))  # text rows come out darker
    background = max(values, default=255)
    return [background - v for v in values]


def _ink_rows(image: Image.Image) -> tuple[int, int]:
    """First and last pixel rows holding dark pixels (the whole page when none do)."""
    dark = [i for i, d in enumerate(_row_darkness(image.convert("L"))) if d > _INK_DARKNESS]
    if not dark:
        return 0, image.height
    return dark[0], dark[-1] + 1


def _text_lines(darkness: list[int], dpi: int) -> list[tuple[int, int]]:
    """(top, bottom) rows of the runs of inked rows that look like one line of text."""
    gap = _LINE_GAP_INCHES * dpi
    runs: list[list[int]] = []
    for row, dark in enumerate(darkness):
        if dark <= _INK_DARKNESS:
            continue
        if runs and row - runs[-1][1] <= gap:
            runs[-1][1] = row + 1
        else:
            runs.append([row, row + 1])
    low, high = (h * dpi for h in _LINE_HEIGHT_INCHES)
    return [
        (top, bottom)
        for top, bottom in runs
        if low <= bottom - top <= high and max(darkness[top:bottom]) < _MAX_LINE_DARKNESS
    ]


def probe_band(image: Image.Image, dpi: int | None = None) -> Image.Image:
    """The page's PROBE_LINES inkiest text lines (the longest, usually body text) stacked in
    reading order, for a cheap language probe; without text-like lines, a band of the page."""
    grey = image.convert("L")
    darkness = _row_darkness(grey)
    lines = _text_lines(darkness, dpi or _ASSUMED_DPI)
    if not lines:
        return _middle_band(image, dpi)
    chosen = sorted(sorted(lines, key=lambda ln: -sum(darkness[ln[0] : ln[1]]))[:PROBE_LINES])
    # each line keeps a margin of its page's own background above and below
    pad = round(_LINE_GAP_INCHES * (dpi or _ASSUMED_DPI))
    crops = [
        grey.crop((0, max(0, t - pad), grey.width, min(grey.height, b + pad))) for t, b in chosen
    ]
    band = Image.new("L", (grey.width, sum(c.height for c in crops)))
    top = 0
    for crop in crops:
        band.paste(crop, (0, top))
        top += crop.height
    return band


def _middle_band(image: Image.Image, dpi: int | None) -> Image.Image:
    """A horizontal band from the middle of the page's inked area."""
    top, bottom = _ink_rows(image)
    min_rows = int(PROBE_MIN_INCHES * (dpi or _ASSUMED_DPI))
    height = max(min_rows, int((bottom - top) * PROBE_BAND))
    if height >= bottom - top:
        return image.crop((0, top, image.width, bottom))
    start = top + (bottom - top - height) // 2
    return image.crop((0, start, image.width, start + height))


def probe_text(image: Image.Image, config: IngestConfig, dpi: int | None = None) -> str:
    """A cheap reading of a few lines of the page, enough to tell its language."""
    options = {**_options(dpi), **PROBE_OPTIONS}
    return _run(probe_band(image, dpi), PROBE_MODEL, options, config)


def turned(image: Image.Image, angle: int) -> Image.Image:
    """The image turned `angle` degrees counter-clockwise (0, 90, 180 or 270)."""
    return image.transpose(_TURNS[angle]) if angle else image


def readable(text: str, min_words: int = MIN_JUDGED_WORDS) -> bool:
    """Whether OCR'd text reads as words (or has too few to tell)."""
    share, n = word_share(text)
    return n < min_words or share >= READABLE_SHARE


def orientation(image: Image.Image, config: IngestConfig, dpi: int | None = None,
                tried: int = 0) -> tuple[int, str] | None:
    """The turn under which a few lines of the page read as words, and their probe text; None
    when no other turn than `tried` does. Three cheap probes, paid only for a page whose
    reading gave no words."""
    best: tuple[float, int, str] | None = None
    for angle in (0, 180, 90, 270):
        if angle == tried:
            continue
        text = probe_text(turned(image, angle), config, dpi)
        share, n = word_share(text)
        if n >= MIN_PROBE_WORDS and share >= READABLE_SHARE and (best is None or share > best[0]):
            best = (share, angle, text)
    return (best[1], best[2]) if best else None


def probe_language(image: Image.Image, config: IngestConfig, dpi: int | None = None) -> str:
    """The language of a scanned page, from one cheap OCR pass over a few lines of it."""
    return detect_language(probe_text(image, config, dpi))
