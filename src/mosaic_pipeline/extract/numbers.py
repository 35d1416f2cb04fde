"""Reading numbers the way each language writes them: digits with local separators, number
words, scale words. The word lists live in resources/numbers/<lang>.json.

Digits are ambiguous across languages ("1.400" is 1400 in Italian and 1.4 in English), so every
reading takes the document's language; a separator followed by exactly three digits is a group
separator, any other is the decimal mark, which keeps OCR'd or foreign-style numbers sensible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .data import load_json

SUPPORTED = ("it", "en", "fr", "de", "es", "pt")
SPACES = " \u00a0\u202f\u2009"

_STR_LISTS = (
    "one_words",
    "and_words",
    "connectors",
    "of_words",
    "halves",
    "half_unit",
    "and_a_half",
    "half_blockers",
    "fillers",
    "range_between",
    "range_from",
    "range_and",
    "range_to",
    "time_before",
    "time_after",
    "restating_before",
    "idioms",
    "per_words",
    "stopwords",
    "months",
    "month_abbreviations",
    "ordinal_suffixes",
    "ordinal_nouns",
    "id_prefixes",
    "phone_labels",
    "multiplier_suffixes",
    "furniture_words",
    "time_labels",
)

_CASED_LISTS = frozenset({"months", "month_abbreviations"})


@dataclass(frozen=True, eq=False)
class NumberLexicon:
    """One language's number vocabulary (all lowercase except months)."""

    language: str
    decimal: str
    group: str
    space_groups: bool
    scales: dict[str, float]
    currency_scales: dict[str, float]
    number_words: dict[str, int]
    compound_morphemes: dict[str, int]
    fractions: dict[str, int]
    qualifiers: dict[str, tuple[str, ...]]
    lists: dict[str, tuple[str, ...]]
    multiplier_words: dict[str, int] = field(default_factory=dict)  # "doppio", "twice"
    nouns_capitalized: bool = False  # German: a capital marks a noun, not a name

    def words(self, name: str) -> tuple[str, ...]:
        return self.lists.get(name, ())

    def has(self, name: str, word: str) -> bool:
        """Whether `word` (lowercase) is in list `name`."""
        return word in _as_set(self, name)


@cache
def _as_set(lex: NumberLexicon, name: str) -> frozenset[str]:
    return frozenset(lex.lists.get(name, ()))


@cache
def lexicon(language: str) -> NumberLexicon:
    """The lexicon of `language`; an unknown language reads numbers as English does."""
    lang = language if language in SUPPORTED else "en"
    raw: dict[str, Any] = load_json(f"numbers/{lang}.json")
    lists = {
        name: tuple(w if name == "months" else w.lower() for w in raw.get(name, []))
        for name in _STR_LISTS
    }
    return NumberLexicon(
        language=lang,
        decimal=raw["decimal"],
        group=raw["group"],
        space_groups=bool(raw.get("space_groups", False)),
        scales={k.lower(): float(v) for k, v in raw.get("scales", {}).items()},
        currency_scales={k.lower(): float(v) for k, v in raw.get("currency_scales", {}).items()},
        number_words={k.lower(): int(v) for k, v in raw.get("number_words", {}).items()},
        compound_morphemes={
            k.lower(): int(v) for k, v in raw.get("compound_morphemes", {}).items()
        },
        fractions={k.lower(): int(v) for k, v in raw.get("fractions", {}).items()},
        qualifiers={k: tuple(x.lower() for x in v) for k, v in raw["qualifiers"].items()},
        lists=lists,
        multiplier_words={k.lower(): int(v) for k, v in raw.get("multiplier_words", {}).items()},
        nouns_capitalized=bool(raw.get("nouns_capitalized", False)),
    )


_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")
_SPACE_GROUPED = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?$")


def parse_digits(token: str, lex: NumberLexicon) -> float | None:
    """The value of a digit token such as "220.000", "1,5", "1,400", "150 000", "1.234,5"."""
    tok = token.strip()
    if not tok or not tok[0].isdigit():
        return None
    if any(sp in tok for sp in SPACES):
        if not _SPACE_GROUPED.match(tok):
            return None
        tok = "".join(c for c in tok if c not in SPACES)
    seps = [c for c in tok if c in ".,"]
    if not seps:
        return float(tok)
    if len(set(seps)) == 2:
        # both marks: the last one is the decimal mark
        dec = tok[max(tok.rfind("."), tok.rfind(","))]
        grp = "," if dec == "." else "."
        return _to_float(tok.replace(grp, "").replace(dec, "."))
    sep = seps[0]
    if len(seps) > 1:
        return _to_float(tok.replace(sep, "")) if _GROUPED.match(tok) else None
    frac = tok.split(sep)[1]
    is_group = len(frac) == 3 and sep == lex.group
    return _to_float(tok.replace(sep, "") if is_group else tok.replace(sep, "."))


def _to_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def word_number(word: str, lex: NumberLexicon) -> int | None:
    """The value of one number word ("eighteen", "ventitré", "einundzwanzig"), else None."""
    return _word_number(word.lower(), lex)


@cache
def _word_number(w: str, lex: NumberLexicon) -> int | None:
    if w in lex.number_words:
        return lex.number_words[w]
    if lex.compound_morphemes and len(w) >= 6:
        return _compound(w, lex.compound_morphemes)
    return None


def _compound(word: str, morphemes: dict[str, int]) -> int | None:
    """Split a written-together number into known parts and add / multiply them in order."""
    parts = _split(word, morphemes, {})
    if parts is None or len(parts) < 2:
        return None
    return compose([morphemes[p] for p in parts if morphemes[p] != 0])


def _split(
    word: str, morphemes: dict[str, int], memo: dict[str, list[str] | None]
) -> list[str] | None:
    if word == "":
        return []
    if word in memo:
        return memo[word]
    best: list[str] | None = None
    for i in range(len(word), 0, -1):
        head = word[:i]
        if head in morphemes:
            rest = _split(word[i:], morphemes, memo)
            if rest is not None:
                best = [head, *rest]
                break
    memo[word] = best
    return best


def compose(values: list[int]) -> int:
    """Combine number-word values left to right: 'two hundred five thousand' -> 205000."""
    total, current = 0, 0
    for v in values:
        if v == 100:
            current = max(current, 1) * 100
        elif v >= 1000:
            total += max(current, 1) * v
            current = 0
        else:
            current += v
    return total + current
