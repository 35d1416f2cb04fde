"""Edits in raw-text coordinates: apply them, compose passes, map repaired offsets back to raw."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import partial
from itertools import accumulate
from operator import itemgetter
from typing import Final, NamedTuple

from ..records import Edit, Repaired


class Change(NamedTuple):
    """One change proposed by a pass, in the coordinates of that pass's input text (a named
    tuple: passes make hundreds, and a frozen dataclass costs several times more to build)."""

    start: int
    end: int
    after: str
    rule: str
    confidence: float


class _Seg:
    """A stretch of the current text: raw[raw_start:raw_end] as it was (no rule), or what
    the edits of rule made of it. A class with slots, not a named tuple: compiled by mypyc
    (setup.py), it is a C struct, built and read without a Python-level call."""

    __slots__ = ("raw_start", "raw_end", "text", "rule", "confidence")

    def __init__(
        self, raw_start: int, raw_end: int, text: str, rule: str = "", confidence: float = 1.0
    ) -> None:
        self.raw_start = raw_start
        self.raw_end = raw_end
        self.text = text
        self.rule = rule  # empty: an unchanged copy of the raw text
        self.confidence = confidence


def _starts(segs: list[_Seg]) -> list[int]:
    """Where each segment starts in the current text, and the text's end."""
    return list(accumulate([len(s.text) for s in segs], initial=0))


# a named tuple built from a tuple of all its fields by tuple.__new__ itself, without the
# Python-level __new__ a call of the class runs: a repair builds hundreds of these
_edit: Final = partial(tuple.__new__, Edit)
_SPAN: Final = itemgetter(0, 1)  # a Change's (start, end)


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

    def __init__(self, raw: str, forward_walk: bool = True) -> None:
        self.raw = raw
        # False: every pass takes the general last-first walk (tests compare the two walks)
        self.forward_walk = forward_walk
        self.segs: list[_Seg] = [_Seg(0, len(raw), raw)] if raw else []
        self._text = raw
        self._starts: list[int] | None = None  # where each segment starts, and the end

    @property
    def text(self) -> str:
        return self._text

    def apply(self, changes: Sequence[Change]) -> None:
        """Apply one pass's changes, all in the coordinates of the current text.

        The usual pass, whose changes each fall in unchanged text and apart, is made in one
        forward walk (_apply_apart). Otherwise changes go from the last to the first: one
        applied there leaves the offsets of all segments before it valid, so one table of
        segment starts serves every change, and the segments after a change move as one
        slice."""
        if not changes:
            return
        ordered = sorted(changes, key=_SPAN)
        fast = self._apply_apart(ordered) if self.forward_walk else None
        if fast is not None:
            self.segs, self._starts = fast
            self._text = _substituted(self._text, ordered)
            return
        self._starts = None
        last_first = sorted(changes, key=_SPAN, reverse=True)
        segs = list(self.segs)
        starts = _starts(segs)
        n = len(segs)  # segs[:n] are not done; done chunks collect in out, last first
        out: list[list[_Seg]] = []
        for ch in last_first:
            n = self._apply_one(ch, segs, starts, n, out)
        result = segs[:n]
        for chunk in reversed(out):
            result.extend(chunk)
        self.segs = result
        self._text = "".join([s.text for s in result])

    def _apply_apart(self, ordered: list[Change]) -> tuple[list[_Seg], list[int]] | None:
        """The segments apply() makes, and their starts, when each change (in order)
        replaces text of one unchanged segment and overlaps no other, or None. Such a change
        merges with no edit, so the last-first walk only cuts: here the same cuts in one
        forward walk, which copies each piece of text once, where cutting the last first
        copies the whole head again for every change."""
        segs = self.segs
        starts = self._starts
        if starts is None:
            starts = _starts(segs)
        out: list[_Seg] = []
        new_starts: list[int] = []
        k = cut = 0  # segs[:k] are in out, and so is segs[k].text[:cut]
        shift = 0  # how far the changes made so far moved the text after them
        for s, e, after, rule, conf in ordered:
            g = bisect_right(starts, s) - 1
            if g >= len(segs) or segs[g].rule:
                return None
            seg = segs[g]
            a, b = s - starts[g], e - starts[g]
            if not 0 <= a < b <= len(seg.text) or (g == k and a < cut):
                return None  # an insertion, an edit touched, or an overlap
            if g != k:
                if cut:
                    _rest(segs[k], cut, starts[k] + cut + shift, out, new_starts)
                    k += 1
                out += segs[k:g]
                new_starts += [x + shift for x in starts[k:g]]
                k, cut = g, 0
            r0, base = seg.raw_start, starts[g] + shift
            if a > cut:
                out.append(_Seg(r0 + cut, r0 + a, seg.text[cut:a]))
                new_starts.append(base + cut)
            out.append(_Seg(r0 + a, r0 + b, after, rule, conf))
            new_starts.append(base + a)
            shift += len(after) - (b - a)
            cut = b
        if cut:
            _rest(segs[k], cut, starts[k] + cut + shift, out, new_starts)
            k += 1
        out += segs[k:]
        new_starts += [x + shift for x in starts[k:]]  # and the text's end
        return out, new_starts

    def _apply_one(
        self, ch: Change, segs: list[_Seg], starts: list[int], n: int, out: list[list[_Seg]]
    ) -> int:
        s, e = ch.start, ch.end
        g = bisect_right(starts, s, 0, n) - 1
        if g >= 0 and not segs[g].rule and starts[g] < s < e < starts[g] + len(segs[g].text):
            return _inside(ch, segs, starts, g, n, out)
        k = bisect_left(starts, e, 0, n)  # segments starting at or after e are untouched
        if k < n:
            out.append(segs[k:n])
            n = k
        if n and not segs[n - 1].rule and starts[n - 1] + len(segs[n - 1].text) > e:
            left, right = _cut(segs[n - 1], e - starts[n - 1])  # an edit would be absorbed
            segs[n - 1] = left
            out.append([right])
        g = bisect_right(starts, s, 0, n) - 1  # the last segment starting at or before s
        if g == n - 1 and (n == 0 or starts[g] + len(segs[g].text) <= s):
            g = n  # nothing covers s: an insertion between two segments
        if g >= n:
            raw_pos = out[-1][0].raw_start if out else len(self.raw)
            out.append([_Seg(raw_pos, raw_pos, ch.after, ch.rule, ch.confidence)])
            return n
        group, base = segs[g:n], starts[g]
        n = g
        if base < s and not group[0].rule:
            segs[g], group[0] = _cut(group[0], s - base)
            n, base = g + 1, s
        cur = group[0].text if len(group) == 1 else "".join(x.text for x in group)
        rule, conf = _merge_rules(group, ch)
        text = cur[: s - base] + ch.after + cur[e - base :]
        merged = _Seg(group[0].raw_start, group[-1].raw_end, text, rule, conf)
        if base < s:
            # an earlier edit absorbed from before s: its head (old coordinates up to s) may
            # still meet the next change, so it stays to be walked again
            segs[n] = merged
            return n + 1
        out.append([merged])
        return n

    def edited_stretches(self, context: int) -> list[str]:
        """The text each pass wrote, with context characters of its neighbours either side."""
        segs, last = self.segs, len(self.segs) - 1
        return [
            (segs[k - 1].text[-context:] if k else "")
            + s.text
            + (segs[k + 1].text[:context] if k < last else "")
            for k, s in enumerate(segs)
            if s.rule
        ]

    def edits(self) -> tuple[Edit, ...]:
        raw = self.raw
        return tuple(
            _edit((s.raw_start, s.raw_end, before, s.text, s.rule, s.confidence))
            for s in self.segs
            if s.rule and s.text != (before := raw[s.raw_start : s.raw_end])
        )


def _inside(
    ch: Change, segs: list[_Seg], starts: list[int], g: int, n: int, out: list[list[_Seg]]
) -> int:
    """EditLog._apply_one for the usual change, strictly inside an unchanged segment: the
    same three segments, cut once each."""
    seg, a, b = segs[g], ch.start - starts[g], ch.end - starts[g]
    if g + 1 < n:
        out.append(segs[g + 1 : n])
    r0 = seg.raw_start
    segs[g] = _Seg(r0, r0 + a, seg.text[:a])
    out.append([_Seg(r0 + b, seg.raw_end, seg.text[b:])])
    out.append([_Seg(r0 + a, r0 + b, ch.after, ch.rule, ch.confidence)])
    return g + 1


def _rest(seg: _Seg, k: int, at: int, out: list[_Seg], starts: list[int]) -> None:
    """What is left of an unchanged segment after its first k characters, if anything, to
    out, and where it now starts (at) to starts."""
    if k < len(seg.text):
        out.append(_Seg(seg.raw_start + k, seg.raw_end, seg.text[k:]))
        starts.append(at)


def _substituted(text: str, ordered: list[Change]) -> str:
    """text with each of the ordered, disjoint changes made."""
    pieces: list[str] = []
    pos = 0
    for s, e, after, _, _ in ordered:
        pieces += (text[pos:s], after)
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces)


def _merge_rules(group: list[_Seg], ch: Change) -> tuple[str, float]:
    """The rules of the edits a change merges with, and their lowest confidence."""
    earlier = [x for x in group if x.rule]
    if not earlier:
        return ch.rule, ch.confidence
    rules = [x.rule for x in earlier] + [ch.rule]
    rule = "+".join(dict.fromkeys(r for rr in rules for r in rr.split("+")))
    return rule, min([x.confidence for x in earlier] + [ch.confidence])


def _cut(seg: _Seg, k: int) -> tuple[_Seg, _Seg]:
    """An unchanged segment cut after its k-th character."""
    return (
        _Seg(seg.raw_start, seg.raw_start + k, seg.text[:k]),
        _Seg(seg.raw_start + k, seg.raw_end, seg.text[k:]),
    )
