"""The analyst's HTML report: one self-contained file plus heatmap.png beside it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from .. import io
from ..errors import NoInputError, OutputError
from ..sectors import SECTORS
from ..views import region_info
from .heatmap import heatmap_png
from .page import cell_counts, heatmap_regions, region_label, render_report

REPORT_TABLES = ("documents", "texts", "repairs", "figures", "links", "matrix", "quarantine",
                 "runs")


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    heatmap: Path


def load_tables(out: Path, names: tuple[str, ...] = REPORT_TABLES) -> dict[str, pa.Table]:
    """The published tables; NoInputError when nothing was ever published in `out`."""
    if io.current_snapshot(out) is None:
        raise NoInputError(f"no published tables in {out}",
                           f"run `mosaic run SRC --out {out}` first")
    return {name: io.read_table(out, name) for name in names}


def render(tables: dict[str, pa.Table]) -> tuple[str, bytes]:
    """(html, png) for the tables: pure, the same tables give the same bytes."""
    rows = heatmap_regions(tables)
    kinds = [region_info(r).kind for r in rows]
    breaks = [i for i in range(1, len(rows)) if kinds[i] != kinds[i - 1]]
    png = heatmap_png(rows, [region_label(r) for r in rows], SECTORS, cell_counts(tables),
                      breaks=breaks)
    return render_report(tables, png), png


def build_report(out: Path, to: Path | None = None) -> ReportFiles:
    """Write report.html (default OUT/report.html) and heatmap.png beside it."""
    html, png = render(load_tables(out))
    target = to if to is not None else out / "report.html"
    files = ReportFiles(target, target.with_name("heatmap.png"))
    _write(files.heatmap, png)
    _write(files.html, html.encode("utf-8"))
    return files


def _write(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a browser never sees half a page."""
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from e
