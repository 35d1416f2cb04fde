"""Where an agent comes from, as opposed to where its figure is recorded.

"Shanghai companies invested 5 billion yuan in Anhui", "Des investisseurs de Hong Kong ont
injecté 800 millions de yuans dans ce centre", "O parque acolhe 230 empresas de Macau": the
region named with the companies or investors is their origin. The figure belongs to the place
where it is recorded (design.md), so an origin is set aside when the clause shows that place is
another one: money is invested, a place is referred back to ("in the province", "dort"), or the
origin only qualifies the counted noun after the number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .context import DocContext, QuantityLike
from .gazetteer import RegionMatch
from .segment import Clause

# "Shanghai companies", "Beijing-based developers", "Shanghai's investors", "Pekinger Firmen"
_ORIGIN_GLUE = re.compile(r"(?:[\s-]+based|['’]s)?[ \t]+")
_WINDOW = 40


def origin_mentions(ctx: DocContext, clause: Clause) -> tuple[RegionMatch, ...]:
    """The clause's region mentions that name where companies or investors come from."""
    key = ("origins", clause)
    cached = ctx.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    found = tuple(
        m for m in ctx.mentions_in(clause.start, clause.end) if _is_origin(ctx, clause, m)
    )
    ctx.memo[key] = found
    return found


def _is_origin(ctx: DocContext, clause: Clause, m: RegionMatch) -> bool:
    nouns = ctx.cues.patterns.get("origin_nouns")
    glue = _ORIGIN_GLUE.match(ctx.folded, m.end, clause.end)
    if nouns is not None and glue and nouns.match(ctx.folded, glue.end(), clause.end):
        return True
    lo = max(clause.start, m.start - _WINDOW)
    before = ctx.cues.find("origin_of", ctx.folded, lo, m.start)
    return bool(before) and not ctx.folded[before[-1][1] : m.start].strip()


def set_aside(
    ctx: DocContext, clause: Clause, q: QuantityLike, mentions: Sequence[RegionMatch]
) -> list[RegionMatch]:
    """The mentions that may own the figure once origins recorded elsewhere are set aside."""
    origins = set(origin_mentions(ctx, clause))
    if not origins:
        return list(mentions)
    elsewhere = bool(ctx.cues.find("invested_in", ctx.folded, clause.start, clause.end)) or bool(
        ctx.cues.find("anaphoric_place", ctx.folded, q.end, clause.end)
    )
    return [m for m in mentions if m not in origins or not (elsewhere or m.start >= q.end)]
