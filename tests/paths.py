"""Paths of the shipped seed and of the corpus copy the tests use (importable: tests/ is on
pytest's pythonpath)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_452218e2bf370e09.txt"
CORPUS = ROOT / "tests" / "corpus"
SEED_GOLD = CORPUS / "seed_gold"
GOLD = CORPUS / "gold"
INPUTS = CORPUS / "inputs"


def has_tesseract() -> bool:
    return shutil.which("tesseract") is not None
