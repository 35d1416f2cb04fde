"""Region-sector links: a sector the text says a region works in now.

A sector term links to the region that makes the claim in its clause: the last one named
before the term, or one right after it as its complement ("la filiera elettronica dello
Jiangxi"), with the regions coordinated with it ("Ningxia e Qinghai"). China claims only a
clause it opens and that names nothing more specific. A clause that names no region is claimed
by its figures' region, by China when national, or by the clause before it in the sentence.
Terms under a past, negation or ships-only cue make no link, and a region that only receives
goods claims nothing. Every attributed figure with a sector is a link too (gold convention).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..records import Figure, Link
from .context import DocContext
from .gazetteer import RegionMatch
from .origin import origin_mentions
from .scope import (
    blocked_spans,
    coordinated,
    inside,
    is_national,
    is_read_more,
    outside,
    previous_clause_region,
    same_piece,
    subject,
)
from .sectors import SectorMatch
from .segment import Clause

# "di Tianjin", "dell’Hebei", "of Jiangxi", "de la Chine", "in der Provinz": one or two short
# words (after an optional quoted name) between a sector term and the region it belongs to
_COMPLEMENT = re.compile(r"\s+(?:[“\"«][^”\"»,]{0,40}[”\"»]\s*)?(?:[^\W\d_]{1,5}['’]?\s*){1,2}")


def clause_links(ctx: DocContext, figures: Iterable[Figure] = ()) -> list[Link]:
    """Links of every clause; a clause naming no region is governed by its figures' region or,
    when national ("nationwide", "a livello nazionale"), by China."""
    by_clause: dict[int, list[Figure]] = {}
    for fig in figures:
        clause = ctx.clause_at(fig.start)
        if clause is not None:
            by_clause.setdefault(clause.start, []).append(fig)
    links: list[Link] = []
    for clause in ctx.clauses:
        links.extend(_links_of(ctx, clause, by_clause.get(clause.start, [])))
    return links


def _links_of(ctx: DocContext, clause: Clause, figures: list[Figure]) -> list[Link]:
    terms, mentions = _claims(ctx, clause)
    if not terms or is_read_more(ctx, clause):
        return []
    # a clause that names a region claims the same links whatever its figures are
    named = any(m.kind != "country" for m in mentions) or (
        bool(mentions) and _opens(ctx, clause, mentions[0].start)
    )
    key = ("links", clause)
    if named and key in ctx.memo:
        return ctx.memo[key]  # type: ignore[return-value]
    evidence = ctx.text[clause.start : clause.end]
    pairs: dict[tuple[str, str], None] = {}
    for term in terms:
        for region in _governing(ctx, clause, mentions, term, figures):
            pairs[(region, term.sector)] = None
    links = [Link(r, s, evidence, clause.start, clause.end) for r, s in pairs]
    if named:
        ctx.memo[key] = links
    return links


def _claims(ctx: DocContext, clause: Clause) -> tuple[list[SectorMatch], list[RegionMatch]]:
    """The clause's sector terms and the regions that may claim them, outside blocked pieces;
    they do not depend on the figures, so they are read once per clause."""
    terms = ctx.sectors_in(clause.start, clause.end)
    if not terms:  # most clauses name no sector: their cues need not be read
        return [], []
    key = ("claims", clause)
    cached = ctx.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    blocked = blocked_spans(ctx, clause)
    terms = [s for s in terms if not inside(blocked, s.start, s.end)]
    # a region inside a blocked piece ("viene imbarcata a Shanghai") claims nothing here
    mentions = (
        outside(ctx.text, ctx.mentions_in(clause.start, clause.end), blocked) if terms else []
    )
    if mentions and _recorded_elsewhere(ctx, clause):
        # "Beijing-based developers invested ... in the region's wind farms": no Beijing claim
        origins = origin_mentions(ctx, clause)
        mentions = [m for m in mentions if m not in origins]
    ctx.memo[key] = (terms, mentions)
    return terms, mentions


def _recorded_elsewhere(ctx: DocContext, clause: Clause) -> bool:
    return bool(ctx.cues.find("invested_in", ctx.folded, clause.start, clause.end)) or bool(
        ctx.cues.find("anaphoric_place", ctx.folded, clause.start, clause.end)
    )


def _governing(
    ctx: DocContext,
    clause: Clause,
    mentions: list[RegionMatch],
    term: SectorMatch,
    figures: list[Figure],
) -> list[str]:
    """The region that makes the claim, with the regions coordinated with it."""
    local = [m for m in mentions if m.kind != "country"]
    if local:
        return _claimants(ctx.text, local, term)
    if mentions and _opens(ctx, clause, mentions[0].start):
        return ["CN"]  # "La Cina resta il primo mercato ..."; not "la région ... de la Chine"
    near = [f.region for f in figures if same_piece(ctx.text, f.start, term.start)]
    if near:
        return list(dict.fromkeys(near))
    if is_national(ctx, clause, clause.start + 1):
        return ["CN"]
    previous = previous_clause_region(ctx, clause)
    return [previous] if previous else []


def _claimants(text: str, mentions: list[RegionMatch], term: SectorMatch) -> list[str]:
    """The last region named before the term ("Shanghai sviluppa il 6G"), unless one follows
    it as a complement ("la catena elettronica dello Jiangxi"); else the first one after."""
    before = [m for m in mentions if m.end <= term.start]
    after = [m for m in mentions if m.start >= term.end]
    if after and _COMPLEMENT.fullmatch(text, term.end, after[0].start):
        head = after[0]
    elif before:
        head = subject(text, before, term.start)
    else:
        head = after[0] if after else mentions[0]
    group = [head]
    for chain in (reversed(mentions), mentions):
        for m in chain:
            if m not in group and any(coordinated(text, m, g) for g in group):
                group.append(m)
    return list(dict.fromkeys(m.code for m in group))


def _opens(ctx: DocContext, clause: Clause, pos: int) -> bool:
    return len(ctx.text[clause.start : pos].split()) <= 2


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
