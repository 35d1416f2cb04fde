"""Language detection: golden cases, every text variant of the corpus, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mosaic_pipeline.config import LANGUAGES
from mosaic_pipeline.stages.language import detect_language, fold, known_word_share

TESTS = Path(__file__).resolve().parents[1]
CORPUS = TESTS / "corpus"
GOLDEN = [json.loads(line) for line in (TESTS / "golden" / "language.jsonl").open(encoding="utf-8")]


def _expected(path: Path) -> str:
    """The corpus names its documents by language prefix; the seed is Italian."""
    return "it" if path.stem.startswith("000_") else path.stem[:2]


def _corpus_texts() -> list[tuple[str, Path]]:
    out = []
    for variant, codec in (
        ("lossy", "utf-8"),
        ("mojibake", "utf-8"),
        ("cp1252", "cp1252"),
        ("utf16", "utf-16"),
    ):
        for path in sorted((CORPUS / "inputs" / variant).glob("*.txt")):
            out.append((codec, path))
    return out


@pytest.mark.parametrize("case", GOLDEN, ids=[c["label"] for c in GOLDEN])
def test_golden(case: dict[str, str]) -> None:
    assert detect_language(case["input"]) == case["expected"], case["comment"]


@pytest.mark.parametrize(
    ("codec", "path"),
    _corpus_texts(),
    ids=lambda v: v if isinstance(v, str) else v.parent.name + "/" + v.stem,
)
def test_every_corpus_text_variant(codec: str, path: Path) -> None:
    assert detect_language(path.read_bytes().decode(codec)) == _expected(path)


def test_seed_is_italian() -> None:
    seed = (TESTS.parent / "seeds" / "000_452218e2bf370e09.txt").read_text(encoding="utf-8")
    assert detect_language(seed) == "it"


def test_golden_file_covers_every_language_and_the_fallback() -> None:
    expected = {c["expected"] for c in GOLDEN}
    assert set(LANGUAGES) <= expected
    assert all(set(c) == {"label", "comment", "input", "expected"} for c in GOLDEN)


def test_fold_drops_accents_only() -> None:
    assert fold("QualitÀ") == "qualita"
    assert fold("Größe") == "große"  # ß is a letter of its own, not an accent
    assert fold("São") == "sao"


def test_known_word_share_separates_words_from_noise() -> None:
    assert known_word_share("the government approved the plan") == 1.0
    assert known_word_share("xqzt vbnm kkjh wwrt") == 0.0
    assert known_word_share("") == 0.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_supported_language_deterministically(text: str) -> None:
    first = detect_language(text)
    assert first in LANGUAGES
    assert detect_language(text) == first
