"""Text folding and spans shared by the matchers.

fold() maps every character to exactly one character so that offsets in the folded text are
offsets in the original: matchers search the folded text and report original spans.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

_PUNCT_MAP = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "`": "'",
    "\u00b4": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u00df": "s",
}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _PUNCT_MAP:
        return _PUNCT_MAP[ch]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    low = (base or ch).lower()
    # keep a one-to-one mapping: a character that expands (ligatures, "İ") keeps its first part
    return low[0] if low else ch


def fold(text: str) -> str:
    """Lowercase, strip accents, unify apostrophes, dashes and spaces; same length as text."""
    return "".join(_fold_char(ch) for ch in text)


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


WORD = re.compile(r"[^\W_]+")
_JOINER = re.compile(r"[ \t\r\n\-']*")


def word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def joined(text: str, span: list[tuple[int, int]]) -> bool:
    """Words of one name or term are separated only by spaces, hyphens or apostrophes."""
    return all(
        (b_start - a_end == 1 and text[a_end] == " ")
        or _JOINER.fullmatch(text, a_end, b_start) is not None
        for (_, a_end), (b_start, _) in zip(span, span[1:], strict=False)
    )


def key_of(phrase: str) -> str:
    """The lookup key of a name or term: its folded words joined by one space."""
    return " ".join(WORD.findall(fold(phrase)))


T = TypeVar("T")


def longest_first(items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> list[T]:
    """Non-overlapping items, a longer one beating any it overlaps (earlier on ties); text order."""
    starts: list[int] = []
    chosen: list[tuple[int, int, T]] = []
    for item in sorted(items, key=lambda x: (span(x)[0] - span(x)[1], span(x)[0])):
        start, end = span(item)
        i = bisect_left(starts, start)
        if i > 0 and chosen[i - 1][1] > start:
            continue
        if i < len(chosen) and chosen[i][0] < end:
            continue
        starts.insert(i, start)
        chosen.insert(i, (start, end, item))
    return [item for _, _, item in chosen]
