"""Number reading per language: digits with local separators, number words, scale words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mosaic_pipeline.extract.numbers import (
    SUPPORTED,
    compose,
    lexicon,
    parse_digits,
    word_number,
)
from mosaic_pipeline.extract.units import currency_prefix, match_unit, unit_table


@pytest.mark.parametrize(
    ("lang", "token", "value"),
    [
        ("it", "220.000", 220000),
        ("de", "1.000.000", 1_000_000),
        ("es", "8.500", 8500),
        ("pt", "1,5", 1.5),
        ("fr", "150\u202f000", 150000),
        ("fr", "1 200,5", 1200.5),
        ("en", "2.09", 2.09),
        ("en", "1,400", 1400),
        ("en", "1,234.5", 1234.5),
        ("it", "1.234,5", 1234.5),
        ("it", "1,500", 1.5),  # comma is the decimal mark in Italian
        ("en", "2.090", 2.09),  # dot is the decimal mark in English
        ("it", "2.5", 2.5),  # a dot before one or two digits can only be a decimal mark
    ],
)
def test_parse_digits(lang: str, token: str, value: float) -> None:
    assert parse_digits(token, lexicon(lang)) == pytest.approx(value)


@pytest.mark.parametrize("token", ["1.2.3", "12 34", ""])
def test_parse_digits_rejects_malformed(token: str) -> None:
    assert parse_digits(token, lexicon("it")) is None


@given(st.integers(min_value=1000, max_value=10**12))
def test_grouped_integers_round_trip(n: int) -> None:
    dotted = f"{n:,}".replace(",", ".")
    assert parse_digits(dotted, lexicon("it")) == n
    assert parse_digits(f"{n:,}", lexicon("en")) == n
    assert parse_digits(f"{n:,}".replace(",", "\u202f"), lexicon("fr")) == n


@pytest.mark.parametrize(
    ("lang", "word", "value"),
    [
        ("it", "diciotto", 18),
        ("it", "ventitré", 23),
        ("it", "ventuno", 21),
        ("it", "duecento", 200),
        ("it", "tremila", 3000),
        ("de", "einundzwanzig", 21),
        ("de", "dreihundert", 300),
        ("en", "Eighteen", 18),
        ("fr", "cinq", 5),
        ("es", "veintitrés", 23),
        ("pt", "dez", 10),
    ],
)
def test_word_number(lang: str, word: str, value: int) -> None:
    assert word_number(word, lexicon(lang)) == value


@pytest.mark.parametrize(
    ("lang", "word"),
    [
        ("it", "settembre"),
        ("it", "centro"),
        ("it", "trentino"),
        ("de", "Einheit"),
        ("de", "achtung"),
        ("en", "often"),
    ],
)
def test_word_number_rejects_lookalikes(lang: str, word: str) -> None:
    assert word_number(word, lexicon(lang)) is None


def test_compose() -> None:
    assert compose([2, 100, 5]) == 205
    assert compose([2, 1000, 3, 100]) == 2300
    assert compose([20, 1]) == 21


@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_language_has_the_core_lists(lang: str) -> None:
    lex = lexicon(lang)
    assert lex.scales and lex.number_words and lex.fractions and lex.words("halves")
    assert set(lex.qualifiers) == {"over", "about", "under"}
    assert lex.words("months") and lex.words("of_words") and lex.words("stopwords")


@pytest.mark.parametrize(
    ("lang", "surface", "canonical", "factor"),
    [
        ("en", " EFLOPS", "PFLOPS", 1000),
        ("it", " TFLOPS", "PFLOPS", 0.001),
        ("it", " GWh", "kWh", 1e6),
        ("en", " GW", "GW", 1),
        ("en", " km/h", "other", 1),
        ("en", " km²", "m2", 1e6),
        ("de", " Tonnen", "tonnes", 1),
        ("es", " yuanes", "CNY", 1),
        ("fr", "\u202f%", "percent", 1),
        ("de", " Prozentpunkte", "other", 1),
    ],
)
def test_match_unit(lang: str, surface: str, canonical: str, factor: float) -> None:
    hit = match_unit(surface, 0, unit_table(lang))
    assert hit is not None
    assert (hit[0].canonical, hit[0].factor) == (canonical, pytest.approx(factor))


@pytest.mark.parametrize("surface", [" marzo", " Mann", " GWx", " kmz"])
def test_match_unit_needs_a_whole_form(surface: str) -> None:
    assert match_unit(surface, 0, unit_table("it")) is None


def test_currency_prefix() -> None:
    text = "a US$2.5 billion plant"
    hit = currency_prefix(text, text.index("2"), unit_table("en"))
    assert hit is not None and hit[0].canonical == "USD" and text[hit[1] :].startswith("US$")
    assert currency_prefix("plus 5", 5, unit_table("en")) is None
