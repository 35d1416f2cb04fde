"""Lossy encoding: a codec that lacks a character writes '?' for it (cp1252 has no U+202F).

Only the '?' whose place tells what it stood for is restored: the no-break spaces typography
puts between digit groups, before '%' and '€', and (in French) before high punctuation.
Anything else a '?' replaced (Chinese characters: '???') is gone and stays as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from .channel import channel_data
from .offsets import Change
from .protect import Protector

RULE: Final = "lossy:nbsp"
CONFIDENCE: Final = 0.75
MAX_GROUP: Final = 3  # a leading digit group has 1-3 digits

# a '?' right after a digit or a letter; the context is checked in code
_QMARK: Final = re.compile(r"\?(?<=\w\?)")


@lru_cache(maxsize=1)
def _table() -> dict[str, object]:
    data: dict[str, object] = channel_data()["lossy_codec"]
    return data


def repair_lossy_spaces(text: str, language: str) -> list[Change]:
    """'150?000' -> '150 000' (U+202F), '45?%' -> '45 %', '480?milliards' -> '480 milliards',
    'charbon?;' -> 'charbon ;'."""
    if "?" not in text:
        return []
    changes = []
    protected = Protector(text)
    for m in _QMARK.finditer(text):
        space = _space_for(text, m.start(), language)
        if space is not None and not protected.covers(m.start()):
            changes.append(Change(m.start(), m.end(), space, RULE, CONFIDENCE))
    return changes


def _space_for(text: str, at: int, language: str) -> str | None:
    nxt = text[at + 1 : at + 2]
    prev = text[at - 1]
    table = _table()
    if prev.isdigit() and nxt and nxt in str(table["symbols"]):
        spaces = table["before_symbol"]
        assert isinstance(spaces, dict)
        return str(spaces.get(language, spaces["default"]))
    if prev.isdigit() and _digit_groups(text, at):
        groups = table["group_separator"]
        assert isinstance(groups, dict)
        return groups.get(language)
    if prev.isdigit() and nxt.islower() and _number_head(text, at):
        words = table["before_word"]
        assert isinstance(words, dict)
        return words.get(language)
    punct = table["before_punct"]
    assert isinstance(punct, dict)
    if prev.isalpha() and nxt:
        return punct.get(language, {}).get(nxt)
    return None


def _number_head(text: str, at: int) -> bool:
    """The digits before at are a number (maybe with a decimal comma), not part of a code."""
    start = at
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] in ",."):
        start -= 1
    return start == 0 or not text[start - 1].isalnum()


def _digit_groups(text: str, at: int) -> bool:
    """1-3 digits (a number's head, or a group after another '?') before, exactly 3 after."""
    start = at
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    if at - start > MAX_GROUP or (start and (text[start - 1] in ".," or text[start - 1].isalpha())):
        return False
    after = text[at + 1 : at + 5]
    return len(after) >= 3 and after[:3].isdigit() and not after[3:4].isdigit()
