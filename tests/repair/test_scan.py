"""Windowed scanning finds what a scan of the whole text finds, and nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from mosaic_pipeline.repair import layout, ocr, punct, words
from mosaic_pipeline.repair.scan import (
    literal_positions,
    matches_at,
    near,
    whole_word_at,
)

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


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab-.| 1I’'\n?", max_size=40))
def test_marks_found_by_literal_search_match_as_a_scan_does(text: str) -> None:
    found = matches_at(ocr._SPECK, text, literal_positions(text, "-."))
    assert spans(found) == spans(ocr._SPECK.finditer(text))
    ones = literal_positions(text, punct._ONES)
    assert spans(matches_at(punct._ELISION, text, ones)) == spans(punct._ELISION.finditer(text))
    specked = matches_at(punct._SPECKED_ELISION, text, ones)
    assert spans(specked) == spans(punct._SPECKED_ELISION.finditer(text))


@settings(max_examples=400, deadline=None)
@given(STRAY.map(lambda s: s.replace("x", "X")))
def test_line_starts_find_every_stray_mark_at_a_line_start(text: str) -> None:
    starts = ocr._line_starts(text, ocr._LINE_START_MARKS)
    found = matches_at(ocr._STRAY_LINE_START, text, starts)
    assert spans(found) == spans(ocr._STRAY_LINE_START.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abéA- \t\n\u00ad", max_size=60))
def test_hyphen_breaks_are_found_near_their_marks(text: str) -> None:
    greedy = re.compile(r"([A-Za-zÀ-ÿ]+)(-|\u00ad)[ \t]*\n[ \t]*([a-zà-ÿ]+)")
    marks = matches_at(layout._BREAK_MARK, text, literal_positions(text, layout._BREAK_MARKS))
    assert spans(near(layout._HYPHEN_BREAK, text, marks, 60, 60)) == spans(
        near(greedy, text, layout._BREAK_MARK, 60, 60)
    )




@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aw.?\n", max_size=30), st.lists(st.text(alphabet="aw.?", max_size=3)))
def test_literal_positions_are_where_a_scan_finds_the_literals(
    text: str, literals: list[str]
) -> None:
    scanned = {m.start() for lit in literals for m in re.finditer(re.escape(lit), text)}
    assert literal_positions(text, literals) == sorted(scanned)
