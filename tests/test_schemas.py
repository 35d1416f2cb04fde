"""Every table carries its declared schema, and rows sort into identical bytes."""

from __future__ import annotations

import io as _io
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mosaic_pipeline.records import (
    DocResult,
    Edit,
    Extraction,
    Figure,
    IngestedDoc,
    Link,
    Mention,
    Page,
    Repaired,
)
from mosaic_pipeline.schemas import (
    SCHEMAS,
    SORT_KEYS,
    TABLES,
    doc_rows,
    os_text,
    quarantine_row,
    table_from_rows,
    validate,
)


def _result() -> DocResult:
    doc = IngestedDoc("ab" * 32, "in/a.txt", "text/plain", "it", "text",
                      (Page(1, "Il Qinghai supera il 93%", "text"),), "utf-8")
    rep = Repaired(doc.raw_text, doc.raw_text, (Edit(0, 2, "Il", "Il", "noop", 1.0),))
    ext = Extraction(
        (Mention("CN-QH", "province", "Qinghai", 3, 10, 0),),
        (Figure("CN-QH", "clean_energy", "share", 93.0, "percent", "over", None, "93%", 20, 23,
                0, 0.9, "percent"),),
        (Link("CN-QH", "clean_energy", "Il Qinghai supera il 93%", 0, 24),),
    )
    return DocResult(doc, rep, ext, "2026-01-01T00:00:00Z", "0.1.0", ("in/b.txt",))


def test_doc_rows_fit_every_schema() -> None:
    rows = doc_rows(_result(), "fp")
    for name, items in rows.items():
        table = table_from_rows(name, items)
        validate(name, table)
        assert table.num_rows == len(items) == 1


def test_validate_rejects_a_wrong_schema() -> None:
    with pytest.raises(ValueError, match="does not match"):
        validate("matrix", pa.table({"region": ["CN-BJ"]}))


def test_row_order_does_not_change_bytes() -> None:
    rows = [{"region": r, "sector": s, "n_docs": 1, "n_links": 1, "n_figures": 0}
            for r in ("CN-SH", "CN-AH", "GBA") for s in ("ai", "quantum")]

    def parquet_bytes(items: list[dict[str, object]]) -> bytes:
        buf = _io.BytesIO()
        pq.write_table(table_from_rows("matrix", items), buf)
        return buf.getvalue()

    assert parquet_bytes(rows) == parquet_bytes(list(reversed(rows)))


@pytest.mark.parametrize("name", TABLES)
def test_sort_keys_are_columns(name: str) -> None:
    assert set(SORT_KEYS[name]) <= set(SCHEMAS[name].names)


def test_rows_sort_by_their_keys_nulls_first_by_code_point_and_stably() -> None:
    # ties on every key keep the order the rows came in (a re-run's rows come in doc order)
    rows = [
        {"source_path": "in/é.pdf", "stage": "ingest", "message": "first é"},
        {"source_path": "in/z.pdf", "stage": "ingest", "message": "z"},
        {"source_path": "in/é.pdf", "stage": "ingest", "message": "second é"},
        {"source_path": "in/a.pdf", "stage": None, "message": "a, no stage"},
        {"source_path": "in/a.pdf", "stage": "extract", "message": "a"},
    ]
    table = table_from_rows("quarantine", rows)
    assert table.column("message").to_pylist() == [
        "a, no stage", "a", "z", "first é", "second é"]


@pytest.mark.parametrize("value", ["in/a.txt", "qualità 北京/l’articolo.txt", r"C:\x41\b.txt", ""])
def test_os_text_leaves_every_utf8_string_as_it_is(value: str) -> None:
    assert os_text(value) == value


@pytest.mark.parametrize(("raw", "stored"), [
    (b"in/caf\xe9.txt", r"in/caf\xe9.txt"),  # Latin-1
    (b"\xff\xfe.txt", r"\xff\xfe.txt"),
    (b"qualit\xc3\xa0/\x80.txt", r"qualità/\x80.txt"),  # the valid bytes stay letters
])
def test_os_text_writes_each_undecodable_byte_as_an_escape(raw: bytes, stored: str) -> None:
    assert os_text(os.fsdecode(raw)) == stored
    table_from_rows("quarantine", [{"source_path": os_text(os.fsdecode(raw))}])  # storable


def test_os_text_escapes_a_surrogate_no_byte_made() -> None:
    assert os_text("a\ud800b") == r"a\ud800b"


def test_a_quarantine_message_carries_no_memory_address() -> None:
    from mosaic_pipeline.records import Quarantined

    message = "cannot identify image file <_io.BytesIO object at 0x7f20ff342200>"
    row = quarantine_row(Quarantined("in/a.png", None, "ingest", "corrupt", message, "now"))
    assert row["message"] == "cannot identify image file <_io.BytesIO object>"
