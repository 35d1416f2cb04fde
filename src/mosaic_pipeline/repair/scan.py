"""Run a pattern only near the characters it needs: damage is sparse, and a pattern tried at
every offset of a document costs more than all the work on the few places it can match."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final


def near(
    rx: re.Pattern[str],
    text: str,
    trigger: re.Pattern[str] | Iterable[re.Match[str]],
    before: int,
    after: int,
) -> Iterator[re.Match[str]]:
    """rx.finditer over the windows [t - before, t + after) around each trigger match t (the
    trigger's matches in text, or the matches given, in order).

    Equal to rx.finditer(text) whenever every match of rx contains a trigger that starts at
    most before - 1 characters after the match's start and ends at most after - 2 before
    its end (one character more for a look-ahead)."""
    lo = hi = -1
    found = trigger.finditer(text) if isinstance(trigger, re.Pattern) else trigger
    for t in found:
        start, end = max(0, t.start() - before), min(len(text), t.end() + after)
        if start > hi:
            if hi > lo:
                yield from rx.finditer(text, lo, hi)
            lo = start
        hi = max(hi, end)
    if hi > lo:
        yield from rx.finditer(text, lo, hi)


def literal_positions(text: str, literals: Iterable[str]) -> list[int]:
    """Every offset where one of literals starts (each found as re.finditer finds it: no two
    finds of one literal overlap), ascending. str.find looks for a character the way memchr
    does, where a pattern (even a literal one) is tried offset by offset."""
    found: set[int] = set()
    for lit in literals:
        step = len(lit) or 1  # the empty literal is found at every offset
        at = text.find(lit)
        while at != -1:
            found.add(at)
            at = text.find(lit, at + step)
    return sorted(found)


def matches_at(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """rx.finditer(text), for a pattern that never matches empty and whose every match starts
    at one of starts (ascending): tried there only, where finditer tries every offset."""
    end = 0
    for start in starts:
        if start >= end and (m := rx.match(text, start)) is not None:
            yield m
            end = m.end()


# lower-case ASCII letters kept, the other ASCII word characters (capitals, digits, '_') made
# '#', every other byte blanked (a non-ASCII character's UTF-8 bytes are all >= 0x80):
# bytes.translate and str.split find the runs in C, where a pattern builds a match object
# per word
_LOWER: Final = (
    bytes(
        b if 0x61 <= b <= 0x7A else 0x23 if chr(b).isalnum() or b == 0x5F else 0x20
        for b in range(128)
    )
    + b" " * 128
)
_SINGLE: Final = frozenset("abcdefghijklmnopqrstuvwxyz")


def lower_words(text: str) -> set[str]:
    """Every distinct run of 2+ lower-case ASCII letters that no other ASCII letter, digit
    or '_' touches: a superset of the text's plain words, so that the lexicon decides once
    per word. Runs that do touch one come as tokens with a '#', which no word has."""
    runs = text.encode("utf-8", "surrogatepass").translate(_LOWER).decode("ascii").split()
    return set(runs) - _SINGLE


def whole_word_at(text: str, word: str, glue: str, glue_after: str | None = None) -> Iterator[int]:
    """Where word stands alone: neither side touches a word character or one of glue (after
    it: one of glue_after, when given)."""
    after_glue = glue if glue_after is None else glue_after
    n = len(word)
    at = text.find(word)
    while at != -1:
        before = text[at - 1] if at else " "
        after = text[at + n] if at + n < len(text) else " "
        if not _joins(before, glue) and not _joins(after, after_glue):
            yield at
        at = text.find(word, at + 1)


def _joins(c: str, glue: str) -> bool:
    return c.isalnum() or c == "_" or c in glue


_ASCII_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def letters_before(text: str, end: int, limit: int = 40) -> int:
    """Where the run of ASCII letters ending at end starts (end itself when there is none);
    a backward walk, where a search for '[A-Za-z]+\\Z' would try every offset before end."""
    i, lo = end, max(0, end - limit)
    while i > lo and text[i - 1] in _ASCII_LETTERS:
        i -= 1
    return i
