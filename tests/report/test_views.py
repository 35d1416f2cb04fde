"""Library functions behind `show` and `status`: sentences, values, filters, formats, staleness."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mosaic_pipeline import views
from mosaic_pipeline.schemas import table_from_rows

HERE = Path(__file__).parent


def _cases(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (HERE / name).read_text().splitlines() if line]


@pytest.mark.parametrize("case", _cases("sentences.jsonl"), ids=lambda c: c["label"])
def test_sentence_around(case: dict[str, Any]) -> None:
    marked = case["input"]["text"]
    start = marked.index("[[")
    end = marked.index("]]") - 2
    text = marked.replace("[[", "").replace("]]", "")
    assert views.sentence_around(text, start, end, case["input"]["language"]) == case["expected"]
    before, mid, after = views.sentence_parts(text, start, end, case["input"]["language"])
    assert mid == text[start:end]
    assert before + mid + after == case["expected"]


@pytest.mark.parametrize("case", _cases("values.jsonl"), ids=lambda c: c["label"])
def test_format_value(case: dict[str, Any]) -> None:
    assert views.format_value(case["input"]) == case["expected"]


DOC_ID = "a" * 64  # the seed document's id in the fixture tables


@pytest.fixture
def tables(seed: Any) -> Any:
    """tables(**rows) -> the seed's tables with some tables' rows replaced."""
    def make(**overrides: Any) -> dict[str, Any]:
        rows = seed()
        rows.update(overrides)
        return {name: table_from_rows(name, r) for name, r in rows.items()}
    return make


def test_figure_rows_filter_and_sentence(tables: Any, seed: Any) -> None:
    rows = views.figure_rows(tables(), region="CN-NM")
    assert [(r["value"], r["unit"], r["surface"]) for r in rows] == [
        ("220000", "PFLOPS", "220.000 PetaFLOPS")]
    assert rows[0]["sentence"].startswith("La potenza di calcolo della Mongolia Interna")
    assert rows[0]["document"] == "000_452218e2bf370e09.txt"
    assert views.figure_rows(tables(), region="CN-NM", sector="quantum") == []


def test_region_rows_order_and_sector_filter(tables: Any, seed: Any) -> None:
    rows = views.region_rows(tables())
    codes = [r["region"] for r in rows]
    assert codes[0] == "CN"  # country, then clusters, then provinces
    assert codes.index("GBA") < codes.index("CN-AH")
    quantum = views.region_rows(tables(), sector="quantum")
    assert [(r["region"], r["n_links"]) for r in quantum] == [("CN-AH", 1)]


def test_render_formats_round_trip(tables: Any, seed: Any) -> None:
    rows = views.figure_rows(tables(), region="GBA")
    parsed = json.loads(views.render(rows, "json", views.TABLE_COLUMNS["figures"]))
    assert parsed == rows
    csv_lines = views.render(rows, "csv", views.TABLE_COLUMNS["figures"]).splitlines()
    assert csv_lines[0].split(",")[:4] == ["region", "sector", "value", "unit"]
    assert len(csv_lines) == len(rows) + 1
    table = views.render(rows, "table", views.TABLE_COLUMNS["figures"], "sentence").splitlines()
    assert table[0].split() == list(views.TABLE_COLUMNS["figures"])
    assert set(table[1].replace(" ", "")) == {"-"}
    assert sum(line.startswith("    “") for line in table) == len(rows)


def test_stale_documents_only_other_fingerprints(tables: Any, seed: Any) -> None:
    docs = seed("fp-old")["documents"]
    fresh = dict(docs[0], doc_id="c" * 64, source_path="seeds/new.txt", fingerprint="fp-now")
    table = table_from_rows("documents", [*docs, fresh])
    stale = views.stale_documents(table, "fp-now")
    assert [(s["doc_id"], s["fingerprint"]) for s in stale] == [(DOC_ID, "fp-old")]
    assert views.stale_documents(table, "fp-old")[0]["source_path"] == "seeds/new.txt"


def test_status_lines_counts_quarantine_stale(tables: Any, seed: Any) -> None:
    tables = tables(documents=seed("fp-old")["documents"])
    lines = views.status_lines(tables, {"documents": 1, "figures": 11}, "fp-now", last_runs=1)
    assert lines[0] == "runs (last 1 of 2):"
    assert lines[1].startswith("  20261128T200000Z-0002  ")  # the newest run
    assert "  figures    11 rows" in lines
    assert "  seeds/broken.pdf: ingest/encrypted: PDF is encrypted <no password>" in lines
    assert "stale documents: 1 (current fingerprint fp-now)" in lines
    assert "  seeds/000_452218e2bf370e09.txt (processed under fp-old)" in lines


def test_status_lines_nothing_stale(tables: Any, seed: Any) -> None:
    tables = tables(documents=seed("fp-now")["documents"], quarantine=[])
    lines = views.status_lines(tables, {}, "fp-now")
    assert "quarantined: 0" in lines
    assert lines[-1] == "stale documents: 0 (current fingerprint fp-now)"


def test_table_cuts_long_cells_csv_keeps_them() -> None:
    rows = [{"region": "CN-AH", "evidence": "word " * 40}]
    table = views.render(rows, "table", ("region", "evidence")).splitlines()
    assert table[2].endswith("…") and len(table[2][len("region  "):]) == views.MAX_CELL
    assert views.render(rows, "csv", ("region", "evidence")).splitlines()[1].count("word") == 40
