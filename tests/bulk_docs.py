"""Documents and helpers for the reliability suite: many small good ones, the classic bad ones."""

from __future__ import annotations

import io as _io
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from paths import GOLD

DATA_TABLES = ("documents", "texts", "repairs", "mentions", "figures", "links", "matrix",
               "matrix_wide", "lineage", "quarantine")


def good_documents(folder: Path, n: int) -> list[Path]:
    """n distinct small press-release texts: corpus paragraphs with a numbered dateline."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(GOLD.glob("*.clean.txt"))
    made = []
    for i in range(n):
        src = sources[i % len(sources)]
        paragraphs = [p for p in src.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        body = "\n\n".join(paragraphs[: 2 + i % 3])
        path = folder / f"{src.name.split('.')[0]}-{i:03d}.txt"
        path.write_text(f"Bulletin {i}\n\n{body}\n", encoding="utf-8")
        made.append(path)
    return made


def bad_documents(folder: Path) -> dict[str, str]:
    """The bad files of issue 5, by name, with the error class each must be quarantined with."""
    from PIL import Image
    from reportlab.pdfgen import canvas

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zero.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    buf = _io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Shenzhen produces drones.")
    c.showPage()
    c.save()
    (folder / "truncated.pdf").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 3])
    enc = _io.BytesIO()
    c = canvas.Canvas(enc, encrypt="secret")
    c.drawString(72, 720, "Shenzhen produces drones.")
    c.showPage()
    c.save()
    (folder / "encrypted.pdf").write_bytes(enc.getvalue())
    # a PNG whose header claims 60000 x 60000 pixels: a decompression bomb
    Image.new("1", (60000, 60000)).save(folder / "bomb.png", optimize=True)
    return {"zero.txt": "empty", "binary.txt": "binary", "table.xlsx": "unsupported_type",
            "truncated.pdf": "corrupt", "encrypted.pdf": "encrypted", "bomb.png": "resource_limit"}


def hanging_scan(path: Path) -> None:
    """A 5000 x 7000 page of dense small text: tesseract needs over a minute for it, so under a
    short --timeout it stands for a document that hangs its worker (no test hook needed)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf", 28)
    img = Image.new("L", (5000, 7000), 255)
    draw = ImageDraw.Draw(img)
    line = "Shenzhen produce droni e robot; Hefei calcolo quantistico; Pechino IA. " * 4
    for y in range(0, 7000, 34):
        draw.text((10, y), line[(y // 34) % 40:], font=font, fill=0)
    img.save(path, optimize=True)


def table_bytes(out: Path, names: tuple[str, ...] = DATA_TABLES) -> dict[str, bytes]:
    return {n: (out / "current" / f"{n}.parquet").read_bytes() for n in names}


def table_rows(out: Path, name: str) -> list[dict[str, object]]:
    return pq.read_table(out / "current" / f"{name}.parquet").to_pylist()


def mosaic(*args: str, env: dict[str, str] | None = None,
           **kw: object) -> subprocess.CompletedProcess[str]:
    """The installed CLI in a child process (for kill -9 and concurrency)."""
    return subprocess.run([sys.executable, "-m", "mosaic_pipeline", *args], env=env,
                          capture_output=True, text=True, check=False, **kw)  # type: ignore[call-overload]
