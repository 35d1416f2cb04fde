"""Region gazetteer: every name of a province, cluster, China, city or area -> region code.

Names are matched on folded words (case and accents ignored, "-" and spaces alike) with the
longest name winning, so "Pechino-Tianjin-Hebei" is JJJ and not three provinces. A name written
with capitals in the data must carry a capital in the text, which keeps common words that
happen to be city names out. Chinese-character names are matched as substrings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .data import load_json
from .text import fold, has_cjk, is_cjk, key_of, longest_first, word_index

_SUFFIXES = ("er", "s")
_MIN_STEM = 5


@dataclass(frozen=True)
class Candidate:
    code: str
    kind: str  # province, cluster, country or city (cities and areas)
    population: int = 0


@dataclass(frozen=True)
class RegionMatch:
    start: int
    end: int
    surface: str
    code: str
    kind: str


@dataclass(frozen=True)
class _Name:
    candidates: tuple[Candidate, ...]
    needs_capital: bool
    ambiguous: bool = False  # also a common name elsewhere ("Kanton", "Formosa")


class Gazetteer:
    """Lookup of folded word sequences; build it with build_gazetteer()."""

    def __init__(self, names: Mapping[str, _Name], cjk: Mapping[str, _Name]) -> None:
        self._names = dict(names)
        self._cjk = dict(cjk)
        self._max_words = max((k.count(" ") + 1 for k in self._names), default=1)
        self._first_words = {k.split(" ", 1)[0] for k in self._names}
        # every leading word sequence of a name: a longer n-gram is looked up only when it
        # extends one of them, so "the", "la" or "e" cost one lookup, not one per length
        self._prefixes = {
            " ".join(words[:n])
            for words in (k.split(" ") for k in self._names)
            for n in range(1, len(words) + 1)
        }
        # German forms of one-word names, precomputed so a word costs one dict lookup
        self._derived_forms: dict[str, _Name] = {}
        for key, name in self._names.items():
            if " " not in key and len(key) >= _MIN_STEM:
                for suffix in reversed(_SUFFIXES):
                    self._derived_forms[key + suffix] = name
        self._derived_keys = frozenset(self._derived_forms)
        self.members: dict[str, tuple[str, ...]] = {}

    def __contains__(self, name: str) -> bool:
        return key_of(name) in self._names or name in self._cjk

    def find(self, text: str, folded: str | None = None) -> list[RegionMatch]:
        """Every region name in text, longest first, resolved to one code each; folded is
        fold(text) when the caller has it already."""
        raw = self._latin_hits(text, folded or fold(text)) + self._cjk_hits(text)
        chosen = _non_overlapping(raw)
        if all(name.ambiguous for _, _, name in chosen):
            # "im Kanton Zürich": an ambiguous name counts only in a text about China
            return []
        return _resolve(text, chosen)

    def _latin_hits(self, text: str, folded: str) -> list[tuple[int, int, _Name]]:
        index = word_index(folded)
        spans, words = index.spans, index.words
        # set operations in C over the distinct words pick the few that can open a name
        firsts = self._first_words.intersection(index.starts_of)
        openers = firsts.union(self._derived_keys.intersection(index.starts_of))
        hits = []
        for i in [i for i, w in enumerate(words) if w in openers]:
            word = words[i]
            if word not in firsts:
                if _has_capital(text[spans[i][0] : spans[i][1]]):
                    hits.append((spans[i][0], spans[i][1], self._derived_forms[word]))
                continue
            for n, name in reversed(self._names_at(words, i, index.runs[i])):
                start, end = spans[i][0], spans[i + n - 1][1]
                if not name.needs_capital or _has_capital(text[start:end]):
                    hits.append((start, end, name))
                    break
        return hits

    def _names_at(self, words: tuple[str, ...], i: int, run: int) -> list[tuple[int, _Name]]:
        """(word count, name) of every name that starts at words[i], shortest first."""
        found = []
        limit = min(self._max_words, run)
        key, n = words[i], 1
        while True:
            name = self._names.get(key)
            if name:
                found.append((n, name))
            if n >= limit:
                return found
            key = f"{key} {words[i + n]}"
            if key not in self._prefixes:
                return found
            n += 1

    def _cjk_hits(self, text: str) -> list[tuple[int, int, _Name]]:
        if not has_cjk(text):
            return []
        hits = []
        for key, name in self._cjk.items():
            pos = text.find(key)
            while pos != -1:
                hits.append((pos, pos + len(key), name))
                pos = text.find(key, pos + 1)
        return hits


def _has_capital(surface: str) -> bool:
    return any(ch.isupper() for ch in surface)


def _non_overlapping(hits: list[tuple[int, int, _Name]]) -> list[tuple[int, int, _Name]]:
    return longest_first(hits, lambda h: (h[0], h[1]))


def _resolve(text: str, hits: list[tuple[int, int, _Name]]) -> list[RegionMatch]:
    """A name with several candidates (Taizhou) takes the province the text names, else the
    most populous."""
    named = {c.code for _, _, n in hits if len(n.candidates) == 1 for c in n.candidates}
    out = []
    for start, end, name in hits:
        pick = next((c for c in name.candidates if c.code in named), name.candidates[0])
        out.append(RegionMatch(start, end, text[start:end], pick.code, pick.kind))
    return out


def build_gazetteer(
    regions: Mapping[str, Any], areas: Mapping[str, Any] | None, cities: Mapping[str, Any] | None
) -> Gazetteer:
    """Names from the three data files; a region's own names beat areas, areas beat cities.

    regions["ambiguous_names"] are names that also mean something else; they are matched only
    in a text that names some other region too.
    """
    ambiguous = {key_of(n) for n in regions.get("ambiguous_names") or ()}
    table: dict[str, list[Candidate]] = {}
    capital: dict[str, bool] = {}
    layers = [
        _region_names(regions.get("regions", [])),
        _area_names((areas or {}).get("areas", [])),
        _city_names((cities or {}).get("cities", [])),
    ]
    for layer in layers:
        layer_table: dict[str, list[Candidate]] = {}
        for name, cand in layer:
            key = name if _all_cjk(name) else key_of(name)
            if not key or (key in table):
                continue
            if cand not in layer_table.setdefault(key, []):
                layer_table[key].append(cand)
            capital[key] = capital.get(key, True) and _has_capital(name)
        table.update(layer_table)
    latin: dict[str, _Name] = {}
    cjk: dict[str, _Name] = {}
    for key, cands in table.items():
        ordered = tuple(sorted(cands, key=lambda c: (-c.population, c.code)))
        target = cjk if _all_cjk(key) else latin
        target[key] = _Name(ordered, capital[key], key in ambiguous)
    gaz = Gazetteer(latin, cjk)
    gaz.members = {r["code"]: tuple(r.get("members") or ()) for r in regions.get("regions", [])}
    return gaz


def _all_cjk(name: str) -> bool:
    return bool(name) and all(is_cjk(ch) for ch in name)


def _region_names(regions: Iterable[Mapping[str, Any]]) -> Iterable[tuple[str, Candidate]]:
    for region in regions:
        cand = Candidate(region["code"], region.get("kind", "province"), 10**12)
        yield region["name"], cand
        for names in (region.get("names") or {}).values():
            for name in [names] if isinstance(names, str) else names:
                yield name, cand


def _area_names(areas: Iterable[Mapping[str, Any]]) -> Iterable[tuple[str, Candidate]]:
    for area in areas:
        cand = Candidate(area["region"], "city", 10**9)
        for name in [area["name"], *(area.get("variants") or [])]:
            yield name, cand


def _city_names(cities: Iterable[Mapping[str, Any]]) -> Iterable[tuple[str, Candidate]]:
    for city in cities:
        yield city["name"], Candidate(city["region"], "city", int(city.get("population") or 0))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, built once per process."""
    return build_gazetteer(
        load_json("regions.json"),
        load_json("areas.json", required=False),
        load_json("cities.json", required=False),
    )
