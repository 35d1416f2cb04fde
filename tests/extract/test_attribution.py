from __future__ import annotations

import pytest

from extract.extract_helpers import Q, golden, locate
from mosaic_pipeline.extract.pipeline import run
from mosaic_pipeline.extract.segment import split_sentences

CASES = golden("extract_attribution.jsonl")
SENTENCES = golden("extract_sentences.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_attribution(case: dict) -> None:
    text, language = case["input"]["text"], case["input"]["language"]
    quantities = locate(text, case["input"]["quantities"])
    figures = {f.start: f for f in run(text, language, quantities).figures}
    got = []
    expected = [e if e is None else list(e) for e in case["expected"]]
    for q, want in zip(quantities, expected, strict=True):
        fig = figures.get(q.start)
        sector = "*" if want is not None and want[1] == "*" else (fig and fig.sector)
        got.append(None if fig is None else [fig.region, sector])
    assert got == expected, case["comment"]


@pytest.mark.parametrize("case", SENTENCES, ids=[c["label"] for c in SENTENCES])
def test_sentences(case: dict) -> None:
    text, language = case["input"]["text"], case["input"]["language"]
    sentences = split_sentences(text, language)
    assert len(sentences) == case["expected"], [text[s.start : s.end] for s in sentences]


def test_figure_carries_quantity_fields_and_year() -> None:
    text = "Nel 2025 la spesa in ricerca dell’Anhui ha raggiunto circa 135 miliardi di yuan."
    start = text.index("135")
    q = Q(start, start + 20, "135 miliardi di yuan", 135e9, "CNY", "about", "yuan", "scale", 0.9)
    (fig,) = run(text, "it", [q]).figures
    assert (fig.region, fig.value, fig.unit, fig.qualifier) == ("CN-AH", 135e9, "CNY", "about")
    assert (fig.start, fig.end, fig.surface) == (q.start, q.end, q.surface)
    assert fig.year == 2025
    assert fig.rule.startswith("scale+")
    assert 0 < fig.confidence <= 0.9


def test_quantity_year_is_not_its_own_year() -> None:
    text = "Hefei registrò 2030 brevetti."
    q = Q(15, 19, "2030", 2030, "count")
    (fig,) = run(text, "it", [q]).figures
    assert fig.year is None
