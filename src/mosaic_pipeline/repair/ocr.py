"""Plain OCR errors: letter confusions inside words, stray marks from scan speckles."""

from __future__ import annotations

import re
from functools import lru_cache

from .channel import channel_data
from .lexicon import Lexicon
from .offsets import Change
from .protect import Protector

_WORD = re.compile(r"(?<![\w-])[a-z]{3,}(?!\w)")
UNKNOWN_BELOW = 2.5
KNOWN_FROM = 3.0
MIN_GAIN = 2.0  # the fix must be this much more frequent than what was read
# a token made only of these, alone between spaces, is a speck the OCR read as a mark
_STRAY = re.compile(r"(?<=\S)[ \t]+[-:;=!'*_|~\\]{1,3}(?=[ \t]*(?:\n|$)|[ \t]+\S)", re.M)
_STRAY_LINE_START = re.compile(r"^[-:;=!.,'*_|~\\]{1,2}[ \t]+(?=[A-Z])", re.M)
_KEEP_FR = ":;!?"


@lru_cache(maxsize=1)
def _confusions() -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in channel_data()["ocr_letter_confusions"])


def _variants(word: str) -> set[str]:
    out = set()
    for seen, meant in _confusions():
        start = word.find(seen)
        while start != -1:
            out.add(word[:start] + meant + word[start + len(seen) :])
            start = word.find(seen, start + 1)
    return out


def fix_confusions(text: str, lex: Lexicon, protected: Protector) -> list[Change]:
    """An unknown word one confusion away from a frequent word ('guinquennale', 'flume')."""
    changes = []
    for m in _WORD.finditer(text):
        w = m.group()
        if lex.freq(w) >= UNKNOWN_BELOW:
            continue
        scored = sorted(((lex.freq(v), v) for v in _variants(w)), reverse=True)
        gain = scored[0][0] - lex.freq(w) if scored else 0.0
        if (
            scored
            and scored[0][0] >= KNOWN_FROM
            and gain >= MIN_GAIN
            and not protected.covers(m.start())
        ):
            changes.append(Change(m.start(), m.end(), scored[0][1], "ocr:confusion", 0.6))
    return changes


def drop_stray_marks(text: str, language: str) -> list[Change]:
    """Marks standing alone between words or at a line's end: ' : ', ' - ', ' ='."""
    changes = []
    for m in _STRAY.finditer(text):
        mark = m.group().strip()
        if language == "fr" and mark in _KEEP_FR:
            continue  # French sets these off with a space
        changes.append(Change(m.start(), m.end(), "", "ocr:stray_mark", 0.55))
    for m in _STRAY_LINE_START.finditer(text):
        changes.append(Change(m.start(), m.end(), "", "ocr:stray_mark", 0.55))
    out: list[Change] = []
    for c in sorted(changes, key=lambda c: c.start):
        if not out or c.start >= out[-1].end:
            out.append(c)
    return out
