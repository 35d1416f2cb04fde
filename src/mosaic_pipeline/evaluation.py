"""`mosaic eval`: read the published tables and gold, score, print, write the JSON report, gate."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from . import io
from .errors import EvalBelowThresholdError, NoInputError
from .stages.evaluate import GATED, evaluate, regressions


def score_tables(out: Path, gold_dirs: list[Path]) -> dict[str, Any]:
    documents = io.read_table(out, "documents").to_pylist()
    if not documents:
        raise NoInputError(f"no documents table in {out}", "run `mosaic run SRC --out OUT` first")
    texts = {r["doc_id"]: r["text"] for r in io.read_table(out, "texts").to_pylist()}
    gold = io.load_gold(gold_dirs)
    return evaluate(documents, texts,
                    io.read_table(out, "figures").to_pylist(),
                    io.read_table(out, "mentions").to_pylist(),
                    io.read_table(out, "links").to_pylist(), gold)


def format_summary(report: dict[str, Any]) -> list[str]:
    lines = [f"{'scope':<14} {'docs':>4}  {'figures F1':>10} {'regions F1':>10} "
             f"{'links F1':>9} {'not_links':>9} {'CER median':>10}"]
    scopes = {"overall": report["overall"]}
    if len(report["groups"]) > 1:
        scopes.update(report["groups"])
    for name, s in scopes.items():
        cer = "-" if s["cer_median"] is None else f"{s['cer_median']:.4f}"
        lines.append(f"{name:<14} {s['n_docs']:>4}  {s['figures']['f1']:>10.4f} "
                     f"{s['regions']['f1']:>10.4f} {s['links']['f1']:>9.4f} "
                     f"{s['not_links']:>9} {cer:>10}")
    return lines


def format_details(report: dict[str, Any]) -> list[str]:
    lines = []
    for d in report["documents"]:
        cer = "-" if d["cer"] is None else f"{d['cer']:.4f}"
        lines.append(f"{d['group']}/{d['name']}: figures {d['figures']['f1']:.3f} regions "
                     f"{d['regions']['f1']:.3f} links {d['links']['f1']:.3f} CER {cer}")
        for m in d["misses"]:
            lines.append(f"  miss {_describe(m)}")
        for fp in d["false_positives"]:
            lines.append(f"  false positive {_describe(fp)}")
    return lines


def _describe(item: dict[str, Any]) -> str:
    keys = ("table", "region", "sector", "value", "unit", "surface", "sentence", "not_link")
    return " ".join(f"{k}={item[k]!r}" for k in keys if item.get(k) not in (None, False))


@dataclass(frozen=True)
class Gate:
    min_f1: float | None = None
    baseline: Path | None = None
    scope: str | None = None
    update: bool = False


def check_gate(report: dict[str, Any], gate: Gate) -> list[str]:
    failures = []
    if gate.min_f1 is not None:
        failures += [f"overall: {t} F1 {report['overall'][t]['f1']:.4f} < {gate.min_f1}"
                     for t in GATED if report["overall"][t]["f1"] < gate.min_f1]
    if gate.baseline is not None and gate.baseline.exists() and not gate.update:
        base = json.loads(gate.baseline.read_text(encoding="utf-8"))
        if gate.scope:
            base = base.get(gate.scope, {})
        failures += regressions(report, base)
    return failures


def update_baseline(report: dict[str, Any], gate: Gate) -> None:
    """Record the current scores (summaries only, no per-document detail) as the baseline."""
    assert gate.baseline is not None
    path = gate.baseline
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    section = {"overall": report["overall"], "groups": report["groups"]}
    if gate.scope:
        data[gate.scope] = section
    else:
        data = section
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def run_eval(out: Path, gold_dirs: list[Path], gate: Gate, report_path: Path | None,
             details: bool, quiet: bool) -> dict[str, Any]:
    report = score_tables(out, gold_dirs)
    if not report["documents"]:
        raise NoInputError(f"no document in {out} has gold in {', '.join(map(str, gold_dirs))}",
                           "gold is matched by the source file's name without its extension")
    target = report_path or out / "eval.json"
    target.write_text(json.dumps(report, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                      encoding="utf-8")
    if not quiet:
        lines = format_summary(report) + (format_details(report) if details else [])
        click.echo("\n".join(lines))
    if gate.update and gate.baseline is not None:
        update_baseline(report, gate)
    failures = check_gate(report, gate)
    if failures:
        raise EvalBelowThresholdError("evaluation below threshold:\n  " + "\n  ".join(failures))
    return report
