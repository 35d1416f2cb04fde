"""OCR: the option allow-list, the environment, the language probe and the cost of a page."""

from __future__ import annotations

import io
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytesseract
import pytest
from PIL import Image
from tests.fixtures_docs import render_pages, scanned_pdf

from mosaic_pipeline.config import IngestConfig
from mosaic_pipeline.errors import DocumentError
from mosaic_pipeline.metrics import cer
from mosaic_pipeline.stages import ocr
from mosaic_pipeline.stages.ingest import ingest_bytes, ingest_file

TESTS = Path(__file__).resolve().parents[1]
CORPUS = TESTS / "corpus"
CONFIG = IngestConfig()
COMMAND = IngestConfig(ocr_engine="command")  # pytesseract, which these tests stand in for


def _first_paragraphs(doc: str, n_chars: int = 600) -> str:
    return (CORPUS / "gold" / f"{doc}.clean.txt").read_text(encoding="utf-8")[:n_chars]


@pytest.mark.parametrize(
    "options",
    [
        {"--psm": "3"},
        {"--psm": "3", "--dpi": "300"},
        {"--psm": "3", "--oem": "1", "--dpi": "70"},
        {"--psm": "6", "--dpi": "200"},
    ],
)
def test_allowed_options(options: dict[str, str]) -> None:
    built = ocr.build_config(options).split()
    assert dict(zip(built[::2], built[1::2], strict=True)) == options


@pytest.mark.parametrize(
    "options",
    [
        {"--psm": "0"},  # orientation only: no text
        {"--dpi": "5"},
        {"--dpi": "300; touch pwned"},
        {"--user-words": "/etc/passwd"},
        {"-c": "tessedit_write_images=1"},
        {"--tessdata-dir": "/tmp"},
        {"--psm": "3 -c x=1"},
    ],
)
def test_options_outside_the_allow_list_are_refused(options: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="not allowed"):
        ocr.build_config(options)


def test_tesseract_runs_single_threaded_with_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def fake(image: Image.Image, lang: str, config: str, timeout: float) -> str:
        seen.update(omp=os.environ.get("OMP_THREAD_LIMIT"), lang=lang, config=config, t=timeout)
        return "testo\f"

    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    monkeypatch.setattr(ocr, "require_model", lambda lang, config: None)
    monkeypatch.setattr(pytesseract, "image_to_string", fake)
    config = IngestConfig(ocr_page_timeout=7, ocr_engine="command")
    text = ocr.ocr_image(Image.new("L", (50, 50), 255), "it", config, 300)
    assert text == "testo"
    assert seen == {"omp": "1", "lang": "ita", "config": "--dpi 300 --psm 3", "t": 7}


def test_absurd_dpi_is_not_passed_to_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(ocr, "require_model", lambda lang, config: None)
    monkeypatch.setattr(
        pytesseract,
        "image_to_string",
        lambda image, lang, config, timeout: seen.append(config) or "",
    )
    ocr.ocr_image(Image.new("L", (50, 50), 255), "en", COMMAND, 100_000)
    assert seen == ["--psm 3"]


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError):
        ocr.ocr_image(Image.new("L", (5, 5), 255), "zh", CONFIG)


def test_probe_band_stacks_the_inkiest_text_lines() -> None:
    page = render_pages(_first_paragraphs("it-01-anhui-quantum", 2000), dpi=100)[0]
    darkness = ocr._row_darkness(page)
    lines = ocr._text_lines(darkness, 100)
    assert len(lines) > 2 * ocr.PROBE_LINES
    band = ocr.probe_band(page, dpi=100)
    assert band.width == page.width
    band_lines = ocr._text_lines(ocr._row_darkness(band), 100)
    assert len(band_lines) == ocr.PROBE_LINES
    # no line of the page holds more ink than the lightest one kept
    kept = min(sum(d for d in ocr._row_darkness(band)[t:b]) for t, b in band_lines)
    assert all(sum(darkness[t:b]) <= kept + 50 * (b - t) for t, b in lines)


def test_a_page_without_text_lines_is_probed_on_a_band() -> None:
    photo = Image.new("L", (300, 600), 255)
    photo.paste(0, (20, 100, 280, 500))  # one dark block: no run of rows looks like a line
    assert ocr._text_lines(ocr._row_darkness(photo), 100) == []
    band = ocr.probe_band(photo, dpi=100)
    assert band.size == (300, int(ocr.PROBE_MIN_INCHES * 100))


def test_probe_band_of_a_blank_page_is_a_slice_of_the_page() -> None:
    blank = Image.new("L", (300, 400), 255)
    assert ocr._ink_rows(blank) == (0, 400)
    assert ocr.probe_band(blank, dpi=100).size == (300, int(ocr.PROBE_MIN_INCHES * 100))


def test_probe_reads_its_lines_as_one_block_with_the_probe_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(ocr, "require_model", lambda lang, config: None)
    monkeypatch.setattr(
        pytesseract,
        "image_to_string",
        lambda image, lang, config, timeout: seen.append((lang, config)) or "",
    )
    page = render_pages(_first_paragraphs("fr-01-inner-mongolia-hydrogen", 800), dpi=100)[0]
    ocr.probe_text(page, COMMAND, 100)
    ocr.ocr_image(page, "fr", COMMAND, 100)
    assert seen == [(ocr.PROBE_MODEL, "--dpi 100 --psm 6"), ("fra", "--dpi 100 --psm 3")]


def test_importing_ingest_imports_no_tesseract_binding() -> None:
    """pytesseract imports pandas (about 0.4 s), tesserocr loads OpenMP: runs without scans
    must not pay for either, and OpenMP must load only once its threads are capped."""
    code = ("import sys, mosaic_pipeline.stages.ingest; "
            "print('pytesseract' in sys.modules, 'tesserocr' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


@pytest.mark.ocr
@pytest.mark.parametrize(
    "doc",
    [
        "it-05-beijing-ai",
        "en-03-guizhou-computing",
        "fr-01-inner-mongolia-hydrogen",
        "de-01-beijing-ai",
        "es-02-hainan-space",
        "pt-02-xinjiang-solar",
    ],
)
def test_probe_finds_the_language_of_a_scan(doc: str) -> None:
    page = render_pages(_first_paragraphs(doc), dpi=200)[0]
    assert ocr.probe_language(page, CONFIG, 200) == doc[:2]


@pytest.mark.ocr
def test_ocr_image_reads_a_rendered_page() -> None:
    text = _first_paragraphs("pt-01-gba-innovation", 500)
    got = ocr.ocr_image(render_pages(text, dpi=200)[0], "pt", CONFIG, 200)
    assert cer(text, got) < 0.03


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (tesseract): unlike wall time,
    it does not grow when other processes share the machine."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _documents_and_pages(case: str, tmp_path: Path) -> tuple[bytes, str, list[Path]]:
    """A document and its pages as image files for the tesseract CLI."""
    if case == "corpus-png":
        page = CORPUS / "inputs" / "png" / "it-03-gba-drones.png"
        return page.read_bytes(), page.name, [page]
    seed = (TESTS.parent / "seeds" / "000_452218e2bf370e09.txt").read_text(encoding="utf-8")
    files = []
    for number, image in enumerate(render_pages(seed, 200)):
        files.append(tmp_path / f"page{number}.png")
        image.save(files[-1], dpi=(200, 200))
    return scanned_pdf(seed), "seed-scan.pdf", files


@pytest.mark.ocr
@pytest.mark.slow
@pytest.mark.parametrize("case", ["corpus-png", "seed-scanned-pdf"])
def test_ingest_costs_about_one_tesseract_pass_per_page(case: str, tmp_path: Path) -> None:
    """Ingest of scanned pages (probe + OCR + detection) against raw tesseract CLI calls on
    the same pages, in CPU seconds (run with -s to see wall seconds too)."""
    data, name, files = _documents_and_pages(case, tmp_path)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    costs: dict[str, list[tuple[float, float]]] = {"raw": [], "ingest": []}
    for _ in range(2):
        for label in costs:
            cpu, wall = _cpu_seconds(), time.perf_counter()
            if label == "raw":
                for page in files:
                    out = str(tmp_path / "out")
                    cli = ["tesseract", str(page), out, "-l", "ita", "--psm", "3"]
                    subprocess.run(cli, env=env, check=True, capture_output=True)
            else:
                ingest_bytes(data, name, CONFIG)
            costs[label].append((_cpu_seconds() - cpu, time.perf_counter() - wall))
    n = len(files)
    raw_cpu, ours_cpu = (min(c for c, _ in costs[k]) / n for k in ("raw", "ingest"))
    raw_wall, ours_wall = (min(w for _, w in costs[k]) / n for k in ("raw", "ingest"))
    print(
        f"\n{case} ({n} pages), per page: raw tesseract {raw_cpu:.2f} s CPU, {raw_wall:.2f} s "
        f"wall; ingest {ours_cpu:.2f} s CPU, {ours_wall:.2f} s wall; "
        f"ratio {ours_cpu / raw_cpu:.2f} CPU, {ours_wall / raw_wall:.2f} wall"
    )
    assert ours_cpu / raw_cpu < 1.5


@pytest.mark.ocr
@pytest.mark.slow
def test_every_corpus_png_reads_in_its_language() -> None:
    """The whole png variant of the corpus through ingest: language right, CER under 2 %.
    Run with -s for the per-document table."""
    rows = []
    for page in sorted((CORPUS / "inputs" / "png").glob("*.png")):
        start = time.perf_counter()
        doc = ingest_file(page, CONFIG)
        seconds = time.perf_counter() - start
        clean = (CORPUS / "gold" / f"{page.stem}.clean.txt").read_text(encoding="utf-8")
        rows.append((page.stem, doc.language, cer(clean, doc.raw_text), seconds))
    for name, lang, err, seconds in rows:
        print(f"{name:32} {lang} CER {err:.4f} {seconds:5.2f} s")
    print(
        f"median CER {statistics.median(r[2] for r in rows):.4f}, "
        f"median {statistics.median(r[3] for r in rows):.2f} s a page"
    )
    assert all(lang == name[:2] for name, lang, _, _ in rows)
    assert max(r[2] for r in rows) < 0.02


def test_tesseract_failure_is_a_document_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(image: Image.Image, lang: str, config: str, timeout: float) -> str:
        raise pytesseract.TesseractError(1, "Error in pixReadStream")

    monkeypatch.setattr(ocr, "require_model", lambda lang, config: None)
    monkeypatch.setattr(pytesseract, "image_to_string", failing)
    with pytest.raises(DocumentError) as info:
        ocr.ocr_image(Image.new("L", (5, 5), 255), "it", COMMAND)
    assert info.value.error_class == "ocr_failed"


def test_a_reading_of_words_is_readable_and_one_of_letters_is_not() -> None:
    clean = (CORPUS / "gold" / "it-03-gba-drones.clean.txt").read_text(encoding="utf-8")
    assert ocr.readable(clean)
    # what a page read upside down gives: letters, in shapes of words no list knows
    assert not ocr.readable(" ".join(word[::-1] for word in clean.split()))
    assert ocr.readable("Sdny 98+ ououq")  # too few words to tell: not judged


def test_turns_are_exact_and_undo_each_other() -> None:
    page = Image.new("L", (30, 20), 255)
    page.putpixel((2, 3), 0)
    assert ocr.turned(page, 0) is page
    for angle, back in ((90, 270), (180, 180), (270, 90)):
        assert ocr.turned(ocr.turned(page, angle), back).tobytes() == page.tobytes()


@pytest.mark.ocr
@pytest.mark.slow
@pytest.mark.parametrize("angle", [90, 180])
def test_a_page_scanned_upside_down_or_sideways_reads_as_upright(angle: int) -> None:
    page = Image.open(CORPUS / "inputs" / "png" / "it-03-gba-drones.png")
    upright = ingest_bytes((CORPUS / "inputs" / "png" / "it-03-gba-drones.png").read_bytes(),
                           "page.png", CONFIG)
    buffer = io.BytesIO()
    ocr.turned(page, angle).save(buffer, format="PNG")
    doc = ingest_bytes(buffer.getvalue(), "page.png", CONFIG)
    assert (doc.language, doc.raw_text) == (upright.language, upright.raw_text)


@pytest.mark.ocr
@pytest.mark.slow
def test_the_pages_of_a_turned_scan_search_their_turn_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from mosaic_pipeline.stages import ingest

    searches = []

    def counted(*args: object, **kwargs: object) -> object:
        searches.append(args)
        return ocr.orientation(*args, **kwargs)  # type: ignore[arg-type]

    def tiff(pages: list[Image.Image]) -> bytes:
        buffer = io.BytesIO()
        pages[0].save(buffer, format="TIFF", save_all=True, append_images=pages[1:],
                      dpi=(200, 200))
        return buffer.getvalue()

    pages = [render_pages(_first_paragraphs(doc), dpi=200)[0]
             for doc in ("en-03-guizhou-computing", "en-05-chengdu-chongqing")]
    upright = ingest_bytes(tiff(pages), "scan.tif", CONFIG)
    monkeypatch.setattr(ingest, "orientation", counted)
    doc = ingest_bytes(tiff([ocr.turned(p, 180) for p in pages]), "scan.tif", CONFIG)
    assert (doc.language, doc.raw_text) == ("en", upright.raw_text)
    assert len(searches) == 1  # the first page's probe; the next page starts from its turn
