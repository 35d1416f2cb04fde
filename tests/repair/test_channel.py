"""The channel is computed from characters: these are the damages the seed shows."""

from __future__ import annotations

import pytest

from mosaic_pipeline.repair.channel import damaged, letter_form, punct_forms


@pytest.mark.parametrize(
    ("clean", "expected"),
    [("è", 'A"'), ("à", "A "), ("ì", "A-"), ("ß", "AY"), ("ç", "AS"), ("õ", "Au"), ("°", "A°")],
)
def test_letter_damage_follows_utf8_read_as_cp1252_then_7bit(clean: str, expected: str) -> None:
    assert damaged(clean) == expected


def test_soft_hyphen_tail_prints_nothing() -> None:
    form = letter_form("í")
    assert form is not None and form.junk == ""


def test_quote_forms_include_lead_lookalikes_and_fffd_readings() -> None:
    forms = punct_forms()
    assert {"a??", "4??", "&??"} <= set(forms["\u2019"])
    assert {"a?e", "a?s", "a?."} <= set(forms["\u201d"])  # U+FFFD read as e, s or .
    assert "a?TM" in forms["\u2019"]  # the trade mark sign recognised, not rejected
    assert "a?Z" in forms["\u201e"]


def test_ascii_letters_have_no_damage() -> None:
    assert letter_form("e") is None
    assert damaged("e") == "e"
