"""Accented letters lost to the channel: 'qualitA' -> 'qualità', 'accA@lA re' -> 'accélère'.

A damaged letter reads as its lead 'A' plus 0-3 junk characters (possibly one space the OCR
inserted). From each word that shows such a lead in lower-case context, every way of reading
the A's (literal letter, or lead + junk of each length) is looked up in the lexicon's
skeleton index; candidates are scored by word frequency plus how well the junk fits the
channel's expected junk for that letter.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .channel import junk_score, letter_form
from .lexicon import SLOT, Lexicon
from .offsets import Change

MAX_JUNK = 3
MAX_SLOTS = 5
MIN_SCORE = 2.0
STANDALONE_MIN_ZIPF = 5.0
_SENTENCE_END = ".!?:"


@dataclass(frozen=True)
class _Path:
    key: str
    pieces: tuple[tuple[bool, str], ...]  # (is_slot, text): literal letters or a slot's junk


def _is_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _anchor(text: str, i: int) -> bool:
    """An 'A' that cannot be a plain capital: lower-case letter or junk next to it."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.islower() and prev.isascii():
        return True
    if nxt.isalnum() or nxt.isspace():
        return False  # a capitalised or all-caps word
    return not (prev.isupper() and prev.isascii())


def _word_start(text: str, i: int) -> int:
    while i > 0 and _is_letter(text[i - 1]):
        i -= 1
    return i


def _explore(text: str, pos: int, path: _Path, out: list[tuple[int, _Path]]) -> None:
    at_end = pos >= len(text) or not _is_letter(text[pos])
    if at_end:
        if SLOT in path.key:
            out.append((pos, path))
        return
    if len(path.key) > 30:
        return
    c = text[pos]
    if c == "A" and path.key.count(SLOT) < MAX_SLOTS:
        for j in range(MAX_JUNK + 1):
            junk = text[pos + 1 : pos + 1 + j]
            if len(junk) < j or "\n" in junk or junk.count(" ") > 1 or junk[:1] == " " == junk[1:2]:
                break
            if j and junk[-1] == " " and not _continues(text, pos + 1 + j):
                continue
            new = _Path(path.key + SLOT, path.pieces + ((True, junk),))
            _explore(text, pos + 1 + j, new, out)
    new = _Path(path.key + c.lower(), path.pieces + ((False, c),))
    _explore(text, pos + 1, new, out)


def _continues(text: str, pos: int) -> bool:
    """A space junk is only taken inside a word or before trailing punctuation."""
    return pos < len(text) and (_is_letter(text[pos]) or text[pos] in ",.;:)")


def _candidates(text: str, start: int, lex: Lexicon) -> Iterator[tuple[float, int, str]]:
    found: list[tuple[int, _Path]] = []
    _explore(text, start, _Path("", ()), found)
    for end, path in found:
        junks = [j for is_slot, j in path.pieces if is_slot]
        standalone = path.key == SLOT
        for word, z in lex.by_skeleton.get(path.key, ()):
            letters = [c for c in word if not c.isascii()]
            if len(letters) != len(junks):
                continue
            score = z + 0.01 * (end - start)
            for letter, junk in zip(letters, junks):
                form = letter_form(letter)
                assert form is not None
                score += junk_score(form.junk, junk, form.alts)
            if standalone and (z < STANDALONE_MIN_ZIPF or not _standalone_ok(text, start, end)):
                continue
            yield score, end, _render(word, path, text, start)


def _standalone_ok(text: str, start: int, end: int) -> bool:
    """A lone accented word needs a sentence around it (not a list label or grade 'A')."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    return bool(before) and before[-1] not in _SENTENCE_END and after[:1].islower()


def _render(word: str, path: _Path, text: str, start: int) -> str:
    """The lexicon word with the case of what was read."""
    literal = "".join(t for is_slot, t in path.pieces if not is_slot)
    upper_word = len(literal) > 1 and literal.isupper()
    out = []
    for k, ((is_slot, piece), wc) in enumerate(zip(path.pieces, word)):
        if not is_slot:
            out.append(piece)
        elif upper_word or (k == 0 and _sentence_start(text, start)) or (
            k == 0 and literal[:1].isupper()
        ):
            out.append(wc.upper())
        else:
            out.append(wc)
    return "".join(out)


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" ")
    return not before or before[-1] in ".!?\n"


def repair_accents(text: str, lex: Lexicon, protected: list[tuple[int, int]]) -> list[Change]:
    changes: list[Change] = []
    done_until = 0
    i = text.find("A")
    while i != -1:
        if i >= done_until and _anchor(text, i):
            start = _word_start(text, i)
            if start >= done_until and not _inside(protected, start):
                best = max(_candidates(text, start, lex), default=None)
                if best is not None and best[0] >= MIN_SCORE:
                    score, end, word = best
                    if text[start:end] != word:
                        conf = min(0.99, 0.5 + score / 20)
                        changes.append(Change(start, end, word, "channel:accent", conf))
                    done_until = end
        i = text.find("A", max(i + 1, done_until))
    return changes


def restore_folded(text: str, lex: Lexicon, protected: list[tuple[int, int]]) -> list[Change]:
    """Words whose lead was read as a plain letter ('qualita'): the accented twin is far more
    frequent and the ASCII form is barely a word."""
    import re

    changes = []
    for m in re.finditer(r"(?<![\w'’-])[a-z]{2,}(?![\w'’-])", text):
        w = m.group()
        hit = lex.by_fold.get(w)
        if hit is None or _inside(protected, m.start()):
            continue
        accented, z = hit
        if z >= 4.0 and z - lex.freq(w) >= 1.2 and lex.freq(w) < 4.0:
            changes.append(Change(m.start(), m.end(), accented, "lexicon:diacritics", 0.7))
    return changes


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)
