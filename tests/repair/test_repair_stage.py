"""The repair stage on the development corpus: invariants, clean text untouched, targets."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from mosaic_pipeline.config import RepairConfig
from mosaic_pipeline.metrics import cer
from mosaic_pipeline.repair.offsets import apply_edits, to_raw
from mosaic_pipeline.stages.repair import explain, repair

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_452218e2bf370e09.txt"
DOCS = sorted(p.name.removesuffix(".clean.txt") for p in (CORPUS / "gold").glob("*.clean.txt"))


def _lang(name: str) -> str:
    return name.split("-", 1)[0]


def _read(*parts: str) -> str:
    return Path(CORPUS, *parts).read_text(encoding="utf-8")


def _check_invariants(raw: str, language: str) -> None:
    result = repair(raw, language)
    edits = result.edits
    assert all(a.raw_end <= b.raw_start for a, b in zip(edits, edits[1:], strict=False))
    assert all(raw[e.raw_start : e.raw_end] == e.before for e in edits)
    assert apply_edits(raw, edits) == result.text
    assert repair(result.text, language).text == result.text


@pytest.mark.parametrize("name", DOCS)
def test_lossy_invariants_and_no_document_made_worse(name: str) -> None:
    raw = _read("inputs", "lossy", f"{name}.txt")
    _check_invariants(raw, _lang(name))
    ref = _read("gold", f"{name}.clean.txt")
    assert cer(ref, repair(raw, _lang(name)).text) < cer(ref, raw)


@pytest.mark.parametrize("name", DOCS)
def test_clean_text_gets_zero_edits(name: str) -> None:
    assert repair(_read("gold", f"{name}.clean.txt"), _lang(name)).edits == ()


@pytest.mark.parametrize("name", DOCS)
def test_intact_mojibake_is_restored(name: str) -> None:
    raw = _read("inputs", "mojibake", f"{name}.txt")
    result = repair(raw, _lang(name))
    assert cer(_read("gold", f"{name}.clean.txt"), result.text) <= 0.001
    assert result.edits and all(e.rule.startswith("ftfy:") for e in result.edits)
    _check_invariants(raw, _lang(name))


def test_lossy_median_cer_cut() -> None:
    cuts = []
    for name in DOCS:
        raw, ref = _read("inputs", "lossy", f"{name}.txt"), _read("gold", f"{name}.clean.txt")
        cuts.append(1 - cer(ref, repair(raw, _lang(name)).text) / cer(ref, raw))
    assert statistics.median(cuts) >= 0.80  # issue 3


def test_seed_cer() -> None:
    ref = _read("seed_gold", "000_452218e2bf370e09.clean.txt")
    raw = SEED.read_text(encoding="utf-8")
    assert cer(ref, raw) > 0.04
    # issue 3's target; 0.0023 is reached now, about 0.001 of the seed is truly lost
    assert cer(ref, repair(raw, "it").text) <= 0.0025


@pytest.mark.parametrize("name", DOCS)
def test_cp1252_question_marks_for_no_break_spaces(name: str) -> None:
    """cp1252 lacks U+202F: each '?' it wrote for one is restored, nothing else changes."""
    raw = (CORPUS / "inputs" / "cp1252" / f"{name}.txt").read_bytes().decode("cp1252")
    ref = _read("gold", f"{name}.clean.txt")
    result = repair(raw, _lang(name))
    lost = ref.count("\u202f")
    assert [e.after for e in result.edits] == ["\u202f"] * lost
    assert all(e.before == "?" and e.rule == "lossy:nbsp" for e in result.edits)
    if lost:
        assert cer(ref, result.text) == 0.0
    _check_invariants(raw, _lang(name))


def test_edits_map_repaired_offsets_back_to_raw() -> None:
    raw = SEED.read_text(encoding="utf-8")
    result = repair(raw, "it")
    for word in ("Pechino", "Tianjin", "Jiangsu"):
        at = result.text.index(word)
        assert raw[to_raw(result, at) :].startswith(word)


def test_explain_gives_one_line_per_edit() -> None:
    result = repair('La qualitA dei dati A" cresciuta, perchA@ la cittA investe.', "it")
    lines = explain(result)
    assert len(lines) == len(result.edits) >= 3
    assert any("'perchA@' -> 'perché'" in line for line in lines)


def test_disabled_config_changes_nothing() -> None:
    raw = 'La qualitA dei dati A" cresciuta, perchA@ la cittA investe.'
    result = repair(raw, "it", RepairConfig(enabled=False))
    assert result.text == raw and result.edits == ()


def test_unknown_language_falls_back_without_crashing() -> None:
    raw = "the company a?? based in Xining a?? said ita??s growing."
    assert "—" in repair(raw, "xx").text
