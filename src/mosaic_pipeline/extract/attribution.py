"""Figure attribution: whose quantity is it, in which sector, measuring what, in which year.

A quantity belongs to the region its clause is about: the last region named before it in the
clause (else China if named there, else the first name after it); a city counts as its
province and a cluster keeps the figure. An investment cue gives the figure to the destination
("Shanghai firms invested 5 billion yuan in Anhui" -> Anhui); a place the goods only go to
owns nothing, and where companies or investors come from ("investisseurs de Hong Kong ont
injecté ... dans ce centre") is set aside when the figure is recorded elsewhere (origin.py). A
region in an aside ("Xiong'an, die neue Stadt südlich von Peking, hat") or a cluster's member
list yields to the name the aside hangs on. A clause about a foreign place drops the figure, and
a "Read more:" block is page furniture. A clause that names no region is China's when a
national cue opens it ("Nationwide, ..."), else it continues the clause before it in the
sentence, else goes to the region the document is about when the clause refers to it ("la
regione", "the province"), else to the one region the sentence before names, else to the
document's region.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..records import Figure
from .context import DocContext, QuantityLike
from .gazetteer import RegionMatch
from .origin import origin_mentions, set_aside
from .scope import (
    blocked_spans,
    inside,
    is_national,
    is_read_more,
    outside,
    previous_clause_region,
    previous_sentence_region,
    same_piece,
    subject,
)
from .sectors import SectorMatch
from .segment import Clause
from .text import WORD

_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d.,]\d)")
_METRIC_WORDS = 4
_GENERIC = "innovation"  # patents and R&D are measured in every domain


def attribute(
    ctx: DocContext, quantities: Iterable[QuantityLike], dominant: dict[str, str] | None = None
) -> list[Figure]:
    """One Figure per quantity that belongs to a region; the others are dropped."""
    figures = []
    topic = ctx.topic
    for q in quantities:
        clause = ctx.clause_at(q.start)
        if clause is None or is_read_more(ctx, clause):
            continue
        region, how = _region(ctx, clause, q, topic)
        if region is None:
            continue
        sector = _sector(ctx, clause, q) or (dominant or {}).get(region)
        figures.append(
            Figure(
                region=region,
                sector=sector,
                metric=_metric(ctx, clause, q),
                value=float(q.value),
                unit=q.unit,
                qualifier=q.qualifier,
                year=_year(ctx, clause, q),
                surface=q.surface,
                start=q.start,
                end=q.end,
                sentence_id=clause.sentence_id,
                confidence=round(q.confidence * _HOW_CONFIDENCE[how], 3),
                rule=f"{q.rule}+{how}" if q.rule else how,
            )
        )
    return figures


_HOW_CONFIDENCE = {
    "invested_in": 0.85,
    "clause_before": 0.95,
    "clause_after": 0.85,
    "country": 0.9,
    "national": 0.8,
    "previous_clause": 0.6,
    "previous_sentence": 0.5,
    "topic": 0.4,
}


def _region(
    ctx: DocContext, clause: Clause, q: QuantityLike, topic: str | None
) -> tuple[str | None, str]:
    # a place the goods or power only go to ("que ligam a região a Pequim") owns nothing here
    shipped = blocked_spans(ctx, clause, ("ships_only",))
    mentions = [
        m  # "dólares de Hong Kong" names a currency, not the figure's owner
        for m in outside(ctx.text, ctx.mentions_in(clause.start, clause.end), shipped)
        if m.end <= q.start or m.start >= q.end
    ]
    dest = _destination(ctx, clause, mentions)
    if dest is not None:
        return dest.code, "invested_in"
    # "Des investisseurs de Hong Kong ont injecté 800 millions dans ce centre": not Hong Kong's
    kept = set_aside(ctx, clause, q, mentions)
    if len(kept) < len(mentions) and not any(m.end <= q.start for m in kept):
        # the agent's origin was set aside: a name in a later piece is no owner either
        kept = [m for m in kept if same_piece(ctx.text, q.end, m.start)]
    mentions = kept
    if _refers_back(ctx, clause, q, mentions):
        return _fallback(ctx, clause, topic)
    if _about_abroad(ctx, clause, mentions, q):
        return None, "foreign"
    if mentions:
        return _nearest(ctx.text, mentions, q)
    if is_national(ctx, clause, q.start):
        return "CN", "national"
    return _fallback(ctx, clause, topic)


def _refers_back(
    ctx: DocContext, clause: Clause, q: QuantityLike, mentions: Sequence[RegionMatch]
) -> bool:
    """No region before the figure and a place referred back to right after it ("invested 12
    billion yuan in the region's wind farms, ... to Shandong"): not the later name's figure."""
    if any(m.end <= q.start for m in mentions):
        return False
    stop = min((m.start for m in mentions if m.start >= q.end), default=clause.end)
    return bool(ctx.cues.find("anaphoric_place", ctx.folded, q.end, stop))


def _about_abroad(
    ctx: DocContext, clause: Clause, mentions: Sequence[RegionMatch], q: QuantityLike
) -> bool:
    """The clause names a foreign place before the figure and no Chinese one ("Germany
    installed 5 GW"); "Jiangsu's exports to Europe" stay Jiangsu's."""
    if any(m.end <= q.start for m in mentions):
        return False
    return any(clause.start <= f.start and f.end <= q.start for f in ctx.foreign)


def _nearest(text: str, mentions: Sequence[RegionMatch], q: QuantityLike) -> tuple[str, str]:
    """The last region below the country named before the figure, else the first name after
    it; China itself only when the clause names nothing more specific near the figure."""
    before = [m for m in mentions if m.end <= q.start]
    local_before = [m for m in before if m.kind != "country"]
    if local_before:
        return subject(text, local_before, q.start).code, "clause_before"
    if before:
        return "CN", "country"
    after = [m for m in mentions if m.start >= q.end]
    if after:
        return after[0].code, "country" if after[0].kind == "country" else "clause_after"
    return "CN", "country"


def _destination(
    ctx: DocContext, clause: Clause, mentions: Sequence[RegionMatch]
) -> RegionMatch | None:
    """ "Shanghai firms invested 5 billion yuan in Anhui": the region after the cue."""
    origins = origin_mentions(ctx, clause)
    for _, cue_end in ctx.cues.find("invested_in", ctx.folded, clause.start, clause.end):
        after = [
            m
            for m in mentions
            if m.start >= cue_end
            and m.kind != "country"
            and m not in origins
            and same_piece(ctx.text, cue_end, m.start)  # "..., and lines carry it to Hebei"
        ]
        before = [m for m in mentions if m.end <= cue_end]
        if after and before:
            return after[0]
    return None


def _fallback(ctx: DocContext, clause: Clause, topic: str | None) -> tuple[str | None, str]:
    """No region in the clause: the region of the clause before it in the sentence ("Wuhan ...;
    its companies employ 45,000"); the region the document is about when the clause refers to
    it ("la regione", "the province"); the one region the sentence before names ("Le parc
    couvre 3,6 km²"); else the region the document is about."""
    previous = previous_clause_region(ctx, clause)
    if previous is not None:
        return previous, "previous_clause"
    if topic is not None and ctx.cues.find("topic_anaphor", ctx.folded, clause.start, clause.end):
        return topic, "topic"  # "la région", "the province": the region the text is about
    previous = previous_sentence_region(ctx, clause)
    if previous is not None:
        return previous, "previous_sentence"
    if topic is not None:
        return topic, "topic"
    return None, "none"


def _sector(ctx: DocContext, clause: Clause, q: QuantityLike) -> str | None:
    """The nearest sector term in the figure's own comma piece, "innovation" (patents, R&D)
    only when the piece names no domain ("tre quinti dei brevetti nel campo dell'IA" is AI);
    else the nearest in the clause, else in the sentence. Terms under a past or negation cue
    do not count."""
    sentence = ctx.sentence(clause.sentence_id)
    for scope in ([clause], ctx.clauses_of(sentence.id)):
        terms = [term for c in scope for term in _live_terms(ctx, c)]
        if terms:
            return min(terms, key=lambda t: _rank(ctx.text, t, q)).sector
    return None


def _rank(text: str, term: SectorMatch, q: QuantityLike) -> tuple[bool, bool, int]:
    near = same_piece(text, term.start, q.start) and same_piece(text, term.end, q.end)
    return (not near, term.sector == _GENERIC, _distance(term.start, term.end, q))


def _live_terms(ctx: DocContext, clause: Clause) -> list[SectorMatch]:
    blocked = blocked_spans(ctx, clause)
    return [
        s for s in ctx.sectors_in(clause.start, clause.end) if not inside(blocked, s.start, s.end)
    ]


def _distance(start: int, end: int, q: QuantityLike) -> int:
    if start >= q.end:
        return start - q.end  # the noun after a number is what it counts: ties go to it
    if end <= q.start:
        return q.start - end + 1
    return 0


def _metric(ctx: DocContext, clause: Clause, q: QuantityLike) -> str:
    if q.noun:
        return q.noun
    words = WORD.findall(ctx.text[clause.start : q.start])
    return " ".join(words[-_METRIC_WORDS:]) or q.surface


def _year(ctx: DocContext, clause: Clause, q: QuantityLike) -> int | None:
    years = [
        m
        for m in _YEAR.finditer(ctx.text, clause.start, clause.end)
        if m.end() <= q.start or m.start() >= q.end
    ]
    if not years:
        return None
    best = min(years, key=lambda m: min(abs(m.start() - q.end), abs(q.start - m.end())))
    return int(best.group(1))
