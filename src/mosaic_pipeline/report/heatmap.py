"""The region x sector heatmap as PNG bytes (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first
from matplotlib.colors import LinearSegmentedColormap, PowerNorm  # noqa: E402

# An empty cell stays white, so "nothing found" and "a little" are told apart at a glance.
_CMAP = LinearSegmentedColormap.from_list(
    "mosaic", ["#ffffff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"])


def heatmap_png(rows: Sequence[str], row_labels: Sequence[str], columns: Sequence[str],
                counts: Mapping[tuple[str, str], int], title: str = "",
                breaks: Sequence[int] = ()) -> bytes:
    """A PNG of counts[(row, column)], every cell annotated; identical inputs, identical bytes.

    `breaks`: row indices where a new group starts (clusters, provinces), drawn as a rule.
    """
    grid = [[counts.get((r, c), 0) for c in columns] for r in rows]
    top = max((v for line in grid for v in line), default=0)
    height = 1.8 + 0.28 * max(len(rows), 1)
    fig, ax = plt.subplots(figsize=(13.0, height), dpi=100)
    try:
        # square-root scale: one busy cell (China, innovation) must not wash out the 1s and 2s
        ax.imshow(grid if rows else [[0] * len(columns)], cmap=_CMAP,
                  norm=PowerNorm(0.5, vmin=0, vmax=max(top, 1)), aspect="auto",
                  interpolation="nearest")
        _annotate(ax, grid, top)
        _axes(ax, row_labels, columns, title)
        for y in breaks:
            ax.axhline(y - 0.5, color="#374151", linewidth=1.2)
        fig.tight_layout()
        buf = io.BytesIO()
        # no Software/date metadata: a re-run must write the same bytes
        fig.savefig(buf, format="png", metadata={"Software": None})
    finally:
        plt.close(fig)
    return buf.getvalue()


def _annotate(ax: plt.Axes, grid: Sequence[Sequence[int]], top: int) -> None:
    for y, line in enumerate(grid):
        for x, value in enumerate(line):
            if value:
                dark = value > top * 0.3  # where the square-root scale turns dark
                ax.text(x, y, str(value), ha="center", va="center", fontsize=8,
                        color="white" if dark else "#08306b")


def _axes(ax: plt.Axes, row_labels: Sequence[str], columns: Sequence[str], title: str) -> None:
    ax.set_xticks(range(len(columns)), [c.replace("_", " ") for c in columns], rotation=40,
                  ha="left", rotation_mode="anchor", fontsize=9)
    ax.set_yticks(range(len(row_labels)), list(row_labels), fontsize=9)
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    ax.set_xticks([x - 0.5 for x in range(1, len(columns))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(row_labels))], minor=True)
    ax.grid(which="minor", color="#e5e7eb", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(which="major", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title:
        ax.set_title(title, fontsize=11, loc="left", pad=12)
