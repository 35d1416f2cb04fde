"""EditLog composes the changes of successive passes into raw-coordinate edits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mosaic_pipeline.records import Edit, Repaired
from mosaic_pipeline.repair.offsets import Change, EditLog, apply_edits, to_raw


@st.composite
def passes(draw: st.DrawFn) -> tuple[str, list[list[tuple[int, int, str]]]]:
    raw = draw(st.text(alphabet="ab c\n", max_size=20))
    rounds = []
    length = len(raw)
    for _ in range(draw(st.integers(0, 3))):
        spans, pos = [], 0
        while pos <= length and draw(st.booleans()):
            start = draw(st.integers(pos, length))
            end = draw(st.integers(start, min(length, start + 3)))
            after = draw(st.text(alphabet="XY", max_size=3))
            if start == end and not after:
                break
            spans.append((start, end, after))
            pos = end + 1
        rounds.append(spans)
        length += sum(len(a) - (e - s) for s, e, a in spans)
    return raw, rounds


@settings(max_examples=300, deadline=None)
@given(passes())
def test_passes_compose_into_raw_edits(case: tuple[str, list[list[tuple[int, int, str]]]]) -> None:
    raw, rounds = case
    log, text = EditLog(raw), raw
    for spans in rounds:
        log.apply([Change(s, e, a, "rule", 0.9) for s, e, a in spans])
        for s, e, a in sorted(spans, reverse=True):
            text = text[:s] + a + text[e:]
        assert log.text == text
    edits = log.edits()
    assert apply_edits(raw, edits) == text
    for edit in edits:
        assert raw[edit.raw_start : edit.raw_end] == edit.before
    assert all(a.raw_end <= b.raw_start for a, b in zip(edits, edits[1:], strict=False))


def test_change_touching_an_earlier_edit_merges_with_it() -> None:
    log = EditLog("la??area")
    log.apply([Change(1, 4, "’", "channel:punct", 0.8)])
    assert log.text == "l’area"
    log.apply([Change(0, 2, "L’", "case", 0.6)])
    (edit,) = log.edits()
    assert (edit.raw_start, edit.raw_end, edit.before, edit.after) == (0, 4, "la??", "L’")
    assert edit.rule == "channel:punct+case" and edit.confidence == 0.6


def test_apply_edits_rejects_an_edit_that_does_not_fit() -> None:
    try:
        apply_edits("abc", [Edit(0, 1, "x", "y", "r", 1.0)])
    except ValueError:
        return
    raise AssertionError("a mismatching edit was applied")


def test_to_raw_maps_offsets_after_and_inside_edits() -> None:
    raw = "qualitA in Cina, la??area"
    edits = (
        Edit(0, 7, "qualitA", "qualità", "channel:accent", 0.9),
        Edit(18, 21, "a??", "’", "channel:punct", 0.8),
    )
    rep = Repaired(raw, apply_edits(raw, edits), edits)
    assert rep.text == "qualità in Cina, l’area"
    assert to_raw(rep, rep.text.index("Cina")) == raw.index("Cina")
    assert to_raw(rep, rep.text.index("area")) == raw.index("area")
    assert to_raw(rep, rep.text.index("’")) == 18
    assert to_raw(rep, 3) == 0  # inside a replacement: the start of its raw span


@st.composite
def touching_passes(draw: st.DrawFn) -> tuple[str, list[list[tuple[int, int, str]]]]:
    """Like passes(), but changes may touch: one ends where the next starts, or an insertion
    sits right after a replacement (what real passes propose)."""
    raw = draw(st.text(alphabet="ab c", min_size=1, max_size=16))
    rounds = []
    length = len(raw)
    for _ in range(draw(st.integers(1, 4))):
        spans, pos = [], 0
        while pos <= length and draw(st.booleans()):
            start = draw(st.integers(pos, length))
            end = draw(st.integers(start, min(length, start + 3)))
            after = draw(st.text(alphabet="XYZ", max_size=3))
            if start == end and not after:
                break
            spans.append((start, end, after))
            pos = end + (1 if start == end else 0)
        rounds.append(spans)
        length += sum(len(a) - (e - s) for s, e, a in spans)
    return raw, rounds


@settings(max_examples=400, deadline=None)
@given(touching_passes())
def test_touching_changes_compose(case: tuple[str, list[list[tuple[int, int, str]]]]) -> None:
    raw, rounds = case
    log, text = EditLog(raw), raw
    for spans in rounds:
        log.apply([Change(s, e, a, "rule", 0.9) for s, e, a in spans])
        out, pos = [], 0
        for s, e, a in spans:
            out.append(text[pos:s] + a)
            pos = e
        text = "".join(out) + text[pos:]
        assert log.text == text
    edits = log.edits()
    assert apply_edits(raw, edits) == text
    assert all(a.raw_end <= b.raw_start for a, b in zip(edits, edits[1:], strict=False))


def _segments(log: EditLog) -> list[tuple[int, int, str, str, float]]:
    return [(s.raw_start, s.raw_end, s.text, s.rule, s.confidence) for s in log.segs]


@st.composite
def touching_passes(draw: st.DrawFn) -> tuple[str, list[list[tuple[int, int, str]]]]:
    """Like passes(), but a change may start right where the one before it ended."""
    raw = draw(st.text(alphabet="ab c", min_size=1, max_size=16))
    rounds, length = [], len(raw)
    for _ in range(draw(st.integers(1, 4))):
        spans, pos = [], 0
        while pos < length and draw(st.booleans()):
            start = draw(st.integers(pos, length - 1))
            end = draw(st.integers(start + 1, min(length, start + 3)))
            spans.append((start, end, draw(st.text(alphabet="XY", max_size=3))))
            pos = end
        rounds.append(spans)
        length += sum(len(a) - (e - s) for s, e, a in spans)
        if not length:
            break
    return raw, rounds


@settings(max_examples=400, deadline=None)
@given(touching_passes())
def test_the_forward_walk_cuts_as_the_last_first_walk_does(
    case: tuple[str, list[list[tuple[int, int, str]]]],
) -> None:
    raw, rounds = case
    fast, slow = EditLog(raw), EditLog(raw, forward_walk=False)
    for spans in rounds:
        changes = [Change(s, e, a, f"r{s}", 0.5 + s / 100) for s, e, a in spans]
        fast.apply(changes)
        slow.apply(changes)
        assert _segments(fast) == _segments(slow)
        assert fast.text == slow.text == "".join(s.text for s in fast.segs)
