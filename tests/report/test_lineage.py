"""Every matrix cell leads to its source rows, and those rows add up to the cell's counts."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mosaic_pipeline.schemas import table_from_rows
from mosaic_pipeline.stages.matrix import lineage_table, matrix_table

MEMBERS = {"GBA": ("CN-GD", "CN-HK", "CN-MO"), "JJJ": ("CN-BJ", "CN-TJ", "CN-HE")}
REGIONS = ["CN", "GBA", "JJJ", "CN-GD", "CN-BJ", "CN-NM"]
SECTORS = ["ai", "drones", "computing"]


def _sums(lineage: list[dict[str, Any]]) -> dict[tuple[str, str], tuple[int, int, int]]:
    links: dict[tuple[str, str], int] = defaultdict(int)
    figures: dict[tuple[str, str], int] = defaultdict(int)
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in lineage:
        cell = (row["region"], row["sector"])
        if row["kind"] == "link":
            links[cell] += 1
        else:
            figures[cell] += 1
        docs[cell].add(row["doc_id"])
    return {c: (len(docs[c]), links[c], figures[c]) for c in docs}


def _cells(matrix: list[dict[str, Any]]) -> dict[tuple[str, str], tuple[int, int, int]]:
    return {(r["region"], r["sector"]): (r["n_docs"], r["n_links"], r["n_figures"])
            for r in matrix}


def _assert_adds_up(links: Any, figures: Any, members: Any) -> None:
    matrix = matrix_table(links, figures, members).to_pylist()
    lineage = lineage_table(links, figures, members).to_pylist()
    assert _sums(lineage) == _cells(matrix)


def test_seed_cells_add_up(seed: Any) -> None:
    rows = seed()
    links = table_from_rows("links", rows["links"])
    figures = table_from_rows("figures", rows["figures"])
    _assert_adds_up(links, figures, None)
    _assert_adds_up(links, figures, MEMBERS)


def test_cluster_rows_credit_members_with_via() -> None:
    links = table_from_rows("links", [{"doc_id": "d1", "region": "GBA", "sector": "drones",
                                       "evidence": "droni", "start": 5, "end": 10}])
    figures = table_from_rows("figures", [])
    plain = lineage_table(links, figures).to_pylist()
    assert [(r["region"], r["via"]) for r in plain] == [("GBA", None)]
    expanded = lineage_table(links, figures, MEMBERS).to_pylist()
    assert [(r["region"], r["via"]) for r in expanded] == [
        ("CN-GD", "GBA"), ("CN-HK", "GBA"), ("CN-MO", "GBA"), ("GBA", None)]
    assert {(r["start"], r["end"], r["evidence"]) for r in expanded} == {(5, 10, "droni")}


def test_figure_without_sector_is_in_no_cell() -> None:
    figure = {"doc_id": "d1", "region": "CN-NM", "sector": None, "metric": "m", "value": 1.0,
              "unit": "count", "qualifier": None, "year": None, "surface": "1", "start": 0,
              "end": 1, "sentence_id": 0, "confidence": 1.0, "rule": ""}
    figures = table_from_rows("figures", [figure])
    links = table_from_rows("links", [])
    assert lineage_table(links, figures).num_rows == 0
    assert matrix_table(links, figures).num_rows == 0


_link = st.fixed_dictionaries({
    "doc_id": st.sampled_from(["d1", "d2", "d3"]), "region": st.sampled_from(REGIONS),
    "sector": st.sampled_from(SECTORS), "evidence": st.just("x"),
    "start": st.integers(0, 50), "end": st.integers(50, 60)})
_figure = st.fixed_dictionaries({
    "doc_id": st.sampled_from(["d1", "d2", "d3"]), "region": st.sampled_from(REGIONS),
    "sector": st.sampled_from([*SECTORS, None]), "metric": st.just("m"),
    "value": st.floats(0, 1e6), "unit": st.just("count"), "qualifier": st.none(),
    "year": st.none(), "surface": st.just("1"), "start": st.integers(0, 50),
    "end": st.integers(50, 60), "sentence_id": st.just(0), "confidence": st.just(1.0),
    "rule": st.just("")})


@settings(max_examples=60, deadline=None)
@given(st.lists(_link, max_size=25), st.lists(_figure, max_size=25), st.booleans())
def test_random_cells_add_up(links: list[dict[str, Any]], figures: list[dict[str, Any]],
                             expand: bool) -> None:
    _assert_adds_up(table_from_rows("links", links), table_from_rows("figures", figures),
                    MEMBERS if expand else None)
