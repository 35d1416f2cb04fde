"""Region x sector matrix from the links and figures tables (long and wide)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..schemas import SCHEMAS, empty_table, sort_table, table_from_rows
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
# a cell's rows read best by cell: the order of lineage_rows (the table itself is by document)
LINEAGE_SORT = ("region", "sector", "doc_id", "start", "end", "kind")


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
    return sort_table("lineage", pa.Table.from_pylist(rows, schema=LINEAGE_SCHEMA))


def matrix_tables(links: pa.Table, figures: pa.Table,
                  members: Mapping[str, Iterable[str]] | None = None) -> dict[str, pa.Table]:
    """The three published matrix tables: long, wide and lineage.

    Without cluster expansion they are computed in Arrow, by the stream a run's commit uses,
    so that tens of thousands of documents never become Python objects. links and figures
    are published tables, sorted by doc_id first.
    """
    if members:
        long = matrix_table(links, figures, members)
        lineage = lineage_table(links, figures, members)
    else:
        counts = CellCounts()
        lineage = pa.concat_tables(
            [empty_table("lineage"), *stream_lineage([links], [figures], counts)])
        long = counts.table()
    return {"matrix": long, "matrix_wide": wide_table(long), "lineage": lineage}


def _lineage_of(table: pa.Table, kind: str) -> pa.Table:
    """Lineage rows of links (kind link) or of figures with a sector (kind figure)."""
    if kind == "figure":
        table = table.filter(pc.is_valid(table["sector"]))
    n = table.num_rows
    return pa.table({
        "region": table["region"], "sector": table["sector"], "doc_id": table["doc_id"],
        "kind": pa.repeat(pa.scalar(kind, pa.string()), n), "start": table["start"],
        "end": table["end"], "evidence": table["evidence" if kind == "link" else "surface"],
        "via": pa.nulls(n, pa.string())}, schema=LINEAGE_SCHEMA)


class CellCounts:
    """Per-cell counts accumulated over lineage chunks that never split a document (so the
    distinct documents of two chunks never overlap and their counts add up)."""

    def __init__(self) -> None:
        self.cells: dict[Cell, list[int]] = {}  # [n_docs, n_links, n_figures]

    def add(self, lineage: pa.Table) -> None:
        is_link = pc.cast(pc.equal(lineage["kind"], "link"), pa.int64())
        rows = lineage.select(["region", "sector", "doc_id"]).append_column("link", is_link)
        grouped = rows.group_by(["region", "sector"]).aggregate(
            [("link", "sum"), ("link", "count"), ("doc_id", "count_distinct")])
        for g in grouped.to_pylist():
            cell = self.cells.setdefault((g["region"], g["sector"]), [0, 0, 0])
            cell[0] += g["doc_id_count_distinct"]
            cell[1] += g["link_sum"]
            cell[2] += g["link_count"] - g["link_sum"]

    def table(self) -> pa.Table:
        return table_from_rows("matrix", [
            {"region": r, "sector": s, "n_docs": d, "n_links": n_l, "n_figures": n_f}
            for (r, s), (d, n_l, n_f) in self.cells.items()])


def stream_lineage(links: Iterable[pa.Table], figures: Iterable[pa.Table],
                   counts: CellCounts) -> Iterator[pa.Table]:
    """The lineage of doc_id-sorted streams of links and figures, in the lineage table's
    order, a range of documents at a time; counts gathers the matrix on the way."""
    from ..merge import Pending, doc_chunks

    pending = Pending(figures)
    for chunk in doc_chunks(links):
        last = chunk["doc_id"][-1].as_py()
        parts = [_lineage_of(chunk, "link")]
        parts += [_lineage_of(f, "figure") for f in pending.below(last, inclusive=True)]
        yield from _counted(sort_table("lineage", pa.concat_tables(parts)), counts)
    for rest in doc_chunks(pending.rest()):
        yield from _counted(sort_table("lineage", _lineage_of(rest, "figure")), counts)


def _counted(lineage: pa.Table, counts: CellCounts) -> Iterator[pa.Table]:
    counts.add(lineage)
    yield lineage


def cluster_members() -> dict[str, tuple[str, ...]]:
    """Cluster code -> member provinces, from resources/regions.json ({} when it is absent).

    This is the `members` argument of matrix_table / lineage_table for --expand-clusters.
    """
    from ..extract.data import load_json

    data = load_json("regions.json", required=False) or {}
    return {r["code"]: tuple(r["members"]) for r in data.get("regions", []) if r.get("members")}
