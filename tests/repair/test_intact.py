"""ftfy run only on the lines it could change gives what ftfy gives on the whole text."""

from __future__ import annotations

import ftfy
from hypothesis import given, settings
from hypothesis import strategies as st

from mosaic_pipeline.repair.intact import _diff, ftfy_changes
from mosaic_pipeline.repair.offsets import EditLog

CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC", explain=False)

# clean letters and punctuation of the six languages, the pieces mojibake is made of,
# and what ftfy's other fixers act on (controls, ligatures, full-width, decomposed accents,
# entities, markup)
# fmt: off
PIECES = [
    "a", "e", " ", "\n", "\r", "la ", "è", "é", "à", "ü", "ß", "ç", "ã", "ñ", "’", "“", "”",
    "«\u00a0", "\u00a0»", "\u202f", "—", "–", "€", "°", "™", "Ã", "©", "¨", "â€", "™",
    "\u0080", "\u0085", "Â", "\u00a0", "ï»¿", "\ufeff", "ﬁ", "Ａ", "\u3000", "e\u0301",
    "\ufffd", "&amp;", "&eacute;", "<b>", "Ã¨", "Ã©", "â€™", "Ã ", "Ø", "œ", "合肥", "??",
]
# fmt: on


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_line_selection_matches_whole_text_ftfy(text: str) -> None:
    log = EditLog(text)
    log.apply(ftfy_changes(text))
    assert log.text == ftfy.fix_text(text, CONFIG)


def test_clean_accented_lines_are_not_given_to_ftfy() -> None:
    assert ftfy_changes("La qualità è alta.\nDie Straße.\nL’été à São Paulo.\n") == []


def test_intact_mojibake_is_mended() -> None:
    log = EditLog("qualitÃ\u00a0 e perchÃ© â€“ fine\n")
    log.apply(ftfy_changes(log.text))
    assert log.text == "qualità e perché – fine\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abc Ã©â€", max_size=40), st.text(alphabet="abc éè’", max_size=40))
def test_diff_turns_any_line_into_any_other(before: str, after: str) -> None:
    log = EditLog(before)
    log.apply(_diff(before, after, 0))
    assert log.text == after


def test_each_mended_sequence_is_its_own_change() -> None:
    text = "qualitÃ\u00a0 e perchÃ© â€“ fine\n"
    assert [(text[c.start : c.end], c.after) for c in ftfy_changes(text)] == [
        ("Ã\u00a0", "à"),
        ("Ã©", "é"),
        ("â€“", "–"),
    ]
