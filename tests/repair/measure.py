"""Dev measurement of the repair stage: run as a script, prints a table.

/work/main/.venv/bin/python tests/repair/measure.py

Times are CPU time per repair() once the lexicons are loaded, the best of 7 runs of 10 (no
cache carries a decision from one call to the next: each run repairs the document afresh).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import ftfy

from mosaic_pipeline.metrics import cer
from mosaic_pipeline.repair.lexicon import get_lexicon
from mosaic_pipeline.stages.repair import repair

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_452218e2bf370e09.txt"
VARIANTS = ("lossy", "mojibake", "cp1252", "clean")


def _lang(name: str) -> str:
    return name.split("-", 1)[0] if "-" in name else "it"


def _cpu_ms(fn: Callable[[], object], runs: int = 7, number: int = 10) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        for _ in range(number):
            fn()
        best = min(best, (time.process_time() - t0) / number)
    return best * 1000


def _inputs(name: str) -> dict[str, str]:
    return {
        "lossy": (CORPUS / "inputs" / "lossy" / f"{name}.txt").read_text(encoding="utf-8"),
        "mojibake": (CORPUS / "inputs" / "mojibake" / f"{name}.txt").read_text(encoding="utf-8"),
        "cp1252": (CORPUS / "inputs" / "cp1252" / f"{name}.txt").read_bytes().decode("cp1252"),
        "clean": (CORPUS / "gold" / f"{name}.clean.txt").read_text(encoding="utf-8"),
    }


def main() -> int:
    for lang in ("it", "en", "fr", "de", "es", "pt"):
        get_lexicon(lang)
    gold_seed = (CORPUS / "seed_gold" / "000_452218e2bf370e09.clean.txt").read_text()
    seed = SEED.read_text()
    fixed = repair(seed, "it")
    print(
        f"seed: raw CER {cer(gold_seed, seed):.4%}  repaired {cer(gold_seed, fixed.text):.4%}  "
        f"edits {len(fixed.edits)}  {_cpu_ms(lambda: repair(seed, 'it')):.2f} ms CPU per repair "
        f"(ftfy.fix_text alone: {_cpu_ms(lambda: ftfy.fix_text(seed)):.2f} ms)"
    )
    head = f"{'doc':32} {'raw':>8} {'repaired':>9} {'cut':>7} {'clean edits':>11}"
    print(f"{head} {'mojibake':>9} {'cp1252':>8}")
    cuts: list[float] = []
    worse: list[str] = []
    ms: dict[str, list[float]] = {v: [] for v in VARIANTS}
    for gold in sorted((CORPUS / "gold").glob("*.clean.txt")):
        name = gold.name.removesuffix(".clean.txt")
        lang, ref, docs = _lang(name), gold.read_text(encoding="utf-8"), _inputs(name)
        before, after = cer(ref, docs["lossy"]), cer(ref, repair(docs["lossy"], lang).text)
        cut = 1 - after / before if before else 0.0
        cuts.append(cut)
        if after > before:
            worse.append(name)
        clean_edits = len(repair(ref, lang).edits)
        moj = cer(ref, repair(docs["mojibake"], lang).text)
        cp = cer(ref, repair(docs["cp1252"], lang).text)
        for variant, text in docs.items():
            per_kchar = _cpu_ms(partial(repair, text, lang), runs=3, number=3)
            ms[variant].append(per_kchar / len(text) * 1000)
        print(
            f"{name:32} {before:8.4%} {after:9.4%} {cut:7.1%} {clean_edits:11d} "
            f"{moj:9.4%} {cp:8.4%}"
        )
    print(f"median cut {statistics.median(cuts):.1%}; worse: {worse or 'none'}")
    print(
        "ms CPU per 1000 characters (median over the 18 documents): "
        + ", ".join(f"{v} {statistics.median(ms[v]):.2f}" for v in VARIANTS)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
