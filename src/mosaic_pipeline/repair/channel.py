"""The damage channel, derived by simulating it: UTF-8 bytes read as cp1252, then the 7-bit
OCR engine's folding (ASCII look-alikes, diacritics dropped, '?' for reject glyphs).

Nothing here is typed in for one document: every form is computed from a character.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def channel_data() -> dict[str, Any]:
    path = resources.files("mosaic_pipeline") / "resources" / "repair" / "channel.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def mojibake(ch: str) -> str:
    """UTF-8 bytes of ch read as cp1252; undefined bytes show as U+FFFD."""
    return ch.encode("utf-8").decode("cp1252", errors="replace")


def fold_char(ch: str) -> str:
    """How a 7-bit OCR engine writes one typeset glyph."""
    data = channel_data()
    if ch.isascii():
        return ch
    if ch in data["ascii_lookalike"]:
        return str(data["ascii_lookalike"][ch])
    if unicodedata.category(ch) == "Cf":
        return ""  # a format character (soft hyphen) prints nothing
    if ch == "\ufffd":
        return "\ufffd"  # read as whatever it resembles: see fffd_readings
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    if len(base) == 1 and base.isascii() and base.isprintable():
        return base
    return str(data["reject_mark"])


def damaged(ch: str) -> str:
    """The expected 7-bit OCR text of one clean character (U+FFFD left as a marker)."""
    return "".join(fold_char(c) for c in mojibake(ch))


@dataclass(frozen=True)
class LetterForm:
    head: str  # the ASCII letter the mojibake lead glyph is read as ('A' for Ã, Â, Ä, Å)
    junk: str  # the expected reading of the trailing glyph(s); may be empty
    alts: str = ""  # other plausible readings: the ASCII characters of the glyph's decomposition


@cache
def letter_form(ch: str) -> LetterForm | None:
    """A non-ASCII letter whose damage is 'A' plus junk, or None when it degrades otherwise."""
    if ch.isascii():
        return None
    form = damaged(ch)
    if not form or form[0] not in "Aa":
        return None
    junk = form[1:].replace("\ufffd", "?")
    tail = mojibake(ch)[1:]
    alts = "".join(
        c for c in unicodedata.normalize("NFKD", tail) if c.isascii() and c.isprintable()
    )
    looks = channel_data().get("glyph_lookalikes", {})
    alts += "".join(str(looks.get(c, "")) for c in tail)
    return LetterForm(form[0], junk, alts)


def fffd_readings() -> tuple[str, ...]:
    return tuple(channel_data()["fffd_readings"])


def lead_readings(lead: str) -> tuple[str, ...]:
    return tuple(channel_data()["lead_readings"].get(lead, [lead]))


@lru_cache(maxsize=1)
def punct_forms() -> dict[str, tuple[str, ...]]:
    """Every reading of each modelled punctuation character: lead look-alikes x U+FFFD readings."""
    out: dict[str, tuple[str, ...]] = {}
    for ch in channel_data()["punctuation"]:
        variants = set(_readings(ch))
        form = damaged(ch)
        if form and form[0] in "aA":
            variants = {lead + v[1:] for v in variants for lead in lead_readings(form[0])}
        expanded: set[str] = set()
        for v in variants:
            if "\ufffd" in v:
                expanded.update(v.replace("\ufffd", r) for r in fffd_readings())
            else:
                expanded.add(v)
        out[ch] = tuple(sorted(expanded, key=lambda s: (-len(s), s)))
    return out


def _readings(ch: str) -> list[str]:
    """Readings of a clean character's mojibake: each reject glyph as '?' or, when the OCR
    recognised it, as its ASCII decomposition (the trade mark sign read as 'TM')."""
    out = [""]
    for c in mojibake(ch):
        folded = fold_char(c)
        options = {folded}
        decomp = unicodedata.normalize("NFKD", c)
        if folded == channel_data()["reject_mark"] and decomp.isascii() and decomp.isalpha():
            options.add(decomp)
        if folded.isascii() and folded.isalpha() and len(folded) == 1:
            options.add(folded.swapcase())  # small glyphs lose their case: 'ž' read as 'Z'

        out = [o + x for o in out for x in options]
    return out


def junk_score(expected: str, observed: str, alts: str = "") -> float:
    """How well the junk read after a lead 'A' fits a letter's expected junk (log-odds-like)."""
    if observed == expected:
        return 1.5
    score = 0.0
    for c in observed:
        if c in expected or c in alts:
            score += 0.3
        elif c == "?":
            score += 0.2  # the reject mark is junk whatever letter it follows
        elif c == " ":
            score -= 0.1
        elif c.isalpha():
            score -= 0.6
        else:
            score -= 0.1
    return score
