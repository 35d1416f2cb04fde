"""Golden cases (tests/golden/repair*.jsonl): damaged snippets and text that must not change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mosaic_pipeline.repair.offsets import apply_edits
from mosaic_pipeline.stages.repair import repair

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _cases() -> list[dict[str, Any]]:
    out = []
    for path in sorted(GOLDEN.glob("repair*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


CASES = _cases()


def test_golden_file_has_negative_cases() -> None:
    assert len(CASES) >= 15
    assert sum(c["input"] == c["expected"] for c in CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_golden(case: dict[str, Any]) -> None:
    result = repair(case["input"], case["language"])
    assert result.text == case["expected"], case["comment"]
    assert apply_edits(case["input"], result.edits) == result.text
    if case["input"] == case["expected"]:
        assert result.edits == ()
