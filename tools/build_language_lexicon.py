"""Regenerate lexicon.json (run by hand; not used at run time).

    .venv/bin/python tools/build_language_lexicon.py

For each language, wordfreq's most frequent words, lower-cased and accent-folded the same way
stages/language.py folds its input (OCR and lossy mojibake drop accents: "qualità" -> "qualita"),
with the Zipf frequencies of words that fold together summed. Only alphabetic words are kept.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from importlib.metadata import version
from pathlib import Path

import wordfreq

LANGS = ("it", "en", "fr", "de", "es", "pt")
TOP_N = 3000
_ALPHA = re.compile(r"[a-zß]+")


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def build() -> dict[str, object]:
    words: dict[str, dict[str, float]] = {}
    for lang in LANGS:
        freq: dict[str, float] = {}
        for word in wordfreq.top_n_list(lang, TOP_N):
            key = fold(word)
            if _ALPHA.fullmatch(key):
                freq[key] = freq.get(key, 0.0) + wordfreq.word_frequency(word, lang)
        # Zipf = log10 of the frequency per billion words
        words[lang] = {w: round(math.log10(f * 1e9), 2) for w, f in sorted(freq.items())}
    return {
        "meta": {
            "source": f"wordfreq {version('wordfreq')} top_n_list({TOP_N}) per language,"
            " lower-cased, accents folded (NFKD), Zipf scale",
            "fallback": "en",
        },
        "zipf": words,
    }


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    out = root / "src/mosaic_pipeline/resources/language/lexicon.json"
    out.write_text(json.dumps(build(), ensure_ascii=False, sort_keys=True, indent=0) + "\n")
    print(f"wrote {out}")
