"""Ingest: the bytes of one document -> its pages of text, language and provenance.

Text files are only decoded here (mojibake is the repair stage's job); PDF pages without a
usable text layer and images go through OCR. Every way a document cannot be read ends in a
DocumentError whose error_class names the reason, so that the orchestrator can quarantine it.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import math
import re
import stat
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import charset_normalizer
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from ..config import IngestConfig
from ..errors import DocumentError, MosaicError
from ..records import IngestedDoc, Page
from .language import detect_language, fold, lexicon, tokens, word_share
from .ocr import (
    MIN_PROBE_WORDS,
    ocr_image,
    orientation,
    probe_text,
    readable,
    tesseract_version,
    turned,
)
from .scale import enlarged
from .skew import straightened

__all__ = [
    "SUPPORTED_SUFFIXES",
    "MEDIA_TYPES",
    "ingest_file",
    "ingest_bytes",
    "tesseract_version",
    "decode_text",
    "html_to_text",
    "page_needs_ocr",
]

MEDIA_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(MEDIA_TYPES)

_STAGE = "ingest"
# BOMs in the order they must be tested: UTF-32 LE starts with the UTF-16 LE BOM
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# legacy codecs tried beside charset-normalizer's guess, which misfires on short texts
_LEGACY_CODECS = ("cp1252", "gb18030")
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
# characters no decoded text should be made of; a wrong codec produces them
_ODD_CATEGORIES = frozenset({"Cc", "Co", "Cn", "Cs", "Sk", "So", "No"})
_COMMON_SYMBOLS = frozenset("°©®™€")
_ODD_PENALTY = 2.0
# letters of Latin Extended-A/B are rare in the supported languages (but œ); a wrong Central
# European codec turns "año" into "ańo", which folds to the same word
_RARE_LETTERS = range(0x0100, 0x0250)
_RARE_PENALTY = 0.5
_FRENCH_LIGATURES = frozenset("œŒ")
# a text with more control characters than this share is a binary file
_MAX_CONTROL_SHARE = 0.05
_CID = re.compile(r"\(cid:\d+\)")
_MAX_CID_SHARE = 0.05
# below this share of known words among a page's Latin words, its text layer is garbage
# (a font whose glyphs map to the wrong letters); too few words say nothing either way
_MIN_KNOWN_SHARE = 0.2
_MIN_WORDS_FOR_LEXICON = 20
_WORD_CORE = re.compile(r"^[^\W_]+(?:['’\-./,:][^\W_]+)*$")
_CJK_RUN = re.compile(r"^[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+$")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}<>.,;:!?¿¡—–-…%*/#§•·|"
# enough known-language text on other pages spares the OCR language probe
_MIN_WORDS_TO_SKIP_PROBE = 30
# a probe reading fewer words than this (a cover, a photo) tries the next page, up to a few
_MIN_PROBE_WORDS = 10
_MAX_PROBED_PAGES = 3
_MIN_RENDER_DPI = 50
_MIN_SCAN_DPI = 200
# a page image covering this share of the page, under fewer typed characters than this, is a scan
_SCAN_COVERAGE = 0.5
_STAMP_MAX_CHARS = 200
_MAX_RENDER_DPI = 600


# ---------------------------------------------------------------- entry points


def ingest_file(path: Path, config: IngestConfig) -> IngestedDoc:
    """Read and ingest one file; unreadable or oversized files raise DocumentError."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(f"unsupported file type {suffix or '(none)'!r}", "unsupported_type")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise DocumentError("not a regular file", "unreadable")
        if info.st_size > config.max_bytes:
            raise DocumentError(
                f"{info.st_size} bytes is more than max_bytes={config.max_bytes}", "resource_limit"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read the file: {exc.strerror or exc}", "unreadable") from exc
    return ingest_bytes(data, str(path), config)


def ingest_bytes(data: bytes, name: str, config: IngestConfig) -> IngestedDoc:
    """Ingest a document's bytes; `name` (a path or file name) gives the suffix and source_path."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(f"unsupported file type {suffix or '(none)'!r}", "unsupported_type")
    if len(data) > config.max_bytes:
        raise DocumentError(
            f"{len(data)} bytes is more than max_bytes={config.max_bytes}", "resource_limit"
        )
    if not data.strip():
        raise DocumentError("the file is empty", "empty")
    media_type = MEDIA_TYPES[suffix]
    if media_type == "application/pdf":
        pages, encoding = _pdf_pages(data, config), None
    elif media_type.startswith("image/"):
        pages, encoding = _image_pages(data, config), None
    else:
        text, encoding = decode_text(data, html=media_type == "text/html")
        if media_type == "text/html":
            text = html_to_text(text)
        pages = (Page(number=1, text=text, method="text"),)
    return _document(data, name, media_type, pages, encoding)


def _document(
    data: bytes, name: str, media_type: str, pages: Sequence[Page], encoding: str | None
) -> IngestedDoc:
    text = "\n".join(p.text for p in pages)
    if not text.strip():
        raise DocumentError("no text found in the document", "empty")
    methods = {p.method for p in pages}
    return IngestedDoc(
        doc_id=hashlib.sha256(data).hexdigest(),
        source_path=name,
        media_type=media_type,
        language=detect_language(text),
        text_method=methods.pop() if len(methods) == 1 else "mixed",
        pages=tuple(pages),
        encoding=encoding,
    )


# ---------------------------------------------------------------- text decoding


def decode_text(data: bytes, html: bool = False) -> tuple[str, str]:
    """(text with \\n newlines, codec name). A BOM wins, then strict UTF-8, then the best
    scoring of charset-normalizer's guess and the common legacy codecs."""
    text, codec = _decode(data, html)
    if "\x00" in text or _control_share(text) > _MAX_CONTROL_SHARE:
        raise DocumentError("the file is binary, not text", "binary")
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    if not text.strip():
        raise DocumentError("the file holds only whitespace", "empty")
    return text, codec


def _decode(data: bytes, html: bool) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec.removesuffix("-sig")), codec
            except UnicodeDecodeError:
                break  # a BOM followed by garbage: let the checks below judge the bytes
    if b"\x00" in data:  # before UTF-8, which accepts NUL: ASCII as UTF-16 would pass
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise DocumentError("the file is binary, not text (NUL bytes)", "binary")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _best_legacy(data, _declared_charset(data) if html else None)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: Latin text puts a NUL in every other byte."""
    even, odd = data[0::2], data[1::2]
    for codec, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros and zeros.count(0) / len(zeros) > 0.3:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


def _best_legacy(data: bytes, declared: str | None) -> tuple[str, str]:
    guess = charset_normalizer.from_bytes(data).best()
    # on a tie the first wins: a declared charset, then the West European codec of the
    # supported languages, then the guess
    candidates = [c for c in (declared, _LEGACY_CODECS[0], guess.encoding if guess else None) if c]
    candidates += _LEGACY_CODECS[1:]
    best: tuple[float, str, str] | None = None
    for name in dict.fromkeys(_canonical(c) for c in candidates):
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, name)
    if best is None:  # latin-1 maps every byte: the last resort always decodes
        return data.decode("latin-1"), "latin-1"
    return best[1], best[2]


def _canonical(codec: str) -> str:
    try:
        return codecs.lookup(codec).name
    except LookupError:
        return codec


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096].decode("ascii", "replace")
    match = re.search(r"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", head, re.IGNORECASE)
    return match.group(1) if match else None


def _plausibility(text: str) -> float:
    """Known words minus a penalty per odd character: the right codec maximises it."""
    lex = lexicon()
    known = sum(1 for t in tokens(text) if t in lex.scores)  # in any language's list
    odd = sum(1 for c in text if _is_odd(c))
    rare = sum(1 for c in text if ord(c) in _RARE_LETTERS and c not in _FRENCH_LIGATURES)
    return known - _ODD_PENALTY * odd - _RARE_PENALTY * rare


def _is_odd(char: str) -> bool:
    if char in _TEXT_CONTROLS or char in _COMMON_SYMBOLS:
        return False
    return unicodedata.category(char) in _ODD_CATEGORIES


# category Cc is exactly U+0000-U+001F and U+007F-U+009F; \t \n \v \f \r (09-0D) are text
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


# ---------------------------------------------------------------- HTML


class _VisibleText(HTMLParser):
    """Collects the text a browser shows: no script, style or head; blocks break lines."""

    HIDDEN = frozenset({"script", "style", "noscript", "template", "title", "head", "svg"})
    PARAGRAPH = frozenset(
        {
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "dl",
            "table",
            "section",
            "article",
            "header",
            "footer",
            "main",
            "nav",
            "aside",
            "blockquote",
            "pre",
            "figure",
            "figcaption",
            "address",
            "form",
            "fieldset",
            "hr",
            "body",
        }
    )
    LINE = frozenset({"br", "li", "tr", "dt", "dd", "caption", "option"})
    CELL = frozenset({"td", "th"})
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "area", "base", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN and tag not in self.VOID:
            self._hidden += 1
        if tag == "pre":
            self._pre += 1
        self._break(tag, opening=True)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break(tag, opening=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        if tag == "pre" and self._pre:
            self._pre -= 1
        self._break(tag, opening=False)

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.parts.append(data if self._pre else re.sub(r"\s+", " ", data))

    def _break(self, tag: str, opening: bool) -> None:
        # a paragraph is set apart on both sides; a line or cell only starts anew
        if tag in self.PARAGRAPH:
            self.parts.append("\n\n")
        elif opening and tag in self.LINE:
            self.parts.append("\n")
        elif opening and tag in self.CELL:
            self.parts.append(" ")


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, paragraphs separated by a blank line."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n") + "\n" if text.strip() else ""


# ---------------------------------------------------------------- PDF


def page_needs_ocr(text: str, config: IngestConfig) -> str | None:
    """Why a PDF page's text layer is unusable (no_text, cid, non_words), or None if usable."""
    visible = "".join(text.split())
    if not visible:
        return "no_text"
    if sum(len(m) for m in _CID.findall(text)) > _MAX_CID_SHARE * len(visible):
        return "cid"
    chunks = [c.strip(_EDGE_PUNCT) for c in text.split()]
    chunks = [c for c in chunks if c]
    if not chunks:
        return "non_words"
    wordlike = sum(1 for c in chunks if _looks_like_word(c))
    if wordlike / len(chunks) < config.min_word_share:
        return "non_words"
    latin = [t for t in tokens(text) if _is_latin(t)]
    if len(latin) >= _MIN_WORDS_FOR_LEXICON:
        lex = lexicon()
        known = sum(1 for t in latin if any(t in words for words in lex.zipf.values()))
        if known / len(latin) < _MIN_KNOWN_SHARE:
            return "non_words"
    return None


def _looks_like_word(chunk: str) -> bool:
    if _CJK_RUN.match(chunk):  # no spaces between words: a whole clause is one chunk
        return True
    if not _WORD_CORE.match(chunk) or len(chunk) > 40:
        return False
    # glyph soup mixes cases at random ("tHxQ"); words have at most one inner capital ("iPhone")
    pairs = zip(chunk, chunk[1:], strict=False)
    inner_caps = sum(1 for a, b in pairs if a.islower() and b.isupper())
    return inner_caps <= 1


def _is_latin(token: str) -> bool:
    return all(c < "\u0250" for c in fold(token))


@dataclass(frozen=True)
class _PendingPage:
    """A page that must be OCR'd: its number and how to get its image (rendered on demand)."""

    number: int
    render: Callable[[], tuple[Image.Image, int | None]]


def _pdf_pages(data: bytes, config: IngestConfig) -> tuple[Page, ...]:
    with _open_pdf(data) as pdf:
        if len(pdf.pages) > config.max_pages:
            raise DocumentError(
                f"{len(pdf.pages)} pages is more than max_pages={config.max_pages}",
                "resource_limit",
            )
        texts: dict[int, str] = {}
        pending: list[_PendingPage] = []
        for index, page in enumerate(pdf.pages, start=1):
            text = _page_text(page)
            if page_needs_ocr(text, config) is None and not _scan_with_a_stamp(page, text):
                texts[index] = text
            else:
                pending.append(_PendingPage(index, _renderer(page, config)))
            page.close()  # drops pdfplumber's parsed objects: long PDFs stay in bounded memory
        known = "\n".join(texts[i] for i in sorted(texts))
        ocr_texts = _ocr_pages(pending, known, config)
    pages = [Page(i, texts[i], "pdf_text") for i in texts]
    pages += [Page(i, t, "ocr") for i, t in ocr_texts.items()]
    return tuple(sorted(pages, key=lambda p: p.number))


@contextmanager
def _open_pdf(data: bytes) -> Iterator[Any]:
    # imported at the first PDF: a worker of a run of text documents starts 0.06 s sooner
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise _pdf_error(exc) from exc
    try:
        yield pdf
    except MosaicError:  # a quarantine reason or a missing tesseract, already precise
        raise
    except Exception as exc:
        raise _pdf_error(exc) from exc
    finally:
        pdf.close()


def _pdf_error(exc: Exception) -> DocumentError:
    causes = [exc, *exc.args, exc.__cause__, exc.__context__]
    names = " ".join(type(c).__name__ for c in causes if c is not None)
    if "Password" in names or "Encrypt" in names:
        return DocumentError("the PDF is encrypted and needs a password", "encrypted")
    return DocumentError(f"the PDF is truncated or corrupt: {exc}"[:300], "corrupt")


def _scan_with_a_stamp(page: Any, text: str) -> bool:
    """A scanned page carrying only a few typed words (a header, a Bates number, a stamp):
    its real content is in the image."""
    if len("".join(text.split())) >= _STAMP_MAX_CHARS:
        return False
    page_area = float(page.width) * float(page.height)
    return any(
        (float(i["x1"]) - float(i["x0"])) * (float(i["bottom"]) - float(i["top"]))
        > _SCAN_COVERAGE * page_area
        for i in page.images
    )


def _page_text(page: Any) -> str:
    return str(page.extract_text() or "")


def _renderer(page: Any, config: IngestConfig) -> Callable[[], tuple[Image.Image, int | None]]:
    def render() -> tuple[Image.Image, int | None]:
        dpi = _render_dpi(float(page.width), float(page.height), config, _scan_dpi(page))
        image = page.to_image(resolution=dpi).original.convert("L")
        return image, dpi

    return render


def _scan_dpi(page: Any) -> float | None:
    """The resolution of the scan filling a page (its largest image), if there is one."""
    best: float | None = None
    for image in page.images:
        shown_in = (float(image["x1"]) - float(image["x0"])) / 72.0
        if shown_in > 0.5 * float(page.width) / 72.0:
            dpi = float(image["srcsize"][0]) / shown_in
            best = dpi if best is None else max(best, dpi)
    return best


def _render_dpi(
    width_pt: float, height_pt: float, config: IngestConfig, scan_dpi: float | None = None
) -> int:
    """config.ocr_dpi, lowered so that the rendered page stays within max_image_pixels.

    A scanned page is rendered at its scan's own resolution (at least _MIN_SCAN_DPI): more
    pixels than the scan has add no detail, only OCR time (about 2x from 200 to 300 dpi).
    """
    area_in2 = max(width_pt, 1.0) * max(height_pt, 1.0) / (72.0 * 72.0)
    fitting = int(math.sqrt(config.max_image_pixels / area_in2))
    wanted = config.ocr_dpi
    if scan_dpi is not None and math.isfinite(scan_dpi):
        wanted = min(wanted, max(round(scan_dpi), _MIN_SCAN_DPI))
    dpi = min(wanted, fitting, _MAX_RENDER_DPI)
    if dpi < _MIN_RENDER_DPI:
        raise DocumentError(
            f"a {width_pt:.0f}x{height_pt:.0f} pt page is too large to render for OCR",
            "resource_limit",
        )
    return dpi


# ---------------------------------------------------------------- images and OCR


def _image_pages(data: bytes, config: IngestConfig) -> tuple[Page, ...]:
    image = _open_image(data, config)
    frames = getattr(image, "n_frames", 1)
    if frames > config.max_pages:
        raise DocumentError(
            f"{frames} frames is more than max_pages={config.max_pages}", "resource_limit"
        )
    pending = [
        _PendingPage(number, _frame_loader(image, number - 1, config))
        for number in range(1, frames + 1)
    ]
    texts = _ocr_pages(pending, "", config)
    return tuple(Page(i, texts[i], "ocr") for i in sorted(texts))


def _open_image(data: bytes, config: IngestConfig) -> Image.Image:
    # Pillow's own bomb check (a warning above the limit, an error above twice it) follows the
    # configured limit instead of its default
    Image.MAX_IMAGE_PIXELS = config.max_image_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DocumentError(f"image too large: {exc}", "resource_limit") from exc
    except UnidentifiedImageError as exc:  # its text names the buffer's memory address
        raise DocumentError("the image is corrupt or not an image: no image format recognised",
                            "corrupt") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise DocumentError(f"the image is corrupt or not an image: {exc}", "corrupt") from exc
    _check_pixels(image, config)
    return image


def _check_pixels(image: Image.Image, config: IngestConfig) -> None:
    width, height = image.size
    if width * height > config.max_image_pixels:
        raise DocumentError(
            f"a {width}x{height} image is more than max_image_pixels={config.max_image_pixels}"
            " (a decompression bomb?)",
            "resource_limit",
        )


def _frame_loader(
    image: Image.Image, index: int, config: IngestConfig
) -> Callable[[], tuple[Image.Image, int | None]]:
    def load() -> tuple[Image.Image, int | None]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                frame = ImageSequence.Iterator(image)[index]
                _check_pixels(frame, config)
                frame.load()
                page = _for_ocr(frame)
        except DocumentError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise DocumentError(f"image too large: {exc}", "resource_limit") from exc
        except (OSError, ValueError, SyntaxError, EOFError, IndexError) as exc:
            raise DocumentError(f"the image is truncated or corrupt: {exc}", "corrupt") from exc
        return page, _image_dpi(frame)

    return load


def _for_ocr(frame: Image.Image) -> Image.Image:
    """Upright, greyscale, transparent areas on white: what tesseract reads best."""
    upright = ImageOps.exif_transpose(frame) or frame
    if upright.mode in ("1", "L"):
        return upright.copy()
    if upright.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        return ImageOps.autocontrast(upright.convert("I").point(lambda v: v / 256).convert("L"))
    if "A" not in upright.getbands() and "transparency" not in upright.info:
        return upright.convert("L")
    rgba = upright.convert("RGBA")
    flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat.alpha_composite(rgba)
    return flat.convert("L")


def _image_dpi(image: Image.Image) -> int | None:
    """The image's declared resolution, or None when absent or absurd (tesseract estimates)."""
    dpi: Any = image.info.get("dpi")
    if isinstance(dpi, tuple) and dpi:
        dpi = dpi[0]
    try:
        value = float(dpi)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(value):
        return None
    return round(value) if 70 <= value <= 1200 else None


def _ocr_pages(pending: Sequence[_PendingPage], known: str, config: IngestConfig) -> dict[int, str]:
    """OCR the pending pages in the document's language, keeping to about one pass a page.

    The language comes from the document's own text layer when it has enough, else from a
    cheap probe of the first pages that show text; when the OCR'd text says otherwise, the
    pages are read again with the language it says (once). A page scanned askew is made level
    first (skew.py), and enlarged when its lines lie too close (scale.py); one whose reading
    gives letters but no words is turned until a few of its lines read (scanned upside down or
    sideways).
    """
    if not pending:
        return {}
    rendered: dict[int, tuple[Image.Image, int | None]] = {}
    turns: dict[int, int] = {}  # page number -> the turn its reading needed (ocr.turned)
    if len(tokens(known)) >= _MIN_WORDS_TO_SKIP_PROBE:
        language = detect_language(known)
    else:
        language = _probe(pending, config, rendered, turns)
    texts = _read_all(pending, language, config, rendered, turns)
    found = detect_language("\n".join([known, *texts.values()]))
    if found != language:
        texts = _read_all(pending, found, config, rendered, turns)
    return texts


def _probe(
    pending: Sequence[_PendingPage],
    config: IngestConfig,
    rendered: dict[int, tuple[Image.Image, int | None]],
    turns: dict[int, int],
) -> str:
    """The language of the first probed page showing enough words (a cover may show none);
    the probed pages' images are kept in `rendered` for their full reading, and the turn a
    page needed for its lines to read as words in `turns`."""
    seen = ""
    for page in pending[:_MAX_PROBED_PAGES]:
        image, dpi = rendered[page.number] = _prepared(page, config)
        text = probe_text(image, config, dpi)
        if not readable(text, MIN_PROBE_WORDS):
            found = orientation(image, config, dpi)
            if found is not None:
                turns[page.number], text = found
        seen += "\n" + text
        if len(tokens(seen)) >= _MIN_PROBE_WORDS:
            break
    return detect_language(seen)


def _read_all(
    pending: Sequence[_PendingPage],
    language: str,
    config: IngestConfig,
    rendered: dict[int, tuple[Image.Image, int | None]],
    turns: dict[int, int],
) -> dict[int, str]:
    texts: dict[int, str] = {}
    turn = 0  # the pages of one scan are mostly turned alike: each starts from the last one's
    for page in pending:
        if page.number in rendered:
            image, dpi = rendered.pop(page.number)
        else:
            image, dpi = _prepared(page, config)
        texts[page.number], turn = _read_page(
            image, dpi, language, config, turns.get(page.number, turn))
        turns[page.number] = turn
    return texts


def _prepared(page: _PendingPage, config: IngestConfig) -> tuple[Image.Image, int | None]:
    """The page's image as tesseract reads it best: its text lines made level (scanned or
    photographed askew), then enlarged when they lie too close (a screenshot, a fax)."""
    image, dpi = page.render()
    level, tilt = straightened(image)
    if tilt is None:  # no text lines across its rows (turned sideways?): nothing to measure
        return level, dpi
    image, dpi, _ = enlarged(level, dpi, config.max_image_pixels)
    return image, dpi


def _read_page(image: Image.Image, dpi: int | None, language: str, config: IngestConfig,
               turn: int) -> tuple[str, int]:
    """The page read at `turn`, and the turn kept; when that reading gives letters but no
    words, the page is read again at the turn under which a few of its lines read as words."""
    text = ocr_image(turned(image, turn), language, config, dpi)
    if readable(text):
        return text, turn
    found = orientation(image, config, dpi, tried=turn)
    if found is None:
        return text, turn
    again = ocr_image(turned(image, found[0]), language, config, dpi)
    if word_share(again)[0] > word_share(text)[0]:
        return again, found[0]
    return text, turn
