"""Windowed scanning finds what a scan of the whole text finds, and nothing else."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mosaic_pipeline.repair import punct
from mosaic_pipeline.repair.scan import near, whole_word_at

# the characters the punctuation readings are made of, plus letters and spaces around them
DAMAGE = st.text(alphabet="a4&@8A?eTMs. xbn\n", max_size=60)


@settings(max_examples=400, deadline=None)
@given(DAMAGE)
def test_windows_around_marks_find_every_punctuation_reading(text: str) -> None:
    rx = punct._quote_re()
    whole = [(m.start(), m.end()) for m in rx.finditer(text)]
    windowed = [(m.start(), m.end()) for m in near(rx, text, punct._QMARKS, 4, 8)]
    assert windowed == whole


def test_no_trigger_no_match() -> None:
    assert list(near(re.compile("a"), "banana", re.compile("z"), 3, 3)) == []


def test_whole_word_at_respects_word_boundaries_and_glue() -> None:
    text = "per la perla, la-la e 'la'"
    assert list(whole_word_at(text, "la", "")) == [4, 14, 17, 23]
    assert list(whole_word_at(text, "la", "-'")) == [4]
    assert list(whole_word_at(text, "la", "-", "")) == [4, 14, 23]
