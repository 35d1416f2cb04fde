"""Where a past, negation or ships-only cue reaches: from the cue to the end of its comma piece.

"Anhui, un tempo caratterizzata dalle sue radici agricole, si è trasformata in un centro
quantistico": the past reaches "un tempo ... agricole" only, the quantum claim stays. A cue
that is a piece on its own ("Outrora, ...", "Ten years ago, ...") reaches the whole clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .context import DocContext
from .gazetteer import RegionMatch, load_gazetteer
from .origin import origin_mentions
from .segment import Clause
from .text import Span

BLOCKING_CUES = ("past", "negation", "ships_only")
_PIECE_END = re.compile(r"[,;:()\u2014\u2013]|\s-\s")


def blocked_spans(
    ctx: DocContext, clause: Clause, kinds: tuple[str, ...] = BLOCKING_CUES
) -> list[Span]:
    """Read once per clause and kinds: links and every figure of a sentence ask again."""
    key = ("blocked", clause, kinds)
    cached = ctx.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    spans = []
    for kind in kinds:
        for start, end in ctx.cues.find(kind, ctx.folded, clause.start, clause.end):
            spans.append(_reach(ctx.text, clause, start, end))
    ctx.memo[key] = spans
    return spans


def _reach(text: str, clause: Clause, cue_start: int, cue_end: int) -> Span:
    before = [m.end() for m in _PIECE_END.finditer(text, clause.start, cue_start)]
    piece_start = before[-1] if before else clause.start
    after = _PIECE_END.search(text, cue_end, clause.end)
    piece_end = after.start() if after else clause.end
    alone = not text[piece_start:cue_start].strip() and not text[cue_end:piece_end].strip()
    # the cue reaches forward: "Shanghai en a livré 800 à des usines" keeps its subject
    return Span(piece_start if alone else cue_start, clause.end if alone else piece_end)


def inside(spans: list[Span], start: int, end: int) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)


def is_national(ctx: DocContext, clause: Clause, pos: int) -> bool:
    """Is what stands at pos national? When a national cue opens the clause ("Nationwide,",
    "A livello nazionale") or comes before pos in its comma piece. A national word after a
    figure ("la moitié de la capacité nationale") is the whole a regional share is taken of."""
    for start, end in ctx.cues.find("national", ctx.folded, clause.start, clause.end):
        if len(ctx.text[clause.start : start].split()) <= 2:
            return True
        if end <= pos and not _PIECE_END.search(ctx.text, end, pos):
            return True
    return False


# "Ningxia e Qinghai", "Pequim, Xangai": names joined by a comma and at most two short words
_COORDINATION = re.compile(r"\s*,?\s*(?:[^\W\d_]{1,3}['’]?\s*){0,2}")


def coordinated(text: str, a: RegionMatch, b: RegionMatch) -> bool:
    first, second = (a, b) if a.start < b.start else (b, a)
    return _COORDINATION.fullmatch(text, first.end, second.start) is not None


def outside(text: str, mentions: list[RegionMatch], blocked: list[Span]) -> list[RegionMatch]:
    """Mentions not under a cue, nor coordinated with one that is ("a Pequim, Xangai")."""
    out = [m for m in mentions if inside(blocked, m.start, m.end)]
    changed = True
    while changed:
        changed = False
        for m in mentions:
            if m not in out and any(coordinated(text, m, o) for o in out):
                out.append(m)
                changed = True
    return [m for m in mentions if m not in out]


def previous_clause_region(ctx: DocContext, clause: Clause) -> str | None:
    """The last region named in the clause before this one in the same sentence: a clause that
    names none continues its subject ("Hainan no cuenta con fábricas, pero lanza satélites")."""
    siblings = ctx.clauses_of(clause.sentence_id)
    index = siblings.index(clause)
    if index == 0:
        return None
    before = siblings[index - 1]
    if before.dateline:
        return None  # the place a release was issued from is not what its first clause is about
    local = [m for m in ctx.mentions_in(before.start, before.end) if m.kind != "country"]
    return local[-1].code if local else None


def same_piece(text: str, a: int, b: int) -> bool:
    """No comma, semicolon, colon, bracket or dash between the two positions."""
    lo, hi = min(a, b), max(a, b)
    return _PIECE_END.search(text, lo, hi) is None


def previous_sentence_region(ctx: DocContext, clause: Clause) -> str | None:
    """The one region the sentence before names (in the same paragraph, outside its dateline,
    origins and places goods only go to): "Le parc couvre 3,6 km²" and "Ausländische Firmen
    sagten dort ... zu" refer back to it. A sentence naming several leaves it open."""
    sentence = ctx.sentence(clause.sentence_id)
    if sentence.id == 0:
        return None
    before = ctx.sentence(sentence.id - 1)
    if before.paragraph != sentence.paragraph:
        return None
    codes = set()
    for c in ctx.clauses_of(before.id):
        if c.dateline:
            continue
        shipped = blocked_spans(ctx, c, ("ships_only",))
        origins = origin_mentions(ctx, c)
        for m in outside(ctx.text, ctx.mentions_in(c.start, c.end), shipped):
            if m.kind != "country" and m not in origins:
                codes.add(m.code)
    return codes.pop() if len(codes) == 1 else None


# bullets and brackets a related-stories line may open with
_LINE_OPENER = re.compile(r"[\s\-–—•·»>\[(|*]*")


def is_read_more(ctx: DocContext, clause: Clause) -> bool:
    """A "Read more:" / "Leggi anche" block names other stories: page furniture, whose figures
    and sector terms are not this document's claims (its place names still count as named).
    The block runs from the label to the end of its paragraph ("Read more:" on a line of its
    own, then one headline per line)."""
    return _read_more_sentence(ctx, clause.sentence_id)


def _read_more_sentence(ctx: DocContext, sentence_id: int) -> bool:
    key = ("read_more", sentence_id)
    cached = ctx.memo.get(key)
    if cached is not None:
        return bool(cached)
    sentence = ctx.sentence(sentence_id)
    opener = _LINE_OPENER.match(ctx.text, sentence.start, sentence.end)
    start = opener.end() if opener else sentence.start
    hits = ctx.cues.find("read_more", ctx.folded, start, sentence.end)
    found = bool(hits) and hits[0][0] == start
    if not found and sentence_id > 0:
        previous = ctx.sentence(sentence_id - 1)
        found = previous.paragraph == sentence.paragraph and _read_more_sentence(
            ctx, sentence_id - 1
        )
    ctx.memo[key] = found
    return found


def subject(text: str, before: Sequence[RegionMatch], stop: int) -> RegionMatch:
    """The last region named before `stop` (a figure, a sector term), unless it only stands
    in an aside that follows another one: "Xiong'an, die neue Stadt südlich von Peking, hat
    ..." is Xiong'an's, and "the Yangtze River Delta, which groups Shanghai, Jiangsu, Zhejiang
    and Anhui, ..." the cluster's."""
    pick = len(before) - 1
    while pick > 0 and _aside_hangs_on_previous(text, before, pick, stop):
        pick -= 1
    members = load_gazetteer().members
    for i, cluster in enumerate(before[:pick]):
        listed = before[i + 1 :]
        if (
            members.get(cluster.code)
            and all(m.code in members[cluster.code] for m in listed)
            and _ASIDE_OPENS.fullmatch(text, cluster.end, listed[0].start)
        ):
            return cluster  # the regions after a cluster only list its members
    return before[pick]


def _aside_hangs_on_previous(text: str, before: Sequence[RegionMatch], i: int, stop: int) -> bool:
    """before[i] stands in an aside opened by a comma right after before[i - 1] and closed by
    a comma before `stop`."""
    opening = text.rfind(",", before[i - 1].end, before[i].start)
    if opening == -1 or text[before[i - 1].end : opening].strip():
        return False
    return _CLOSED_ASIDE.match(text, before[i].end, stop) is not None


# "Yangtze River Delta, which groups Shanghai": a comma, then words with no stop or colon
_ASIDE_OPENS = re.compile(r",[^,;:.!?()\n]*")


# the aside closes at the next comma with no sentence-level break before it
_CLOSED_ASIDE = re.compile(r"[^,;:.!?()\n]*,")
