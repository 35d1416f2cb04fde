"""Invariants of repair() on arbitrary damaged-looking text (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mosaic_pipeline.repair.offsets import apply_edits
from mosaic_pipeline.stages.repair import repair

# pieces of real damage and of ordinary text, so that the channel passes do run
PIECES = [
    "la??",
    'A"',
    "qualitA",
    "perchA@",
    " ",
    "\n",
    "a??",
    "4??",
    "1a??",
    "e",
    "citt",
    "A ",
    "dA?",
    "passe",
    "Nei Mongol",
    "A4",
    "1504? 000",
    "-\n",
    "https://example.com/a-",
    "|",
    "ann A?e",
    "PetaFLOPS",
    ",",
    ".",
    "Qinghai's",
    "l'ha",
    "StraAYe",
    "fA4r",
    "?",
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PIECES), max_size=25).map("".join),
    st.sampled_from(["it", "en", "fr", "de", "es", "pt"]),
)
def test_edits_are_consistent_and_repair_is_idempotent(raw: str, language: str) -> None:
    result = repair(raw, language)
    assert apply_edits(raw, result.edits) == result.text
    assert all(raw[e.raw_start : e.raw_end] == e.before for e in result.edits)
    assert all(
        a.raw_end <= b.raw_start for a, b in zip(result.edits, result.edits[1:], strict=False)
    )
    assert repair(result.text, language).text == result.text
