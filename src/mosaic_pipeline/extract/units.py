"""Unit surfaces -> canonical unit and factor, from resources/units.json.

A unit is matched right after a number (and its scale word): symbols case-sensitively ("m" is
not "M"), words case-insensitively; the longest form wins so "km/h" is not "km" and "GWh" is not
"GW". Money written before the number ("US$", "€", "RMB") is a currency prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .data import load_json

GAP = r"[ \t\u00a0\u202f\u2009]{0,3}-?(?:\n[ \t]*)?"
MONEY = frozenset({"CNY", "USD", "EUR"})
DURATION_KINDS = frozenset({"years", "duration", "hours_in_minutes"})


@dataclass(frozen=True)
class UnitForm:
    canonical: str  # percent count PFLOPS CNY USD EUR GW kWh tonnes km m2 years other
    factor: float  # value_in_canonical = number * factor
    kind: str  # finer class inside "other" (duration, multiple, ...) or the canonical unit

    @property
    def is_money(self) -> bool:
        return self.canonical in MONEY or self.kind == "money_other"

    @property
    def is_duration(self) -> bool:
        return self.kind in DURATION_KINDS


@dataclass(frozen=True)
class UnitTable:
    pattern: re.Pattern[str]  # a unit form starting exactly at a position (after GAP)
    symbols: dict[str, UnitForm]
    words: dict[str, UnitForm]
    prefix: re.Pattern[str]  # a currency prefix ending exactly at the number
    prefixes: dict[str, str]
    metric_prefixes: frozenset[str]

    def lookup(self, surface: str) -> UnitForm | None:
        if surface in self.symbols:
            return self.symbols[surface]
        return self.words.get(_norm(surface))


def _norm(surface: str) -> str:
    return re.sub(r"\s+", " ", surface.replace("’", "'")).lower()


def _form_regex(form: str) -> str:
    body = r"\s+".join(re.escape(part) for part in form.split(" "))
    return body + (r"(?![^\W_])" if form[-1].isalnum() and ord(form[-1]) < 0x2E80 else "")


@cache
def unit_table(language: str) -> UnitTable:
    raw: dict[str, Any] = load_json("units.json")
    symbols: dict[str, UnitForm] = {}
    words: dict[str, UnitForm] = {}
    for entry in raw["units"]:
        form = UnitForm(
            entry["canonical"], float(entry["factor"]), entry.get("kind", entry["canonical"])
        )
        for sym in entry.get("symbols", []):
            symbols.setdefault(sym, form)
        by_lang = entry.get("words", {})
        for w in [*by_lang.get("*", []), *by_lang.get(language, [])]:
            words.setdefault(_norm(w), form)
    sym_alt = "|".join(_form_regex(s) for s in sorted(symbols, key=len, reverse=True))
    word_alt = "|".join(_form_regex(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"{GAP}(?P<u>(?i:{word_alt})|{sym_alt})")
    prefixes: dict[str, str] = raw["currency_prefixes"]
    pre_alt = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    prefix = re.compile(rf"(?<![^\W\d_])(?P<p>{pre_alt})[ \u00a0]?\Z")
    return UnitTable(
        pattern, symbols, words, prefix, prefixes, frozenset(raw.get("metric_prefixes", []))
    )


def match_unit(text: str, pos: int, table: UnitTable) -> tuple[UnitForm, int, int] | None:
    """The unit starting at `pos` (after a short gap): (form, start, end), else None."""
    m = table.pattern.match(text, pos)
    if not m:
        return None
    form = table.lookup(m.group("u"))
    if form is None:
        return None
    return form, m.start("u"), m.end("u")


def currency_prefix(text: str, start: int, table: UnitTable) -> tuple[UnitForm, int] | None:
    """A currency sign or code written right before the number at `start`: (form, its start)."""
    m = table.prefix.search(text, max(0, start - 6), start)
    if not m:
        return None
    code = table.prefixes[m.group("p")]
    kind = "money_other" if code == "other" else code
    return UnitForm(code, 1.0, kind), m.start("p")
