"""Region x sector matrix from the links and figures tables (long and wide)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..schemas import SCHEMAS, SORT_KEYS, sort_table, table_from_rows
from ..sectors import SECTORS

Cell = tuple[str, str]


def matrix_rows(
    links: Iterable[Mapping[str, Any]],
    figures: Iterable[Mapping[str, Any]],
    members: Mapping[str, Iterable[str]] | None = None,
) -> list[dict[str, Any]]:
    """Count links, figures and distinct documents per (region, sector).

    With `members` (cluster -> provinces), a cluster's rows also credit each member province,
    so "the GBA leads in drones" shows on Guangdong too; the cluster keeps its own row.
    """
    docs: dict[Cell, set[str]] = defaultdict(set)
    n_links: dict[Cell, int] = defaultdict(int)
    n_figures: dict[Cell, int] = defaultdict(int)
    for row in links:
        for region in _credited(row["region"], members):
            cell = (region, row["sector"])
            n_links[cell] += 1
            docs[cell].add(row["doc_id"])
    for row in figures:
        if not row["sector"]:
            continue
        for region in _credited(row["region"], members):
            cell = (region, row["sector"])
            n_figures[cell] += 1
            docs[cell].add(row["doc_id"])
    return [
        {
            "region": r,
            "sector": s,
            "n_docs": len(docs[(r, s)]),
            "n_links": n_links[(r, s)],
            "n_figures": n_figures[(r, s)],
        }
        for r, s in docs
    ]


def _credited(region: str, members: Mapping[str, Iterable[str]] | None) -> list[str]:
    if members and region in members:
        return [region, *members[region]]
    return [region]


def matrix_table(
    links: pa.Table, figures: pa.Table, members: Mapping[str, Iterable[str]] | None = None
) -> pa.Table:
    rows = matrix_rows(
        links.select(["doc_id", "region", "sector"]).to_pylist(),
        figures.select(["doc_id", "region", "sector"]).to_pylist(),
        members,
    )
    return table_from_rows("matrix", rows)


def wide_table(matrix: pa.Table) -> pa.Table:
    """One row per region, one column per sector id: links + figures in that cell."""
    wide: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SECTORS, 0))
    for row in matrix.to_pylist():
        if row["sector"] in SECTORS:
            wide[row["region"]][row["sector"]] += row["n_links"] + row["n_figures"]
    return table_from_rows("matrix_wide", [{"region": r, **cells} for r, cells in wide.items()])


# ---------------------------------------------------------------- lineage: a cell's source rows

# One row per source row behind a matrix cell; `via` names the cluster whose row credited a
# member province under --expand-clusters (null when the row is the region's own).
LINEAGE_SCHEMA = SCHEMAS["lineage"]
LINEAGE_SORT = SORT_KEYS["lineage"]


def lineage_rows(links: Iterable[Mapping[str, Any]], figures: Iterable[Mapping[str, Any]],
                 members: Mapping[str, Iterable[str]] | None = None) -> list[dict[str, Any]]:
    """The rows matrix_rows counts, one per (credited region, source row), same rules."""
    out: list[dict[str, Any]] = []
    sources = [("link", row, row["evidence"]) for row in links]
    sources += [("figure", row, row["surface"]) for row in figures if row["sector"]]
    for kind, row, evidence in sources:
        for region in _credited(row["region"], members):
            out.append({
                "region": region, "sector": row["sector"], "doc_id": row["doc_id"],
                "kind": kind, "start": row["start"], "end": row["end"], "evidence": evidence,
                "via": None if region == row["region"] else row["region"],
            })
    out.sort(key=lambda r: tuple((v is not None, v) for v in (r[k] for k in LINEAGE_SORT)))
    return out


def lineage_table(links: pa.Table, figures: pa.Table,
                  members: Mapping[str, Iterable[str]] | None = None) -> pa.Table:
    """Every matrix cell's source rows: region, sector, doc_id, kind (link|figure), offsets."""
    rows = lineage_rows(
        links.select(["doc_id", "region", "sector", "evidence", "start", "end"]).to_pylist(),
        figures.select(["doc_id", "region", "sector", "surface", "start", "end"]).to_pylist(),
        members)
    return pa.Table.from_pylist(rows, schema=LINEAGE_SCHEMA).combine_chunks()


def matrix_tables(links: pa.Table, figures: pa.Table,
                  members: Mapping[str, Iterable[str]] | None = None) -> dict[str, pa.Table]:
    """The three published matrix tables: long, wide and lineage.

    Without cluster expansion (every `mosaic run`) they are computed in Arrow, so that a run
    over tens of thousands of documents never holds its links as Python objects.
    """
    if members:
        long = matrix_table(links, figures, members)
        lineage = lineage_table(links, figures, members)
    else:
        lineage = _lineage_arrow(links, figures)
        long = _matrix_arrow(lineage)
    return {"matrix": long, "matrix_wide": wide_table(long), "lineage": lineage}


def _lineage_arrow(links: pa.Table, figures: pa.Table) -> pa.Table:
    figs = figures.filter(pc.is_valid(figures["sector"]))
    parts = []
    for kind, table, evidence in (("link", links, "evidence"), ("figure", figs, "surface")):
        n = table.num_rows
        parts.append(pa.table({
            "region": table["region"], "sector": table["sector"], "doc_id": table["doc_id"],
            "kind": pa.array([kind] * n, pa.string()), "start": table["start"],
            "end": table["end"], "evidence": table[evidence],
            "via": pa.nulls(n, pa.string())}, schema=LINEAGE_SCHEMA))
    return sort_table("lineage", pa.concat_tables(parts))


def _matrix_arrow(lineage: pa.Table) -> pa.Table:
    """Counts per cell from the lineage rows: links, figures and distinct documents."""
    is_link = pc.cast(pc.equal(lineage["kind"], "link"), pa.int64())
    rows = lineage.select(["region", "sector", "doc_id"]).append_column("link", is_link)
    grouped = rows.group_by(["region", "sector"]).aggregate(
        [("link", "sum"), ("link", "count"), ("doc_id", "count_distinct")])
    n_links = pc.cast(grouped["link_sum"], pa.int64())
    table = pa.table({
        "region": grouped["region"], "sector": grouped["sector"],
        "n_docs": pc.cast(grouped["doc_id_count_distinct"], pa.int64()), "n_links": n_links,
        "n_figures": pc.subtract(pc.cast(grouped["link_count"], pa.int64()), n_links)},
        schema=SCHEMAS["matrix"])
    return sort_table("matrix", table)


def cluster_members() -> dict[str, tuple[str, ...]]:
    """Cluster code -> member provinces, from resources/regions.json ({} when it is absent).

    This is the `members` argument of matrix_table / lineage_table for --expand-clusters.
    """
    from ..extract.data import load_json

    data = load_json("regions.json", required=False) or {}
    return {r["code"]: tuple(r["members"]) for r in data.get("regions", []) if r.get("members")}
