"""Where a past, negation or ships-only cue reaches: the comma-delimited piece of its clause.

"Anhui, un tempo caratterizzata dalle sue radici agricole, si è trasformata in un centro
quantistico": the past reaches "un tempo ... agricole" only, the quantum claim stays. A cue
that is a piece on its own ("Outrora, ...", "Ten years ago, ...") reaches the whole clause.
"""

from __future__ import annotations

import re

from .context import DocContext
from .segment import Clause
from .text import Span

BLOCKING_CUES = ("past", "negation", "ships_only")
_PIECE_END = re.compile(r"[,;:()\u2014\u2013]|\s-\s")


def blocked_spans(
    ctx: DocContext, clause: Clause, kinds: tuple[str, ...] = BLOCKING_CUES
) -> list[Span]:
    spans = []
    for kind in kinds:
        for start, end in ctx.cues.find(kind, ctx.folded, clause.start, clause.end):
            spans.append(_reach(ctx.text, clause, start, end))
    return spans


def _reach(text: str, clause: Clause, cue_start: int, cue_end: int) -> Span:
    before = [m.end() for m in _PIECE_END.finditer(text, clause.start, cue_start)]
    piece_start = before[-1] if before else clause.start
    after = _PIECE_END.search(text, cue_end, clause.end)
    piece_end = after.start() if after else clause.end
    alone = not text[piece_start:cue_start].strip() and not text[cue_end:piece_end].strip()
    return Span(piece_start, clause.end if alone else piece_end)


def inside(spans: list[Span], start: int, end: int) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)
