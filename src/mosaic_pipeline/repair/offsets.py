"""Edits in raw-text coordinates: apply them, compose passes, map repaired offsets back to raw."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from ..records import Edit, Repaired


@dataclass(frozen=True)
class Change:
    """One change proposed by a pass, in the coordinates of that pass's input text."""

    start: int
    end: int
    after: str
    rule: str
    confidence: float


@dataclass
class _Seg:
    raw_start: int
    raw_end: int
    text: str
    rule: str = ""  # empty: an unchanged copy of the raw text
    confidence: float = 1.0


def apply_edits(raw: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping raw-coordinate edits to raw."""
    out: list[str] = []
    pos = 0
    for e in edits:
        if e.raw_start < pos or raw[e.raw_start : e.raw_end] != e.before:
            raise ValueError(f"edit does not fit the raw text: {e}")
        out.append(raw[pos : e.raw_start])
        out.append(e.after)
        pos = e.raw_end
    out.append(raw[pos:])
    return "".join(out)


def to_raw(repaired: Repaired, offset: int) -> int:
    """Map an offset of the repaired text to the raw text.

    Inside an edit's replacement the offset maps to the start of the edit's raw span (the
    replacement has no finer correspondence); between edits it shifts by the length deltas.
    """
    delta = 0
    for e in repaired.edits:
        new_start = e.raw_start + delta
        new_end = new_start + len(e.after)
        if offset < new_start:
            break
        if offset < new_end or (offset == new_end and offset == new_start):
            return e.raw_start
        delta += len(e.after) - (e.raw_end - e.raw_start)
    return max(0, min(len(repaired.raw_text), offset - delta))


class EditLog:
    """The text as raw segments plus replacements, so that changes of successive passes compose
    into edits on the raw text (a change touching an earlier edit is merged with it)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.segs: list[_Seg] = [_Seg(0, len(raw), raw)] if raw else []

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segs)

    def apply(self, changes: Sequence[Change]) -> None:
        """Apply one pass's changes, all in the coordinates of the current text."""
        ordered = sorted(changes, key=lambda c: (c.start, c.end))
        starts = self._starts()
        valid = len(self.segs)  # segments before this index have offsets that are still right
        # from the end backwards, so the offsets of the segments before each change stay valid
        for ch in reversed(ordered):
            if valid < len(self.segs) and (valid == 0 or ch.end >= starts[valid - 1]):
                starts, valid = self._starts(), len(self.segs)
            lo = max(0, bisect_left(starts, ch.start, 0, valid) - 1)
            hi = min(valid, bisect_right(starts, ch.end, 0, valid) + 1)
            if hi >= valid:
                hi = len(self.segs)
            base = starts[lo] if lo < len(starts) else starts[-1]
            local = Change(ch.start - base, ch.end - base, ch.after, ch.rule, ch.confidence)
            self.segs[lo:hi] = _apply_one(self.segs[lo:hi], local, self._raw_after(hi))
            valid = lo

    def _starts(self) -> list[int]:
        return list(accumulate((len(s.text) for s in self.segs), initial=0))

    def _raw_after(self, hi: int) -> int:
        return self.segs[hi].raw_start if hi < len(self.segs) else len(self.raw)

    def edits(self) -> tuple[Edit, ...]:
        out = []
        for s in self.segs:
            before = self.raw[s.raw_start : s.raw_end]
            if s.rule and s.text != before:
                out.append(Edit(s.raw_start, s.raw_end, before, s.text, s.rule, s.confidence))
        return tuple(out)


def _split_at(segs: list[_Seg], pos: int) -> None:
    """Make pos a boundary, unless it falls inside a replacement (which is then absorbed)."""
    off = 0
    for i, s in enumerate(segs):
        n = len(s.text)
        if off < pos < off + n and not s.rule:
            k = pos - off
            left = _Seg(s.raw_start, s.raw_start + k, s.text[:k])
            right = _Seg(s.raw_start + k, s.raw_end, s.text[k:])
            segs[i : i + 1] = [left, right]
            return
        off += n


def _apply_one(segs: list[_Seg], ch: Change, raw_end: int) -> list[_Seg]:
    segs = list(segs)
    _split_at(segs, ch.start)
    _split_at(segs, ch.end)
    starts, off = [], 0
    for s in segs:
        starts.append(off)
        off += len(s.text)
    idx = []
    for k, s in enumerate(segs):
        a, b = starts[k], starts[k] + len(s.text)
        if ch.start < ch.end:
            hit = (a < ch.end and b > ch.start) or (a == b and ch.start < a < ch.end)
        else:
            hit = a < ch.start < b
        if hit:
            idx.append(k)
    if not idx:
        k = next((k for k, a in enumerate(starts) if a >= ch.start), len(segs))
        raw_pos = segs[k].raw_start if k < len(segs) else raw_end
        segs.insert(k, _Seg(raw_pos, raw_pos, ch.after, ch.rule, ch.confidence))
        return segs
    i, j = idx[0], idx[-1] + 1
    group = segs[i:j]
    base = starts[i]
    cur = "".join(s.text for s in group)
    new_text = cur[: ch.start - base] + ch.after + cur[ch.end - base :]
    rules = [s.rule for s in group if s.rule] + [ch.rule]
    conf = min([s.confidence for s in group if s.rule] + [ch.confidence])
    rule = "+".join(dict.fromkeys(r for rr in rules for r in rr.split("+")))
    segs[i:j] = [_Seg(group[0].raw_start, group[-1].raw_end, new_text, rule, conf)]
    return segs
