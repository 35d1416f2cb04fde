"""Cue phrases per language (past states, negation, contrast, ships-only, investment, national),
compiled once into regexes over folded text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .data import load_json
from .text import WORD, fold, word_index

CUE_KINDS = (
    "past",
    "negation",
    "contrast",
    "ships_only",
    "invested_in",
    "national",
    "origin_of",
    "origin_nouns",
    "anaphoric_place",
    "topic_anaphor",
    "read_more",
)


@dataclass(frozen=True)
class Cues:
    """One compiled pattern per cue kind (None when the language lists none)."""

    patterns: Mapping[str, re.Pattern[str] | None]
    contrast_terms: tuple[str, ...]
    # kind -> the first words its phrases open with (whole, and "*" prefixes); None when a
    # phrase opens with a non-word character and only a full scan is sure to find it
    openers: Mapping[str, tuple[frozenset[str], tuple[str, ...]] | None] = field(
        default_factory=dict, compare=False, repr=False
    )
    # kind -> (text, match starts, matches) of the last text read: every clause of one text
    # queries the same kind again, and hashing a large compiled pattern costs more than a scan
    _last: dict[str, tuple[str, list[int], tuple[tuple[int, int], ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def find(
        self, kind: str, folded: str, start: int = 0, end: int | None = None
    ) -> list[tuple[int, int]]:
        pattern = self.patterns.get(kind)
        if pattern is None:
            return []
        stop = len(folded) if end is None else end
        last = self._last.get(kind)
        if last is None or not (last[0] is folded or last[0] == folded):
            found = _scan(pattern, folded, self.openers.get(kind))
            last = self._last[kind] = (folded, [a for a, _ in found], found)
        _, starts, matches = last
        i = bisect_left(starts, start)
        j = bisect_left(starts, stop, i)
        crossing = (i > 0 and matches[i - 1][1] > start) or (j > i and matches[j - 1][1] > stop)
        if crossing or _WORD_CHAR.match(folded, stop):
            # a match across the range's edge, or a word cut by it: the range must be read alone
            return [(m.start(), m.end()) for m in pattern.finditer(folded, start, stop)]
        return list(matches[i:j])


_WORD_CHAR = re.compile(r"\w")


def _scan(
    pattern: re.Pattern[str],
    folded: str,
    openers: tuple[frozenset[str], tuple[str, ...]] | None,
) -> tuple[tuple[int, int], ...]:
    """pattern.finditer(folded) as spans. A phrase match starts where a word starts (no word
    character before it) and that word is one its phrases open with, so only those starts
    are tried: re would otherwise enter its matcher at every position of the text."""
    if openers is None:
        return tuple(m.span() for m in pattern.finditer(folded))
    whole, prefixes = openers
    starts_of = word_index(folded).starts_of
    words = whole.intersection(starts_of)
    if prefixes:
        words = words.union(w for w in starts_of if w.startswith(prefixes))
    found = []
    end = 0
    for pos in sorted(p for w in words for p in starts_of[w]):
        if pos >= end:  # finditer goes on from the end of the previous match
            m = pattern.match(folded, pos)
            if m:
                found.append(m.span())
                end = m.end()
    return tuple(found)


def _openers(phrases: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """The words a match of compile_phrases(phrases) may start with: a phrase's leading
    letters are a whole word, or a word's prefix when a "*" follows them."""
    whole: set[str] = set()
    prefixes: set[str] = set()
    for phrase in {fold(p).strip() for p in phrases if p.strip()}:
        lead = WORD.match(phrase)
        if lead is None:
            return None
        key = lead.group()
        (prefixes if phrase[lead.end() : lead.end() + 1] == "*" else whole).add(key)
    return frozenset(whole), tuple(sorted(prefixes))


# a verb and its preposition may have the object between them: "esporta energia pulita verso",
# "exported the region's 1,200 units to"
_GAP = r"(?:[\s\-]+[\w.%'’]+(?:,\d{3})*){0,4}?[\s\-]+"
_GAPPED_KINDS = frozenset({"ships_only"})
_PREPOSITION_MAX = 6


def compile_phrases(phrases: Iterable[str], gapped: bool = False) -> re.Pattern[str] | None:
    """Word-bounded alternation over folded text; "*" ends a word with any suffix. With gapped,
    a cue ending in a short word (a preposition) lets up to four words come before it."""
    bodies = []
    phrases_folded = sorted({fold(p).strip() for p in phrases if p.strip()}, key=len, reverse=True)
    for phrase in phrases_folded:
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
    # a lookahead on the first letters lets re skip every other position quickly
    firsts = "".join(sorted({re.escape(p[0]) for p in phrases_folded if p}))
    lead = f"(?=[{firsts}])" if firsts else ""
    return re.compile(rf"{lead}(?<![\w])(?:{'|'.join(bodies)})(?![\w])")


def build_cues(data: Mapping[str, Any]) -> Cues:
    patterns = {
        kind: compile_phrases(data.get(kind) or (), kind in _GAPPED_KINDS) for kind in CUE_KINDS
    }
    openers = {kind: _openers(data.get(kind) or ()) for kind in CUE_KINDS}
    return Cues(patterns, tuple(data.get("contrast") or ()), openers)


@lru_cache(maxsize=8)
def load_cues(language: str) -> Cues:
    return build_cues(load_json(f"cues/{language}.json", required=False) or {})
