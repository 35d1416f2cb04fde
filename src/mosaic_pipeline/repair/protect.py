"""Spans the repairer must not touch: URLs, e-mails, region and proper names, codes."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Final

_URL: Final = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+")


def _resource(*parts: str) -> Any:
    path = resources.files("mosaic_pipeline").joinpath("resources", *parts)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, ...]]:
    """Protected names by their first word, longest first: a lookup per word, where one
    alternation of every name would be tried at every offset of the text."""
    data = _resource("repair", "protected.json") or {}
    names = set(data.get("names", []))
    gazetteer = _resource("regions.json")
    if gazetteer is not None:
        # another stage owns the gazetteer: take every multi-letter name it lists, nothing else
        names |= {s for s in _strings(gazetteer) if 3 <= len(s) <= 40 and s[:1].isupper()}
    index: dict[str, list[str]] = {}
    for name in names:
        head = _WORD.match(name)
        if head is not None:
            index.setdefault(head.group(), []).append(name)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


@lru_cache(maxsize=1)
def _head_re() -> re.Pattern[str]:
    """A word starting with a letter some name starts with: the window around an offset
    holds few of them, where it holds many words."""
    firsts = "".join(re.escape(c) for c in sorted({head[0] for head in _names()}))
    return re.compile(rf"[{firsts}]\w*" if firsts else r"(?!)")


@lru_cache(maxsize=1)
def one_word_names() -> frozenset[str]:
    """The protected names that are one word ('Chongqing', 'Hengqin')."""
    return frozenset(n for names in _names().values() for n in names if _WORD.fullmatch(n))


@lru_cache(maxsize=1)
def _tokens_re() -> re.Pattern[str]:
    data = _resource("repair", "protected.json") or {}
    tokens = "|".join(data.get("token_patterns", []))
    return re.compile(rf"\b(?:{tokens})\b" if tokens else r"(?!)")


_WORD: Final = re.compile(r"\w+")
_MAX_NAME: Final = 40


class Protector:
    """Answers 'is this offset protected?' by looking only around it: changes are few, so
    this is cheaper than listing every protected span of the document."""

    MAX_TOKEN = 200  # URLs, e-mails and codes have no space: the token at pos holds them

    def __init__(self, text: str) -> None:
        self.text = text
        # the cached tables, fetched once per text rather than once per question
        self._tokens = _tokens_re()
        self._heads = _head_re()
        self._names = _names()

    def covers(self, pos: int) -> bool:
        text = self.text
        # the non-space run around pos, up to MAX_TOKEN each way: after the last space
        # before pos, up to the first one after it (walked: compiled, a loop is cheaper here
        # than a match object)
        lo, floor = pos, max(0, pos - self.MAX_TOKEN)
        while lo > floor and not text[lo - 1].isspace():
            lo -= 1
        hi, ceiling = pos, min(len(text), pos + self.MAX_TOKEN)
        while hi < ceiling and not text[hi].isspace():
            hi += 1
        token = text[lo:hi]
        # the URL pattern is costly and needs one of these to match at all
        url = "@" in token or "http" in token or "www." in token
        for rx in (_URL, self._tokens) if url else (self._tokens,):
            for m in rx.finditer(text, lo, hi):
                if m.start() <= pos < m.end():
                    return True
        return self._in_name(pos)

    def _in_name(self, pos: int) -> bool:
        text, index = self.text, self._names
        for m in self._heads.finditer(text, max(0, pos - _MAX_NAME), pos + 1):
            start = m.start()
            if start and _isw(text[start - 1]):
                continue  # inside a word (or the window cut one): not a word start
            for name in index.get(m.group(), ()):
                end = start + len(name)
                if end > pos and text.startswith(name, start) and not _word_at(text, end, name):
                    return True
        return False


def _word_at(text: str, end: int, name: str) -> bool:
    """True when there is no word boundary after the name (it runs on into a word)."""
    return end < len(text) and _isw(text[end]) == _isw(name[-1])


def _isw(c: str) -> bool:
    return c.isalnum() or c == "_"
