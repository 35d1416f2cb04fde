"""Intact mojibake and the other glitches ftfy mends, as changes: ftfy runs only on the lines
it could change, since on clean accented text its detector costs more than everything else.

ftfy fixes each line on its own, so skipping a line it would leave alone changes nothing.
A line is left alone when it has no two non-ASCII characters in a row (every pattern of
ftfy's mojibake detector needs two, but for a C1 control and a stray 'œ'), none of the
characters its other fixers act on (controls, ligatures, full-width forms, line separators,
surrogates, the replacement character), no HTML entity, and is in NFC already.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from typing import Final

import ftfy
import ftfy.badness
from ftfy import chardata

from .offsets import Change

RULE: Final = "ftfy:fix_text"
CONFIDENCE: Final = 0.95

# an HTML entity without its '&'; every pattern below starts with one character class, which
# sre scans for in C, where an alternation would be tried at every offset
_ENTITY_TAIL: Final = chardata.HTML_ENTITY_RE.pattern.removeprefix("&")
assert chardata.HTML_ENTITY_RE.pattern == "&" + _ENTITY_TAIL
# plain ASCII without controls, carriage returns or HTML entities is something ftfy leaves alone
_WORK: Final = re.compile(rf"[^\t\n\x20-\x25\x27-\x7e](?:(?<=&){_ENTITY_TAIL}|(?<!&))")


def _acted_on() -> str:
    """A character class of what ftfy's fixers other than the mojibake detector act on, from
    ftfy's own tables, plus the lone characters the detector flags."""
    table = set(chardata.LIGATURES) | set(chardata.WIDTH_MAP) | set(chardata.CONTROL_CHARS)
    chars = "".join(re.escape(chr(c)) for c in sorted(table))
    # C1 controls and '\r' (line breaks), line separators, surrogates, the replacement
    # character, and the detector's lone suspects: Latin-1 mojibake leads, 'œ', 'Ø', 'Ù'
    extra = "\\x80-\\x9f\\r\u2028\u2029\\ud800-\\udfff\ufffd\u00c2\u00c3\u0152\u0153\u00d8\u00d9"
    return f"[{chars}{extra}]"


def _needs_ftfy_re() -> re.Pattern[str]:
    """An HTML entity, two non-ASCII characters in a row, or one of _acted_on()."""
    acted = re.compile(_acted_on())
    lead = "".join(re.escape(chr(c)) for c in range(0x80) if acted.match(chr(c)))
    return re.compile(
        f"[&{lead}\\x80-\\U0010ffff]"
        f"(?:(?<=&){_ENTITY_TAIL}|(?<=[^\\x00-\\x7f])[^\\x00-\\x7f]|(?<={_acted_on()}))"
    )


_NEEDS_FTFY: Final = _needs_ftfy_re()


def ftfy_changes(raw: str) -> list[Change]:
    changes: list[Change] = []
    config = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC", explain=False)
    if not _needs_ftfy(raw):
        return changes  # nothing on any line: the checks below are line-local
    markup = raw.find("<")  # as in ftfy: from the first line with markup on, entities stay
    for start, line in _worked_lines(raw):
        if 0 <= markup < start + len(line):
            config = config._replace(unescape_html=False)
        if _needs_ftfy(line):
            changes += _diff(line, ftfy.fix_text(line, config), start)
    return changes


def _worked_lines(raw: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of each line with something _WORK finds: _needs_ftfy() passes over the
    others, and one search of the text finds these, where a search per line pays a call for
    every line. Lines end at '\n' only, as in ftfy: str.splitlines would also cut at U+0085,
    a byte that mojibake is made of."""
    m = _WORK.search(raw)
    while m is not None:
        start = raw.rfind("\n", 0, m.start()) + 1
        end = raw.find("\n", m.start()) + 1 or len(raw)
        yield start, raw[start:end]
        m = _WORK.search(raw, end)


def _needs_ftfy(line: str) -> bool:
    if not _WORK.search(line):
        return False
    return _NEEDS_FTFY.search(line) is not None or not unicodedata.is_normalized("NFC", line)


def could_be_mojibake(text: str) -> bool:
    """Whether ftfy's detector could flag this text (see the module's note)."""
    return _NEEDS_FTFY.search(text) is not None and ftfy.badness.is_bad(text)


def _diff(before: str, after: str, offset: int) -> list[Change]:
    """The changes that turn before into after, one per mended stretch.

    ftfy's changes are short and far apart, so a walk that resynchronises on the nearest
    common stretch finds them in linear time; difflib (quadratic on a long line) only takes
    over when no resync is near."""
    if before == after:
        return []
    changes: list[Change] = []
    i = j = 0
    while i < len(before) or j < len(after):
        if i < len(before) and j < len(after) and before[i] == after[j]:
            i, j = i + 1, j + 1
            continue
        gap = _resync(before, after, i, j)
        if gap is None:
            return changes + _difflib(before[i:], after[j:], offset + i)
        di, dj = gap
        # the stretch between two agreements is short: difflib splits it cheaply
        changes += _difflib(before[i : i + di], after[j : j + dj], offset + i)
        i, j = i + di, j + dj
    return changes


RESYNC: Final = 4  # characters that must agree after a change
MAX_GAP: Final = 8  # the longest stretch one of ftfy's changes replaces


def _resync(before: str, after: str, i: int, j: int) -> tuple[int, int] | None:
    """The smallest skips (in before, in after) after which both texts agree again."""
    for total in range(1, 2 * MAX_GAP + 1):
        for di in range(max(0, total - MAX_GAP), min(total, MAX_GAP) + 1):
            a, b = before[i + di : i + di + RESYNC], after[j + total - di : j + total - di + RESYNC]
            if a == b and (
                len(a) == RESYNC
                or (i + di + len(a) == len(before) and j + total - di + len(b) == len(after))
            ):
                return di, total - di
    return None


def _difflib(before: str, after: str, offset: int) -> list[Change]:
    sm = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        Change(offset + i1, offset + i2, after[j1:j2], RULE, CONFIDENCE)
        for op, i1, i2, j1, j2 in sm.get_opcodes()
        if op != "equal"
    ]
