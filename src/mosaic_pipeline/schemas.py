"""One explicit pyarrow schema per table, and record -> table converters.

Rows are sorted by each table's SORT_KEYS so that a re-run writes identical bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from .records import DocResult, Extraction, Quarantined, Repaired
from .sectors import SECTORS

SCHEMA_VERSION = 1

_str = pa.string()
_i64 = pa.int64()
_f64 = pa.float64()
_ts = pa.string()  # UTC ISO-8601 text: stable bytes, readable in every tool

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", _str), ("source_path", _str), ("other_paths", pa.list_(_str)),
        ("media_type", _str), ("language", _str),
        ("text_method", _str), ("encoding", _str), ("n_pages", _i64), ("n_chars", _i64),
        ("n_repairs", _i64), ("pipeline_version", _str), ("fingerprint", _str),
        ("processed_at", _ts),
    ]),
    "texts": pa.schema([("doc_id", _str), ("raw_text", _str), ("text", _str)]),
    "repairs": pa.schema([
        ("doc_id", _str), ("raw_start", _i64), ("raw_end", _i64), ("before", _str),
        ("after", _str), ("rule", _str), ("confidence", _f64),
    ]),
    "mentions": pa.schema([
        ("doc_id", _str), ("region", _str), ("region_kind", _str), ("surface", _str),
        ("start", _i64), ("end", _i64), ("sentence_id", _i64),
    ]),
    "figures": pa.schema([
        ("doc_id", _str), ("region", _str), ("sector", _str), ("metric", _str),
        ("value", _f64), ("unit", _str), ("qualifier", _str), ("year", _i64),
        ("surface", _str), ("start", _i64), ("end", _i64), ("sentence_id", _i64),
        ("confidence", _f64), ("rule", _str),
    ]),
    "links": pa.schema([
        ("doc_id", _str), ("region", _str), ("sector", _str), ("evidence", _str),
        ("start", _i64), ("end", _i64),
    ]),
    "matrix": pa.schema([
        ("region", _str), ("sector", _str), ("n_docs", _i64), ("n_links", _i64),
        ("n_figures", _i64),
    ]),
    "quarantine": pa.schema([
        ("source_path", _str), ("doc_id", _str), ("stage", _str), ("error_class", _str),
        ("message", _str), ("at", _ts), ("fingerprint", _str),
    ]),
    "runs": pa.schema([
        ("run_id", _str), ("started_at", _ts), ("finished_at", _ts), ("n_seen", _i64),
        ("n_processed", _i64), ("n_skipped", _i64), ("n_quarantined", _i64),
        ("pipeline_version", _str), ("exit_code", _i64),
    ]),
}

# The matrix pivoted: one row per region, one column per sector (n_links + n_figures).
SCHEMAS["matrix_wide"] = pa.schema([("region", _str)] + [(s, _i64) for s in SECTORS])

# Every matrix cell's source rows: `via` names the cluster that credited a member province
# (under --expand-clusters), null when the row is the region's own.
SCHEMAS["lineage"] = pa.schema([
    ("region", _str), ("sector", _str), ("doc_id", _str), ("kind", _str), ("start", _i64),
    ("end", _i64), ("evidence", _str), ("via", _str),
])

SORT_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "texts": ("doc_id",),
    "repairs": ("doc_id", "raw_start", "raw_end"),
    "mentions": ("doc_id", "start", "end", "region"),
    "figures": ("doc_id", "start", "end", "region", "unit"),
    "links": ("doc_id", "region", "sector", "start"),
    "matrix": ("region", "sector"),
    "matrix_wide": ("region",),
    # by document, as the links and figures it comes from: the commit streams it
    "lineage": ("doc_id", "start", "end", "kind", "region", "sector"),
    "quarantine": ("source_path", "stage"),
    "runs": ("started_at", "run_id"),
}

# Tables whose rows belong to one document: replaced as a whole when the document is re-processed.
DOC_TABLES = ("documents", "texts", "repairs", "mentions", "figures", "links")
# rows per Parquet row group of the document tables, which are written as streams: a
# commit holds about one row group (texts carry whole documents, hence fewer rows)
ROW_GROUP_ROWS: dict[str, int] = {name: 50_000 for name in (*DOC_TABLES, "lineage")} | {
    "texts": 1_000}
TABLES = tuple(SCHEMAS)
# Written as CSV too, for spreadsheets.
CSV_TABLES = ("matrix", "matrix_wide")


def table_from_rows(name: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    """Build a table with its schema, rows sorted by its keys (None sorts first).

    Sorted by Arrow once converted: a Python key tuple per row cost the driver more than the
    conversion itself (0.5 s per 1,000 documents); Arrow's sort is stable, and UTF-8 bytes
    order as code points do, so the order is the one Python's sort gave."""
    rows = list(rows)
    if not rows:
        return empty_table(name)
    return sort_table(name, pa.Table.from_pylist(rows, schema=SCHEMAS[name]))


def table_from_few_rows(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """A few rows of plain values (str, int, float, None) through pyarrow's JSON reader.

    pyarrow's Python-object converters import pandas the first time they run (a third of a
    second); an unchanged nightly re-run builds one row (its runs row) and nothing else, so
    it goes through the reader, which does not."""
    import io
    import json

    import pyarrow.json as pajson

    if not rows:
        return empty_table(name)
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8")
    options = pajson.ParseOptions(explicit_schema=SCHEMAS[name], unexpected_field_behavior="error")
    return sort_table(name, pajson.read_json(io.BytesIO(data), parse_options=options))


def sort_table(name: str, table: pa.Table) -> pa.Table:
    """Sort by the table's keys (nulls first) and lay it out in one chunk for stable bytes."""
    if table.num_rows <= 1:  # sort_by would import pyarrow.compute for nothing
        return table.combine_chunks()
    keys = [(k, "ascending", "at_start") for k in SORT_KEYS[name]]
    return table.sort_by(keys).combine_chunks()


def load_converters() -> None:
    """Import what pyarrow loads on its first conversion of Python rows (pandas) and its first
    sort (pyarrow.compute), ~0.35 s: a run calls this on its writer thread while the workers
    start, when a core is idle, instead of paying it at the first part, when both are busy."""
    import pyarrow.compute  # noqa: F401

    pa.array([None], _str)


def empty_table(name: str) -> pa.Table:
    # from no batches: Schema.empty_table() would import pandas (see table_from_few_rows)
    return pa.Table.from_batches([], schema=SCHEMAS[name])


def repair_rows(doc_id: str, rep: Repaired) -> dict[str, list[dict[str, Any]]]:
    """The texts and repairs rows of one repaired document."""
    return {
        "texts": [{"doc_id": doc_id, "raw_text": rep.raw_text, "text": rep.text}],
        "repairs": [
            {"doc_id": doc_id, "raw_start": e.raw_start, "raw_end": e.raw_end, "before": e.before,
             "after": e.after, "rule": e.rule, "confidence": e.confidence}
            for e in rep.edits
        ],
    }


def extraction_rows(doc_id: str, ext: Extraction) -> dict[str, list[dict[str, Any]]]:
    """The mentions, figures and links rows of one document's extraction."""
    return {
        "mentions": [
            {"doc_id": doc_id, "region": m.region, "region_kind": m.region_kind,
             "surface": m.surface, "start": m.start, "end": m.end, "sentence_id": m.sentence_id}
            for m in ext.mentions
        ],
        "figures": [
            {"doc_id": doc_id, "region": f.region, "sector": f.sector, "metric": f.metric,
             "value": f.value, "unit": f.unit, "qualifier": f.qualifier, "year": f.year,
             "surface": f.surface, "start": f.start, "end": f.end,
             "sentence_id": f.sentence_id, "confidence": f.confidence, "rule": f.rule}
            for f in ext.figures
        ],
        "links": [
            {"doc_id": doc_id, "region": lk.region, "sector": lk.sector, "evidence": lk.evidence,
             "start": lk.start, "end": lk.end}
            for lk in ext.links
        ],
    }


def os_text(value: str) -> str:
    """A string from the file system (a path, or a message naming one) as a table stores it.

    Linux names are bytes: a Latin-1 name copied from an old archive is no UTF-8, and Python
    hands each such byte over as a lone surrogate, which a Parquet string cannot hold. The
    byte is written as the escape \\xNN (Python's backslashreplace); every other string is
    returned unchanged."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        raw = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no byte made (below U+DC80): its \udNNN escape
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def doc_rows(result: DocResult, fingerprint: str) -> dict[str, list[dict[str, Any]]]:
    """The rows one document contributes to each per-document table."""
    doc, rep = result.doc, result.repaired
    return {
        "documents": [{
            "doc_id": doc.doc_id, "source_path": os_text(doc.source_path),
            "other_paths": [os_text(p) for p in result.extra_paths], "media_type": doc.media_type,
            "language": doc.language, "text_method": doc.text_method, "encoding": doc.encoding,
            "n_pages": len(doc.pages), "n_chars": len(rep.text), "n_repairs": len(rep.edits),
            "pipeline_version": result.pipeline_version, "fingerprint": fingerprint,
            "processed_at": result.processed_at,
        }],
        **repair_rows(doc.doc_id, rep),
        **extraction_rows(doc.doc_id, result.extraction),
    }


# an object's repr in an error message ("<_io.BytesIO object at 0x7f20ff342200>") differs from
# one process to the next, and so would the tables of one folder
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def quarantine_row(q: Quarantined, fingerprint: str | None = None) -> dict[str, Any]:
    message = _ADDRESS.sub("", os_text(q.message))
    return {"source_path": os_text(q.source_path), "doc_id": q.doc_id, "stage": q.stage,
            "error_class": q.error_class, "message": message, "at": q.at,
            "fingerprint": fingerprint}


def validate(name: str, table: pa.Table) -> None:
    """Raise ValueError when a table does not carry its declared schema."""
    if not table.schema.equals(SCHEMAS[name]):
        raise ValueError(f"table {name} does not match its schema:\n{table.schema}")
