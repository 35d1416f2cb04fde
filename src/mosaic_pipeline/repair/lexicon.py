"""Word frequencies per language (wordfreq), loaded once per process and only when met."""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

from .channel import letter_form

SLOT = "\x00"  # stands for one non-ASCII letter in an index key
_TOP_N = 120_000
ALPHABET_SHARE = 0.002
CASEFOLD_MIN_ZIPF = 2.0
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
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@dataclass
class Lexicon:
    language: str
    zipf: dict[str, float]
    by_skeleton: dict[str, list[tuple[str, float]]]
    by_fold: dict[str, tuple[str, float]]
    letter_prior: dict[str, float]  # per non-ASCII letter: a small bonus for the common ones
    # what stands before an apostrophe in the language's elided forms ('quest' of
    # "quest'anno"), with the zipf of its most frequent form
    elision_heads: dict[str, float]

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
    weights: dict[str, float] = {}
    for entries in by_skeleton.values():
        for w, z in entries:
            for c in w:
                if not c.isascii():
                    weights[c] = weights.get(c, 0.0) + 10 ** (z - 6)
    total = sum(weights.values()) or 1.0
    # the language's own accented letters: loanwords bring others ('ğ' in German) that would
    # compete with the real ones for the same damaged form
    alphabet = {c for c, v in weights.items() if v / total >= ALPHABET_SHARE}
    alphabet |= _add_casefolded(language, zipf, by_skeleton)
    by_skeleton = {
        k: kept
        for k, entries in by_skeleton.items()
        if (kept := [(w, z) for w, z in entries if _in_alphabet(w, alphabet)])
    }
    top = max(weights.values(), default=1.0)
    prior = {c: 0.5 * weights.get(c, 0.0) / top for c in alphabet if c.isalpha()}
    return Lexicon(language, zipf, by_skeleton, by_fold, prior, _elision_heads(zipf))


def _elision_heads(zipf: dict[str, float]) -> dict[str, float]:
    heads: dict[str, float] = {}
    for w, z in zipf.items():
        head, sep, tail = w.partition("'")
        if sep and head.isalpha() and tail[:1].isalpha() and z > heads.get(head, 0.0):
            heads[head] = z
    return heads


def _add_casefolded(
    language: str, zipf: dict[str, float], by_skeleton: dict[str, list[tuple[str, float]]]
) -> set[str]:
    """'strasse' is how wordfreq lists 'straße': index the letter where its casefold stands,
    in the languages that write it. Returns the letters added to the alphabet."""
    from .channel import channel_data

    added: set[str] = set()
    for letter, spec in channel_data().get("casefolded_letters", {}).items():
        if letter.startswith("_") or language not in spec["languages"]:
            continue
        folded = spec["folded"]
        added.add(letter)
        for word, z in zipf.items():
            if folded not in word or z < CASEFOLD_MIN_ZIPF or not word.isalpha():
                continue
            at = word.find(folded)
            while at != -1:
                variant = word[:at] + letter + word[at + len(folded) :]
                key = skeleton(variant)
                if key is not None:
                    by_skeleton.setdefault(key, []).append((variant, z))
                at = word.find(folded, at + 1)
    for entries in by_skeleton.values():
        entries.sort(key=lambda e: -e[1])
    return added


def _in_alphabet(word: str, alphabet: set[str]) -> bool:
    return all(c.isascii() or c in alphabet for c in word)


@cache
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
