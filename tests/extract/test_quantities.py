"""Golden cases (tests/golden/quantities.jsonl) and properties of find_quantities."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mosaic_pipeline.extract.quantities import Quantity, find_quantities, find_years

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "quantities.jsonl"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(b), 1e-9)


def _matches(q: Quantity, e: dict) -> bool:
    return (
        q.unit == e["unit"]
        and q.qualifier == e["qualifier"]
        and _close(q.value, e["value"])
        and ("surface" not in e or q.surface == e["surface"])
    )


def _describe(found: list[Quantity]) -> list[tuple[str, float, str, str | None]]:
    return [(q.surface, q.value, q.unit, q.qualifier) for q in found]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_golden(case: dict) -> None:
    text, lang = case["input"]["text"], case["input"]["language"]
    found = find_quantities(text, lang)
    expected = case["expected"]
    unmatched = list(found)
    for e in expected:
        hit = next((q for q in unmatched if _matches(q, e)), None)
        assert hit is not None, f"missing {e} in {_describe(found)} ({case['comment']})"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected {_describe(unmatched)} ({case['comment']})"


def test_golden_file_has_negatives_in_every_language() -> None:
    langs_with_negative = {c["input"]["language"] for c in CASES if not c["expected"]}
    assert langs_with_negative >= {"it", "en", "fr", "de", "es", "pt"}


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_offsets_point_at_surface(case: dict) -> None:
    text = case["input"]["text"]
    for q in find_quantities(text, case["input"]["language"]):
        assert text[q.start : q.end] == q.surface
        assert q.rule and 0.0 < q.confidence <= 1.0


def test_sorted_and_disjoint() -> None:
    text = (CORPUS / "gold" / "it-01-anhui-quantum.clean.txt").read_text(encoding="utf-8")
    found = find_quantities(text, "it")
    assert found == sorted(found, key=lambda q: (q.start, q.end))
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


def test_same_digits_read_by_language() -> None:
    assert find_quantities("1.400 aziende", "it")[0].value == 1400
    assert find_quantities("1.400 firms", "en")[0].value == pytest.approx(1.4)
    assert find_quantities("1,400 firms", "en")[0].value == 1400
    assert find_quantities("1,400 aziende", "it")[0].value == pytest.approx(1.4)


def test_unknown_language_reads_like_english() -> None:
    assert find_quantities("1,400 firms", "xx")[0].value == 1400


def test_repeated_figure_is_two_quantities() -> None:
    text = "Output Tops 900 Billion Yuan\n\nOutput topped 900 billion yuan in 2025."
    found = find_quantities(text, "en")
    assert [q.value for q in found] == [9e11, 9e11]


def test_noun_is_kept_lowercase() -> None:
    (q,) = find_quantities("more than 90,000 server racks", "en")
    assert q.noun == "server racks" and q.surface == "90,000 server racks"


def test_find_years_skips_urls_and_phones() -> None:
    text = "Nel 2025 la spesa è salita. https://example.com/report-2024 Tel. +86 551 2023 0123"
    assert [y for _, _, y in find_years(text, "it")] == [2025]


def test_seed_sized_text_is_fast() -> None:
    text = (CORPUS / "seed_gold" / "000_452218e2bf370e09.clean.txt").read_text(encoding="utf-8")
    find_quantities(text, "it")
    t0 = time.perf_counter()
    for _ in range(5):
        find_quantities(text, "it")
    assert (time.perf_counter() - t0) / 5 < 0.05  # generous: CI machines are slow


def test_find_years_reads_year_ranges() -> None:
    years = find_years("il 15° piano quinquennale (2026-2030), entro il 2027", "it")
    assert [y for _, _, y in years] == [2026, 2030, 2027]


def _gold_docs() -> list[tuple[Path, str]]:
    docs = sorted((CORPUS / "gold").glob("*.clean.txt"))
    docs += sorted((CORPUS / "seed_gold").glob("*.clean.txt"))
    return [(p, p.name[:2] if p.name[2] == "-" else "it") for p in docs]


@pytest.mark.parametrize(("path", "lang"), _gold_docs(), ids=lambda v: getattr(v, "name", v))
def test_corpus_gold_figures_are_found(path: Path, lang: str) -> None:
    """Every gold figure's (value, unit, qualifier) is among the quantities of its document,
    and nothing is found that is no gold figure (dates, versions, phones ... are not)."""
    name = path.name[: -len(".clean.txt")]
    gold_path = path.with_name(name + ".figures.jsonl")
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    found = find_quantities(path.read_text(encoding="utf-8"), lang)
    for g in gold:
        hit = next((q for q in found if _matches(q, g | {"surface": q.surface})), None)
        assert hit is not None, f"{name}: missing {g['surface']!r} in {_describe(found)}"
        found.remove(hit)
    assert not found, f"{name}: extras {_describe(found)}"
