"""Language detection: a unigram model over each language's frequent words, accents folded.

Why accents are folded: OCR with a 7-bit engine and lossy mojibake drop them ("qualità" ->
"qualitA"), so the model must not depend on them. Function words carry the signal, and they
survive OCR noise far better than content words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..config import LANGUAGES

_TOKEN = re.compile(r"[^\W\d_]+")
# a word missing from a language's list counts as this many Zipf units below its rarest word
_MISSING_PENALTY = 1.0
# long documents are decided long before their end; bounding the tokens keeps detection cheap
_MAX_TOKENS = 5000


@dataclass(frozen=True)
class Lexicon:
    zipf: dict[str, dict[str, float]]  # language -> folded word -> Zipf frequency
    floor: dict[str, float]  # language -> score of a word not in its list
    fallback: str
    # folded word of any list -> its score in each of LANGUAGES (the floor where missing):
    # one lookup per token where six would be needed
    scores: dict[str, tuple[float, ...]]


def fold(word: str) -> str:
    """Lower-case and strip combining marks, the way the lexicon was built."""
    if word.isascii():  # most words: NFKD changes no ASCII letter
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    path = resources.files("mosaic_pipeline") / "resources" / "language" / "lexicon.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    zipf = {lang: data["zipf"][lang] for lang in LANGUAGES}
    floor = {lang: min(words.values()) - _MISSING_PENALTY for lang, words in zipf.items()}
    scores = {
        word: tuple(zipf[lang].get(word, floor[lang]) for lang in LANGUAGES)
        for word in sorted(set().union(*zipf.values()))
    }
    return Lexicon(zipf=zipf, floor=floor, fallback=data["meta"]["fallback"], scores=scores)


def tokens(text: str) -> list[str]:
    """Folded alphabetic tokens; digits and punctuation (OCR's favourite noise) split words."""
    return [fold(t) for t in _TOKEN.findall(text)]


def language_scores(text: str) -> dict[str, float]:
    """Log-likelihood (Zipf units) of the text's known words under each language."""
    table = lexicon().scores
    totals = [0.0] * len(LANGUAGES)
    for tok in tokens(text)[:_MAX_TOKENS]:
        row = table.get(tok)
        if row is None:
            continue  # a name or an OCR error: no evidence for any language
        for k, value in enumerate(row):
            totals[k] += value
    return dict(zip(LANGUAGES, totals, strict=True))


def detect_language(text: str) -> str:
    """The most likely of config.LANGUAGES; the lexicon's fallback when nothing is known.

    Deterministic: ties go to the earlier language in config.LANGUAGES.
    """
    scores = language_scores(text)
    if not any(scores.values()):
        return lexicon().fallback
    return max(LANGUAGES, key=lambda lang: (scores[lang], -LANGUAGES.index(lang)))


# shorter words say little: an upside-down page's OCR reads "a", "e", "de" by chance
_MIN_WORD_LETTERS = 3


def word_share(text: str, min_letters: int = _MIN_WORD_LETTERS) -> tuple[float, int]:
    """Share of the text's words of min_letters or more found in any language's list, and how
    many such words it has (0.0 and 0 when it has none): letters read at the wrong orientation
    of a page rarely make a word of three letters or more."""
    words = [t for t in tokens(text)[:_MAX_TOKENS] if len(t) >= min_letters]
    if not words:
        return 0.0, 0
    scores = lexicon().scores
    return sum(1 for t in words if t in scores) / len(words), len(words)


def known_word_share(text: str) -> float:
    """Share of alphabetic tokens found in any language's list (0.0 when there are none)."""
    return word_share(text, min_letters=1)[0]
