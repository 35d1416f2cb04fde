"""Dev measurement of the repair stage: run as a script, prints a table.

/work/main/.venv/bin/python tests/repair/measure.py [--worst N]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from mosaic_pipeline.metrics import cer
from mosaic_pipeline.repair.lexicon import get_lexicon
from mosaic_pipeline.stages.repair import repair

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_452218e2bf370e09.txt"


def _lang(name: str) -> str:
    return name.split("-", 1)[0] if "-" in name else "it"


def main() -> int:
    for lang in ("it", "en", "fr", "de", "es", "pt"):
        get_lexicon(lang)
    gold_seed = (CORPUS / "seed_gold" / "000_452218e2bf370e09.clean.txt").read_text()
    seed = SEED.read_text()
    t0 = time.process_time()
    reps = 20
    for _ in range(reps):
        fixed = repair(seed, "it")
    ms = (time.process_time() - t0) / reps * 1000
    print(
        f"seed: raw CER {cer(gold_seed, seed):.4%}  repaired {cer(gold_seed, fixed.text):.4%}  "
        f"edits {len(fixed.edits)}  {ms:.1f} ms CPU per repair"
    )
    print(f"{'doc':32} {'raw':>8} {'repaired':>9} {'cut':>7} {'clean edits':>11} {'mojibake':>9}")
    cuts, worse = [], []
    for gold in sorted((CORPUS / "gold").glob("*.clean.txt")):
        name = gold.name.removesuffix(".clean.txt")
        ref = gold.read_text()
        lossy = (CORPUS / "inputs" / "lossy" / f"{name}.txt").read_text()
        moj = (CORPUS / "inputs" / "mojibake" / f"{name}.txt").read_text()
        lang = _lang(name)
        before, after = cer(ref, lossy), cer(ref, repair(lossy, lang).text)
        cut = 1 - after / before if before else 0.0
        cuts.append(cut)
        if after > before:
            worse.append(name)
        clean_edits = len(repair(ref, lang).edits)
        moj_cer = cer(ref, repair(moj, lang).text)
        print(f"{name:32} {before:8.4%} {after:9.4%} {cut:7.1%} {clean_edits:11d} {moj_cer:9.4%}")
    print(f"median cut {statistics.median(cuts):.1%}; worse: {worse or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
