"""OCR of one page image with tesseract (through pytesseract), bounded and single-threaded.

The command line is built only from the allow-list below, never from a shell, so no document
or config value can add a tesseract option. Each call has a wall-clock timeout.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache

import pytesseract
from PIL import Image

from ..config import LANGUAGES, TESSERACT_LANG, IngestConfig
from ..config import tesseract_version as config_tesseract_version
from ..errors import DocumentError, MissingDependencyError
from .language import detect_language

# option -> validator of its value; anything else is refused
_ALLOWED_OPTIONS: Mapping[str, frozenset[str] | range] = {
    "--psm": frozenset({"3"}),
    "--oem": frozenset({"1", "3"}),
    "--dpi": range(70, 1201),
}
DEFAULT_OPTIONS: Mapping[str, str] = {"--psm": "3"}
# The language of a scan is unknown before OCR: read this share of its inked rows first (at
# least a few lines). Measured on the corpus PNGs: 0.46 s for the probe vs 2.0 s for the page,
# the language of all 18 documents right.
PROBE_BAND = 0.12
PROBE_MIN_INCHES = 0.6
PROBE_MODEL = "eng"  # language detection folds the accents this model drops anyway


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
    return str(pytesseract.pytesseract.tesseract_cmd)


def tesseract_version() -> str | None:
    """tesseract's version string (part of the pipeline fingerprint); None when it is missing."""
    return config_tesseract_version(_tesseract_cmd())


@lru_cache(maxsize=8)
def _installed_models(cmd: str) -> frozenset[str]:
    try:
        return frozenset(pytesseract.get_languages())
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise _missing_binary() from exc


def _missing_binary() -> MissingDependencyError:
    return MissingDependencyError(
        f"tesseract is needed to OCR this document but `{_tesseract_cmd()}` was not found; "
        "install the Debian package tesseract-ocr"
    )


def require_model(tess_lang: str) -> None:
    """Raise MissingDependencyError naming the Debian package when a model is missing."""
    if tess_lang not in _installed_models(_tesseract_cmd()):
        raise MissingDependencyError(
            f"tesseract has no '{tess_lang}' model; install the Debian package "
            f"{debian_package(tess_lang)}"
        )


def _run(image: Image.Image, tess_lang: str, options: Mapping[str, str], timeout: float) -> str:
    require_model(tess_lang)
    # pytesseract hands its subprocess os.environ itself; several tesseract threads per page
    # only fight the worker pool for cores
    os.environ["OMP_THREAD_LIMIT"] = "1"
    image = _uncompressed(image)
    try:
        text = pytesseract.image_to_string(
            image, lang=tess_lang, config=build_config(options), timeout=timeout
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise _missing_binary() from exc
    except pytesseract.TesseractError as exc:  # a RuntimeError too: test it first
        raise DocumentError(f"tesseract failed: {exc}"[:300], "ocr_failed", "ingest") from exc
    except RuntimeError as exc:  # pytesseract's only signal of its timeout
        if "timeout" in str(exc).lower():
            raise DocumentError(
                f"tesseract took more than {timeout:g} s on a page", "timeout", "ingest"
            ) from exc
        raise
    return str(text)


def _uncompressed(image: Image.Image) -> Image.Image:
    """The page handed over as PGM/PPM: pytesseract writes a temporary file, and PNG
    compression of a 300 dpi page costs about a tenth of its OCR time."""
    if image.mode not in ("1", "L", "RGB"):
        return image
    copy = image.copy()
    copy.format = "PPM"
    return copy


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
    text = _run(image, TESSERACT_LANG[language], _options(dpi), config.ocr_page_timeout)
    return text.replace("\r\n", "\n").replace("\f", "").rstrip()


def _ink_rows(image: Image.Image) -> tuple[int, int]:
    """First and last pixel rows holding dark pixels (the whole page when none do)."""
    grey = image.convert("L")
    # a one-pixel-wide thumbnail averages each row cheaply; text rows come out darker
    column = grey.resize((1, grey.height), Image.Resampling.BOX)
    values = list(column.tobytes())  # one byte per row in mode L
    background = max(values)
    dark = [i for i, v in enumerate(values) if v < background - 8]
    if not dark:
        return 0, image.height
    return dark[0], dark[-1] + 1


def probe_band(image: Image.Image, dpi: int | None = None) -> Image.Image:
    """A horizontal band from the middle of the page's inked area, for a cheap language probe."""
    top, bottom = _ink_rows(image)
    min_rows = int(PROBE_MIN_INCHES * (dpi or 300))
    height = max(min_rows, int((bottom - top) * PROBE_BAND))
    if height >= bottom - top:
        return image.crop((0, top, image.width, bottom))
    start = top + (bottom - top - height) // 2
    return image.crop((0, start, image.width, start + height))


def probe_text(image: Image.Image, config: IngestConfig, dpi: int | None = None) -> str:
    """A cheap reading of a band of the page, enough to tell its language."""
    return _run(probe_band(image, dpi), PROBE_MODEL, _options(dpi), config.ocr_page_timeout)


def probe_language(image: Image.Image, config: IngestConfig, dpi: int | None = None) -> str:
    """The language of a scanned page, from one cheap OCR pass over a band of it."""
    return detect_language(probe_text(image, config, dpi))
