"""Word frequencies per language (wordfreq), loaded once per process and only when met."""

from __future__ import annotations

import hashlib
import sys
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from .. import cache as disk_cache
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
    accented: list[tuple[str, float]] = []  # every listing of a non-ASCII word, in list order
    elided: list[str] = []  # the words with an apostrophe
    n = 0
    for centibels, words in enumerate(wordfreq.get_frequency_list(language)):
        z = round(9.0 - centibels / 100.0, 2)
        zipf.update(dict.fromkeys(words, z))
        elided += [w for w in words if "'" in w]
        accented += [(w, z) for w in words if not w.isascii() and w.replace("'", "").isalpha()]
        n += len(words)
        if n >= _TOP_N:
            break
    # one translate of all the words, one per line (a word is letters and apostrophes), where
    # a translate per word pays a call per word
    lines = "\n".join(w for w, _ in accented)
    keys = lines.translate(_SLOTS).split("\n")
    folds = lines.translate(_FOLD).split("\n")
    split = lines.translate(_NON_ASCII_LINES).split("\n")
    letters = dict(zip((w for w, _ in accented), split, strict=True))
    by_skeleton: dict[str, list[tuple[str, float]]] = {}
    by_fold: dict[str, tuple[str, float]] = {}
    for (w, z), key, fold in zip(accented, keys, folds, strict=True):
        if _NO_SLOT not in key:  # skeleton(w) is not None
            by_skeleton.setdefault(key, []).append((w, z))
        if fold.isascii() and fold not in by_fold:
            by_fold[fold] = (w, z)
    weights: dict[str, float] = {}
    for entries in by_skeleton.values():
        for w, z in entries:
            weight = 10 ** (z - 6)
            for c in letters[w]:
                weights[c] = weights.get(c, 0.0) + weight
    total = sum(weights.values()) or 1.0
    # the language's own accented letters: loanwords bring others ('ğ' in German) that would
    # compete with the real ones for the same damaged form
    alphabet = {c for c, v in weights.items() if v / total >= ALPHABET_SHARE}
    alphabet |= _add_casefolded(language, zipf, by_skeleton, letters)
    by_skeleton = {
        k: kept
        for k, entries in by_skeleton.items()
        if (kept := [(w, z) for w, z in entries if alphabet.issuperset(letters[w])])
    }
    top = max(weights.values(), default=1.0)
    prior = {c: 0.5 * weights.get(c, 0.0) / top for c in alphabet if c.isalpha()}
    return Lexicon(language, zipf, by_skeleton, by_fold, prior, _elision_heads(zipf, elided))


class _PerChar(dict[int, str]):
    """A str.translate table of a function of one character, filled as characters are met:
    the build translates each word in C, where a loop would call the function per letter.
    ASCII stays as it is, as it does in skeleton() and strip_accents()."""

    def __init__(self, fn: Callable[[str], str]) -> None:
        super().__init__((c, chr(c)) for c in range(128))
        self._fn = fn

    def __missing__(self, code: int) -> str:
        out = self[code] = self._fn(chr(code))
        return out


_NO_SLOT = "\uffff"  # a non-ASCII letter skeleton() rejects (U+FFFF is no letter itself)
_SLOTS = _PerChar(lambda c: _NO_SLOT if skeleton(c) is None else SLOT)  # c: non-ASCII
# strip_accents() one character at a time: NFD decomposes each character on its own, and
# its reordering only moves combining marks, all of which are dropped
_FOLD = _PerChar(strip_accents)
# deletes ASCII but for line breaks: the non-ASCII letters of each word of a list, a line each
_NON_ASCII_LINES = {c: None for c in range(128) if c != ord("\n")}


def _elision_heads(zipf: dict[str, float], elided: list[str]) -> dict[str, float]:
    heads: dict[str, float] = {}
    for w in elided:
        z = zipf[w]
        head, sep, tail = w.partition("'")
        if sep and head.isalpha() and tail[:1].isalpha() and z > heads.get(head, 0.0):
            heads[head] = z
    return heads


def _add_casefolded(
    language: str,
    zipf: dict[str, float],
    by_skeleton: dict[str, list[tuple[str, float]]],
    letters: dict[str, str],
) -> set[str]:
    """'strasse' is how wordfreq lists 'straße': index the letter where its casefold stands,
    in the languages that write it (and note the non-ASCII letters of each such variant in
    letters). Returns the letters added to the alphabet."""
    from .channel import channel_data

    added: set[str] = set()
    variants: list[tuple[str, float]] = []
    for letter, spec in channel_data().get("casefolded_letters", {}).items():
        if letter.startswith("_") or language not in spec["languages"]:
            continue
        folded = spec["folded"]
        added.add(letter)
        for word in [w for w in zipf if folded in w]:
            z = zipf[word]
            if z < CASEFOLD_MIN_ZIPF or not word.isalpha():
                continue
            at = word.find(folded)
            while at != -1:
                variants.append((word[:at] + letter + word[at + len(folded) :], z))
                at = word.find(folded, at + 1)
    if variants:  # one translate for all of them, as in _build
        lines = "\n".join(v for v, _ in variants)
        split = lines.translate(_NON_ASCII_LINES).split("\n")
        letters.update(zip((v for v, _ in variants), split, strict=True))
        for (variant, z), key in zip(variants, lines.translate(_SLOTS).split("\n"), strict=True):
            if _NO_SLOT not in key:
                by_skeleton.setdefault(key, []).append((variant, z))
    for entries in by_skeleton.values():
        if len(entries) > 1:
            entries.sort(key=lambda e: -e[1])
    return added


@cache
def _cached(language: str) -> Lexicon:
    # a worker meeting six languages would spend about two seconds building them; their
    # pickles load in a tenth of that (cache.py: only when the engine set a folder)
    return disk_cache.cached(f"lexicon-{language}", _build_key(language),
                             lambda: _build(language))


def _build_key(language: str) -> str:
    """What a built lexicon depends on: wordfreq's lists, this builder, the channel data and
    the Unicode tables of this Python."""
    from . import channel

    h = hashlib.sha256(f"{language} {metadata.version('wordfreq')}".encode())
    h.update(f"{sys.version_info[:2]} {unicodedata.unidata_version}".encode())
    for module in (__file__, channel.__file__):
        h.update(Path(module).read_bytes())
    data = resources.files("mosaic_pipeline").joinpath("resources", "repair", "channel.json")
    h.update(data.read_bytes())
    return h.hexdigest()[:16]


def get_lexicon(language: str) -> Lexicon:
    """The lexicon of a language, built on first use and kept for the process."""
    with _LOCK:
        lex = _cached(language)
    _drop_wordfreq_caches()
    return lex


def _drop_wordfreq_caches() -> None:
    # wordfreq keeps every full list it read; our compact copy is all we need (and a lexicon
    # loaded from the cache never imported wordfreq at all)
    wordfreq = sys.modules.get("wordfreq")
    if wordfreq is None:
        return

    for name in ("get_frequency_list", "get_frequency_dict", "read_cBpack"):
        fn = getattr(wordfreq, name, None)
        clear = getattr(fn, "cache_clear", None)
        if clear is not None:
            clear()
