"""Recall of find_quantities against the gold figures, and the extras it produces.

For each corpus document and the seed: every gold figure's (value, unit, qualifier) should be
among the quantities found (value within 0.5 %); extras are quantities matching no gold figure.
Run: .venv/bin/python tests/extract/measure_quantities.py [-v]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from mosaic_pipeline.extract.quantities import Quantity, find_quantities

ROOT = Path(__file__).resolve().parents[1] / "corpus"


def _docs() -> list[tuple[str, Path]]:
    out = [(p.name[: -len(".clean.txt")], p) for p in sorted((ROOT / "gold").glob("*.clean.txt"))]
    out += [
        (p.name[: -len(".clean.txt")], p) for p in sorted((ROOT / "seed_gold").glob("*.clean.txt"))
    ]
    return out


def _same(q: Quantity, g: dict) -> bool:
    if q.unit != g["unit"] or q.qualifier != g["qualifier"]:
        return False
    v = float(g["value"])
    return abs(q.value - v) <= 0.005 * max(abs(v), 1e-9)


def measure(verbose: bool) -> tuple[int, int, int, float]:
    total_gold = total_hit = total_extra = 0
    elapsed = 0.0
    for name, path in _docs():
        text = path.read_text(encoding="utf-8")
        gold = [
            json.loads(line)
            for line in path.with_name(name + ".figures.jsonl")
            .read_text(encoding="utf-8")
            .splitlines()
            if line.strip()
        ]
        lang = name[:2] if name[:2] in ("it", "en", "fr", "de", "es", "pt") else "it"
        find_quantities(text, lang)  # warm: the first call per language compiles its patterns
        t0 = time.perf_counter()
        found = find_quantities(text, lang)
        elapsed += time.perf_counter() - t0
        unused = list(found)
        misses = []
        for g in gold:
            match = next((q for q in unused if _same(q, g)), None)
            if match is None:
                misses.append(g)
            else:
                unused.remove(match)
        hit = len(gold) - len(misses)
        total_gold += len(gold)
        total_hit += hit
        total_extra += len(unused)
        print(f"{name:32s} recall {hit:2d}/{len(gold):2d}  extras {len(unused):2d}")
        if verbose:
            for g in misses:
                print(f"    MISS  {g['surface']!r} {g['value']} {g['unit']} {g['qualifier']}")
            for q in unused:
                print(f"    EXTRA {q.surface!r} {q.value} {q.unit} {q.qualifier} [{q.rule}]")
    recall = total_hit / total_gold if total_gold else 1.0
    print(
        f"TOTAL recall {total_hit}/{total_gold} = {recall:.3f}  extras {total_extra}  "
        f"time {elapsed * 1000:.1f} ms for {len(_docs())} docs (warm)"
    )
    return total_gold, total_hit, total_extra, recall


if __name__ == "__main__":
    measure("-v" in sys.argv)
