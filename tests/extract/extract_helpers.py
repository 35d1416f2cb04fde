"""Helpers shared by the extract tests: golden JSONL cases and hand-made quantities."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def golden(name: str) -> list[dict[str, Any]]:
    lines = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@dataclass(frozen=True)
class Q:
    """A hand-made stand-in for quantities.Quantity."""

    start: int
    end: int
    surface: str
    value: float
    unit: str
    qualifier: str | None = None
    noun: str | None = None
    rule: str = "test"
    confidence: float = 1.0


def locate(text: str, specs: list[list[Any]]) -> list[Q]:
    """Quantities from [surface, value, unit] triples, each at its next occurrence in text."""
    out, pos = [], 0
    for surface, value, unit in specs:
        start = text.index(surface, pos)
        out.append(Q(start, start + len(surface), surface, float(value), unit))
        pos = start + len(surface)
    return out
