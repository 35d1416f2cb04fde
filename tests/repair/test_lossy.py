"""The '?' a lossy codec wrote for a no-break space, restored where its place tells."""

from __future__ import annotations

import pytest

from mosaic_pipeline.repair.lossy import repair_lossy_spaces
from mosaic_pipeline.repair.offsets import EditLog

NNBSP, NBSP = "\u202f", "\u00a0"


def _fix(text: str, language: str) -> str:
    log = EditLog(text)
    log.apply(repair_lossy_spaces(text, language))
    return log.text


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1?200 robots", "fr", f"1{NNBSP}200 robots"),
        ("12?500?000 €", "fr", f"12{NNBSP}500{NNBSP}000 €"),
        ("45?%", "fr", f"45{NNBSP}%"),
        ("45?%", "pt", f"45{NBSP}%"),
        ("30?€", "de", f"30{NBSP}€"),
        ("le charbon?; puis", "fr", f"le charbon{NNBSP}; puis"),
    ],
)
def test_restores_the_space_the_language_puts_there(
    text: str, language: str, expected: str
) -> None:
    assert _fix(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("1?200 robots", "en"),  # English groups with commas: no space was lost there
        ("1?200 Roboter", "de"),
        ("1234?567", "fr"),  # four digits are no leading group
        ("0,5?000", "fr"),  # a decimal part is no leading group
        ("12?34", "fr"),  # a group has three digits
        ("ABC1?200", "fr"),  # a code, not a number
        ("Vraiment?! Oui?", "fr"),
        ("???", "fr"),  # Chinese characters the codec lacked: gone
        ("https://example.com/a1?200=3", "fr"),
        ("le charbon?; puis", "it"),
    ],
)
def test_leaves_what_it_cannot_tell(text: str, language: str) -> None:
    assert repair_lossy_spaces(text, language) == []


def test_edits_carry_the_rule_and_one_character_spans() -> None:
    (change,) = repair_lossy_spaces("environ 150?000 tonnes", "fr")
    assert (change.start, change.end, change.after, change.rule) == (11, 12, NNBSP, "lossy:nbsp")


def test_a_number_and_the_word_after_it_in_french() -> None:
    assert (
        _fix("480?milliards et 1,2?milliard", "fr") == f"480{NNBSP}milliards et 1,2{NNBSP}milliard"
    )
    assert repair_lossy_spaces("480?milliards", "en") == []
    assert repair_lossy_spaces("COVID19?ans", "fr") == []  # a code, not a number
