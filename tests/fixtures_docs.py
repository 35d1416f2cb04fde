"""Make test documents from a text: a text-layer PDF, an image-only (scanned) PDF, a PNG, and a
few hostile files. Every function is deterministic (same text, same bytes) and returns bytes.

    from tests.fixtures_docs import text_pdf, scanned_pdf, text_png
    data = scanned_pdf(SEED.read_text())           # pages rendered at 200 dpi, no text layer
    doc = ingest_bytes(data, "seed.pdf", IngestConfig())   # -> text_method "ocr"

Pages are A4, Liberation Serif (or DejaVu Serif) 10.5 pt, 0.8 in margins, the text's own line
breaks kept and long lines wrapped at word boundaries, like the corpus's inputs.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

__all__ = [
    "FONT_PATHS",
    "wrap_lines",
    "render_pages",
    "text_pdf",
    "scanned_pdf",
    "text_png",
    "encrypted_pdf",
    "cid_pdf",
    "bomb_png",
    "multipage_tiff",
]

FONT_PATHS = (
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
)
A4_INCHES = (8.27, 11.69)
MARGIN_INCHES = 0.8
FONT_PT = 10.5
LINE_SPACING = 1.22


def _font_path() -> Path | None:
    return next((p for p in FONT_PATHS if p.exists()), None)


def wrap_lines(text: str, width: float, measure: object) -> list[str]:
    """Greedy word wrap: `measure(s)` gives a string's width in the unit of `width`."""
    fits = measure  # a callable; typed loosely so both PIL and reportlab measures fit
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and fits(candidate) > width:  # type: ignore[operator]
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def render_pages(text: str, dpi: int = 200) -> list[Image.Image]:
    """The text typeset on greyscale A4 page images (black on white)."""
    size_px = round(FONT_PT / 72 * dpi)
    path = _font_path()
    font = ImageFont.truetype(str(path), size_px) if path else ImageFont.load_default(size_px)
    page_w, page_h = (round(x * dpi) for x in A4_INCHES)
    margin = round(MARGIN_INCHES * dpi)
    line_h = round(size_px * LINE_SPACING)
    lines = wrap_lines(text, page_w - 2 * margin, font.getlength)
    per_page = max(1, (page_h - 2 * margin) // line_h)
    pages = []
    for start in range(0, max(1, len(lines)), per_page):
        page = Image.new("L", (page_w, page_h), 255)
        draw = ImageDraw.Draw(page)
        for row, line in enumerate(lines[start : start + per_page]):
            draw.text((margin, margin + row * line_h), line, fill=0, font=font)
        pages.append(page)
    return pages


def text_png(text: str, dpi: int = 200) -> bytes:
    """The first page of `text` as a PNG carrying its dpi."""
    buf = io.BytesIO()
    render_pages(text, dpi)[0].save(buf, format="PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def scanned_pdf(text: str, dpi: int = 200) -> bytes:
    """An image-only PDF: every page a picture of the text, no text layer at all."""
    pages = render_pages(text, dpi)
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return buf.getvalue()


def multipage_tiff(text: str, dpi: int = 200) -> bytes:
    """Every page of `text` as one frame of a TIFF."""
    pages = render_pages(text, dpi)
    buf = io.BytesIO()
    pages[0].save(
        buf, format="TIFF", save_all=True, append_images=pages[1:], dpi=(dpi, dpi),
        compression="tiff_deflate",
    )
    return buf.getvalue()


def text_pdf(text: str, encrypt: object = None) -> bytes:
    """A PDF with a real text layer (reportlab, fonts embedded, no timestamps)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    path = _font_path()
    font = "Helvetica"
    if path:
        font = "FixtureSerif"
        pdfmetrics.registerFont(TTFont(font, str(path)))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=encrypt)
    width, height = A4
    margin = MARGIN_INCHES * 72
    line_h = FONT_PT * LINE_SPACING
    lines = wrap_lines(text, width - 2 * margin, lambda s: pdfmetrics.stringWidth(s, font, FONT_PT))
    per_page = max(1, int((height - 2 * margin) // line_h))
    for start in range(0, max(1, len(lines)), per_page):
        pdf.setFont(font, FONT_PT)
        for row, line in enumerate(lines[start : start + per_page]):
            pdf.drawString(margin, height - margin - FONT_PT - row * line_h, line)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def encrypted_pdf(text: str, password: str = "secret") -> bytes:
    """A text PDF that needs a user password to open."""
    from reportlab.lib import pdfencrypt

    return text_pdf(text, encrypt=pdfencrypt.StandardEncryption(password, canPrint=0))


def cid_pdf(text: str) -> bytes:
    """A text PDF whose text layer extracts as "(cid:NN)" garbage: its font lost its
    ToUnicode map and uses an identity encoding, as broken PDF generators do."""
    data = text_pdf(text)
    # same-length renames keep every xref offset valid
    return data.replace(b"/ToUnicode", b"/XoUnicode")


def bomb_png(width: int = 12_000, height: int = 12_000) -> bytes:
    """A small valid 1-bit PNG declaring width x height pixels (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
