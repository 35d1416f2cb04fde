from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mosaic_pipeline.schemas import table_from_rows
from mosaic_pipeline.stages.matrix import (
    CellCounts,
    lineage_table,
    matrix_rows,
    matrix_table,
    stream_lineage,
    wide_table,
)

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


# ---------------------------------------------------------------- the commit's streamed lineage

_DOCS = ["d0", "d1", "d2", "d3", "d4"]
_REGIONS = ["CN-GD", "CN-SD", "GBA"]
_SECTORS = ["drones", "space", None]


def _slices(table, sizes):  # type: ignore[no-untyped-def]
    out, at = [], 0
    for size in sizes:
        out.append(table.slice(at, size))
        at += size
    return [*out, table.slice(at)]


@settings(max_examples=120, deadline=None)
@given(
    links=st.lists(st.tuples(st.sampled_from(_DOCS), st.sampled_from(_REGIONS),
                             st.sampled_from(_SECTORS[:2]), st.integers(0, 50)), max_size=25),
    figures=st.lists(st.tuples(st.sampled_from(_DOCS), st.sampled_from(_REGIONS),
                               st.sampled_from(_SECTORS), st.integers(0, 50)), max_size=25),
    link_cuts=st.lists(st.integers(0, 6), max_size=5),
    figure_cuts=st.lists(st.integers(0, 6), max_size=5),
)
def test_streamed_lineage_and_matrix_equal_the_whole_table_ones(
        links, figures, link_cuts, figure_cuts) -> None:  # type: ignore[no-untyped-def]
    link_table = table_from_rows("links", [
        {"doc_id": d, "region": r, "sector": s, "evidence": f"e{k}", "start": k, "end": k + 3}
        for d, r, s, k in links])
    figure_table = table_from_rows("figures", [
        {"doc_id": d, "region": r, "sector": s, "metric": "share", "value": 1.0, "unit": "percent",
         "qualifier": None, "year": None, "surface": f"s{k}", "start": k, "end": k + 2,
         "sentence_id": 0, "confidence": 0.9, "rule": "r"} for d, r, s, k in figures])
    counts = CellCounts()
    streamed = list(stream_lineage(_slices(link_table, link_cuts),
                                   _slices(figure_table, figure_cuts), counts))
    whole = lineage_table(link_table, figure_table)
    got = [row for table in streamed for row in table.to_pylist()]
    assert got == whole.to_pylist()
    assert counts.table().to_pylist() == matrix_table(link_table, figure_table).to_pylist()
