"""Text folding and spans shared by the matchers.

fold() maps every character to exactly one character so that offsets in the folded text are
offsets in the original: matchers search the folded text and report original spans.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
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


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of a character: the scan runs in C."""

    def __missing__(self, code: int) -> str:
        value = _fold_char(chr(code))
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


# runs of ASCII but "`" fold by str.lower(); every other character goes through the table
_FOLD_PIECE = re.compile(r"[\x00-\x5f\x61-\x7f]+|[^\x00-\x5f\x61-\x7f]")


def fold(text: str) -> str:
    """Lowercase, strip accents, unify apostrophes, dashes and spaces; same length as text."""
    table = _FOLD_TABLE
    return "".join(
        g.lower() if len(g) > 1 or (g < "\x80" and g != "`") else table[ord(g)]
        for g in _FOLD_PIECE.findall(text)
    )


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


_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


@lru_cache(maxsize=8)
def word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Word offsets, computed once per text: every matcher walks the same words."""
    return tuple((m.start(), m.end()) for m in WORD.finditer(text))


@dataclass(frozen=True)
class WordIndex:
    """The words of one text with, for each, how many words from it on are joined into one
    run (see joined()): a matcher then tries only the n-grams that can be names or terms."""

    spans: tuple[tuple[int, int], ...]
    words: tuple[str, ...]
    runs: tuple[int, ...]

    @cached_property
    def starts_of(self) -> dict[str, list[int]]:
        """Each distinct word -> where it starts, in text order."""
        out: dict[str, list[int]] = {}
        for word, (start, _) in zip(self.words, self.spans, strict=True):
            if word in out:
                out[word].append(start)
            else:
                out[word] = [start]
        return out


# a maximal run of words that joined() accepts pairwise: one name or term never leaves it
_RUN = re.compile(r"[^\W_]+(?:[ \t\r\n\-']+[^\W_]+)*")


@lru_cache(maxsize=8)
def word_index(text: str) -> WordIndex:
    matches = list(WORD.finditer(text))
    spans = tuple(map(re.Match.span, matches))  # map over the C methods: no Python frame
    starts = [start for start, _ in spans]
    runs: list[int] = []
    i = 0
    for end in map(re.Match.end, _RUN.finditer(text)):
        j = bisect_left(starts, end, i)
        runs.extend(range(j - i, 0, -1))
        i = j
    return WordIndex(spans, tuple(map(re.Match.group, matches)), tuple(runs))


def joined(text: str, span: Sequence[tuple[int, int]]) -> bool:
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
