"""The two ways to reach tesseract: which one a process takes, and that they read alike."""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from tests.fixtures_docs import render_pages

from mosaic_pipeline.config import IngestConfig
from mosaic_pipeline.errors import DocumentError, MissingDependencyError
from mosaic_pipeline.stages import ocr, ocr_engine
from mosaic_pipeline.stages.ingest import _for_ocr, _image_dpi

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
AUTO = IngestConfig()
COMMAND = IngestConfig(ocr_engine="command")


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    ocr_engine.forget()
    yield
    ocr_engine.forget()


def _library() -> ocr_engine.Engine:
    # not importorskip: tesserocr must first be imported by the engine, once threads are capped
    if importlib.util.find_spec("tesserocr") is None:
        pytest.skip("tesserocr is not installed (make install builds it)")
    engine = ocr.engine(AUTO)
    assert engine.name == "library"
    return engine


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown OCR engine"):
        ocr.engine(IngestConfig(ocr_engine="fastest"))


@pytest.mark.ocr
def test_auto_takes_the_library_of_the_commands_own_tesseract() -> None:
    engine = _library()
    assert engine.models() == ocr_engine.CommandEngine("tesseract").models()
    assert ocr.engine(COMMAND).name == "command"


@pytest.mark.ocr
def test_auto_keeps_the_command_when_the_library_is_another_tesseract(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _library()
    ocr_engine.forget()
    monkeypatch.setattr(ocr_engine, "tesseract_version", lambda cmd: "4.1.1")
    assert ocr.engine(AUTO).name == "command"


@pytest.mark.ocr
def test_auto_keeps_the_command_when_the_library_reads_other_models(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    _library()
    ocr_engine.forget()
    import tesserocr

    monkeypatch.setattr(tesserocr, "get_languages", lambda: (str(tmp_path), ["eng"]))
    assert ocr.engine(AUTO).name == "command"


def test_without_the_command_auto_is_the_command_and_names_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    monkeypatch.setattr(ocr, "_tesseract_cmd", lambda: str(tmp_path / "no-tesseract"))
    assert ocr.engine(AUTO).name == "command"
    with pytest.raises(MissingDependencyError, match="install the Debian package tesseract-ocr"):
        ocr.require_model("ita", AUTO)


def _pages() -> list[tuple[str, Image.Image, int | None]]:
    """Corpus scans in three languages, one as a 1-bit image, a probe band, and a page
    typeset at a known resolution: every kind of image ingest hands to tesseract."""
    pages = []
    for name in ("it-03-gba-drones", "de-01-beijing-ai", "pt-02-xinjiang-solar"):
        image = _for_ocr(Image.open(CORPUS / "inputs" / "png" / f"{name}.png"))
        pages.append((name[:2], image, _image_dpi(image)))
    pages.append(("de", pages[1][1].convert("1"), pages[1][2]))
    text = (CORPUS / "gold" / "fr-01-inner-mongolia-hydrogen.clean.txt").read_text("utf-8")
    pages.append(("fr", render_pages(text[:900], dpi=200)[0], 200))
    return pages


@pytest.mark.ocr
@pytest.mark.slow
def test_library_and_command_read_the_same_text() -> None:
    _library()
    pages = _pages()
    for lang, image, dpi in pages:
        assert ocr.ocr_image(image, lang, AUTO, dpi) == ocr.ocr_image(image, lang, COMMAND, dpi)
    _, page, dpi = pages[0]
    assert ocr.probe_text(page, AUTO, dpi) == ocr.probe_text(page, COMMAND, dpi)


@pytest.mark.ocr
def test_library_timeout_is_a_document_error_and_the_model_still_reads() -> None:
    _library()
    lang, page, dpi = _pages()[0]
    with pytest.raises(DocumentError) as info:
        ocr.ocr_image(page, lang, IngestConfig(ocr_page_timeout=0.05), dpi)
    assert info.value.error_class == "timeout"
    assert "Hong Kong" in ocr.ocr_image(page, lang, AUTO, dpi)


@pytest.mark.ocr
def test_library_loads_a_model_once_per_thread() -> None:
    engine = _library()
    assert isinstance(engine, ocr_engine.LibraryEngine)
    mine = engine._api("eng", None)
    assert engine._api("eng", None) is mine
    theirs: list[object] = []
    worker = threading.Thread(target=lambda: theirs.append(engine._api("eng", None)))
    worker.start()
    worker.join()
    assert theirs[0] is not mine


@pytest.mark.ocr
def test_library_refuses_a_missing_model_naming_its_package() -> None:
    _library()
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-kor"):
        ocr.require_model("kor", AUTO)


def test_a_process_whose_openmp_loaded_first_keeps_the_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # OpenMP read its thread cap when it loaded: tesseract in-process could take four threads
    monkeypatch.setattr(ocr_engine, "_IMPORTED", {})
    monkeypatch.setattr(ocr_engine, "_openmp_loaded", lambda: True)
    assert ocr.engine(AUTO).name == "command"
