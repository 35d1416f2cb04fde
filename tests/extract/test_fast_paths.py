"""The fast paths of the extract stage read exactly what the plain definitions read.

fold() runs through str pieces and a translate table, word_index() finds joined runs with one
regex, Cues.find() answers a clause from one scan of the whole text, the sector matcher finds
cased terms with a regex: each is checked here against the slow, obvious reading, on the
corpus texts and on texts built to hit the edges (ligatures, "`", dashes, cue words cut by a
range's end).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mosaic_pipeline.extract.cues import CUE_KINDS, load_cues
from mosaic_pipeline.extract.segment import split_sentences
from mosaic_pipeline.extract.text import WORD, _fold_char, fold, joined, word_index

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TEXTS = [
    (p.read_text(encoding="utf-8"), p.name[:2]) for p in sorted((CORPUS / "gold").glob("*.txt"))
] + [
    ("Guangdong–Hong Kong’s `ﬁrst` ÆON İstanbul ½ ™ Shenzhen\u00a0Co. ltd — Anhui-based", "en"),
    ("Pechino, un tempo nota per l’acciaio; oggi esporta energia pulita verso Shanghai.", "it"),
]


def _slow_fold(text: str) -> str:
    """fold() as first defined: one character at a time."""
    return "".join(_fold_char(ch) for ch in text)


@pytest.mark.parametrize("text", [t for t, _ in TEXTS], ids=range(len(TEXTS)))
def test_fold_keeps_length_and_matches_the_per_character_reading(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == _slow_fold(text)


@pytest.mark.parametrize("text", [t for t, _ in TEXTS], ids=range(len(TEXTS)))
def test_word_index_runs_match_pairwise_joining(text: str) -> None:
    for source in (text, fold(text)):
        index = word_index(source)
        spans = [(m.start(), m.end()) for m in WORD.finditer(source)]
        assert list(index.spans) == spans
        for i in range(len(spans)):
            n = 1
            while i + n < len(spans) and joined(source, spans[i + n - 1 : i + n + 1]):
                n += 1
            assert index.runs[i] == n


@pytest.mark.parametrize(("text", "lang"), TEXTS, ids=range(len(TEXTS)))
def test_cue_find_on_a_range_equals_a_scan_of_that_range(text: str, lang: str) -> None:
    cues = load_cues(lang)
    folded = fold(text)
    sentences = split_sentences(text, lang)
    ranges = [(s.start, s.end) for s in sentences] + [(s.start + 3, s.end - 2) for s in sentences]
    for kind in CUE_KINDS:
        pattern = cues.patterns.get(kind)
        if pattern is None:
            continue
        for start, end in ranges:
            want = [(m.start(), m.end()) for m in pattern.finditer(folded, start, end)]
            assert cues.find(kind, folded, start, end) == want, (kind, text[start:end])


@pytest.mark.parametrize(("text", "lang"), TEXTS, ids=range(len(TEXTS)))
def test_cased_sector_scan_equals_the_word_index_scan(text: str, lang: str) -> None:
    from mosaic_pipeline.extract.sectors import _scan, _scan_cased, load_sectors

    table = load_sectors(lang)._cased
    probe = text + " AI e IA, 5G-Netze und KI; East Data West Computing"
    assert _scan_cased(probe, table) == _scan(probe, table)


@pytest.mark.parametrize(("text", "lang"), TEXTS, ids=range(len(TEXTS)))
def test_cue_scan_from_word_starts_equals_a_full_scan(text: str, lang: str) -> None:
    from mosaic_pipeline.extract.cues import _scan

    cues = load_cues(lang)
    for source in (fold(text), fold(text.upper()), fold(text.replace(" ", "  "))):
        for kind in CUE_KINDS:
            pattern = cues.patterns.get(kind)
            if pattern is None:
                continue
            want = tuple(m.span() for m in pattern.finditer(source))
            assert _scan(pattern, source, cues.openers.get(kind)) == want, kind


@pytest.mark.parametrize("lang", ["it", "en", "fr", "de", "es", "pt", "zh"])
def test_blank_pipeline_keeps_the_language_code_and_tokenizes_at_spaces(lang: str) -> None:
    from mosaic_pipeline.extract.pipeline import COMPONENTS, get_pipeline

    nlp = get_pipeline(lang)
    assert nlp.lang == (lang if lang != "zh" else "xx")
    assert tuple(nlp.pipe_names) == COMPONENTS
    doc = nlp.make_doc("Anhui  ha 5 GW. ")
    assert [t.text for t in doc] == ["Anhui", " ", "ha", "5", "GW."]
    assert doc.text == "Anhui  ha 5 GW. "


@pytest.mark.parametrize(("text", "lang"), TEXTS, ids=range(len(TEXTS)))
def test_clauses_from_contrast_word_starts_equal_a_full_scan(text: str, lang: str) -> None:
    from mosaic_pipeline.extract.segment import contrast_pattern, contrast_starts, split_clauses

    terms = load_cues(lang).contrast_terms
    contrast = contrast_pattern(terms)
    for source in (text, text.replace(". ", "; mentre ").replace(", ", ", but ")):
        folded = fold(source)
        opens = contrast_starts(folded, terms)
        for sentence in split_sentences(source, lang):
            want = split_clauses(source, folded, sentence, contrast)
            assert split_clauses(source, folded, sentence, contrast, opens) == want
