from __future__ import annotations

from mosaic_pipeline.schemas import table_from_rows
from mosaic_pipeline.stages.matrix import matrix_rows, matrix_table, wide_table

LINKS = [
    {"doc_id": "d1", "region": "GBA", "sector": "drones"},
    {"doc_id": "d1", "region": "CN-GD", "sector": "drones"},
    {"doc_id": "d2", "region": "CN-GD", "sector": "drones"},
]
FIGURES = [
    {"doc_id": "d3", "region": "CN-GD", "sector": "drones"},
    {"doc_id": "d3", "region": "CN", "sector": None},  # no sector: no cell
]


def _cells(rows):  # type: ignore[no-untyped-def]
    return {(r["region"], r["sector"]): (r["n_docs"], r["n_links"], r["n_figures"]) for r in rows}


def test_counts_links_figures_and_distinct_documents() -> None:
    cells = _cells(matrix_rows(LINKS, FIGURES))
    assert cells == {("GBA", "drones"): (1, 1, 0), ("CN-GD", "drones"): (3, 2, 1)}


def test_expanding_clusters_credits_members_and_keeps_the_cluster() -> None:
    cells = _cells(matrix_rows(LINKS, FIGURES, {"GBA": ["CN-GD", "CN-HK", "CN-MO"]}))
    assert cells[("GBA", "drones")] == (1, 1, 0)
    assert cells[("CN-HK", "drones")] == (1, 1, 0)
    assert cells[("CN-GD", "drones")] == (3, 3, 1)  # d1 counted once as a document


def test_wide_pivot_has_every_sector_column() -> None:
    links = table_from_rows("links", [{**r, "evidence": "", "start": 0, "end": 1} for r in LINKS])
    empty = table_from_rows("figures", [])
    wide = wide_table(matrix_table(links, empty)).to_pylist()
    assert [r["region"] for r in wide] == ["CN-GD", "GBA"]
    assert wide[0]["drones"] == 2 and wide[0]["ai"] == 0 and len(wide[0]) == 22
