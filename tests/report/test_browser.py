"""The report as an analyst sees it: rendered by headless Chromium, offline."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if
                                        os.path.exists("/usr/bin/chromium") else None)
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")]
HEATMAP_DARK = (8, 48, 107)  # the heatmap's top colour (report/heatmap.py)
MARK = (253, 230, 138)  # the highlight of a figure in its sentence (report.css)


def _chromium(tmp: Path, *args: str) -> str:
    cmd = [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--no-first-run", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={tmp / 'profile'}", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class _Page(HTMLParser):
    """The heatmap <img> and the text inside the CN-NM card of the rendered DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.heatmap_src = ""
        self.card_text: list[str] = []
        self._depth = 0  # >0 while inside the CN-NM card

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "img" and a.get("id") == "heatmap-img":
            self.heatmap_src = a.get("src") or ""
        if self._depth:
            self._depth += tag == "section"
        elif tag == "section" and a.get("id") == "region-CN-NM":
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag == "section":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.card_text.append(data)


def _colour_count(png: Path, rgb: tuple[int, int, int]) -> int:
    from PIL import Image

    with Image.open(png) as im:
        colours = im.convert("RGB").getcolors(1 << 24) or []
    return sum(n for n, c in colours if c == rgb)


@pytest.fixture
def rendered(reported: Path) -> Path:
    return reported / "report.html"


def test_dom_shows_heatmap_and_cn_nm_card(rendered: Path, tmp_path: Path) -> None:
    page = _Page()
    page.feed(_chromium(tmp_path, "--dump-dom", rendered.as_uri()))
    prefix = "data:image/png;base64,"
    assert page.heatmap_src.startswith(prefix)
    png = base64.b64decode(page.heatmap_src[len(prefix):])
    assert png == (rendered.parent / "heatmap.png").read_bytes()
    card = " ".join(" ".join(page.card_text).split())
    assert "220000 PFLOPS" in card
    assert "Mongolia Interna ha raggiunto la cifra incredibile di 220.000 PetaFLOPS" in card


def test_screenshot_shows_heatmap(rendered: Path, tmp_path: Path) -> None:
    shot = Path(os.environ.get("MOSAIC_SCREENSHOT", tmp_path / "report.png"))
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2400", rendered.as_uri())
    assert _colour_count(shot, HEATMAP_DARK) > 500  # the image is decoded and painted


def test_screenshot_of_cn_nm_card(rendered: Path, tmp_path: Path) -> None:
    # Only the CN-NM card left on the page: what is painted is that card.
    only = "<style>header,#heatmap,.index,.card:not(#region-CN-NM),#repairs,#quarantine,#runs" \
           "{display:none!important}</style></head>"
    page = tmp_path / "card.html"
    page.write_text(rendered.read_text(encoding="utf-8").replace("</head>", only, 1),
                    encoding="utf-8")
    shot = tmp_path / "card.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,900", page.as_uri())
    assert _colour_count(shot, MARK) > 100  # "220.000 PetaFLOPS" highlighted in its sentence
    assert _colour_count(shot, HEATMAP_DARK) == 0
