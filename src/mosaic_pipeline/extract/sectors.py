"""Sector lexicon matcher: sector terms per language -> the 21 fixed sector ids.

Lowercase terms match any case and missing accents; a term written with capitals (an acronym:
"IA", "AI", "5G", "KI") matches only as written, so the Italian article "ia" or English "ai"
in a word list do not fire. A trailing "*" on the last word makes it a prefix ("semicondutt*").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..config import LANGUAGES
from .data import load_json
from .text import WORD, fold, joined, key_of, longest_first, word_index


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
    # words recur across a language's texts: each is tested against the prefixes once
    _starts: dict[str, bool] = field(default_factory=dict)
    _found: dict[tuple[str, ...], str | None] = field(default_factory=dict)
    starter: re.Pattern[str] | None = None

    def lookup(self, words: tuple[str, ...]) -> str | None:
        """The sector of a word sequence, remembered: a text repeats its terms."""
        if words in self._found:
            return self._found[words]
        if len(self._found) >= _MAX_CACHED_WORDS:
            self._found.clear()
        sector = self._found[words] = _lookup(self, words)
        return sector

    def may_start(self, word: str) -> bool:
        known = self._starts.get(word)
        if known is None:
            if len(self._starts) >= _MAX_CACHED_WORDS:
                self._starts.clear()
            known = word in self.first_words or word.startswith(self.first_prefixes)
            self._starts[word] = known
        return known


_MAX_CACHED_WORDS = 200_000


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
        table._starts.clear()
        table._found.clear()
        table.starter = None
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
        hits = _scan(folded or fold(text), self._folded) + _scan_cased(text, self._cased)
        out = longest_first(hits, lambda h: (h[0], h[1]))
        return [SectorMatch(a, b, text[a:b], s) for a, b, s in out]


def _scan(text: str, table: _Table) -> list[tuple[int, int, str]]:
    index = word_index(text)
    spans, words = index.spans, index.words
    hits = []
    # each distinct word is tested once; the words that open a term are then picked in C
    openers = {word for word in index.starts_of if table.may_start(word)}
    for i in [i for i, word in enumerate(words) if word in openers]:
        for n in range(min(table.max_words, index.runs[i]), 0, -1):
            sector = table.lookup(words[i : i + n])
            if sector:
                hits.append((spans[i][0], spans[i + n - 1][1], sector))
                break
    return hits


def _scan_cased(text: str, table: _Table) -> list[tuple[int, int, str]]:
    """_scan over the raw text for the few cased terms (acronyms): a regex finds the words that
    may open one, so the raw text needs no word index of its own."""
    if not table.first_words and not table.first_prefixes:
        return []
    hits = []
    for m in _starters(table).finditer(text):
        spans = [m.span()]
        while len(spans) < table.max_words:
            nxt = WORD.search(text, spans[-1][1])
            if nxt is None or not joined(text, [spans[-1], nxt.span()]):
                break
            spans.append(nxt.span())
        words = tuple(text[a:b] for a, b in spans)
        for n in range(len(spans), 0, -1):
            sector = table.lookup(words[:n])
            if sector:
                hits.append((spans[0][0], spans[n - 1][1], sector))
                break
    return hits


def _starters(table: _Table) -> re.Pattern[str]:
    """Whole words that are a first word of a term or start with a term's prefix."""
    if table.starter is None:
        alts = [re.escape(w) for w in sorted(table.first_words, key=len, reverse=True)]
        alts += [re.escape(p) + r"[^\W_]*" for p in table.first_prefixes]
        # a lookahead on the first characters lets re skip the other positions quickly
        firsts = {w[0] for w in table.first_words} | {p[0] for p in table.first_prefixes}
        lead = "".join(re.escape(c) for c in sorted(firsts))
        table.starter = re.compile(rf"(?=[{lead}])(?<![^\W_])(?:{'|'.join(alts)})(?![^\W_])")
    return table.starter


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
