"""What `mosaic status` and `mosaic show` print: pure functions over the tables, rows and strings.

Tables come in as a mapping name -> pyarrow.Table (io.read_table gives them); nothing here
writes, and the only reads are of shipped resources (region names, the sentence splitter).
"""

from __future__ import annotations

import csv
import io as _io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

import pyarrow as pa

from .sectors import SECTORS
from .stages.matrix import lineage_rows

Row = dict[str, Any]
Tables = Mapping[str, pa.Table]
FORMATS = ("table", "csv", "json")
SHOW_KINDS = ("figures", "regions", "links", "matrix")
_SPACES = re.compile(r"\s+")
# Used only when the extract package's splitter cannot be loaded: ends at . ! ? before a
# space or at a blank line, which keeps decimal points ("2.09") inside the sentence.
_FALLBACK_END = re.compile(r"[.!?…](?=\s)|\n\s*\n")


# ---------------------------------------------------------------- regions


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str  # country, cluster, province (as regions.json says, else guessed from the code)


@lru_cache(maxsize=1)
def region_catalog() -> dict[str, Region]:
    """Regions of resources/regions.json by code; empty when the file is not shipped yet."""
    try:
        from .extract.data import load_json

        data = load_json("regions.json", required=False) or {}
    except Exception:  # a broken data file must not stop a read-only view
        return {}
    return {r["code"]: Region(r["code"], r.get("name") or r["code"], r.get("kind") or
                              _guess_kind(r["code"])) for r in data.get("regions", [])}


def _guess_kind(code: str) -> str:
    if code == "CN":
        return "country"
    return "province" if code.startswith("CN-") else "cluster"


def region_info(code: str, catalog: Mapping[str, Region] | None = None) -> Region:
    catalog = region_catalog() if catalog is None else catalog
    return catalog.get(code) or Region(code, code, _guess_kind(code))


_KIND_ORDER = {"country": 0, "cluster": 1, "province": 2}


def region_order(codes: Iterable[str], catalog: Mapping[str, Region] | None = None) -> list[str]:
    """China first, then the clusters, then provinces, each group by code."""
    return sorted({c for c in codes if c},
                  key=lambda c: (_KIND_ORDER.get(region_info(c, catalog).kind, 3), c))


# ---------------------------------------------------------------- sentences and names


def sentence_around(text: str, start: int, end: int, language: str = "en") -> str:
    """The sentence of `text` holding [start, end), whitespace collapsed (wrapped lines joined)."""
    return "".join(sentence_parts(text, start, end, language))


def sentence_parts(text: str, start: int, end: int, language: str = "en") -> tuple[str, str, str]:
    """(before, text[start:end], after) within its sentence, whitespace collapsed, so a
    report can highlight the figure's own words."""
    lo, hi = _sentence_span(text, start, end, language)
    lo, hi = min(lo, start), max(hi, end)
    before = _SPACES.sub(" ", text[lo:start]).lstrip()
    after = _SPACES.sub(" ", text[end:hi]).rstrip()
    return before, _SPACES.sub(" ", text[start:end]), after


def _sentence_span(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    spans = _split(text, language)
    for lo, hi in spans:
        if lo <= start < hi:
            return lo, hi
    return _fallback_span(text, start, end)


@lru_cache(maxsize=64)
def _split(text: str, language: str) -> tuple[tuple[int, int], ...]:
    try:
        from .extract.segment import split_sentences

        return tuple((s.start, s.end) for s in split_sentences(text, language))
    except Exception:  # the view degrades to the simple splitter
        return ()


def _fallback_span(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in _FALLBACK_END.finditer(text, 0, max(start, 0)):
        lo = m.end()
    stop = _FALLBACK_END.search(text, min(end, len(text)))
    return lo, (stop.end() if stop else len(text))


def document_name(source_path: str | None, doc_id: str) -> str:
    return PurePosixPath(source_path).name if source_path else doc_id[:12]


def format_value(value: float | None) -> str:
    """220000.0 -> "220000", 66.67 -> "66.67": no exponent, no float noise."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _docs(tables: Tables) -> dict[str, Row]:
    return {r["doc_id"]: r for r in _rows(tables, "documents")}


def _texts(tables: Tables) -> dict[str, str]:
    t = tables.get("texts")
    if t is None or t.num_rows == 0:
        return {}
    return dict(zip(t.column("doc_id").to_pylist(), t.column("text").to_pylist(), strict=True))


def _rows(tables: Tables, name: str) -> list[Row]:
    t = tables.get(name)
    return [] if t is None else t.to_pylist()


class SourceContext:
    """Document names and sentences for rows that carry (doc_id, start, end)."""

    def __init__(self, tables: Tables) -> None:
        self.docs = _docs(tables)
        self.texts = _texts(tables)

    def name(self, doc_id: str) -> str:
        return document_name((self.docs.get(doc_id) or {}).get("source_path"), doc_id)

    def sentence(self, doc_id: str, start: int | None, end: int | None) -> str:
        return "".join(self.parts(doc_id, start, end))

    def parts(self, doc_id: str, start: int | None, end: int | None) -> tuple[str, str, str]:
        """The sentence split around [start, end); empty when the text is not in the tables."""
        text = self.texts.get(doc_id)
        if text is None or start is None:
            return "", "", ""
        language = (self.docs.get(doc_id) or {}).get("language") or "en"
        return sentence_parts(text, start, end if end is not None else start, language)


# ---------------------------------------------------------------- show


def _match(row: Row, region: str | None, sector: str | None) -> bool:
    return (region is None or row["region"] == region) and (sector is None or
                                                            row["sector"] == sector)


def figure_rows(tables: Tables, region: str | None = None, sector: str | None = None) -> list[Row]:
    """Figures with their document and source sentence, in document order."""
    ctx = SourceContext(tables)
    return [{
        "region": f["region"], "sector": f["sector"] or "", "value": format_value(f["value"]),
        "unit": f["unit"], "qualifier": f["qualifier"] or "", "metric": f["metric"] or "",
        "surface": f["surface"], "document": ctx.name(f["doc_id"]), "doc_id": f["doc_id"],
        "start": f["start"], "end": f["end"],
        "sentence": ctx.sentence(f["doc_id"], f["start"], f["end"]),
    } for f in _rows(tables, "figures") if _match(f, region, sector)]


def link_rows(tables: Tables, region: str | None = None, sector: str | None = None) -> list[Row]:
    ctx = SourceContext(tables)
    return [{
        "region": lk["region"], "sector": lk["sector"], "evidence": lk["evidence"],
        "document": ctx.name(lk["doc_id"]), "doc_id": lk["doc_id"], "start": lk["start"],
        "end": lk["end"], "sentence": ctx.sentence(lk["doc_id"], lk["start"], lk["end"]),
    } for lk in _rows(tables, "links") if _match(lk, region, sector)]


def region_rows(tables: Tables, region: str | None = None, sector: str | None = None) -> list[Row]:
    """One row per region seen in mentions, links or figures, with what the tables hold on it."""
    mentions = [m for m in _rows(tables, "mentions") if region is None or m["region"] == region]
    links = [r for r in _rows(tables, "links") if _match(r, region, sector)]
    figures = [r for r in _rows(tables, "figures") if _match(r, region, sector)]
    docs: dict[str, set[str]] = defaultdict(set)
    for r in (*mentions, *links, *figures):
        docs[r["region"]].add(r["doc_id"])
    n_mentions = Counter(m["region"] for m in mentions)
    n_links = Counter(r["region"] for r in links)
    n_figures = Counter(r["region"] for r in figures)
    sectors: dict[str, set[str]] = defaultdict(set)
    for r in (*links, *figures):
        if r["sector"]:
            sectors[r["region"]].add(r["sector"])
    codes = set(n_links) | set(n_figures) if sector else set(docs)
    out = []
    for code in region_order(codes):
        info = region_info(code)
        out.append({
            "region": code, "name": info.name, "kind": info.kind, "n_docs": len(docs[code]),
            "n_mentions": n_mentions[code], "n_links": n_links[code],
            "n_figures": n_figures[code],
            "sectors": " ".join(s for s in SECTORS if s in sectors[code]),
        })
    return out


def matrix_rows(tables: Tables, region: str | None = None, sector: str | None = None,
                members: Mapping[str, Iterable[str]] | None = None) -> list[Row]:
    """Matrix cells; with `members`, recomputed from links and figures with clusters expanded."""
    if members:
        from .stages.matrix import matrix_table

        cells = matrix_table(tables["links"], tables["figures"], members).to_pylist()
    else:
        cells = _rows(tables, "matrix")
    order = {c: i for i, c in enumerate(region_order(c["region"] for c in cells))}
    rank = {s: i for i, s in enumerate(SECTORS)}
    rows = [dict(c) for c in cells if _match(c, region, sector)]
    return sorted(rows, key=lambda c: (order[c["region"]], rank.get(c["sector"], len(rank))))


def source_rows(tables: Tables, region: str | None = None, sector: str | None = None,
                members: Mapping[str, Iterable[str]] | None = None) -> list[Row]:
    """The lineage of the selected cells: each source row with its document and sentence."""
    ctx = SourceContext(tables)
    links = _rows(tables, "links")
    figures = _rows(tables, "figures")
    return [{
        **row, "document": ctx.name(row["doc_id"]), "via": row["via"] or "",
        "sentence": ctx.sentence(row["doc_id"], row["start"], row["end"]),
    } for row in lineage_rows(links, figures, members) if _match(row, region, sector)]


# Columns per view in `table` format; csv and json carry every column.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "figures": ("region", "sector", "value", "unit", "qualifier", "metric", "surface",
                "document"),
    "links": ("region", "sector", "evidence", "document", "start", "end"),
    "regions": ("region", "name", "kind", "n_docs", "n_mentions", "n_links", "n_figures",
                "sectors"),
    "matrix": ("region", "sector", "n_docs", "n_links", "n_figures"),
    "sources": ("region", "sector", "kind", "evidence", "document", "start", "end", "via"),
}


def render(rows: Sequence[Row], fmt: str, columns: Sequence[str],
           note: str | None = None) -> str:
    """rows as an aligned text table, CSV or JSON; `note` (e.g. "sentence") goes under each row
    in table format, because a sentence does not fit a column."""
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    if fmt == "csv":
        return _csv(rows)
    return _text_table(rows, columns, note)


def _csv(rows: Sequence[Row]) -> str:
    if not rows:
        return ""
    buf = _io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


# A column wider than this is cut with "…" in table format (the whole text stays in csv/json
# and in the sentence line), so a clause-long evidence does not push the rest off screen.
MAX_CELL = 60


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "-"
    text = _SPACES.sub(" ", str(value))
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def _text_table(rows: Sequence[Row], columns: Sequence[str], note: str | None) -> str:
    cells = [[_cell(r[c]) for c in columns] for r in rows]
    widths = [max([len(c), *(len(line[i]) for line in cells)]) for i, c in enumerate(columns)]
    lines = [_join(list(columns), widths), _join(["-" * w for w in widths], widths)]
    for row, line in zip(rows, cells, strict=True):
        lines.append(_join(line, widths))
        if note and row.get(note):
            lines.append(f"    “{row[note]}”")
    return "\n".join(lines) + "\n"


def _join(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


# ---------------------------------------------------------------- status


def stale_documents(documents: pa.Table, current: str) -> list[Row]:
    """Documents processed under another pipeline fingerprint: the next run re-processes them."""
    return [{"source_path": d["source_path"], "doc_id": d["doc_id"],
             "fingerprint": d["fingerprint"] or ""}
            for d in documents.to_pylist() if d["fingerprint"] != current]


def current_fingerprint() -> str:
    """The fingerprint a run would give now (code version, config, data files, tesseract)."""
    from .config import PipelineConfig, fingerprint

    try:
        from .stages.ingest import tesseract_version
    except ImportError:
        from .stages.ocr import tesseract_version
    return fingerprint(PipelineConfig(), tesseract_version())


def status_lines(tables: Tables, counts: Mapping[str, int], current: str,
                 last_runs: int = 5) -> list[str]:
    """The text of `mosaic status`: last runs, rows per table, quarantine, stale documents."""
    runs = _rows(tables, "runs")[-last_runs:]
    lines = [f"runs (last {len(runs)} of {tables['runs'].num_rows}):" if runs else "runs: none"]
    for r in reversed(runs):
        lines.append(f"  {r['run_id']}  {r['started_at']} -> {r['finished_at']}  "
                     f"seen {r['n_seen']}, processed {r['n_processed']}, skipped {r['n_skipped']},"
                     f" quarantined {r['n_quarantined']}, exit {r['exit_code']}")
    lines.append("tables:")
    width = max((len(n) for n in counts), default=0)
    lines += [f"  {name.ljust(width)}  {n} rows" for name, n in counts.items()]
    quarantine = _rows(tables, "quarantine")
    lines.append(f"quarantined: {len(quarantine)}")
    lines += [f"  {q['source_path']}: {q['stage']}/{q['error_class']}: {q['message']}"
              for q in quarantine]
    stale = stale_documents(tables["documents"], current)
    lines.append(f"stale documents: {len(stale)} (current fingerprint {current})")
    lines += [f"  {s['source_path']} (processed under {s['fingerprint'] or 'none'})"
              for s in stale]
    if stale:
        lines.append("  re-process them with `mosaic run SRC --out OUT`")
    return lines
