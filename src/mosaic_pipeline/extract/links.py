"""Region-sector links: a sector the text says a region works in now.

A sector term links to the regions named in its clause (China only when no region below it is
named there). Terms under a past, negation or ships-only cue make no link. Every attributed
figure with a sector is a link too (gold convention).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..records import Figure, Link
from .context import DocContext
from .scope import blocked_spans, inside
from .segment import Clause


def clause_links(ctx: DocContext) -> list[Link]:
    links: list[Link] = []
    for clause in ctx.clauses:
        links.extend(_links_of(ctx, clause))
    return links


def _links_of(ctx: DocContext, clause: Clause) -> list[Link]:
    mentions = ctx.mentions_in(clause.start, clause.end)
    local = [m for m in mentions if m.kind != "country"]
    governing = local or mentions
    if not governing:
        return []
    blocked = blocked_spans(ctx, clause)
    # a region inside a blocked piece ("viene imbarcata a Shanghai") claims nothing here
    regions = [m.code for m in governing if not inside(blocked, m.start, m.end)]
    sectors = [
        s.sector
        for s in ctx.sectors_in(clause.start, clause.end)
        if not inside(blocked, s.start, s.end)
    ]
    evidence = ctx.text[clause.start : clause.end]
    return [
        Link(region, sector, evidence, clause.start, clause.end)
        for region in dict.fromkeys(regions)
        for sector in dict.fromkeys(sectors)
    ]


def figure_links(ctx: DocContext, figures: Iterable[Figure]) -> list[Link]:
    links = []
    for fig in figures:
        if fig.sector is None:
            continue
        clause = ctx.clause_at(fig.start)
        start, end = (clause.start, clause.end) if clause else (fig.start, fig.end)
        links.append(Link(fig.region, fig.sector, ctx.text[start:end], start, end))
    return links


def dominant_sectors(links: Iterable[Link]) -> dict[str, str]:
    """Each region's most linked sector, for figures whose sentence names none."""
    counts: dict[str, Counter[str]] = {}
    for link in links:
        counts.setdefault(link.region, Counter())[link.sector] += 1
    return {region: min(c, key=lambda s: (-c[s], s)) for region, c in counts.items()}


def merge_links(*groups: Iterable[Link]) -> tuple[Link, ...]:
    """One link per (region, sector, evidence span), in text order."""
    seen: dict[tuple[str, str, int, int], Link] = {}
    for group in groups:
        for link in group:
            seen.setdefault((link.region, link.sector, link.start, link.end), link)
    return tuple(sorted(seen.values(), key=lambda k: (k.start, k.region, k.sector)))
