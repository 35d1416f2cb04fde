"""Windowed scanning finds what a scan of the whole text finds, and nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from mosaic_pipeline.repair import ocr, punct, words
from mosaic_pipeline.repair.scan import matches_at, near, whole_word_at

# the characters the punctuation readings are made of, plus letters and spaces around them
DAMAGE = st.text(alphabet="a4&@8A?eTMs. xbn\n", max_size=60)
# stray marks, the stops and the spaces around them
STRAY = st.text(alphabet=" \t\n-:;=!'*_|~\\.,?ax", max_size=40)


def spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in matches]


@settings(max_examples=400, deadline=None)
@given(DAMAGE)
def test_tries_before_marks_find_every_punctuation_reading(text: str) -> None:
    assert spans(punct.quote_matches(text)) == spans(punct._quote_re().finditer(text))


@settings(max_examples=400, deadline=None)
@given(STRAY)
def test_tries_at_candidate_starts_find_every_stray_mark(text: str) -> None:
    assert spans(matches_at(ocr._STRAY, text, ocr._stray_starts(text))) == spans(
        ocr._STRAY.finditer(text)
    )
    after_stop = matches_at(ocr._STRAY_AFTER_STOP, text, ocr._spaced(text, ocr._STOPS))
    assert spans(after_stop) == spans(ocr._STRAY_AFTER_STOP.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='aAb!"=@*$%^~+| xé', max_size=30))
def test_leads_are_every_capital_a_and_every_a_before_junk(text: str) -> None:
    lead = re.compile(r"A|(?<=[a-z])a(?=[!\"=@*$%^~+|])")
    assert words._leads(text) == [m.start() for m in lead.finditer(text)]


def test_no_trigger_no_match() -> None:
    assert list(near(re.compile("a"), "banana", re.compile("z"), 3, 3)) == []


def test_whole_word_at_respects_word_boundaries_and_glue() -> None:
    text = "per la perla, la-la e 'la'"
    assert list(whole_word_at(text, "la", "")) == [4, 14, 17, 23]
    assert list(whole_word_at(text, "la", "-'")) == [4]
    assert list(whole_word_at(text, "la", "-", "")) == [4, 14, 23]
