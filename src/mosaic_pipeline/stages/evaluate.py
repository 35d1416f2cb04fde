"""Score the tables against gold annotations, as design.md defines the scores.

Pure functions: the CLI reads the tables and the gold files and hands them in as rows.
Documents are matched to gold by name (the source file's stem), so a document's text, PDF and
scan variants all meet the same gold; scores are also broken down by the source's folder
(the corpus keeps one variant per folder).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from ..metrics import cer, prf

VALUE_TOLERANCE = 0.005  # relative


@dataclass(frozen=True)
class Gold:
    doc: str
    clean: str | None
    figures: tuple[Mapping[str, Any], ...]
    regions: frozenset[str]
    links: frozenset[tuple[str, str]]
    not_links: frozenset[tuple[str, str]]


@dataclass
class Counts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    def scores(self) -> dict[str, float]:
        p, r, f = prf(self.tp, self.n_pred, self.n_gold)
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "tp": self.tp,
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
        }


@dataclass
class DocScore:
    doc_id: str
    name: str
    group: str
    cer: float | None
    figures: Counts
    regions: Counts
    links: Counts
    not_links: int
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)


def doc_name(source_path: str) -> str:
    return PurePath(source_path).name.split(".")[0]


def match_figures(
    pred: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]
) -> tuple[list[int], list[int]]:
    """Greedy one-to-one matching; returns unmatched prediction and gold indices."""
    used: set[int] = set()
    unmatched_gold = []
    for gi, g in enumerate(gold):
        hit = next((pi for pi, p in enumerate(pred) if pi not in used and _same(p, g)), None)
        if hit is None:
            unmatched_gold.append(gi)
        else:
            used.add(hit)
    return [i for i in range(len(pred)) if i not in used], unmatched_gold


def _same(p: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    if p["region"] != g["region"] or p["unit"] != g["unit"]:
        return False
    gv, pv = float(g["value"]), float(p["value"])
    return abs(pv - gv) <= VALUE_TOLERANCE * max(abs(gv), 1e-9)


def score_document(
    doc: Mapping[str, Any],
    text: str | None,
    figures: Sequence[Mapping[str, Any]],
    regions: set[str],
    links: set[tuple[str, str]],
    gold: Gold,
) -> DocScore:
    fp_idx, miss_idx = match_figures(figures, gold.figures)
    n_fig_tp = len(figures) - len(fp_idx)
    s = DocScore(
        doc_id=doc["doc_id"],
        name=gold.doc,
        group=PurePath(doc["source_path"]).parent.name,
        cer=cer(gold.clean, text) if gold.clean is not None and text is not None else None,
        figures=Counts(n_fig_tp, len(figures), len(gold.figures)),
        regions=Counts(len(regions & gold.regions), len(regions), len(gold.regions)),
        links=Counts(len(links & gold.links), len(links), len(gold.links)),
        not_links=len(links & gold.not_links),
    )
    s.misses = [{"table": "figures", **gold.figures[i]} for i in miss_idx]
    s.misses += [{"table": "regions", "region": r} for r in sorted(gold.regions - regions)]
    s.misses += [
        {"table": "links", "region": r, "sector": k} for r, k in sorted(gold.links - links)
    ]
    s.false_positives = [{"table": "figures", **_fig_view(figures[i], text)} for i in fp_idx]
    s.false_positives += [{"table": "regions", "region": r} for r in sorted(regions - gold.regions)]
    s.false_positives += [
        {"table": "links", "region": r, "sector": k, "not_link": (r, k) in gold.not_links}
        for r, k in sorted(links - gold.links)
    ]
    return s


def _fig_view(f: Mapping[str, Any], text: str | None) -> dict[str, Any]:
    view = {k: f[k] for k in ("region", "value", "unit", "sector", "qualifier", "surface")}
    if text is not None:
        view["sentence"] = _sentence_around(text, int(f["start"]), int(f["end"]))
    return view


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(ends) + 1 if ends else len(text)
    return " ".join(text[left:right].split())


def summarize(scores: Sequence[DocScore]) -> dict[str, Any]:
    total = {"figures": Counts(), "regions": Counts(), "links": Counts()}
    for s in scores:
        total["figures"].add(s.figures)
        total["regions"].add(s.regions)
        total["links"].add(s.links)
    cers = sorted(s.cer for s in scores if s.cer is not None)
    return {
        "n_docs": len(scores),
        **{k: v.scores() for k, v in total.items()},
        "not_links": sum(s.not_links for s in scores),
        "cer_median": round(cers[len(cers) // 2], 5) if cers else None,
        "cer_max": round(cers[-1], 5) if cers else None,
    }


def evaluate(
    documents: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    figures: Sequence[Mapping[str, Any]],
    mentions: Sequence[Mapping[str, Any]],
    links: Sequence[Mapping[str, Any]],
    gold: Mapping[str, Gold],
) -> dict[str, Any]:
    """Scores overall, per folder (variant) and per document, with misses and false positives."""
    figs_by, regs_by, links_by = defaultdict(list), defaultdict(set), defaultdict(set)
    for f in figures:
        figs_by[f["doc_id"]].append(f)
    for m in mentions:
        regs_by[m["doc_id"]].add(m["region"])
    for lk in links:
        links_by[lk["doc_id"]].add((lk["region"], lk["sector"]))
    scores = []
    for doc in sorted(documents, key=lambda d: d["source_path"]):
        g = gold.get(doc_name(doc["source_path"]))
        if g is None:
            continue
        d = doc["doc_id"]
        scores.append(score_document(doc, texts.get(d), figs_by[d], regs_by[d], links_by[d], g))
    groups: dict[str, list[DocScore]] = defaultdict(list)
    for s in scores:
        groups[s.group].append(s)
    return {
        "overall": summarize(scores),
        "groups": {k: summarize(v) for k, v in sorted(groups.items())},
        "documents": [_doc_report(s) for s in scores],
        "unmatched_documents": sorted(
            doc_name(d["source_path"]) for d in documents if doc_name(d["source_path"]) not in gold
        ),
    }


def _doc_report(s: DocScore) -> dict[str, Any]:
    return {
        "name": s.name,
        "group": s.group,
        "doc_id": s.doc_id,
        "cer": None if s.cer is None else round(s.cer, 5),
        "figures": s.figures.scores(),
        "regions": s.regions.scores(),
        "links": s.links.scores(),
        "not_links": s.not_links,
        "misses": s.misses,
        "false_positives": s.false_positives,
    }


GATED = ("figures", "regions", "links")


def regressions(
    report: Mapping[str, Any], baseline: Mapping[str, Any], tolerance: float = 0.02
) -> list[str]:
    """Every F1 (overall and per group) more than `tolerance` below the baseline's, and CER
    medians more than `tolerance`/10 above it (CER lives on a smaller scale)."""
    found = []
    scopes = {"overall": report["overall"], **report["groups"]}
    base_scopes = {"overall": baseline.get("overall", {}), **baseline.get("groups", {})}
    for scope, base in base_scopes.items():
        now = scopes.get(scope)
        if now is None:
            continue
        for table in GATED:
            b = base.get(table, {}).get("f1")
            if b is not None and now[table]["f1"] < b - tolerance:
                found.append(f"{scope}: {table} F1 {now[table]['f1']:.4f} < baseline {b:.4f}")
        bc, nc = base.get("cer_median"), now.get("cer_median")
        if bc is not None and nc is not None and nc > bc + tolerance / 10:
            found.append(f"{scope}: median CER {nc:.4f} > baseline {bc:.4f}")
    return found
