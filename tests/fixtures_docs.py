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
import time
import zlib
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

__all__ = [
    "FONT_PATHS",
    "wrap_lines",
    "render_pages",
    "text_pdf",
    "mixed_pdf",
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
    epoch = time.gmtime(0)  # Pillow stamps the current time otherwise
    pages[0].save(
        buf,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=dpi,
        creationDate=epoch,
        modDate=epoch,
    )
    return buf.getvalue()


def multipage_tiff(pages: list[str], dpi: int = 200) -> bytes:
    """A TIFF with one frame per text (the first page of each)."""
    if isinstance(pages, str):  # one frame per character would be thousands of pages
        raise TypeError("multipage_tiff takes a list of page texts")
    images = [render_pages(text, dpi)[0] for text in pages]
    buf = io.BytesIO()
    images[0].save(
        buf,
        format="TIFF",
        save_all=True,
        append_images=images[1:],
        dpi=(dpi, dpi),
        compression="tiff_deflate",
    )
    return buf.getvalue()


def text_pdf(text: str, encrypt: object = None) -> bytes:
    """A PDF with a real text layer (reportlab, fonts embedded, no timestamps)."""
    return mixed_pdf([text], [], encrypt=encrypt)


def mixed_pdf(
    text_pages: list[str], scanned_pages: list[str], encrypt: object = None, stamp: str = ""
) -> bytes:
    """A PDF of the texts with a text layer, followed by the texts as scanned page images
    (200 dpi; no text layer but `stamp`, typed in the top margin when given): with both
    kinds of page, ingest reads it as text_method "mixed"."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=encrypt)
    for text in text_pages:
        _draw_text(pdf, text)
    for text in scanned_pages:
        for image in render_pages(text, 200):
            pdf.drawImage(ImageReader(image.convert("RGB")), 0, 0, *A4)
            if stamp:
                pdf.setFont("Helvetica", 8)
                pdf.drawString(MARGIN_INCHES * 72, A4[1] - 30, stamp)
            pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _draw_text(pdf: Any, text: str) -> None:
    """Typeset `text` on as many pages of the reportlab canvas as it needs."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = _font_path()
    font = "Helvetica"
    if path:
        font = "FixtureSerif"
        pdfmetrics.registerFont(TTFont(font, str(path)))
    width, height = pdf._pagesize
    margin = MARGIN_INCHES * 72
    line_h = FONT_PT * LINE_SPACING
    lines = wrap_lines(text, width - 2 * margin, lambda s: pdfmetrics.stringWidth(s, font, FONT_PT))
    per_page = max(1, int((height - 2 * margin) // line_h))
    for start in range(0, max(1, len(lines)), per_page):
        pdf.setFont(font, FONT_PT)
        for row, line in enumerate(lines[start : start + per_page]):
            pdf.drawString(margin, height - margin - FONT_PT - row * line_h, line)
        pdf.showPage()


def encrypted_pdf(text: str, password: str = "secret") -> bytes:
    """A text PDF that needs a user password to open."""
    from reportlab.lib import pdfencrypt

    return text_pdf(text, encrypt=pdfencrypt.StandardEncryption(password, canPrint=0))


def cid_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer extracts as "(cid:NN)" garbage while its page still
    shows the text: an embedded TrueType font addressed by glyph id (Identity-H) without a
    ToUnicode map, as broken PDF generators write. The OCR path reads it."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    path = _font_path()
    if path is None:
        raise RuntimeError("cid_pdf needs Liberation Serif or DejaVu Serif installed")
    font = TTFontFile(str(path))
    width, height = 595.0, 842.0
    margin, line_h = MARGIN_INCHES * 72, FONT_PT * LINE_SPACING

    def measure(s: str) -> float:
        return sum(font.charWidths.get(ord(c), 500) for c in s) * FONT_PT / 1000

    lines = wrap_lines(text, width - 2 * margin, measure)[: int((height - 2 * margin) // line_h)]
    used: dict[int, float] = {}
    shown = []
    for line in lines:
        gids = [font.charToGlyph.get(ord(c), 0) for c in line]
        used.update({g: font.charWidths.get(ord(c), 500) for g, c in zip(gids, line, strict=True)})
        shown.append("<" + "".join(f"{g:04X}" for g in gids) + "> Tj T*")
    content = (
        f"BT /F1 {FONT_PT} Tf {line_h:.2f} TL {margin:.2f} {height - margin - FONT_PT:.2f} Td "
        + " ".join(shown)
        + " ET"
    ).encode()
    widths = " ".join(f"{g} [{w:.0f}]" for g, w in sorted(used.items()))
    ttf = _without_cmap(path.read_bytes())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:.0f} {height:.0f}] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".encode(),
        _stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /FixtureSerif /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] >>",
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /FixtureSerif /CIDSystemInfo "
        f"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R "
        f"/CIDToGIDMap /Identity /DW 500 /W [{widths}] >>".encode(),
        "<< /Type /FontDescriptor /FontName /FixtureSerif /Flags 4 /FontBBox [{}] "
        "/ItalicAngle 0 /Ascent {:.0f} /Descent {:.0f} /CapHeight {:.0f} /StemV {} "
        "/FontFile2 8 0 R >>".format(
            " ".join(f"{v:.0f}" for v in font.bbox),
            font.ascent,
            font.descent,
            font.capHeight,
            font.stemV,
        ).encode(),
        _stream(ttf, f"/Length1 {len(ttf)}"),
    ]
    return _pdf_file(objects)


def _without_cmap(ttf: bytes) -> bytes:
    """The font with its character map hidden: text extractors that fall back on it to map
    glyphs to characters give "(cid:NN)", while renderers addressing glyph ids still draw."""
    count = struct.unpack(">H", ttf[4:6])[0]
    out = bytearray(ttf)
    for entry in range(12, 12 + 16 * count, 16):
        if out[entry : entry + 4] == b"cmap":
            out[entry : entry + 4] = b"xmap"
    return bytes(out)


def _stream(body: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(body)} {extra}>>\nstream\n".encode() + body + b"\nendstream"


def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF with a correct cross-reference table around the numbered objects."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def bomb_png(width: int = 12_000, height: int = 12_000) -> bytes:
    """A small valid 1-bit PNG declaring width x height pixels (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
