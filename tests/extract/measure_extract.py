"""Score extract() on the corpus clean texts and the seed against their gold (design.md scoring).

    .venv/bin/python tests/extract/measure_extract.py            # quantities from quantities.py
    .venv/bin/python tests/extract/measure_extract.py --oracle   # gold quantities: attribution only
    .venv/bin/python tests/extract/measure_extract.py --quiet    # per-document table only
    .venv/bin/python tests/extract/measure_extract.py --heldout  # tests/heldout instead

Figures match on (region, unit, value within 0.5 %), each gold figure at most once; regions are
a set per document; links a set of (region, sector) per document. Misses and false positives are
listed with their sentences.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mosaic_pipeline.extract.pipeline import run
from mosaic_pipeline.metrics import prf
from mosaic_pipeline.records import Extraction, Figure

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
HELDOUT = Path(__file__).resolve().parents[1] / "heldout"
SEED = "000_452218e2bf370e09"


@dataclass(frozen=True)
class GoldQuantity:
    """A gold figure located in the text, standing in for quantities.Quantity (--oracle)."""

    start: int
    end: int
    surface: str
    value: float
    unit: str
    qualifier: str | None
    noun: str | None
    rule: str
    confidence: float


def documents(heldout: bool = False) -> list[tuple[str, Path]]:
    if heldout:
        names = sorted(p.name[: -len(".clean.txt")] for p in HELDOUT.glob("*.clean.txt"))
        return [(d, HELDOUT) for d in names]
    docs = sorted(p.name[: -len(".clean.txt")] for p in (CORPUS / "gold").glob("*.clean.txt"))
    return [(d, CORPUS / "gold") for d in docs] + [(SEED, CORPUS / "seed_gold")]


def load_gold(doc: str, folder: Path) -> tuple[str, str, list[dict[str, Any]], dict[str, Any]]:
    text = (folder / f"{doc}.clean.txt").read_text(encoding="utf-8")
    figures_path = folder / f"{doc}.figures.jsonl"
    figures = [json.loads(x) for x in figures_path.read_text(encoding="utf-8").splitlines() if x]
    regions = json.loads((folder / f"{doc}.regions.json").read_text(encoding="utf-8"))
    return text, regions.get("language", doc[:2]), figures, regions


def oracle_quantities(text: str, figures: list[dict[str, Any]]) -> list[GoldQuantity]:
    used: set[int] = set()
    out = []
    for fig in figures:
        body = r"\s+".join(map(re.escape, fig["surface"].split()))
        pattern = re.compile(rf"(?<![\w.,]){body}(?![\w])")
        for m in pattern.finditer(text):
            if m.start() not in used:
                used.add(m.start())
                out.append(
                    GoldQuantity(
                        m.start(),
                        m.end(),
                        fig["surface"],
                        fig["value"],
                        fig["unit"],
                        fig["qualifier"],
                        None,
                        "gold",
                        1.0,
                    )
                )
                break
    return out


def match_figures(
    pred: tuple[Figure, ...],
    gold: list[dict[str, Any]],
    pairs: list[tuple[Figure, Any]] | None = None,
) -> tuple[int, list[Figure], list[dict[str, Any]]]:
    """(matches, false positives, misses); matched (prediction, gold) pairs go into pairs."""
    free = list(pred)
    misses = []
    for g in gold:
        hit = next(
            (
                p
                for p in free
                if p.region == g["region"]
                and p.unit == g["unit"]
                and abs(p.value - g["value"]) <= 0.005 * max(abs(g["value"]), 1e-9)
            ),
            None,
        )
        if hit is None:
            misses.append(g)
        else:
            free.remove(hit)
            if pairs is not None:
                pairs.append((hit, g))
    return len(gold) - len(misses), free, misses


def sentence_of(text: str, pos: int) -> str:
    start = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos)) + 1
    ends = [e for e in (text.find("\n", pos), text.find(". ", pos)) if e != -1]
    return " ".join(text[start : min(ends) if ends else len(text)].split())[:220]


def gold_links(regions: dict[str, Any]) -> set[tuple[str, str]]:
    return {(r, s) for r, sectors in regions.get("sector_links", {}).items() for s in sectors}


def corpus_scores(oracle: bool = False) -> dict[str, tuple[float, float, float]]:
    """(P, R, F1) of figures, regions and links over the corpus and the seed."""
    totals = {"fig": [0, 0, 0], "reg": [0, 0, 0], "link": [0, 0, 0]}
    for doc, folder in documents():
        text, language, gold_figs, gold_regions = load_gold(doc, folder)
        quantities = oracle_quantities(text, gold_figs) if oracle else None
        result = run(text, language, quantities)
        tp, _, _ = match_figures(result.figures, gold_figs)
        pred_regions = {m.region for m in result.mentions}
        pred_links = {(k.region, k.sector) for k in result.links}
        gregions, glinks = set(gold_regions["regions"]), gold_links(gold_regions)
        rows = {
            "fig": (tp, len(result.figures), len(gold_figs)),
            "reg": (len(pred_regions & gregions), len(pred_regions), len(gregions)),
            "link": (len(pred_links & glinks), len(pred_links), len(glinks)),
        }
        for key, row in rows.items():
            for i, n in enumerate(row):
                totals[key][i] += n
    return {key: prf(*t) for key, t in totals.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--oracle", action="store_true", help="use the gold quantities")
    parser.add_argument("--quiet", action="store_true", help="no misses / false positives")
    parser.add_argument("--heldout", action="store_true", help="score tests/heldout instead")
    args = parser.parse_args()
    totals = {"fig": [0, 0, 0], "reg": [0, 0, 0], "link": [0, 0, 0]}
    not_link_hits = 0
    matched: list[tuple[Figure, Any]] = []
    print(f"{'doc':34} {'figF1':>6} {'regF1':>6} {'linkF1':>6}")
    for doc, folder in documents(args.heldout):
        text, language, gold_figs, gold_regions = load_gold(doc, folder)
        quantities = oracle_quantities(text, gold_figs) if args.oracle else None
        result: Extraction = run(text, language, quantities)
        tp, fps, misses = match_figures(result.figures, gold_figs, matched)
        pred_regions = {m.region for m in result.mentions}
        gregions = set(gold_regions["regions"])
        pred_links = {(k.region, k.sector) for k in result.links}
        glinks = gold_links(gold_regions)
        bad = {
            (r, s) for r, sectors in gold_regions.get("not_links", {}).items() for s in sectors
        } & pred_links
        not_link_hits += len(bad)
        rows = {
            "fig": (tp, len(result.figures), len(gold_figs)),
            "reg": (len(pred_regions & gregions), len(pred_regions), len(gregions)),
            "link": (len(pred_links & glinks), len(pred_links), len(glinks)),
        }
        for key, (a, b, c) in rows.items():
            totals[key][0] += a
            totals[key][1] += b
            totals[key][2] += c
        f1 = {k: prf(*v)[2] for k, v in rows.items()}
        print(f"{doc:34} {f1['fig']:6.3f} {f1['reg']:6.3f} {f1['link']:6.3f}")
        if args.quiet:
            continue
        for g in misses:
            print(f"   MISS fig {g['region']} {g['value']} {g['unit']} «{g['surface']}»")
        for p in fps:
            print(
                f"   FP   fig {p.region} {p.value} {p.unit} «{p.surface}» [{p.rule}] "
                f"| {sentence_of(text, p.start)}"
            )
        for r in sorted(gregions - pred_regions):
            print(f"   MISS region {r}")
        for r in sorted(pred_regions - gregions):
            surf = [m.surface for m in result.mentions if m.region == r]
            print(f"   FP   region {r} {surf}")
        for r, s in sorted(glinks - pred_links):
            print(f"   MISS link {r} {s}")
        for r, s in sorted(pred_links - glinks):
            ev = next(k.evidence for k in result.links if (k.region, k.sector) == (r, s))
            tag = "NOT_LINK" if (r, s) in bad else "FP  "
            print(f"   {tag} link {r} {s} | {' '.join(ev.split())[:200]}")
    print("-" * 56)
    for key, (a, b, c) in totals.items():
        p, r, f = prf(a, b, c)
        print(f"{key:5} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={a} pred={b} gold={c})")
    print(f"not_links predicted: {not_link_hits}")
    same = sum(p.sector == g["sector"] for p, g in matched)
    print(f"sector of matched figures equal to gold: {same}/{len(matched)}")
    if not args.quiet:
        for p, g in matched:
            if p.sector != g["sector"]:
                print(f"   SECTOR {p.region} «{p.surface}» {p.sector} (gold {g['sector']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
