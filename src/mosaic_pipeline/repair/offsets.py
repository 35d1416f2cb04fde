"""Edits in raw-text coordinates: apply them, compose passes, map repaired offsets back to raw."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
        self._text = raw

    @property
    def text(self) -> str:
        return self._text

    def apply(self, changes: Sequence[Change]) -> None:
        """Apply one pass's changes, all in the coordinates of the current text.

        One walk from the end over segments and changes: a change applied there leaves the
        offsets of everything before it valid, so no offset table is ever rebuilt."""
        if not changes:
            return
        todo = list(self.segs)  # unprocessed segments, consumed from the end
        tail: list[_Seg] = []  # processed segments, in reverse order
        end = len(self._text)  # where todo's last segment ends
        for ch in sorted(changes, key=lambda c: (c.start, c.end), reverse=True):
            end = self._apply_one(ch, todo, tail, end)
        todo.extend(reversed(tail))
        self.segs = todo
        self._text = "".join(s.text for s in todo)

    def _apply_one(self, ch: Change, todo: list[_Seg], tail: list[_Seg], end: int) -> int:
        s, e = ch.start, ch.end
        # segments starting at or after the change's end are untouched
        while todo and end - len(todo[-1].text) >= e:
            end = _move(todo, tail, end)
        if todo and end > e and not todo[-1].rule:
            end = _split(todo, tail, end, e)  # an unchanged stretch is cut, an edit absorbed
        group: list[_Seg] = []
        while todo and end > s:
            group.append(todo.pop())
            end -= len(group[-1].text)
        if not group:  # an insertion between two segments
            raw_pos = tail[-1].raw_start if tail else len(self.raw)
            tail.append(_Seg(raw_pos, raw_pos, ch.after, ch.rule, ch.confidence))
            return end
        group.reverse()
        if end < s and not group[0].rule:
            first, k = group[0], s - end
            todo.append(_Seg(first.raw_start, first.raw_start + k, first.text[:k]))
            group[0] = _Seg(first.raw_start + k, first.raw_end, first.text[k:])
            end = s
        cur = "".join(g.text for g in group)
        rules = [g.rule for g in group if g.rule] + [ch.rule]
        merged = _Seg(
            group[0].raw_start,
            group[-1].raw_end,
            cur[: s - end] + ch.after + cur[e - end :],
            "+".join(dict.fromkeys(r for rr in rules for r in rr.split("+"))),
            min([g.confidence for g in group if g.rule] + [ch.confidence]),
        )
        if end < s:
            # an earlier edit absorbed from before s: its head (old coordinates up to s) may
            # still meet the next change, so it goes back to be walked again
            todo.append(merged)
            return end + len(merged.text)
        tail.append(merged)
        return end

    def edited_stretches(self, context: int) -> list[str]:
        """The text each pass wrote, with context characters of its neighbours either side."""
        out = []
        for k, s in enumerate(self.segs):
            if s.rule:
                left = self.segs[k - 1].text[-context:] if k else ""
                right = self.segs[k + 1].text[:context] if k + 1 < len(self.segs) else ""
                out.append(left + s.text + right)
        return out

    def edits(self) -> tuple[Edit, ...]:
        out = []
        for s in self.segs:
            before = self.raw[s.raw_start : s.raw_end]
            if s.rule and s.text != before:
                out.append(Edit(s.raw_start, s.raw_end, before, s.text, s.rule, s.confidence))
        return tuple(out)


def _move(todo: list[_Seg], tail: list[_Seg], end: int) -> int:
    seg = todo.pop()
    tail.append(seg)
    return end - len(seg.text)


def _split(todo: list[_Seg], tail: list[_Seg], end: int, at: int) -> int:
    """Cut todo's last (unchanged) segment at offset at; its right part is done."""
    seg = todo[-1]
    k = len(seg.text) - (end - at)
    todo[-1] = _Seg(seg.raw_start, seg.raw_start + k, seg.text[:k])
    tail.append(_Seg(seg.raw_start + k, seg.raw_end, seg.text[k:]))
    return at
