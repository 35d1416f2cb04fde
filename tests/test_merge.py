"""merge_sorted: old rows and a run's parts come out as a full sort of both would give them."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mosaic_pipeline.merge import merge_sorted
from mosaic_pipeline.schemas import sort_table, table_from_rows


def _rows(doc_ids: list[str], per_doc: int) -> list[dict[str, object]]:
    return [{"doc_id": d, "raw_start": k * 10, "raw_end": k * 10 + 2, "before": "A?",
             "after": "à", "rule": "channel:accent", "confidence": 0.9}
            for d in doc_ids for k in range(per_doc)]


def _slices(table: pa.Table, cuts: list[int]) -> list[pa.Table]:
    points = sorted({0, table.num_rows, *(c % (table.num_rows + 1) for c in cuts)})
    return [table.slice(a, b - a) for a, b in zip(points, points[1:], strict=False)]


@settings(max_examples=150, deadline=None)
@given(
    ids=st.lists(st.text("0123456789abcdef", min_size=1, max_size=3), unique=True, max_size=40),
    new_share=st.integers(0, 100),
    per_doc=st.integers(0, 3),
    shard_size=st.integers(1, 7),
    cuts=st.lists(st.integers(0, 200), max_size=6),
)
def test_merge_equals_a_full_sort(ids: list[str], new_share: int, per_doc: int,
                                  shard_size: int, cuts: list[int]) -> None:
    ids = sorted(ids)
    new = [d for i, d in enumerate(ids) if (i * 37) % 100 < new_share]
    old = [d for d in ids if d not in new]
    old_table = table_from_rows("repairs", _rows(old, per_doc))
    # shards are runs of consecutive new doc_ids, each part sorted on its own
    parts = [table_from_rows("repairs", _rows(new[i:i + shard_size], per_doc))
             for i in range(0, len(new), shard_size)]
    merged = list(merge_sorted("repairs", _slices(old_table, cuts), parts))
    got = pa.concat_tables([table_from_rows("repairs", []), *merged])
    want = sort_table("repairs", pa.concat_tables([old_table, *parts]))
    assert got.to_pylist() == want.to_pylist()


def test_old_rows_inside_a_part_range_are_interleaved() -> None:
    old = table_from_rows("repairs", _rows(["b", "d", "f"], 1))
    part = table_from_rows("repairs", _rows(["a", "c", "e"], 1))
    merged = pa.concat_tables(list(merge_sorted("repairs", [old], [part])))
    assert merged["doc_id"].to_pylist() == ["a", "b", "c", "d", "e", "f"]


def test_a_table_not_keyed_by_doc_id_is_refused() -> None:
    with pytest.raises(ValueError, match="not sorted by doc_id"):
        list(merge_sorted("quarantine", [], []))
