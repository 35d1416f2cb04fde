"""The sorted merge of a published document table with a run's new rows, in bounded memory.

Every document table is sorted by doc_id first; a run's shards cover ascending ranges of
doc_ids and each shard's part is sorted; a document's rows are either all old (kept from the
published table) or all new. So the result is a merge of two sorted streams of disjoint
documents, done a part at a time: memory holds one part and the old rows inside its doc_id
range, never the whole table, and the rows come out in the order a full sort would give.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc

from .schemas import SORT_KEYS, sort_table


class Pending:
    """Rows of a doc_id-sorted stream not yet taken, pulled a slice at a time: below() takes
    them up to a doc_id bound, rest() the remainder."""

    def __init__(self, old: Iterable[pa.Table]) -> None:
        self._old = iter(old)
        self._head: pa.Table | None = None

    def below(self, doc_id: str, inclusive: bool) -> Iterator[pa.Table]:
        """The old rows whose doc_id is < doc_id (<= when inclusive), in order."""
        while True:
            if self._head is None or self._head.num_rows == 0:
                self._head = next(self._old, None)
                if self._head is None:
                    return
            n = _rows_below(self._head, doc_id, inclusive)
            if n:
                yield self._head.slice(0, n)
            if n < self._head.num_rows:
                self._head = self._head.slice(n)
                return
            self._head = None

    def rest(self) -> Iterator[pa.Table]:
        if self._head is not None and self._head.num_rows:
            yield self._head
        yield from self._old


def _rows_below(table: pa.Table, doc_id: str, inclusive: bool) -> int:
    """How many leading rows of a doc_id-sorted table have a doc_id < (<=) doc_id."""
    ids = table["doc_id"]
    under = pc.less_equal(ids, doc_id) if inclusive else pc.less(ids, doc_id)
    return pc.sum(pc.cast(under, pa.int64())).as_py() or 0  # sorted: they are a prefix


def doc_chunks(tables: Iterable[pa.Table]) -> Iterator[pa.Table]:
    """A doc_id-sorted stream re-cut so that no document spans two chunks."""
    held: list[pa.Table] = []
    for table in tables:
        if table.num_rows == 0:
            continue
        joined = pa.concat_tables([*held, table])
        n = _rows_below(joined, joined["doc_id"][-1].as_py(), inclusive=False)
        if n:
            yield joined.slice(0, n)
        held = [joined.slice(n)]  # the last document may go on in the next table
    if held:
        yield pa.concat_tables(held)


def merge_sorted(
    name: str, old: Iterable[pa.Table], parts: Iterable[pa.Table]
) -> Iterator[pa.Table]:
    """Old rows (sorted, without the documents this run replaced) and the run's parts (in
    shard order), as one stream sorted by the table's keys."""
    if SORT_KEYS[name][0] != "doc_id":
        raise ValueError(f"{name} is not sorted by doc_id first")
    pending = Pending(old)
    for part in parts:
        if part.num_rows == 0:
            continue
        ids = part["doc_id"]
        first, last = ids[0].as_py(), ids[-1].as_py()
        yield from pending.below(first, inclusive=False)
        inside = list(pending.below(last, inclusive=True))
        yield sort_table(name, pa.concat_tables([*inside, part])) if inside else part
    yield from pending.rest()
