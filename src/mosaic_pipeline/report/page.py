"""The report page: tables in, one self-contained HTML string out (pure, deterministic).

Every piece of text from the tables goes through html.escape; the layout lives in the package
data files report.html and report.css, filled with string.Template.
"""

from __future__ import annotations

import base64
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from importlib import resources
from string import Template
from typing import Any

from ..sectors import SECTORS
from ..views import (
    Region,
    SourceContext,
    Tables,
    format_value,
    region_catalog,
    region_info,
    region_order,
)

Row = dict[str, Any]
# Rows per card: beyond this a big corpus would make the page unreadable; `show` has the rest.
MAX_ROWS = 40


def _template(name: str) -> str:
    return (resources.files("mosaic_pipeline") / "report" / name).read_text(encoding="utf-8")


def heatmap_regions(tables: Tables, catalog: Mapping[str, Region] | None = None) -> list[str]:
    """Heatmap rows: every region of regions.json (gaps show) plus any other in the matrix."""
    catalog = region_catalog() if catalog is None else catalog
    seen = tables["matrix"].column("region").to_pylist()
    return region_order([*catalog, *seen], catalog)


def cell_counts(tables: Tables) -> dict[tuple[str, str], int]:
    """links + figures per (region, sector), as the wide matrix counts them."""
    return {(r["region"], r["sector"]): r["n_links"] + r["n_figures"]
            for r in tables["matrix"].to_pylist()}


def region_label(code: str) -> str:
    info = region_info(code)
    return code if info.name == code else f"{code} {info.name}"


def render_report(tables: Tables, heatmap: bytes) -> str:
    """The whole page; `heatmap` is the PNG embedded as base64 (no external fetch)."""
    ctx = SourceContext(tables)
    fields = {
        "css": _template("report.css"),
        "summary": _summary(tables),
        "heatmap": base64.b64encode(heatmap).decode("ascii"),
        "top_cells": _top_cells(tables),
        "region_index": _region_index(tables),
        "cards": _cards(tables, ctx),
        "repairs": _repairs(tables),
        "quarantine": _quarantine(tables),
        "runs": _runs(tables),
    }
    return Template(_template("report.html")).substitute(fields)


# ---------------------------------------------------------------- pieces


def _summary(tables: Tables) -> str:
    runs = tables["runs"].to_pylist()
    last = runs[-1] if runs else None
    facts = [
        ("documents", tables["documents"].num_rows),
        ("figures", tables["figures"].num_rows),
        ("region-sector links", tables["links"].num_rows),
        ("regions", len(_card_regions(tables))),
        ("quarantined", tables["quarantine"].num_rows),
    ]
    items = "".join(f'<div class="fact"><b>{n}</b><span>{escape(label)}</span></div>'
                    for label, n in facts)
    when = (f'<p class="muted">Tables of run <code>{escape(last["run_id"])}</code>, finished '
            f'{escape(last["finished_at"] or "")} UTC.</p>' if last else
            '<p class="muted">No run recorded.</p>')
    return f'<div class="facts">{items}</div>{when}'


def _top_cells(tables: Tables, n: int = 10) -> str:
    cells = sorted(tables["matrix"].to_pylist(),
                   key=lambda r: (-(r["n_links"] + r["n_figures"]), -r["n_docs"], r["region"],
                                  r["sector"]))[:n]
    if not cells:
        return '<p class="muted">The matrix is empty.</p>'
    body = "".join(
        f'<tr><td><a href="#{_anchor(c["region"])}">{escape(region_label(c["region"]))}</a></td>'
        f'<td>{escape(c["sector"])}</td><td class="num">{c["n_links"]}</td>'
        f'<td class="num">{c["n_figures"]}</td><td class="num">{c["n_docs"]}</td></tr>'
        for c in cells)
    head = ('<tr><th>region</th><th>sector</th><th class="num">links</th>'
            '<th class="num">figures</th><th class="num">documents</th></tr>')
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def _anchor(code: str) -> str:
    return "region-" + "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in code)


def _card_regions(tables: Tables) -> list[str]:
    codes = tables["figures"].column("region").to_pylist()
    codes += tables["links"].column("region").to_pylist()
    return region_order(c for c in codes if c)


def _region_index(tables: Tables) -> str:
    links = "".join(f'<a class="chip" href="#{_anchor(c)}">{escape(region_label(c))}</a>'
                    for c in _card_regions(tables))
    return f'<nav class="index">{links}</nav>' if links else ""


def _cards(tables: Tables, ctx: SourceContext) -> str:
    figures: dict[str, list[Row]] = defaultdict(list)
    links: dict[str, list[Row]] = defaultdict(list)
    for f in tables["figures"].to_pylist():
        figures[f["region"]].append(f)
    for lk in tables["links"].to_pylist():
        links[lk["region"]].append(lk)
    cards = [_card(code, figures[code], links[code], ctx) for code in _card_regions(tables)]
    return "\n".join(cards) or '<p class="muted">No region has figures or links.</p>'


def _card(code: str, figures: Sequence[Row], links: Sequence[Row], ctx: SourceContext) -> str:
    info = region_info(code)
    docs = {r["doc_id"] for r in (*figures, *links)}
    name = "" if info.name == code else f' <span class="name">{escape(info.name)}</span>'
    head = (f'<h3><span class="code">{escape(code)}</span>{name}'
            f'<span class="kind">{escape(info.kind)}</span></h3>'
            f'<p class="muted">{_plural(len(figures), "figure")}, '
            f'{_plural(len(links), "link")}, {_plural(len(docs), "document")}</p>')
    return (f'<section class="card" id="{_anchor(code)}">{head}{_sector_chips(figures, links)}'
            f'{_figure_table(figures, ctx, code)}{_link_list(links, ctx, code)}</section>')


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _sector_chips(figures: Iterable[Row], links: Iterable[Row]) -> str:
    counts = Counter(r["sector"] for r in (*figures, *links) if r["sector"])
    chips = "".join(f'<span class="chip sector">{escape(s.replace("_", " "))} '
                    f'<b>{counts[s]}</b></span>' for s in SECTORS if counts[s])
    return f'<div class="chips">{chips}</div>' if chips else ""


def _more(total: int, what: str, code: str) -> str:
    if total <= MAX_ROWS:
        return ""
    return (f'<p class="muted">{total - MAX_ROWS} more {what}: '
            f'<code>mosaic show {what} --region {escape(code)}</code></p>')


def _marked(ctx: SourceContext, row: Row, fallback: str) -> str:
    """The row's source sentence with its span marked; the fallback text when the sentence
    is not at hand."""
    before, mid, after = ctx.parts(row["doc_id"], row["start"], row["end"])
    if not mid:
        return escape(fallback)
    return f"{escape(before)}<mark>{escape(mid)}</mark>{escape(after)}"


def _figure_table(figures: Sequence[Row], ctx: SourceContext, code: str) -> str:
    if not figures:
        return ""
    rows = []
    for f in figures[:MAX_ROWS]:
        sentence = _marked(ctx, f, f["surface"])
        qualifier = f'<span class="qual">{escape(f["qualifier"])}</span> ' if f["qualifier"] else ""
        rows.append(
            f'<tr><td class="value">{qualifier}{escape(format_value(f["value"]))} '
            f'<span class="unit">{escape(f["unit"])}</span></td>'
            f'<td>{escape(f["metric"] or "")}<div class="muted">'
            f'{escape((f["sector"] or "no sector").replace("_", " "))}</div></td>'
            f'<td class="sentence">{sentence}<div class="doc">{escape(ctx.name(f["doc_id"]))}'
            f' · chars {f["start"]}–{f["end"]}</div></td></tr>')
    head = "<tr><th>figure</th><th>metric / sector</th><th>source sentence</th></tr>"
    return (f'<table class="figures"><thead>{head}</thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{_more(len(figures), "figures", code)}')


def _link_list(links: Sequence[Row], ctx: SourceContext, code: str) -> str:
    if not links:
        return ""
    items = []
    ordered = sorted(links, key=lambda r: (SECTORS.index(r["sector"]) if r["sector"] in SECTORS
                                           else len(SECTORS), r["doc_id"], r["start"]))
    for lk in ordered[:MAX_ROWS]:
        text = _marked(ctx, lk, lk["evidence"] or "")
        items.append(f'<li><span class="chip sector">{escape(lk["sector"])}</span> {text} '
                     f'<span class="doc">{escape(ctx.name(lk["doc_id"]))}</span></li>')
    return (f"<details><summary>{_plural(len(links), 'sector link')} and their evidence</summary>"
            f'<ul class="links">{"".join(items)}</ul>{_more(len(links), "links", code)}'
            f'</details>')


def _repairs(tables: Tables) -> str:
    repairs = tables["repairs"].to_pylist()
    per_rule: Counter[str] = Counter(r["rule"] for r in repairs)
    docs_per_rule: dict[str, set[str]] = defaultdict(set)
    for r in repairs:
        docs_per_rule[r["rule"]].add(r["doc_id"])
    rules = "".join(f'<tr><td>{escape(rule)}</td><td class="num">{n}</td>'
                    f'<td class="num">{len(docs_per_rule[rule])}</td></tr>'
                    for rule, n in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0])))
    methods = Counter(d["text_method"] for d in tables["documents"].to_pylist())
    method_rows = "".join(f'<tr><td>{escape(m or "unknown")}</td><td class="num">{n}</td></tr>'
                          for m, n in sorted(methods.items(), key=lambda kv: (-kv[1], kv[0] or "")))
    rule_table = (f'<table><thead><tr><th>rule</th><th class="num">edits</th>'
                  f'<th class="num">documents</th></tr></thead>'
                  f'<tbody>{rules}</tbody></table>' if rules
                  else '<p class="muted">No edits were needed.</p>')
    method_table = (f'<table><thead><tr><th>text method</th>'
                    f'<th class="num">documents</th></tr></thead>'
                    f'<tbody>{method_rows}</tbody></table>' if method_rows
                    else '<p class="muted">No documents.</p>')
    n_docs = len(set().union(*docs_per_rule.values()))
    return (f'<p>{_plural(len(repairs), "edit")} in {_plural(n_docs, "document")}.</p>'
            f'<div class="two">{rule_table}{method_table}</div>')


def _quarantine(tables: Tables) -> str:
    rows = tables["quarantine"].to_pylist()
    if not rows:
        return '<p class="muted">No document is quarantined.</p>'
    body = "".join(f'<tr><td>{escape(q["source_path"])}</td><td>{escape(q["stage"])}</td>'
                   f'<td>{escape(q["error_class"])}</td><td>{escape(q["message"])}</td>'
                   f'<td>{escape(q["at"] or "")}</td></tr>' for q in rows)
    head = ("<tr><th>file</th><th>stage</th><th>error</th><th>message</th><th>at</th></tr>")
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def _runs(tables: Tables) -> str:
    rows = list(reversed(tables["runs"].to_pylist()))
    if not rows:
        return '<p class="muted">No run recorded.</p>'
    cols = ("run_id", "started_at", "finished_at", "n_seen", "n_processed", "n_skipped",
            "n_quarantined", "pipeline_version", "exit_code")
    head = "".join(f"<th>{escape(c.removeprefix('n_'))}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(r[c]))}</td>" for c in cols) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
