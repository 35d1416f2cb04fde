"""Cue phrases per language (past states, negation, contrast, ships-only, investment, national),
compiled once into regexes over folded text."""

from __future__ import annotations

import re
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
        return [(m.start(), m.end()) for m in pattern.finditer(folded, start, stop)]


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """Word-bounded alternation over folded text; "*" ends a word with any suffix."""
    bodies = []
    for phrase in sorted({fold(p).strip() for p in phrases if p.strip()}, key=len, reverse=True):
        words = []
        for word in phrase.split():
            star = word.endswith("*")
            words.append(re.escape(word.rstrip("*")) + (r"\w*" if star else ""))
        bodies.append(r"[\s\-]+".join(words))
    if not bodies:
        return None
    return re.compile(rf"(?<![\w])(?:{'|'.join(bodies)})(?![\w])")


def build_cues(data: Mapping[str, Any]) -> Cues:
    patterns = {kind: compile_phrases(data.get(kind) or ()) for kind in CUE_KINDS}
    return Cues(patterns, tuple(data.get("contrast") or ()))


@lru_cache(maxsize=8)
def load_cues(language: str) -> Cues:
    return build_cues(load_json(f"cues/{language}.json", required=False) or {})
