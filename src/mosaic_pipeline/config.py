"""Frozen configuration per stage, and the pipeline fingerprint that decides re-processing."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable

from . import __version__

LANGUAGES = ("it", "en", "fr", "de", "es", "pt")
TESSERACT_LANG = {"it": "ita", "en": "eng", "fr": "fra", "de": "deu", "es": "spa", "pt": "por"}
OCR_ENGINES = ("auto", "command")  # how pages reach tesseract: stages/ocr_engine.py


@dataclass(frozen=True)
class IngestConfig:
    ocr_dpi: int = 300  # rendering resolution for PDF pages that need OCR
    ocr_page_timeout: float = 60.0  # seconds per page given to tesseract
    # "auto": tesseract's library in-process when it is the command's own tesseract, else
    # the command; "command" always runs the command (stages/ocr_engine.py)
    ocr_engine: str = "auto"
    max_pages: int = 500
    max_image_pixels: int = 90_000_000  # bigger images are decompression bombs
    max_bytes: int = 200 * 1024 * 1024
    # a PDF page's text layer is used only when this share of its tokens are words
    min_word_share: float = 0.5


@dataclass(frozen=True)
class RepairConfig:
    enabled: bool = True
    # an edit whose confidence is below this is neither applied nor recorded: a guess that
    # weak does more harm than the damage it would mend
    min_confidence: float = 0.5


@dataclass(frozen=True)
class ExtractConfig:
    enabled: bool = True


@dataclass(frozen=True)
class PipelineConfig:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    repair: RepairConfig = field(default_factory=RepairConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)


def data_files_digest() -> str:
    """sha256 over every shipped data file, so that editing a lexicon re-processes documents."""
    h = hashlib.sha256()
    root = resources.files("mosaic_pipeline") / "resources"
    for path in sorted(_walk(root), key=str):
        h.update(str(path).split("resources", 1)[-1].encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _walk(node: Traversable) -> Iterator[Traversable]:
    for child in node.iterdir():
        if child.is_dir():
            yield from _walk(child)
        elif not child.name.endswith((".pyc", ".py")):
            yield child


def tesseract_version(cmd: str = "tesseract") -> str | None:
    """tesseract's version ("5.3.0"), or None when it is missing. Asked of the binary itself:
    pytesseract would import pandas, a third of a no-op nightly run's time."""
    try:
        out = subprocess.run([cmd, "--version"], capture_output=True, timeout=30, check=False,
                             stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    text = (out.stdout or out.stderr).decode("utf-8", "replace").strip()
    if out.returncode != 0 or not text:
        return None
    return text.splitlines()[0].removeprefix("tesseract ").strip() or None


def fingerprint(config: PipelineConfig, tesseract_version: str | None) -> str:
    payload = {
        "version": __version__,
        "config": asdict(config),
        "data": data_files_digest(),
        "tesseract": tesseract_version,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]
