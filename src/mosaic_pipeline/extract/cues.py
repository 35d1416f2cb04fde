"""Cue phrases per language (past states, negation, contrast, ships-only, investment, national),
compiled once into regexes over folded text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .data import load_json
from .text import fold

CUE_KINDS = ("past", "negation", "contrast", "ships_only", "invested_in", "national")


@dataclass(frozen=True)
class Cues:
    """One compiled pattern per cue kind (None when the language lists none)."""

    patterns: Mapping[str, re.Pattern[str] | None]
    contrast_terms: tuple[str, ...]

    def find(
        self, kind: str, folded: str, start: int = 0, end: int | None = None
    ) -> list[tuple[int, int]]:
        pattern = self.patterns.get(kind)
        if pattern is None:
            return []
        stop = len(folded) if end is None else end
        starts, matches = _all_matches(pattern, folded)
        i = bisect_left(starts, start)
        j = bisect_left(starts, stop, i)
        crossing = (i > 0 and matches[i - 1][1] > start) or (j > i and matches[j - 1][1] > stop)
        if crossing or _WORD_CHAR.match(folded, stop):
            # a match across the range's edge, or a word cut by it: the range must be read alone
            return [(m.start(), m.end()) for m in pattern.finditer(folded, start, stop)]
        return list(matches[i:j])


_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=64)
def _all_matches(
    pattern: re.Pattern[str], folded: str
) -> tuple[list[int], tuple[tuple[int, int], ...]]:
    """Every match of one cue pattern in a whole text, found in one pass and reused by each
    clause's query."""
    matches = tuple((m.start(), m.end()) for m in pattern.finditer(folded))
    return [a for a, _ in matches], matches


# a verb and its preposition may have the object between them: "esporta energia pulita verso"
_GAP = r"(?:[\s\-]+[\w.%]+){0,4}?[\s\-]+"
_GAPPED_KINDS = frozenset({"ships_only"})
_PREPOSITION_MAX = 6


def compile_phrases(phrases: Iterable[str], gapped: bool = False) -> re.Pattern[str] | None:
    """Word-bounded alternation over folded text; "*" ends a word with any suffix. With gapped,
    a cue ending in a short word (a preposition) lets up to four words come before it."""
    bodies = []
    for phrase in sorted({fold(p).strip() for p in phrases if p.strip()}, key=len, reverse=True):
        words = []
        for word in phrase.split():
            star = word.endswith("*")
            words.append(re.escape(word.rstrip("*")) + (r"\w*" if star else ""))
        if gapped and len(words) >= 2 and len(phrase.split()[-1]) <= _PREPOSITION_MAX:
            bodies.append(r"[\s\-]+".join(words[:-1]) + _GAP + words[-1])
        else:
            bodies.append(r"[\s\-]+".join(words))
    if not bodies:
        return None
    return re.compile(rf"(?<![\w])(?:{'|'.join(bodies)})(?![\w])")


def build_cues(data: Mapping[str, Any]) -> Cues:
    patterns = {
        kind: compile_phrases(data.get(kind) or (), kind in _GAPPED_KINDS) for kind in CUE_KINDS
    }
    return Cues(patterns, tuple(data.get("contrast") or ()))


@lru_cache(maxsize=8)
def load_cues(language: str) -> Cues:
    return build_cues(load_json(f"cues/{language}.json", required=False) or {})
