"""Sector lexicon matcher: sector terms per language -> the 21 fixed sector ids.

Lowercase terms match any case and missing accents; a term written with capitals (an acronym:
"IA", "AI", "5G", "KI") matches only as written, so the Italian article "ia" or English "ai"
in a word list do not fire. A trailing "*" on the last word makes it a prefix ("semicondutt*").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..config import LANGUAGES
from .data import load_json
from .text import WORD, fold, key_of, longest_first, word_index


@dataclass(frozen=True)
class SectorMatch:
    start: int
    end: int
    surface: str
    sector: str


@dataclass
class _Table:
    exact: dict[str, str]
    prefix: dict[str, list[tuple[str, str]]]  # words before the last -> (last-word prefix, sector)
    max_words: int = 1
    first_words: set[str] = field(default_factory=set)
    first_prefixes: tuple[str, ...] = ()

    def may_start(self, word: str) -> bool:
        return word in self.first_words or word.startswith(self.first_prefixes)


class SectorLexicon:
    """Term lookup over word sequences, folded for lowercase terms and raw for acronyms."""

    def __init__(self, terms: Mapping[str, Iterable[str]]) -> None:
        self._folded = _Table({}, {})
        self._cased = _Table({}, {})
        for sector, words in terms.items():
            for term in words:
                self._add(term, sector)

    def _add(self, term: str, sector: str) -> None:
        term = term.strip()
        star = term.endswith("*")
        body = term.rstrip("*").strip()
        cased = any(ch.isupper() for ch in body)
        table = self._cased if cased else self._folded
        key = " ".join(WORD.findall(body)) if cased else key_of(body)
        if not key:
            return
        table.max_words = max(table.max_words, key.count(" ") + 1)
        first = key.split(" ", 1)[0]
        if star:
            head, _, last = key.rpartition(" ")
            table.prefix.setdefault(head, []).append((last, sector))
            if head:
                table.first_words.add(first)
            else:
                table.first_prefixes = (*table.first_prefixes, last)
        else:
            table.first_words.add(first)
            table.exact.setdefault(key, sector)

    def find(self, text: str, folded: str | None = None) -> list[SectorMatch]:
        hits = _scan(folded or fold(text), self._folded) + _scan(text, self._cased)
        out = longest_first(hits, lambda h: (h[0], h[1]))
        return [SectorMatch(a, b, text[a:b], s) for a, b, s in out]


def _scan(text: str, table: _Table) -> list[tuple[int, int, str]]:
    index = word_index(text)
    spans, words = index.spans, index.words
    hits = []
    for i, word in enumerate(words):
        if not table.may_start(word):
            continue
        for n in range(min(table.max_words, index.runs[i]), 0, -1):
            sector = _lookup(table, words[i : i + n])
            if sector:
                hits.append((spans[i][0], spans[i + n - 1][1], sector))
                break
    return hits


def _lookup(table: _Table, words: Sequence[str]) -> str | None:
    key = " ".join(words)
    if key in table.exact:
        return table.exact[key]
    head = " ".join(words[:-1])
    for prefix, sector in table.prefix.get(head, ()):
        if words[-1].startswith(prefix):
            return sector
    return None


@lru_cache(maxsize=8)
def load_sectors(language: str) -> SectorLexicon:
    """The language's lexicon plus the English one: English terms ("data center", "cloud",
    "chip") are common in every language's tech press."""
    terms: dict[str, list[str]] = {}
    for lang in dict.fromkeys((language, "en")):
        data = load_json(f"sectors/{lang}.json", required=lang in LANGUAGES) or {}
        for sector, words in data.items():
            if isinstance(words, list):
                terms.setdefault(sector, []).extend(words)
    return SectorLexicon(terms)
