from __future__ import annotations

from pathlib import Path

import pytest

from mosaic_pipeline.config import ExtractConfig
from mosaic_pipeline.records import Extraction
from mosaic_pipeline.stages.extract import extract

SEED = (
    Path(__file__).resolve().parents[1] / "corpus" / "seed_gold" / "000_452218e2bf370e09.clean.txt"
)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Extraction:
    return extract(seed_text, "it")


def _has(result: Extraction, region: str, value: float, unit: str) -> bool:
    return any(
        f.region == region and f.unit == unit and abs(f.value - value) <= 0.005 * value
        for f in result.figures
    )


def test_seed_key_figures(seed: Extraction) -> None:
    assert _has(seed, "CN-NM", 220000, "PFLOPS")
    assert _has(seed, "CN-SD", 137, "count")
    assert _has(seed, "CN-QH", 93, "percent")


def test_seed_regions(seed: Extraction) -> None:
    regions = {m.region for m in seed.mentions}
    assert {"GBA", "YRD", "JJJ", "CN", "CN-NM", "CN-SN", "CN-HL", "CN-JX"} <= regions


def test_seed_past_is_no_link(seed: Extraction) -> None:
    pairs = {(k.region, k.sector) for k in seed.links}
    assert ("CN-AH", "quantum") in pairs
    assert ("CN-AH", "agritech") not in pairs


def test_offsets_and_sentence_ids(seed_text: str, seed: Extraction) -> None:
    for m in seed.mentions:
        assert seed_text[m.start : m.end] == m.surface
    for f in seed.figures:
        assert seed_text[f.start : f.end] == f.surface
    for k in seed.links:
        assert seed_text[k.start : k.end] == k.evidence
    ids = [m.sentence_id for m in seed.mentions]
    assert ids == sorted(ids) and ids[-1] > ids[0]


def test_deterministic(seed_text: str, seed: Extraction) -> None:
    assert extract(seed_text, "it") == seed


def test_disabled_and_empty() -> None:
    assert extract("Pechino ha 5 milioni di brevetti.", "it", ExtractConfig(enabled=False)) == (
        Extraction()
    )
    assert extract("   ", "en") == Extraction()


@pytest.mark.slow
def test_corpus_meets_targets() -> None:
    """The clean corpus and the seed: figures and regions F1 >= 0.97, links F1 >= 0.85."""
    from extract.measure_extract import corpus_scores

    scores = corpus_scores()
    assert scores["fig"][2] >= 0.97, scores
    assert scores["reg"][2] >= 0.97, scores
    assert scores["link"][2] >= 0.85, scores


def test_attribution_alone_on_corpus() -> None:
    """With the gold quantities, every figure goes to its gold region."""
    from extract.measure_extract import corpus_scores

    assert corpus_scores(oracle=True)["fig"][2] >= 0.97
