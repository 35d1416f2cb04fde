"""Time extract.run() per document, once loaded, against the floor of the whole pipeline.

    .venv/bin/python tests/extract/time_extract.py            # seed, corpus, held-out set
    .venv/bin/python tests/extract/time_extract.py --rounds 20

Every text is a new document each time: the per-text caches (word index, cue scans) are
cleared between runs, so no run reuses the previous run's work. The floor is what the brief
measures the pipeline against: ftfy.fix_text on the raw seed plus spacy.blank(lang)
tokenization of the clean seed. Timings are medians over the rounds.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ftfy
import spacy

from mosaic_pipeline.extract import cues, text
from mosaic_pipeline.extract.pipeline import run

TESTS = Path(__file__).resolve().parents[1]
SEED_CLEAN = TESTS / "corpus" / "seed_gold" / "000_452218e2bf370e09.clean.txt"
SEED_RAW = TESTS.parent / "seeds" / "000_452218e2bf370e09.txt"


def _fresh() -> None:
    """Forget the per-text caches so a repeated text costs what a new one does."""
    text.word_index.cache_clear()
    text.word_spans.cache_clear()
    for language in ("it", "en", "fr", "de", "es", "pt"):
        cues.load_cues(language)._last.clear()


def _times(fn: Callable[[], object], rounds: int, fresh: bool = True) -> list[float]:
    out = []
    for _ in range(rounds):
        if fresh:
            _fresh()
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _docs(folder: Path) -> list[tuple[str, str]]:
    return [(p.read_text(encoding="utf-8"), p.name[:2]) for p in sorted(folder.glob("*.clean.txt"))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    seed = SEED_CLEAN.read_text(encoding="utf-8")
    groups = {
        "seed": [(seed, "it")],
        "corpus": _docs(TESTS / "corpus" / "gold"),
        "heldout": _docs(TESTS / "heldout"),
    }
    for docs in groups.values():  # load every language's pipeline and data first
        for body, language in docs:
            run(body, language)
    blank = spacy.blank("it")
    raw = SEED_RAW.read_text(encoding="utf-8")
    fix = statistics.median(_times(lambda: ftfy.fix_text(raw), args.rounds, fresh=False))
    tok = statistics.median(_times(lambda: blank(seed), args.rounds, fresh=False))
    floor = fix + tok
    print(f"floor (seed): ftfy {fix:.2f} ms + blank tokenization {tok:.2f} ms = {floor:.2f} ms")
    for name, docs in groups.items():
        per_doc = [
            statistics.median(_times(functools.partial(run, body, language), args.rounds))
            for body, language in docs
        ]
        chars = sum(len(b) for b, _ in docs) / len(docs)
        ms = statistics.mean(per_doc)
        print(
            f"{name:8} {len(docs):3} docs  {chars:6.0f} chars/doc  {ms:6.2f} ms/doc  "
            f"{ms / floor:4.2f} x floor  {ms / chars * 6661:6.2f} ms per seed-sized doc"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
