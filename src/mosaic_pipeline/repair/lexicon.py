"""Word frequencies per language (wordfreq), loaded once per process and only when met."""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .channel import letter_form

SLOT = "\x00"  # stands for one non-ASCII letter in an index key
_TOP_N = 120_000
_LOCK = threading.Lock()


def normalize_apostrophe(word: str) -> str:
    return word.replace("\u2019", "'")


def skeleton(word: str) -> str | None:
    """The index key: lower-case ASCII letters kept, each degradable non-ASCII letter a SLOT."""
    out = []
    for c in word:
        if c.isascii():
            out.append(c)
        elif c.isalpha() and _latin(c) and letter_form(c) is not None:
            out.append(SLOT)
        else:
            return None
    return "".join(out)


def _latin(c: str) -> bool:
    return unicodedata.name(c, "").startswith("LATIN")


def strip_accents(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)
    )


@dataclass
class Lexicon:
    language: str
    zipf: dict[str, float]
    by_skeleton: dict[str, list[tuple[str, float]]]
    by_fold: dict[str, tuple[str, float]]

    def freq(self, word: str) -> float:
        return self.zipf.get(normalize_apostrophe(word).lower(), 0.0)

    def known(self, word: str, min_zipf: float = 1.0) -> bool:
        return self.freq(word) >= min_zipf


def _build(language: str) -> Lexicon:
    import wordfreq

    zipf: dict[str, float] = {}
    by_skeleton: dict[str, list[tuple[str, float]]] = {}
    by_fold: dict[str, tuple[str, float]] = {}
    n = 0
    for centibels, words in enumerate(wordfreq.get_frequency_list(language)):
        z = round(9.0 - centibels / 100.0, 2)
        for w in words:
            zipf[w] = z
            if not w.isascii() and w.replace("'", "").isalpha():
                key = skeleton(w)
                if key is not None:
                    by_skeleton.setdefault(key, []).append((w, z))
                fold = strip_accents(w)
                if fold.isascii() and fold not in by_fold:
                    by_fold[fold] = (w, z)
            n += 1
        if n >= _TOP_N:
            break
    return Lexicon(language, zipf, by_skeleton, by_fold)


@lru_cache(maxsize=None)
def _cached(language: str) -> Lexicon:
    return _build(language)


def get_lexicon(language: str) -> Lexicon:
    """The lexicon of a language, built on first use and kept for the process."""
    with _LOCK:
        lex = _cached(language)
    _drop_wordfreq_caches()
    return lex


def _drop_wordfreq_caches() -> None:
    # wordfreq keeps every full list it read; our compact copy is all we need
    import wordfreq

    for name in ("get_frequency_list", "get_frequency_dict", "read_cBpack"):
        fn = getattr(wordfreq, name, None)
        clear = getattr(fn, "cache_clear", None)
        if clear is not None:
            clear()
