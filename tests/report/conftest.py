"""Published tables built from the seed's gold annotations, so report/show/status are tested
without the extraction stages (which other people are writing)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from mosaic_pipeline import io
from mosaic_pipeline.schemas import table_from_rows
from mosaic_pipeline.stages.matrix import matrix_table, wide_table

GOLD = Path(__file__).resolve().parents[1] / "corpus" / "seed_gold"
DOC = "000_452218e2bf370e09"
DOC_ID = "a" * 64
# One Italian word per sector, to give each gold link a real evidence span in the seed text.
EVIDENCE = {
    "drones": "droni", "robotics": "robot", "ai": "IA", "marine": "mare", "biotech": "biomedic",
    "telecom": "6G", "quantum": "quantistic", "nuclear": "fusione", "nev": "veicoli",
    "batteries": "batterie", "solar": "fotovoltaic", "innovation": "brevetti",
    "computing": "calcolo", "advanced_manufacturing": "manifattur", "hydrogen": "idrogeno",
    "clean_energy": "energia", "photonics": "ottic", "aerospace": "satelliti",
    "agritech": "agricol", "electronics": "elettronic",
}


def seed_rows(fingerprint: str = "fp-current") -> dict[str, list[dict[str, Any]]]:
    text = (GOLD / f"{DOC}.clean.txt").read_text(encoding="utf-8")
    gold = json.loads((GOLD / f"{DOC}.regions.json").read_text(encoding="utf-8"))
    figures, pos = [], {}
    for i, line in enumerate((GOLD / f"{DOC}.figures.jsonl").read_text().splitlines()):
        f = json.loads(line)
        start = text.find(f["surface"], pos.get(f["surface"], 0))
        pos[f["surface"]] = start + 1
        figures.append({
            "doc_id": DOC_ID, "region": f["region"], "sector": f["sector"], "metric": f["metric"],
            "value": f["value"], "unit": f["unit"], "qualifier": f["qualifier"], "year": None,
            "surface": f["surface"], "start": start, "end": start + len(f["surface"]),
            "sentence_id": i, "confidence": 0.9, "rule": "gold"})
    links = []
    for region, sectors in gold["sector_links"].items():
        for sector in sectors:
            start = max(text.find(EVIDENCE[sector]), 0)
            links.append({"doc_id": DOC_ID, "region": region, "sector": sector,
                          "evidence": text[start:start + len(EVIDENCE[sector])],
                          "start": start, "end": start + len(EVIDENCE[sector])})
    mentions = [{"doc_id": DOC_ID, "region": r, "region_kind": "province", "surface": r,
                 "start": 0, "end": 1, "sentence_id": 0} for r in gold["regions"]]
    return {
        "documents": [{
            "doc_id": DOC_ID, "source_path": f"seeds/{DOC}.txt", "other_paths": [],
            "media_type": "text/plain", "language": "it", "text_method": "text",
            "encoding": "utf-8", "n_pages": 1, "n_chars": len(text), "n_repairs": 2,
            "pipeline_version": "0.1.0", "fingerprint": fingerprint,
            "processed_at": "2026-11-28T20:00:00Z"}],
        "texts": [{"doc_id": DOC_ID, "raw_text": text, "text": text}],
        "repairs": [
            {"doc_id": DOC_ID, "raw_start": 0, "raw_end": 3, "before": "Ã¨", "after": "è",
             "rule": "mojibake", "confidence": 0.99},
            {"doc_id": DOC_ID, "raw_start": 10, "raw_end": 12, "before": "rn", "after": "m",
             "rule": "ocr_confusion", "confidence": 0.8}],
        "mentions": mentions,
        "figures": figures,
        "links": links,
        "quarantine": [{
            "source_path": "seeds/broken.pdf", "doc_id": "b" * 64, "stage": "ingest",
            "error_class": "encrypted", "message": "PDF is encrypted <no password>",
            "at": "2026-11-28T20:00:01Z", "fingerprint": fingerprint}],
        "runs": [
            {"run_id": "20261128T195900Z-0001", "started_at": "2026-11-28T19:59:00Z",
             "finished_at": "2026-11-28T19:59:30Z", "n_seen": 2, "n_processed": 1,
             "n_skipped": 0, "n_quarantined": 1, "pipeline_version": "0.1.0", "exit_code": 0},
            {"run_id": "20261128T200000Z-0002", "started_at": "2026-11-28T20:00:00Z",
             "finished_at": "2026-11-28T20:00:02Z", "n_seen": 2, "n_processed": 0,
             "n_skipped": 2, "n_quarantined": 0, "pipeline_version": "0.1.0", "exit_code": 0}],
    }


def publish_rows(out: Path, rows: dict[str, list[dict[str, Any]]]) -> Path:
    tables: dict[str, pa.Table] = {n: table_from_rows(n, r) for n, r in rows.items()}
    tables["matrix"] = matrix_table(tables["links"], tables["figures"])
    tables["matrix_wide"] = wide_table(tables["matrix"])
    io.publish(out, tables, "20261128T200000Z-0002")
    return out


@pytest.fixture
def publish(tmp_path: Path) -> Callable[..., Path]:
    """publish(rows=None, fingerprint=...) -> an output folder holding those tables."""
    def make(rows: dict[str, list[dict[str, Any]]] | None = None,
             fingerprint: str = "fp-current") -> Path:
        return publish_rows(tmp_path / "out", rows or seed_rows(fingerprint))
    return make


@pytest.fixture
def seed_out(publish: Callable[..., Path]) -> Path:
    return publish()


@pytest.fixture
def seed() -> Callable[..., dict[str, list[dict[str, Any]]]]:
    """seed(fingerprint=...) -> the rows of every table, to alter before publishing."""
    return seed_rows


@pytest.fixture(scope="session")
def reported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's tables with report.html and heatmap.png written once (read-only for tests):
    rendering the heatmap costs seconds on a loaded machine."""
    from click.testing import CliRunner

    from mosaic_pipeline.cli import cli

    out = publish_rows(tmp_path_factory.mktemp("reported") / "out", seed_rows())
    result = CliRunner().invoke(cli, ["report", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == (f"mosaic: report written to {out / 'report.html'} "
                             f"(heatmap {out / 'heatmap.png'})\n")
    return out
