"""Ingest: decoding, HTML, PDF text layers and their quality gate, images, bad input, OCR paths."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytesseract
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from tests.fixtures_docs import (
    bomb_png,
    cid_pdf,
    encrypted_pdf,
    mixed_pdf,
    multipage_tiff,
    scanned_pdf,
    text_pdf,
    text_png,
)

from mosaic_pipeline.config import IngestConfig
from mosaic_pipeline.errors import DocumentError, MissingDependencyError
from mosaic_pipeline.metrics import cer
from mosaic_pipeline.stages import ingest, ocr, ocr_engine
from mosaic_pipeline.stages.ingest import (
    SUPPORTED_SUFFIXES,
    decode_text,
    html_to_text,
    ingest_bytes,
    ingest_file,
    page_needs_ocr,
)

TESTS = Path(__file__).resolve().parents[1]
CORPUS = TESTS / "corpus"
SEED = TESTS.parent / "seeds" / "000_452218e2bf370e09.txt"
CONFIG = IngestConfig()
DOCS = sorted(p.name.removesuffix(".clean.txt") for p in (CORPUS / "gold").glob("*.clean.txt"))
# every character is in cp1252 and GB18030: accents, curly quotes, dashes, euro, degree
SAMPLE = (
    "Pechino è la capitale: “più di 5 milioni” di brevetti — il 15° piano.\n"
    "Größe, façon, año, São Paulo; l’investimento vale 3,2 miliardi di € (+18,5 %).\n"
)


def _clean(doc: str) -> str:
    return (CORPUS / "gold" / f"{doc}.clean.txt").read_text(encoding="utf-8")


def _raises(data: bytes, name: str, error_class: str, config: IngestConfig = CONFIG) -> None:
    with pytest.raises(DocumentError) as info:
        ingest_bytes(data, name, config)
    assert info.value.error_class == error_class, str(info.value)
    assert info.value.stage == "ingest"


# ---------------------------------------------------------------- text and encodings


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-8-sig"), "utf-8-sig"),
        (SAMPLE.encode("utf-16-le"), None),  # BOM added below
        (SAMPLE.encode("utf-16-be"), None),
        (SAMPLE.encode("utf-32"), "utf-32-le"),
        (SAMPLE.encode("cp1252"), "cp1252"),
        (SAMPLE.encode("gb18030"), "gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32-bom", "cp1252", "gb18030"],
)
def test_one_text_in_every_encoding_decodes_to_the_same_string(
    data: bytes, codec: str | None
) -> None:
    if codec is None:  # UTF-16 with its BOM, as Windows writes it
        le = data == SAMPLE.encode("utf-16-le")
        data = (b"\xff\xfe" if le else b"\xfe\xff") + data
        codec = "utf-16-le" if le else "utf-16-be"
    doc = ingest_bytes(data, "sample.txt", CONFIG)
    assert doc.raw_text == SAMPLE
    assert doc.encoding == codec
    assert doc.text_method == "text" and doc.media_type == "text/plain"


@pytest.mark.parametrize(
    "text",
    ["Qualità più alta.", "Größe für Peking", "¿Qué año?", "Ação e região", "“Hi” – é"],
)
def test_short_legacy_texts_decode_right(text: str) -> None:
    """charset-normalizer misfires on short texts; the validation must still pick cp1252."""
    assert decode_text(text.encode("cp1252"))[0] == text
    assert decode_text(text.encode("gb18030"))[0] == text


def test_chinese_gb18030_decodes() -> None:
    text = "北京是中国的首都，内蒙古和广东发展新质生产力。"
    decoded, codec = decode_text(text.encode("gb18030"))
    assert decoded == text and codec == "gb18030"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [SAMPLE, "Plain ASCII text, as Notepad saved it.\n"])
def test_bomless_utf16_decodes_and_is_not_binary(text: str, codec: str) -> None:
    assert decode_text(text.encode(codec)) == (text, codec)


def test_newlines_are_normalized() -> None:
    assert decode_text(b"a\r\nb\rc\n")[0] == "a\nb\nc\n"


def test_mojibake_is_decoded_not_repaired() -> None:
    """Repair is the next stage's job (with ftfy): ingest must hand over the bytes' text."""
    path = CORPUS / "inputs" / "mojibake" / "de-01-beijing-ai.txt"
    doc = ingest_file(path, CONFIG)
    assert doc.raw_text == path.read_text(encoding="utf-8")
    assert "Ã" in doc.raw_text


@pytest.mark.parametrize("doc", DOCS)
def test_corpus_text_variants(doc: str) -> None:
    clean = _clean(doc)
    utf16 = ingest_file(CORPUS / "inputs" / "utf16" / f"{doc}.txt", CONFIG)
    assert utf16.raw_text == clean and utf16.encoding == "utf-16-le"
    cp = ingest_file(CORPUS / "inputs" / "cp1252" / f"{doc}.txt", CONFIG)
    # characters cp1252 lacks were written as "?" by the corpus tool
    assert cp.raw_text == clean.encode("cp1252", "replace").decode("cp1252")
    assert cp.encoding == "cp1252"
    for variant in ("mojibake", "lossy"):
        got = ingest_file(CORPUS / "inputs" / variant / f"{doc}.txt", CONFIG)
        assert got.encoding == "utf-8" and got.language == doc[:2]


def test_doc_id_is_sha256_of_the_bytes_and_source_path_kept(tmp_path: Path) -> None:
    data = SAMPLE.encode("utf-8")
    path = tmp_path / "note.md"
    path.write_bytes(data)
    doc = ingest_file(path, CONFIG)
    assert doc.doc_id == hashlib.sha256(data).hexdigest()
    assert doc.source_path == str(path) and doc.media_type == "text/markdown"
    assert doc.language == "it"


# ---------------------------------------------------------------- HTML

HTML = """<!doctype html><html><head><title>Tab title</title>
<style>p { color: red }</style><script>var x = "hidden";</script></head>
<body><h1>Hefei punta sul quantum</h1><p>La provincia di <b>Anhui</b> investe
   oltre 135&nbsp;miliardi.<br>Seconda riga &amp; altro.</p>
<ul><li>uno</li><li>due</li></ul><noscript>no js</noscript>
<table><tr><td>a</td><td>b</td></tr></table></body></html>"""


def test_html_visible_text_only() -> None:
    text = html_to_text(HTML)
    assert "hidden" not in text and "color" not in text and "Tab title" not in text
    assert "no js" not in text
    assert text.startswith("Hefei punta sul quantum\n\nLa provincia di Anhui investe oltre 135")
    assert "miliardi.\nSeconda riga & altro." in text
    assert "uno\ndue" in text and "a b" in text


def test_html_document_with_declared_legacy_charset() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Qualità e città</p></body>'
    doc = ingest_bytes(page.encode("cp1252"), "page.HTML", CONFIG)
    assert doc.raw_text == "Qualità e città\n"
    assert doc.media_type == "text/html" and doc.encoding == "cp1252"


def test_html_with_no_visible_text_is_empty() -> None:
    _raises(b"<html><script>only code</script></html>", "x.html", "empty")


# ---------------------------------------------------------------- PDF text layer and the gate


@pytest.mark.parametrize("doc", DOCS)
def test_corpus_pdf_uses_its_text_layer(doc: str) -> None:
    got = ingest_file(CORPUS / "inputs" / "pdf" / f"{doc}.pdf", CONFIG)
    assert got.text_method == "pdf_text" and got.media_type == "application/pdf"
    assert got.language == doc[:2]
    assert cer(_clean(doc), got.raw_text) < 0.005


def test_seed_text_pdf_goes_through_pdf_text() -> None:
    seed = SEED.read_text(encoding="utf-8")
    doc = ingest_bytes(text_pdf(seed), "seed.pdf", CONFIG)
    assert doc.text_method == "pdf_text" and len(doc.pages) == 2
    assert [p.number for p in doc.pages] == [1, 2]
    assert cer(seed, doc.raw_text) < 0.005
    assert doc.language == "it"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no_text"),
        (" \n\t ", "no_text"),
        ("(cid:51)(cid:72)(cid:70)(cid:75) (cid:76)(cid:81)(cid:82)(cid:3)", "cid"),
        ("Hello (cid:12)(cid:13)(cid:14)(cid:15)(cid:16)(cid:17)(cid:18)(cid:19) world", "cid"),
        ("ÿþ ¤¤ §§ ¶¶ ¬¬ ±± ÷÷ ×× ©© ®® ¦¦ ¨¨", "non_words"),
        ("tHxQ wPzR kLmN qRsT vWxY zAbC dEfG hIjK lMnO pQrS", "non_words"),
        # a font whose glyphs map to shifted letters: word shapes, but no known words
        (" ".join(["Wkh jryhuqphqw dssuryhg wkh sodq iru wkh uhjlrq"] * 4), "non_words"),
    ],
)
def test_quality_gate_sends_unusable_pages_to_ocr(text: str, reason: str) -> None:
    assert page_needs_ocr(text, CONFIG) == reason


@pytest.mark.parametrize(
    "text",
    [
        "The government approved the plan for the region of Anhui.",
        "Die Halbleiterbranche der Provinz setzte 2025 über 250 Mrd. Yuan um.",
        "北京是中国的首都，内蒙古和广东发展新质生产力。",
        "5G-A, 2,5 EFLOPS, 1.600 Chipdesign-Unternehmen, iPhone, www.example.com",
        "Tabella: 2023 2024 2025 — 12,5 13,1 14,8",
    ],
)
def test_quality_gate_keeps_real_text_layers(text: str) -> None:
    assert page_needs_ocr(text, CONFIG) is None


def test_quality_gate_passes_every_corpus_page() -> None:
    for doc in DOCS:
        assert page_needs_ocr(_clean(doc), CONFIG) is None, doc


# ---------------------------------------------------------------- bad input


def test_empty_and_whitespace_files() -> None:
    _raises(b"", "a.txt", "empty")
    _raises(b" \n\r\n\t", "a.txt", "empty")
    _raises("\ufeff \n".encode(), "a.md", "empty")


def test_binary_named_txt() -> None:
    _raises(text_png("ciao"), "photo.txt", "binary")
    _raises(bytes(range(256)) * 8, "blob.txt", "binary")
    _raises(b"\x01\x02\x03\x04\x05\x06\x07\x08 text \x0e\x0f\x10\x11\x12", "ctl.txt", "binary")


@pytest.mark.parametrize("name", ["report.docx", "archive.zip", "noext", "x.exe"])
def test_unsupported_types(name: str) -> None:
    _raises(b"whatever", name, "unsupported_type")


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"} == (
        SUPPORTED_SUFFIXES
    )


def test_encrypted_pdf() -> None:
    _raises(encrypted_pdf("Il governo ha approvato il piano."), "locked.pdf", "encrypted")


def test_truncated_and_fake_pdfs() -> None:
    data = text_pdf(SEED.read_text(encoding="utf-8"))
    _raises(data[: len(data) // 2], "cut.pdf", "corrupt")
    _raises(b"%PDF-1.4\n garbage", "fake.pdf", "corrupt")
    _raises(SAMPLE.encode(), "text.pdf", "corrupt")


def test_too_many_pages() -> None:
    data = text_pdf(SEED.read_text(encoding="utf-8"))
    _raises(data, "seed.pdf", "resource_limit", IngestConfig(max_pages=1))


def test_too_many_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(DocumentError) as info:
        ingest_file(path, IngestConfig(max_bytes=1024))
    assert info.value.error_class == "resource_limit"


def test_decompression_bomb_is_a_resource_limit() -> None:
    _raises(bomb_png(), "bomb.png", "resource_limit")
    # also when Pillow's own global limit would let it through
    _raises(
        bomb_png(3000, 3000),
        "small-bomb.png",
        "resource_limit",
        IngestConfig(max_image_pixels=10**6),
    )


def test_corrupt_images() -> None:
    png = text_png("Il governo ha approvato il piano.")
    _raises(png[:200], "cut.png", "corrupt")
    _raises(b"not an image at all", "x.jpg", "corrupt")


def test_unreadable_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        ingest_file(tmp_path / "missing.txt", CONFIG)
    assert info.value.error_class == "unreadable"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError) as info:
        ingest_file(fifo, CONFIG)  # must not block on the pipe
    assert info.value.error_class == "unreadable"
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(DocumentError) as info:
        ingest_file(loop, CONFIG)
    assert info.value.error_class == "unreadable"


def test_render_resolution_is_bounded() -> None:
    a4 = (595.0, 842.0)
    assert ingest._render_dpi(*a4, CONFIG) == CONFIG.ocr_dpi
    assert ingest._render_dpi(*a4, CONFIG, scan_dpi=200.0) == 200  # no upsampling of scans
    assert ingest._render_dpi(*a4, CONFIG, scan_dpi=72.0) == 200
    huge = ingest._render_dpi(7200.0, 7200.0, CONFIG)  # a 100-inch page
    assert 100 * 100 * huge * huge <= CONFIG.max_image_pixels
    with pytest.raises(DocumentError) as info:
        ingest._render_dpi(14400.0 * 10, 14400.0 * 10, CONFIG)
    assert info.value.error_class == "resource_limit"


@pytest.mark.parametrize(
    ("dpi", "expected"), [((200, 200), 200), ((1, 1), None), ((10**9, 10**9), None), (None, None)]
)
def test_absurd_dpi_metadata_is_ignored(dpi: tuple[int, int] | None, expected: int | None) -> None:
    image = Image.new("L", (10, 10), 255)
    if dpi is not None:
        image.info["dpi"] = dpi
    assert ingest._image_dpi(image) == expected


def test_missing_tesseract_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    ocr_engine.forget()
    try:
        with pytest.raises(MissingDependencyError, match="tesseract-ocr"):
            ingest_bytes(text_png("Il governo ha approvato il piano."), "scan.png", CONFIG)
        with pytest.raises(MissingDependencyError, match="tesseract-ocr"):
            ingest_bytes(scanned_pdf("Il governo ha approvato il piano."), "scan.pdf", CONFIG)
        assert ingest.tesseract_version() is None
    finally:
        ocr_engine.forget()


def test_missing_language_pack_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    class OnlyEnglish:
        name = "stand-in"

        def models(self) -> frozenset[str]:
            return frozenset({"eng"})

    monkeypatch.setattr(ocr, "engine", lambda config: OnlyEnglish())
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-ita"):
        ocr.require_model("ita", CONFIG)
    ocr.require_model("eng", CONFIG)


def test_text_pages_never_need_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    doc = ingest_bytes(text_pdf(SAMPLE), "t.pdf", CONFIG)
    assert doc.text_method == "pdf_text"


# ---------------------------------------------------------------- OCR paths (tesseract)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.mark.ocr
def test_seed_scanned_pdf_goes_through_ocr(seed_text: str) -> None:
    doc = ingest_bytes(scanned_pdf(seed_text), "seed-scan.pdf", CONFIG)
    assert doc.text_method == "ocr" and [p.method for p in doc.pages] == ["ocr", "ocr"]
    assert doc.language == "it"
    assert cer(seed_text, doc.raw_text) < 0.02


@pytest.mark.ocr
def test_seed_png_goes_through_ocr(seed_text: str) -> None:
    doc = ingest_bytes(text_png(seed_text), "seed.png", CONFIG)
    assert doc.text_method == "ocr" and doc.media_type == "image/png" and len(doc.pages) == 1
    assert doc.language == "it"
    first_page = seed_text[: len(doc.raw_text)]
    assert cer(first_page, doc.raw_text) < 0.03


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("variant", "doc"), [("scan", "de-02-guangdong-chips"), ("png", "pt-01-gba-innovation")]
)
def test_corpus_scans_go_through_ocr(variant: str, doc: str) -> None:
    suffix = ".pdf" if variant == "scan" else ".png"
    got = ingest_file(CORPUS / "inputs" / variant / f"{doc}{suffix}", CONFIG)
    assert got.text_method == "ocr" and got.language == doc[:2]
    assert cer(_clean(doc), got.raw_text) < 0.02


@pytest.mark.ocr
def test_cid_garbage_pdf_is_ocrd() -> None:
    clean = _clean("fr-02-beijing-robotics")[:700]
    doc = ingest_bytes(cid_pdf(clean), "cid.pdf", CONFIG)
    assert doc.text_method == "ocr" and doc.language == "fr"
    assert "(cid:" not in doc.raw_text
    assert cer(clean, doc.raw_text) < 0.03


@pytest.mark.ocr
def test_pdf_with_text_and_scanned_pages_is_mixed() -> None:
    typed = _clean("es-02-hainan-space")
    scanned = "La provincia de Guangdong fabricó más de 2,5 millones de vehículos eléctricos."
    # the scanned page also carries a typed stamp: a few typed words do not make a text layer
    data = mixed_pdf([typed], [scanned], stamp="Documento 2/2")
    doc = ingest_bytes(data, "mixed.pdf", CONFIG)
    assert doc.text_method == "mixed"
    assert [p.method for p in doc.pages] == ["pdf_text", "ocr"]
    assert cer(scanned, doc.pages[1].text.replace("Documento 2/2", "")) < 0.05


@pytest.mark.ocr
def test_multiframe_tiff_frames_are_pages() -> None:
    frames = [
        "Die Provinz Guangdong will bei Halbleitern unabhängiger werden.",
        "In Shenzhen sind rund 1.600 Chipdesign-Unternehmen ansässig.",
    ]
    doc = ingest_bytes(multipage_tiff(frames), "two.tiff", CONFIG)
    assert [p.number for p in doc.pages] == [1, 2] and doc.media_type == "image/tiff"
    assert doc.language == "de"
    assert cer("\n".join(frames), doc.raw_text) < 0.05


@pytest.mark.ocr
def test_ocr_page_timeout_is_a_document_error() -> None:
    with pytest.raises(DocumentError) as info:
        ingest_bytes(text_png(SAMPLE * 5), "slow.png", IngestConfig(ocr_page_timeout=0.05))
    assert info.value.error_class == "timeout"


@pytest.mark.ocr
def test_tesseract_version() -> None:
    version = ingest.tesseract_version()
    assert version is not None and version[0].isdigit()


def test_image_dpi_sane_png_roundtrip() -> None:
    buf = io.BytesIO()
    Image.new("L", (20, 20), 255).save(buf, format="PNG", dpi=(300, 300))
    assert ingest._image_dpi(Image.open(io.BytesIO(buf.getvalue()))) == 300


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=500).map(lambda t: t.encode("utf-8")),
        st.builds(
            lambda t, c: t.encode(c, "replace"),
            st.text(max_size=300),
            st.sampled_from(["cp1252", "utf-16", "gb18030", "latin-1"]),
        ),
        st.binary(max_size=600).map(lambda b: b"%PDF-1.4\n" + b),
        st.binary(max_size=600).map(lambda b: b"\x89PNG\r\n\x1a\n" + b),
    ),
    st.sampled_from(sorted(SUPPORTED_SUFFIXES) + [".bin"]),
)
def test_any_bytes_give_a_document_or_a_document_error(data: bytes, suffix: str) -> None:
    try:
        doc = ingest_bytes(data, f"doc{suffix}", CONFIG)
    except DocumentError as exc:
        assert exc.error_class in {
            "unsupported_type",
            "empty",
            "binary",
            "corrupt",
            "encrypted",
            "resource_limit",
        }
    else:
        assert doc.raw_text.strip() and "\r" not in doc.raw_text
        assert doc.doc_id == hashlib.sha256(data).hexdigest()


# ------------------------------------------------ OCR language strategy (no tesseract)

ITALIAN = "Il governo ha approvato il piano per la regione, la città e la provincia di Anhui."
ENGLISH = "The government approved the plan for the region, the city and the province of Anhui."


def _blank(image: Image.Image) -> bool:
    return image.convert("L").getextrema()[0] > 200


class _FakeTesseract:
    """Stands in for tesseract: reads `page_text` from inked pages, nothing from blank ones."""

    def __init__(self, probe_says: str, page_text: dict[str, str]) -> None:
        self.probe_says, self.page_text = probe_says, page_text
        self.probes = 0
        self.reads: list[str] = []

    def probe_text(self, image: Image.Image, config: IngestConfig, dpi: int | None) -> str:
        self.probes += 1
        return "" if _blank(image) else self.probe_says

    def ocr_image(
        self, image: Image.Image, lang: str, config: IngestConfig, dpi: int | None
    ) -> str:
        self.reads.append(lang)
        return "" if _blank(image) else self.page_text[lang]


def _fake(monkeypatch: pytest.MonkeyPatch, fake: _FakeTesseract) -> None:
    monkeypatch.setattr(ingest, "probe_text", fake.probe_text)
    monkeypatch.setattr(ingest, "ocr_image", fake.ocr_image)


def test_probe_skips_a_blank_cover_and_reads_each_page_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = _FakeTesseract(ITALIAN, {"it": ITALIAN})
    _fake(monkeypatch, fake)
    doc = ingest_bytes(mixed_pdf([], ["", ITALIAN]), "cover.pdf", CONFIG)
    assert doc.language == "it" and doc.text_method == "ocr"
    assert fake.probes == 2 and fake.reads == ["it", "it"]


def test_a_wrong_probe_is_corrected_by_one_more_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    # the probe's band happened to hold an English quotation; the page is Italian
    fake = _FakeTesseract(ENGLISH, {"en": ITALIAN, "it": ITALIAN})
    _fake(monkeypatch, fake)
    doc = ingest_bytes(text_png("x"), "page.png", CONFIG)
    assert doc.language == "it"
    assert fake.reads == ["en", "it"]


def test_a_text_layer_spares_the_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _FakeTesseract(ENGLISH, {"it": ITALIAN})
    _fake(monkeypatch, fake)
    doc = ingest_bytes(mixed_pdf([_clean("it-04-jiangsu-nev")], [ITALIAN]), "m.pdf", CONFIG)
    assert doc.text_method == "mixed" and doc.language == "it"
    assert fake.probes == 0 and fake.reads == ["it"]


def test_text_documents_do_not_load_the_pdf_parser(tmp_path: Path) -> None:
    """pdfplumber and pdfminer are 0.06 s of every worker's start: loaded at the first PDF."""
    doc = tmp_path / "a.txt"
    doc.write_text("Il Guangdong produce il 90 % dei droni.", encoding="utf-8")
    code = ("import sys, pathlib; from mosaic_pipeline.stages.ingest import ingest_file; "
            "from mosaic_pipeline.config import IngestConfig; "
            f"ingest_file(pathlib.Path({str(doc)!r}), IngestConfig()); "
            "print('pdfplumber' in sys.modules, 'pdfminer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
    assert ingest_bytes(text_pdf("Il Guangdong produce droni."), "a.pdf",
                        IngestConfig()).pages[0].text.startswith("Il Guangdong")


def test_what_is_no_image_says_so_in_the_same_words_every_time() -> None:
    messages = set()
    for _ in range(2):
        with pytest.raises(DocumentError) as caught:
            ingest_bytes(b"not an image at all", "a.png", IngestConfig())
        messages.add((caught.value.error_class, str(caught.value)))
    assert messages == {("corrupt", "the image is corrupt or not an image: no image format "
                                    "recognised")}
