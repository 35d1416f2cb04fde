"""Every measured quantity in a text, normalized: value in its canonical unit, qualifier, noun.

Passes, each marking what it took so later passes do not read the same characters again:
fractions in words ("tre quinti", "two-thirds") -> half units ("half a year") -> digits
("220.000 PetaFLOPS", "US$2.5 billion", ranges) -> numbers in words ("eighteen satellites").
Dates, phone numbers, URLs and file names are masked first (furniture.py); years, ordinals,
versions and technology names are rejected by the context of each number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .furniture import furniture_mask
from .numbers import NumberLexicon, compose, lexicon, parse_digits, word_number
from .units import GAP, UnitForm, UnitTable, currency_prefix, match_unit, unit_table

_SP = r"[ \t\u00a0\u202f\u2009]"
_OPEN_QUOTES = '“«„"‘‹'
_CLOSE_QUOTES = '”»“"’›'
_SENTENCE_END = ".!?:;\n" + _OPEN_QUOTES + "(—–"
_YEARS = (1800, 2199)


@dataclass(frozen=True)
class Quantity:
    start: int  # character offsets of `surface` in the text given
    end: int
    surface: str  # number + scale word + unit (+ a directly following noun), no qualifier
    value: float  # in the canonical unit
    unit: str  # percent count PFLOPS CNY USD EUR GW kWh tonnes km m2 years other
    qualifier: str | None  # over about under
    noun: str | None  # the counted noun or unit word, lowercase
    rule: str  # which rule produced it (provenance)
    confidence: float


@dataclass(frozen=True)
class _Suffix:
    end: int  # end of the surface
    scale: float
    unit: UnitForm | None
    noun: str | None
    block_end: int  # end of a per-unit clause ("per kWh") that holds no quantity of its own


def _alt(words: tuple[str, ...] | list[str]) -> str:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        body = r"\s+".join(re.escape(p) for p in w.split())
        parts.append(body + (r"(?![^\W_])" if _latin_end(w) else ""))
    return "|".join(parts) or r"(?!x)x"


def _lead(words: Iterable[str]) -> str:
    """A lookahead on the first characters of the words: a scan then tests only positions
    that can open one (a leading lookbehind alone makes re try every position)."""
    firsts = sorted({w[0] for w in words if w})
    return f"(?=[{''.join(re.escape(c) for c in firsts)}])" if firsts else ""


def _latin_end(word: str) -> bool:
    """Whether a form needs a word boundary after it (CJK forms glue to what follows: 5亿元)."""
    return word[-1].isalnum() and ord(word[-1]) < 0x2E80


@dataclass(frozen=True)
class _Patterns:
    lex: NumberLexicon
    units: UnitTable
    number: re.Pattern[str]
    scale: re.Pattern[str]
    cscale: re.Pattern[str]
    connector: re.Pattern[str]
    qualifier: re.Pattern[str]
    qualifier_of: dict[str, str]
    per: re.Pattern[str]
    fraction: re.Pattern[str]
    half: re.Pattern[str]
    half_unit: re.Pattern[str]
    and_a_half: re.Pattern[str]
    time_before: re.Pattern[str]
    time_after: re.Pattern[str]
    restating: re.Pattern[str]
    id_prefix: re.Pattern[str]
    range_open: re.Pattern[str]
    range_link: re.Pattern[str]
    range_link_and: re.Pattern[str]
    idioms: re.Pattern[str]
    noun: re.Pattern[str]
    half_blocker: re.Pattern[str]
    time_label: re.Pattern[str]
    ordinal_after: re.Pattern[str]
    word_start: re.Pattern[str]
    multiple: re.Pattern[str]
    multiplier_word: re.Pattern[str]


@cache
def _patterns(language: str) -> _Patterns:
    lex = lexicon(language)
    w = lex.words
    group_space = r"[ \u00a0\u202f\u2009]" if lex.space_groups else r"[\u00a0\u202f\u2009]"
    number = re.compile(
        rf"(?=\d)(?<![\d.,])(?:\d{{1,3}}(?:(?:[.,]|{group_space})\d{{3}})+(?:[.,]\d+)?"
        rf"|\d+(?:[.,]\d+)?)(?![\d])"
    )
    quals = {q: cls for cls, forms in lex.qualifiers.items() for q in forms}
    numerators = [*lex.number_words, *w("one_words")]
    of_words = _alt(w("of_words"))
    return _Patterns(
        lex=lex,
        units=unit_table(lex.language),
        number=number,
        scale=re.compile(rf"{GAP}(?P<s>(?i:{_alt(list(lex.scales))}))"),
        cscale=re.compile(rf"{_SP}?(?P<s>(?i:{_alt(list(lex.currency_scales))}))"),
        connector=re.compile(rf"(?i){_SP}*(?:(?:{_alt(w('connectors'))}){_SP}+|d['’])"),
        qualifier=re.compile(
            rf"(?<![\w])(?P<q>{_alt(list(quals))})(?:\s+(?:{_alt(w('fillers'))}))*\s*\Z"
        ),
        qualifier_of={re.sub(r"\s+", " ", k): v for k, v in quals.items()},
        per=re.compile(
            rf"(?i){_SP}*(?:{_alt(w('per_words'))}){_SP}*"
            rf"(?:[\d.,\u00a0\u202f ]*\d{_SP}*)?(?:[^\W\d_]+\.?{_SP}+)?[^\W\d_][\w-]*"
        ),
        fraction=re.compile(
            rf"{_lead(numerators)}(?<![\w'’])(?P<n>{_alt(numerators)})"
            rf"[\s-]+(?P<d>{_alt(list(lex.fractions))})"
            rf"(?=\s*(?:{of_words})|\s*d['’])"
        ),
        half=re.compile(
            rf"{_lead(w('halves'))}(?<![\w])(?P<h>{_alt(w('halves'))})"
            rf"(?=\s*(?:{of_words})|\s*d['’])"
        ),
        half_unit=re.compile(
            rf"{_lead(w('half_unit'))}(?<![\w])(?:{_alt(w('half_unit'))})(?:['’]|-)?"
        ),
        and_a_half=re.compile(rf"(?i){_SP}*(?:{_alt(w('and_a_half'))})"),
        time_before=re.compile(rf"(?<![\w])(?:{_alt(w('time_before'))})\s*\Z"),
        time_after=re.compile(rf"(?i)\s*(?:{_alt(w('time_after'))})(?![\w])"),
        restating=re.compile(rf"(?<![\w])(?:{_alt(w('restating_before'))})\s+\Z"),
        id_prefix=re.compile(rf"(?<![\w])(?:{_alt(w('id_prefixes'))}){_SP}*\Z"),
        range_open=re.compile(
            rf"(?<![\w])(?:{_alt([*w('range_between'), *w('range_from')])})\s+\Z"
        ),
        range_link=re.compile(rf"(?i)(?:{_SP}*[-–—]{_SP}*|\s+(?:{_alt(w('range_to'))})\s+)"),
        range_link_and=re.compile(rf"(?i)\s+(?:{_alt(w('range_and'))})\s+"),
        idioms=re.compile(rf"{_lead(w('idioms'))}(?<![\w])(?:{_alt(w('idioms'))})"),
        noun=re.compile(r"[ \t\u00a0\n]{1,2}(?P<w>[^\W\d_][\w-]*+)(?!['’])"),
        time_label=re.compile(rf"(?<![\w])(?:{_alt(w('time_labels'))})\s+\Z"),
        half_blocker=re.compile(rf"(?<![\w])(?:{_alt(w('half_blockers'))})\s+\Z"),
        word_start=_word_start(lex),
        multiple=re.compile(rf"(?:{_alt(w('multiplier_suffixes'))})"),
        # "il doppio", "devrait tripler", "twice as much"; "double-digit" is no multiple
        multiplier_word=re.compile(
            rf"{_lead(list(lex.multiplier_words))}(?<![\w-])"
            rf"(?:{_alt(list(lex.multiplier_words))})(?![\w-])"
        ),
        ordinal_after=re.compile(rf"(?:{_alt(w('ordinal_suffixes'))})(?![^\W_])"),
    )


def _word_start(lex: NumberLexicon) -> re.Pattern[str]:
    """Lowercase words that may open a number-word phrase, including written-together numbers
    ("ventitré", "einundzwanzig") by their first three letters, so other words are skipped."""
    words = {*lex.number_words, *lex.words("one_words")}
    alts = [_alt(sorted(words))]
    prefixes = sorted({m[:3] for m in lex.compound_morphemes if len(m) >= 3})
    if prefixes:
        alts.append(rf"(?:{'|'.join(map(re.escape, prefixes))})[^\W\d_]{{3,}}")
    lead = _lead([*words, *prefixes])
    return re.compile(rf"{lead}(?<![^\W\d_])(?:{'|'.join(alts)})(?![^\W\d_])")


class _Scan:
    """One text's scan state: the text, the masks and the quantities found so far."""

    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self.lower = _lower(text)
        self.p = _patterns(language)
        self.lex = self.p.lex
        self.digits = _digitize(text)
        self.blocked = furniture_mask(text, language)
        self.taken = bytearray(len(text))
        self.idiom = bytearray(len(text))
        for m in self.p.idioms.finditer(self.lower):
            self.idiom[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        self.found: list[Quantity] = []

    # ---- shared helpers -------------------------------------------------------------------

    def free(self, start: int, end: int) -> bool:
        return not any(self.blocked[start:end]) and not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def before(self, start: int, width: int = 80) -> str:
        return self.text[max(0, start - width) : start]

    def low_before(self, start: int, width: int = 60) -> str:
        """The lowercase text before `start`, for the lowercase cue lists."""
        return self.lower[max(0, start - width) : start]

    def qualifier(self, start: int) -> str | None:
        m = self.p.qualifier.search(self.low_before(start))
        if not m:
            return None
        return self.p.qualifier_of.get(re.sub(r"\s+", " ", m.group("q").lower()))

    def add(
        self,
        start: int,
        end: int,
        value: float,
        unit: str,
        qualifier: str | None,
        noun: str | None,
        rule: str,
        confidence: float,
    ) -> None:
        self.found.append(
            Quantity(
                start, end, self.text[start:end], value, unit, qualifier, noun, rule, confidence
            )
        )
        self.take(start, end)

    def suffix(
        self, pos: int, *, words: bool = False, prefix_unit: UnitForm | None = None
    ) -> _Suffix:
        """Scale word, unit and counted noun following a number that ends at `pos`."""
        text, p = self.text, self.p
        scale, end = 1.0, pos
        m = p.scale.match(text, end)
        if m:
            scale, end = self.lex.scales[_key(m.group("s"))], m.end()
        elif prefix_unit is not None:
            m = p.cscale.match(text, end)
            if m:
                scale, end = self.lex.currency_scales[_key(m.group("s"))], m.end()
        unit_at = end
        if scale != 1.0 or words:
            c = p.connector.match(text, end)
            if c and match_unit(text, c.end(), p.units):
                unit_at = c.end()
        hit = match_unit(text, unit_at, p.units)
        unit = prefix_unit
        if hit and not (prefix_unit and not hit[0].is_money):
            unit, end = hit[0], hit[2]
        noun = _key(text[hit[1] : hit[2]]) if hit and unit is hit[0] else None
        if unit is None:
            noun, end = self.noun(end, allow_connector=scale != 1.0 or words)
        block_end = end
        if unit is not None and unit.is_money:
            per = p.per.match(text, end)
            block_end = per.end() if per else end
        return _Suffix(end, scale, unit, noun, block_end)

    def noun(self, pos: int, allow_connector: bool) -> tuple[str | None, int]:
        """Up to two content words after a count ("server racks", "milioni di server")."""
        text, p = self.text, self.p
        start = pos
        if allow_connector:
            c = p.connector.match(text, pos)
            if c:
                start = c.end() - 1
        words: list[str] = []
        end = pos
        cur = start
        for _ in range(2):
            m = p.noun.match(text, cur)
            if not m or not self._content_word(m.group("w"), first=not words):
                break
            words.append(m.group("w").lower().rstrip("'’-"))
            end = cur = m.end()
        return (" ".join(words) if words else None), end

    def _content_word(self, word: str, first: bool) -> bool:
        low = word.lower()
        if self.lex.has("stopwords", low) or low in self.lex.scales:
            return False
        # outside German a capitalized word after a number starts a name or a new sentence
        return (
            self.lex.language == "de"
            or not word[:1].isupper()
            or (first and word.isupper() and len(word) > 4)
        )

    def is_name(self, start: int, end: int) -> bool:
        """A number right after a capitalized word inside a sentence: "Seedance 2.0", "Long
        March 11", "Larga Marcha 8" name a product or a rocket, not a measured quantity."""
        m = re.search(r"([^\W\d_][\w'’.-]*)[\"“”«»„ ]{1,2}\Z", self.before(start, 40))
        if not m:
            return False
        word = m.group(1)
        if not any(c.isupper() for c in word) or word.rstrip(".") in self.p.units.metric_prefixes:
            return False
        low = word.lower()
        if self.p.qualifier.search(self.lower[max(0, m.start(1) - 30) : m.end(1)] + " "):
            return False
        if self.lex.has("stopwords", low) or self.lex.has("fillers", low):
            return False
        if self.lex.nouns_capitalized and self.common_noun(max(0, start - 40) + m.start(1)):
            return False  # "im vergangenen Jahr 25.000 Industrieroboter"
        # a quoted title: “Seedance 2.0”
        if self.text[end : end + 1] and self.text[end] in _CLOSE_QUOTES:
            return True
        if self.lex.language != "de" and _title_line(self.text, start):
            return False  # "Shenzhen Hosts 1,700 Drone Firms": every word is capitalized
        return not _sentence_initial(self.text, m.start(1))

    def common_noun(self, word_start: int) -> bool:
        """In German every noun is capitalized: a capitalized word after a lowercase one
        (an article, an adjective) is a common noun; a name's words are all capitalized."""
        m = re.search(r"([^\W\d_]+)[ \u00a0]+\Z", self.text[max(0, word_start - 40) : word_start])
        return bool(m and m.group(1).islower())

    def metric_prefix(self, start: int) -> bool:
        m = re.search(r"([A-Z]{2,5})\s*(?:[:=]|[^\W\d_]{1,3})?\s*\Z", self.before(start, 20))
        return bool(m and m.group(1) in self.p.units.metric_prefixes)

    # ---- passes -----------------------------------------------------------------------

    def fractions(self) -> None:
        for m in self.p.fraction.finditer(self.lower):
            if not self.free(m.start(), m.end()) or self.idiom[m.start()]:
                continue
            num = _key(m.group("n"))
            n = 1 if self.lex.has("one_words", num) else self.lex.number_words.get(num)
            d = self.lex.fractions[_key(m.group("d"))]
            if not n or n >= d:
                continue
            self.add(
                m.start(),
                m.end(),
                round(100.0 * n / d, 2),
                "percent",
                self.qualifier(m.start()),
                None,
                "fraction_words",
                0.85,
            )
        for m in self.p.half.finditer(self.lower):
            s, e = m.start("h"), m.end("h")
            if not self.free(s, e) or self.p.half_blocker.search(self.low_before(s, 30)):
                continue
            self.add(s, e, 50.0, "percent", self.qualifier(s), None, "fraction_half", 0.8)

    def half_units(self) -> None:
        for m in self.p.half_unit.finditer(self.lower):
            hit = match_unit(self.text, m.end(), self.p.units)
            if not hit or not hit[0].is_duration or not self.free(m.start(), hit[2]):
                continue
            form = hit[0]
            self.add(
                m.start(),
                hit[2],
                0.5 * form.factor,
                form.canonical,
                self.qualifier(m.start()),
                _key(self.text[hit[1] : hit[2]]),
                "half_unit",
                0.7,
            )

    def digit_numbers(self) -> None:
        for m in self.p.number.finditer(self.digits):
            if self.free(m.start(), m.end()):
                self.digit_number(m)

    def digit_number(self, m: re.Match[str]) -> None:
        text, s, e = self.text, m.start(), m.end()
        value = parse_digits(m.group(), self.lex)
        if value is None or self.glued_before(s) or self.p.id_prefix.search(self.low_before(s, 20)):
            return
        if self.ordinal(e):
            return
        pre = currency_prefix(text, s, self.p.units)
        suf = self.suffix(e, prefix_unit=pre[0] if pre else None)
        if self.range(m, value, suf, pre):
            return
        if self.glued_after(suf, e):
            return
        year = _is_year(m.group(), value)
        if suf.unit is None and suf.scale == 1.0 and year:
            return
        unit = suf.unit
        if unit is None and suf.scale == 1.0 and not pre:
            if self.metric_prefix(s):
                unit = UnitForm("other", 1.0, "metric")
            elif self.is_name(s, e) or _version_like(m.group()) or value == 0:
                return
            elif _CLOCK.fullmatch(m.group()) and self.p.time_label.search(self.low_before(s, 20)):
                return  # "alle 9.30", "at 10.15": a time of day
        if unit is not None and unit.is_duration and self.time_reference(s, suf.end):
            return
        start = pre[1] if pre else s
        self.emit(start, value, suf, unit, self.qualifier(start), "digits", word=False)

    def emit(
        self,
        start: int,
        value: float,
        suf: _Suffix,
        unit: UnitForm | None,
        qualifier: str | None,
        rule: str,
        word: bool,
    ) -> None:
        value *= suf.scale
        end = suf.end
        if self.furniture(start, end, suf.noun):
            return
        h = self.p.and_a_half.match(self.text, end) if unit is not None else None
        if h and unit is not None and unit.is_duration:
            value, end = value + 0.5, h.end()
        if unit is None:
            integral = float(value).is_integer()
            canonical = "count" if integral or suf.scale != 1.0 else "other"
            factor = 1.0
            rule += "+count" if canonical == "count" else "+bare_decimal"
            conf = 0.8 if suf.noun else 0.6
        else:
            canonical, factor = unit.canonical, unit.factor
            rule += f"+{unit.kind}"
            conf = 0.9 if not word else 0.75
        if suf.scale != 1.0:
            rule += "+scale"
        self.add(start, end, _round(value * factor), canonical, qualifier, suf.noun, rule, conf)
        if suf.block_end > end:
            self.take(end, suf.block_end)

    def furniture(self, start: int, end: int, noun: str | None) -> bool:
        """Page counters: "1,234 views", "Comments: 5", "5 min read"."""
        has = self.lex.has
        if noun and (has("furniture_words", noun) or has("furniture_words", noun.split()[0])):
            return True
        after = _NEXT_WORDS.match(self.text, end)
        if after and (
            has("furniture_words", after.group(1).lower())
            or has("furniture_words", _key(after.group(0).strip()))
        ):
            return True
        label = _LABEL.search(self.before(start, 30))
        return bool(label and has("furniture_words", label.group(1).lower()))

    def glued_before(self, s: int) -> bool:
        """Letters glued in front ("L3", "A100", "Jielong-3") make a name, not a quantity."""
        text = self.text
        if s == 0:
            return False
        prev = text[s - 1]
        if prev.isalpha() or prev == "_":
            return currency_prefix(text, s, self.p.units) is None
        if prev in "-/" and s >= 2 and (text[s - 2].isalnum()):
            return True
        return prev in "#№"

    def glued_after(self, suf: _Suffix, e: int) -> bool:
        """Letters glued after a number that are no unit or scale ("5G", "800G", "1.6T",
        "12-Zoll") name a technology or a size class."""
        if suf.unit is not None or suf.scale != 1.0:
            return False
        nxt = self.text[e : e + 2]
        if nxt[:1].isalpha():
            return True
        if nxt[:1] == "/" and nxt[1:2].isdigit():  # 24/7, 1/3, 3/2026
            return True
        return nxt[:1] == "-" and nxt[1:2].isalpha()

    def ordinal(self, e: int) -> bool:
        text = self.text
        if text[e : e + 1] in ("°", "º") and text[e + 1 : e + 3].strip()[:1] == "C":
            return False  # 40 °C is a temperature
        if self.p.ordinal_after.match(text, e):
            return True
        if self.lex.language == "de" and text[e : e + 1] == ".":
            # German writes ordinals with a dot: "15. Fünfjahresplan", "3. Stock"
            nxt = re.match(r"\.\s+([^\W\d_]+)", text[e : e + 40])
            word = nxt.group(1).lower() if nxt else ""
            nouns = self.lex.words("ordinal_nouns")
            return bool(word) and any(word == n or (len(n) > 3 and word.endswith(n)) for n in nouns)
        return False

    def time_reference(self, start: int, end: int) -> bool:
        """ "dieci anni fa", "ten years ago", "Há dez anos", "i prossimi cinque anni"."""
        if self.p.time_after.match(self.text, end):
            return True
        return bool(self.p.time_before.search(self.low_before(start, 30)))

    def range(
        self, m: re.Match[str], low: float, suf: _Suffix, pre: tuple[UnitForm, int] | None
    ) -> bool:
        """ "20-30 GW", "tra 20 e 30 GW", "between 20 and 30": two quantities, over / under."""
        text, s, e = self.text, m.start(), m.end()
        link_at = suf.end if (suf.unit is not None or suf.scale != 1.0) else e
        if pre and suf.unit is pre[0]:
            link_at = e if suf.scale == 1.0 else suf.end
        opened = bool(self.p.range_open.search(self.low_before(pre[1] if pre else s, 30)))
        link = self.p.range_link.match(text, link_at)
        if link and not opened and link.group().strip() not in "-–—" and self.lex.language != "en":
            link = None
        if not link and opened:
            link = self.p.range_link_and.match(text, link_at)
        if not link:
            return False
        m2 = self.p.number.match(self.digits, link.end())
        if not m2 or not self.free(m2.start(), m2.end()):
            return False
        high = parse_digits(m2.group(), self.lex)
        if high is None or high <= low:
            return False
        pre2 = currency_prefix(text, m2.start(), self.p.units)
        suf2 = self.suffix(m2.end(), prefix_unit=(pre2 or pre or (None,))[0])
        own = suf.unit is not None or suf.scale != 1.0
        if _is_year(m.group(), low) and _is_year(m2.group(), high) and suf2.unit is None:
            self.take(s, m2.end())
            return True
        if self.glued_after(suf2, m2.end()):
            return False
        first = suf if own else _Suffix(link_at, suf2.scale, suf2.unit, None, link_at)
        start = pre[1] if pre else s
        self.emit(start, low, first, first.unit, "over", "range_low", word=False)
        self.emit(
            m2.start() if not pre2 else pre2[1],
            high,
            suf2,
            suf2.unit,
            "under",
            "range_high",
            word=False,
        )
        return True

    def word_numbers(self) -> None:
        done = 0
        for m in self.p.word_start.finditer(self.lower):
            if m.start() >= done:
                end = m.end()
                if (
                    self.lower[end : end + 1] in ("'", "’")
                    and self.lower[end + 1 : end + 2].isalpha()
                ):
                    end += 1  # elided article: un'ora
                done = self.word_number(m.start(), end)
        for m in self.p.multiple.finditer(self.lower):
            start = m.start()
            while start > 0 and self.lower[start - 1].isalpha():
                start -= 1
            self.multiple_word(start, m.end())
        for m in self.p.multiplier_word.finditer(self.lower):
            if self.free(m.start(), m.end()) and not self.idiom[m.start()]:
                value = float(self.lex.multiplier_words[m.group()])
                q = self.qualifier(m.start())
                self.add(m.start(), m.end(), value, "other", q, None, "words+multiplier", 0.7)

    def word_number(self, s: int, e: int) -> int:
        """Read the number-word phrase starting at text[s:e]; return where it ends."""
        low = self.lower[s:e]
        one = self.lex.has("one_words", low) or self.lex.has("one_words", low.rstrip("'’"))
        value = word_number(low.rstrip("'’"), self.lex)
        if value is None and not one:
            return e
        values, first_end = [value if value is not None else 1], e
        while True:
            step = self.join_next(e, values[-1])
            if step is None:
                break
            values.append(step[0])
            e = step[1]
        if not self.free(s, e) or self.idiom[s]:
            return e
        total = compose(values)
        if total == 0:  # "zero emissions", "zero tolerance" describe, they do not measure
            return e
        suf = self.suffix(e, words=True)
        has_measure = suf.unit is not None or suf.scale != 1.0
        if one and e == first_end and not self.one_measured(suf):
            return e
        if not self.word_context_ok(s, e, has_measure, suf):
            return e
        if suf.unit is None and not suf.noun and suf.scale == 1.0:
            return e
        self.emit(s, float(total), suf, suf.unit, self.qualifier(s), "words", word=True)
        return suf.end

    def one_measured(self, suf: _Suffix) -> bool:
        """A lone "un"/"a"/"ein" is an article unless a scale ("un milliard") or a duration
        with a half ("un'ora e mezza") follows."""
        if suf.scale != 1.0:
            return True
        return bool(
            suf.unit is not None
            and suf.unit.is_duration
            and self.p.and_a_half.match(self.text, suf.end)
        )

    def join_next(self, end: int, prev: int) -> tuple[int, int] | None:
        """The next number word that continues the one ending at `end` ("twenty-one", "two
        hundred", "treinta y dos", "vingt et un"): (its value, its end), else None."""
        m = _JOIN.match(self.lower, end)
        if m is None:
            return None
        word = m.group(2)
        if self.lex.has("and_words", word):
            m2 = _JOIN.match(self.lower, m.end())
            if m2 is None or prev < 20:
                return None
            nxt = self.unit_word(m2.group(2))
            if nxt is not None and nxt < 100 and nxt < prev:
                return nxt, m2.end()
            return None
        nxt = word_number(word, self.lex)
        if nxt is None and (m.group(1) == "-" or word == "one"):
            nxt = self.unit_word(word)
        if nxt is None:
            return None
        if nxt in (100, 1000) or (prev >= 20 and nxt < 10 and prev % 10 == 0):
            return nxt, m.end()
        if prev >= 100 and prev % 100 == 0 and nxt < 100:
            return nxt, m.end()
        return None

    def unit_word(self, word: str) -> int | None:
        """A number word, counting "one"/"un"/"um" as 1 inside a compound ("vingt-et-un")."""
        low = word.lower()
        if self.lex.has("one_words", low) and len(low) >= 2 and low != "an":
            return 1
        return word_number(low, self.lex)

    def word_context_ok(self, s: int, e: int, has_measure: bool, suf: _Suffix) -> bool:
        text = self.text
        before = self.before(s, 40)
        if (before and before[-1] in _OPEN_QUOTES) or before[-2:] in ("« ", "‹ "):
            return False
        if text[s].isupper() and not _sentence_initial(text, s) and not has_measure:
            return False
        if not has_measure and self.p.restating.search(self.low_before(s, 40)):
            return False
        if suf.unit is not None and suf.unit.is_duration and self.time_reference(s, suf.end):
            return False
        return not (not has_measure and _heading_start(text, s))

    def multiple_word(self, start: int, end: int) -> None:
        """ "fivefold", "zehnfach": a multiple, unit other."""
        low = self.lower[start:end]
        for suffix in self.lex.words("multiplier_suffixes"):
            stem = low[: -len(suffix)] if low.endswith(suffix) else None
            value = word_number(stem, self.lex) if stem else None
            if value and self.free(start, end):
                q = self.qualifier(start)
                self.add(start, end, float(value), "other", q, None, "words+multiple", 0.75)
                return


def _key(surface: str) -> str:
    return re.sub(r"\s+", " ", surface.replace("’", "'")).lower()


def _round(value: float) -> float:
    return float(f"{value:.10g}")


_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d")
_NEXT_WORDS = re.compile(r"[ \u00a0]+([^\W\d_]+)(?:[ \u00a0]+[^\W\d_]+)?")
_LABEL = re.compile(r"([^\W\d_]+)[ \u00a0]*:[ \u00a0]*\Z")


def _version_like(token: str) -> bool:
    """ "2.0", "4.0": a decimal part of zeros written out names a version, it measures nothing."""
    return bool(re.fullmatch(r"\d+[.,]0{1,2}", token))


def _is_year(token: str, value: float) -> bool:
    return token.isdigit() and len(token) == 4 and _YEARS[0] <= value <= _YEARS[1]


def _sentence_initial(text: str, idx: int) -> bool:
    j = idx - 1
    while j >= 0 and text[j] in " \t\u00a0\u202f":
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END


def _title_line(text: str, idx: int) -> bool:
    """Whether the line holding idx is written in title case (a headline)."""
    start = text.rfind("\n", 0, idx) + 1
    end = text.find("\n", idx)
    line = text[start : end if end >= 0 else len(text)].strip()
    words = re.findall(r"[^\W\d_]{4,}", line)
    if len(words) < 5 or line.endswith("."):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _heading_start(text: str, idx: int) -> bool:
    """A number word opening a short title line ("Tre motori dell'integrazione")."""
    line_start = text.rfind("\n", 0, idx) + 1
    if text[line_start:idx].strip():
        return False
    line_end = text.find("\n", idx)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return len(line) < 80 and not line.endswith((".", "!", "?", ":", ";", ","))


_JOIN = re.compile(r"([ -])([^\W\d_]+(?:['’](?=[^\W\d_]))?)")
# only a look-alike with a digit after it (or after a "." or ",") can read as a digit
_OCR_CANDIDATE = re.compile(r"[lIO](?=[.,]?\d)")


def _lower(text: str) -> str:
    """Lowercase copy with the same offsets (a few characters lowercase to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _digitize(text: str) -> str:
    """Same-length copy with OCR look-alikes inside numbers read as digits ("l,400" -> 1,400,
    "2O26" -> 2026); letters next to letters are left alone."""
    chars: list[str] | None = None
    for m in _OCR_CANDIDATE.finditer(text):
        i = m.start()
        prev, nxt = text[i - 1 : i], text[i + 1 : i + 3]
        if _reads_as_digit(m.group(), prev, nxt):
            chars = chars if chars is not None else list(text)
            chars[i] = "0" if m.group() == "O" else "1"
    return "".join(chars) if chars is not None else text


def _reads_as_digit(char: str, prev: str, nxt: str) -> bool:
    after_digit = prev.isdigit()
    before_digit = nxt[:1].isdigit() or (nxt[:1] in ".," and nxt[1:2].isdigit())
    if char == "O":
        return after_digit and nxt[:1].isdigit()
    if after_digit:
        return before_digit
    return before_digit and not (prev.isalnum() or prev == "_")


def find_quantities(text: str, language: str) -> list[Quantity]:
    """Every measured quantity of `text` (written in `language`), sorted by start."""
    scan = _Scan(text, language)
    scan.fractions()
    scan.half_units()
    scan.digit_numbers()
    scan.word_numbers()
    return sorted(scan.found, key=lambda q: (q.start, q.end))


_YEAR_TOKEN = re.compile(r"(?<![\w.,/])(?<![^\W\d_]-)(1[89]\d\d|2[01]\d\d)(?![\w,]|\.\d)")


def find_years(text: str, language: str) -> list[tuple[int, int, int]]:
    """(start, end, year) of every year written in digits outside URLs, phones, file names
    ("nel 2025", "in 2025", "(2026-2030)"), for tying a quantity to the year of its clause."""
    del language  # years are written the same way in all six languages
    mask = furniture_mask(text)
    out = []
    for m in _YEAR_TOKEN.finditer(text):
        ctx = text[max(0, m.start() - 12) : m.end() + 1]
        if any(mask[m.start() : m.end()]) and not _dated(ctx):
            continue
        out.append((m.start(), m.end(), int(m.group(1))))
    return out


def _dated(context: str) -> bool:
    return not re.search(r"https?://|www\.|@|\+\d|/", context)
