"""Spans the repairer must not touch: URLs, e-mails, region and proper names, codes."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+")


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
def _names_re() -> re.Pattern[str]:
    data = _resource("repair", "protected.json") or {}
    names = set(data.get("names", []))
    gazetteer = _resource("regions.json")
    if gazetteer is not None:
        # another stage owns the gazetteer: take every multi-letter name it lists, nothing else
        names |= {s for s in _strings(gazetteer) if 3 <= len(s) <= 40 and s[:1].isupper()}
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    tokens = "|".join(data.get("token_patterns", []))
    parts = [p for p in (alts and rf"\b(?:{alts})\b", tokens and rf"\b(?:{tokens})\b") if p]
    return re.compile("|".join(parts) or r"(?!)")


class Protector:
    """Answers 'is this offset protected?' by searching only a window around it: changes are
    few, so this is cheaper than listing every protected span of the document."""

    WINDOW = 60

    def __init__(self, text: str) -> None:
        self.text = text

    def covers(self, pos: int) -> bool:
        lo = max(0, pos - self.WINDOW)
        hi = min(len(self.text), pos + self.WINDOW)
        while lo > 0 and not self.text[lo - 1].isspace():
            lo -= 1
        while hi < len(self.text) and not self.text[hi].isspace():
            hi += 1
        window = self.text[lo:hi]
        for rx in (_URL, _names_re()):
            for m in rx.finditer(window):
                if lo + m.start() <= pos < lo + m.end():
                    return True
        return False
