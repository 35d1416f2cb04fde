"""Punctuation lost to the channel: quotes, apostrophes, dashes, no-break spaces, guillemets.

All of ’ “ – — (and • ”) come out as lead + '??', so the character is chosen from context:
between letters an apostrophe, before a word an opening quote, after one a closing quote,
between spaces a dash, between digits a range dash or a thousands space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Final

from .channel import channel_data, punct_forms
from .lexicon import Lexicon
from .offsets import Change
from .protect import Protector
from .scan import letters_before, literal_positions, matches_at

NBSP, NNBSP = "\u00a0", "\u202f"


@lru_cache(maxsize=1)
def _quote_forms() -> frozenset[str]:
    """Every 3-character reading of the modelled punctuation (2-character ones are too weak)
    but for a lead read as 'A', an accented letter's lead too: only its '??' form is
    punctuation."""
    forms = {f for fs in punct_forms().values() for f in fs if len(f) >= 3}
    return frozenset({f for f in forms if f[0] != "A" or f[1:] == "??"} | {"??"})


@lru_cache(maxsize=1)
def _quote_firsts() -> frozenset[str]:
    """What a match of _quote_re() starts with: its optional '&', or a form's first."""
    return frozenset({"&"} | {f[0] for f in _quote_forms()})


@lru_cache(maxsize=1)
def _quote_re() -> re.Pattern[str]:
    """The readings of _quote_forms(); a form ending in a letter must not run into a word."""
    trie: dict[str, Any] = {}
    for f in _quote_forms():
        node = trie
        for c in f:
            node = node.setdefault(c, {})
        node[""] = "(?![a-z])" if f[-1].isalpha() else ""
    return re.compile(rf"&?{_trie_regex(trie)}@?")


def _trie_regex(node: dict[str, Any]) -> str:
    """The forms of a trie as one pattern that branches once per character, where an
    alternation of every form is tried form by form; the longest form that matches wins,
    as in an alternation sorted longest first (two forms that match at one place are a
    form and its prefix)."""
    alts = [re.escape(c) + _trie_regex(node[c]) for c in sorted(node) if c]
    if "" in node:
        alts.append(node[""])  # a form ends here: after every longer one
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


@lru_cache(maxsize=1)
def _qmark_reach() -> int:
    """How far after its start a match of _quote_re() has its first '?' ('&a?TM': 2): every
    modelled reading has one, so the pattern is tried only that close before each '?'."""
    forms = {f for fs in punct_forms().values() for f in fs if len(f) >= 3} | {"??"}
    return 1 + max(f.index("?") for f in forms)  # 1: the optional '&' before a form


@lru_cache(maxsize=1)
def _chars_by_form() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for ch, forms in punct_forms().items():
        for f in forms:
            out.setdefault(f, set()).add(ch)
    return {f: frozenset(chs) for f, chs in out.items()}


@lru_cache(maxsize=512)  # a pure function of the reading: readings repeat in every document
def _forms_of(seq: str) -> frozenset[str]:
    core = seq.lstrip("&").rstrip("@") or seq
    table = _chars_by_form()
    out = set(table.get(core, ())) | table.get(seq, frozenset())
    if core == "??":
        out |= {"\u2019", "\u201c", "\u201d", "\u2013", "\u2014"}
    return frozenset(out)


@lru_cache(maxsize=16)
def _dash(language: str) -> str:
    table = channel_data()["spaced_dash"]
    return str(table.get(language, table["default"]))


@lru_cache(maxsize=16)
def _quotes(language: str) -> tuple[str, str]:
    q = channel_data()["quotes"].get(language, ["\u201c", "\u201d"])
    return q[0], q[1]


def _choose(text: str, start: int, end: int, options: frozenset[str], language: str) -> str | None:
    """The first character the context calls for that this reading can come from."""
    for ch in _preferences(text, start, end, options, language):
        if ch in options:
            return ch
    return None


def _preferences(
    text: str, start: int, end: int, options: frozenset[str], language: str
) -> list[str]:
    p = text[start - 1] if start else " "
    n = text[end] if end < len(text) else " "
    open_q, close_q = _quotes(language)
    if (NNBSP in options or "\u20ac" in options) and p.isdigit():
        return [NNBSP if (n.isdigit() or n in " %") else "\u20ac"]
    if p.isdigit() and n.isdigit():
        return [str(channel_data()["range_dash"])]
    if p.isalpha() and n.isalnum():
        return ["\u2019"]
    if p.isspace() and n.isspace():
        return [_dash(language), close_q, "\u201d"]
    if (p.isspace() or p in "([") and (n.isalnum() or n in "'\"("):
        return [open_q, "\u201c", "\u2018"]
    if p.isalnum() or p in ".,!?)%":
        return [close_q, "\u201d", "\u2019"]
    return []


def quote_matches(text: str) -> Iterator[re.Match[str]]:
    """_quote_re().finditer(text), tried only just before each '?' and where a reading can
    start: a walk from '?' to '?' (str.find), where a scan tries every offset."""
    reach, firsts, rx = _qmark_reach(), _quote_firsts(), _quote_re()
    at = text.find("?")
    low = 0  # every start before low was tried, or lies inside a match
    while at != -1:
        start = max(low, at - reach)
        while start <= at:
            if text[start] in firsts and (m := rx.match(text, start)) is not None:
                yield m
                start = m.end()
            else:
                start += 1
        low = start
        at = text.find("?", low)


def repair_punct(text: str, language: str) -> list[Change]:
    changes: list[Change] = []
    if "?" not in text:
        return changes
    for m in quote_matches(text):
        options = _forms_of(m.group())
        if not options:
            continue
        ch = _choose(text, m.start(), m.end(), options, language)
        if ch is None:
            continue
        end = m.end() + 1 if ch == NNBSP and text[m.end() : m.end() + 1] == " " else m.end()
        changes.append(Change(m.start(), end, ch, "channel:punct", 0.8))
    return changes


_ELISION_TAIL: Final = r"(?=(?:[\u2019']|&?[a4&@8A]?\?(?:\?|TM|M)|\?\?)\s?[a-zA-Z])"
_ELISION: Final = re.compile(r"[1|I](?<!\w[1|I])" + _ELISION_TAIL)
_ONES: Final = "1|I"  # what an elision's misread 'l' is


def repair_elision(text: str, language: str) -> list[Change]:
    """'1’obiettivo' -> 'l’obiettivo': the letter l read as 1 or | before an elision."""
    if language not in channel_data()["elision_languages"]:
        return []
    # both patterns match at a '1', '|' or 'I' only: tried there, not at every offset
    ones = literal_positions(text, _ONES)
    changes = [
        Change(m.start(), m.end(), "l", "ocr:elision", 0.8)
        for m in matches_at(_ELISION, text, ones)
    ]
    changes += [
        Change(m.start(), m.end(), "l\u2019", "ocr:elision", 0.6)
        for m in matches_at(_SPECKED_ELISION, text, ones)
        if m.group(1) or m.group(2)
    ]
    return _drop_overlaps(changes)


# the same with a speck the OCR read next to the damaged apostrophe ('I[a??o', '|a??0o');
# elision only ever comes before a vowel or h, which the next letter must be
_SPECKED_ELISION: Final = re.compile(
    r"[1|I](?<!\w[1|I])([\[\](){}!]?)(?:&?[a4&@8]\?\?|\?\?)([0-9|!\[\]]?)(?=[aeiouhAEIOUH])"
)


_NBSP_BEFORE: Final = re.compile(r"A(?<=[a-z0-9]A)(?= ?[:;!?%\u00bb])")
_NBSP_NUMBER: Final = re.compile(r"A(?<=\dA)A? (?=\d{3}(?!\d)|%)")
_NBSP_NUMBER_WORD: Final = re.compile(r"A(?<=\dA)A? (?=\d{3}(?!\d)|%|[a-z])")


@lru_cache(maxsize=1)
def _spaced_units() -> frozenset[str]:
    return frozenset(channel_data()["nbsp_before_unit_languages"])


_DEGREE: Final = re.compile(r"A(?<=\dA)(?=[\u00b0\u00ba\u00aa])")
_ORDINAL: Final = re.compile(r"A(?<=\dA)([oa])(?=\s)")  # 'º' and 'ª' folded to o and a
# the no-break space's own reading ('A ' or a plain space) must be there: a bare 'A?' is 'é'
_GUILLEMET_OPEN: Final = re.compile(r"(?:(?<=\s)|^)(?:A ?\?A ?|A\? )(?=\w)", re.M)
_GUILLEMET_CLOSE: Final = re.compile(r"(?<=[\w.!?])(?: ?A)? A\?(?=[\s,.;:)]|$)", re.M)


_THOUSANDS: Final = re.compile(r"[a4&](?<=\d[a4&])\?-? ?(?=[\d%])")
_THOUSANDS_WORD: Final = re.compile(r"[a4&](?<=\d[a4&])\?-? ?(?=[\d%]|[a-z])")
_THOUSANDS_LEADS: Final = ("a?", "4?", "&?")  # what every match of either starts with


def repair_guillemets(text: str, language: str) -> list[Change]:
    """French guillemets with their no-break spaces: '« ' reads 'A?A ', ' »' reads 'A A?'."""
    changes: list[Change] = []
    if language == "fr":
        for m in _GUILLEMET_OPEN.finditer(text):
            changes.append(Change(m.start(), m.end(), "\u00ab" + NBSP, "channel:guillemet", 0.7))
        for m in _GUILLEMET_CLOSE.finditer(text):
            changes.append(Change(m.start(), m.end(), NBSP + "\u00bb", "channel:guillemet", 0.7))
    return _drop_overlaps(changes)


def repair_open_guillemets(text: str, lex: Lexicon, language: str) -> list[Change]:
    """'A?seis pequeños dragones ?,' -> '«seis pequeños dragones»,': the guillemets of the
    languages that use them without spaces. Runs after the accents, so that an 'A?' left
    before a word is no accented letter ('A?xito' is 'éxito' by then), and the word after
    it must be one the lexicon knows."""
    if language not in channel_data()["guillemet_languages"]:
        return []
    changes = []
    for m in _OPEN_GUILLEMET.finditer(text):
        if m.start() and not (text[m.start() - 1].isspace() or text[m.start() - 1] == "("):
            continue
        if not lex.known(m.group(1), 2.0):
            continue
        changes.append(Change(m.start(), m.start() + 2, "\u00ab", "channel:guillemet", 0.6))
        close = _CLOSE_GUILLEMET.search(text, m.end(), min(len(text), m.end() + _QUOTE_SPAN))
        if close is not None and "\n\n" not in text[m.end() : close.start()]:
            changes.append(Change(close.start(), close.end(), "\u00bb", "channel:guillemet", 0.6))
    return _drop_overlaps(changes)


_OPEN_GUILLEMET: Final = re.compile(r"A\?([a-z]+)")
# the closing one: its reading glued to the word, or after a space the OCR put there (a real
# question mark is glued and has no lead)
_CLOSE_GUILLEMET: Final = re.compile(r"(?<=[a-z])(?:A\?| \?)(?=[\s,.;:)])")
_QUOTE_SPAN: Final = 300


def repair_latin1_symbols(text: str, language: str) -> list[Change]:
    """Â-led Latin-1 symbols: the lead A disappears; a no-break space stays one."""
    changes = [
        Change(m.start(), m.end(), "", "channel:latin1", 0.8) for m in _DEGREE.finditer(text)
    ]
    thousands = _THOUSANDS_WORD if language in _spaced_units() else _THOUSANDS
    # str's search for the leads costs less than the pattern's scan, which tries its first
    # character class at every offset
    if any(lead in text for lead in _THOUSANDS_LEADS):
        changes += [
            Change(m.start(), m.end(), NNBSP, "channel:nnbsp", 0.7)
            for m in thousands.finditer(text)
        ]
    changes += [
        Change(
            m.start(), m.end(), "\u00ba" if m.group(1) == "o" else "\u00aa", "channel:latin1", 0.7
        )
        for m in _ORDINAL.finditer(text)
    ]
    changes += [
        Change(m.start(), m.end(), NBSP, "channel:nbsp", 0.7) for m in _NBSP_BEFORE.finditer(text)
    ]
    # a no-break space after a number ('Â\xa0' read 'A ' or 'AA '): before a digit group or
    # '%' in any language, before a word (a unit, a scale) where the language spaces them so
    after_number = _NBSP_NUMBER_WORD if language in _spaced_units() else _NBSP_NUMBER
    changes += [
        Change(m.start(), m.end(), NBSP, "channel:nbsp", 0.7) for m in after_number.finditer(text)
    ]
    return _drop_overlaps(changes)


_PIPE_WORD: Final = re.compile(r"\|(?<![^\s]\|)(?= [a-z])")
_ONE_AFTER_ELISION: Final = re.compile(r"1(?<=[a-z][\u2019']1)(?=[A-Z])")
_UNDERSCORE: Final = re.compile(r"_(?<=[a-z]_)(?=[a-z])")


def repair_glyph_confusions(text: str) -> list[Change]:
    """Marks OCR reads for letters outside any word: a lone '|' is 'I', '1' after an elision
    is 'I' ('dell’1A'), an underscore between words is a space."""
    changes = [Change(m.start(), m.end(), "I", "ocr:glyph", 0.6) for m in _PIPE_WORD.finditer(text)]
    changes += [
        Change(m.start(), m.end(), "I", "ocr:glyph", 0.6) for m in _ONE_AFTER_ELISION.finditer(text)
    ]
    protected = Protector(text)  # 'qingdao_porto_1021.jpg' keeps its underscores
    changes += [
        Change(m.start(), m.end(), " ", "ocr:glyph", 0.6)
        for m in _UNDERSCORE.finditer(text)
        if not protected.covers(m.start())
    ]
    return _drop_overlaps(changes)


_SHORT_QUOTE: Final = re.compile(r"a\?(?<=[A-Za-z]{2}a\?)(?=[\s,.;:)]|$)")
_GLUED_QUOTE: Final = re.compile(r"a\?(?<=[A-Za-z]{2}a\?)([es.])([a-z]+)(?![\w'’])")
GLUED_TAIL_FROM: Final = 4.0


def repair_short_quote(text: str, lex: Lexicon, language: str) -> list[Change]:
    """'innovazionea?' -> 'innovazione”': a 2-character reading kept only when dropping the lead
    'a' turns a non-word into a word."""
    changes: list[Change] = []
    if "a?" not in text:  # what every match of both patterns starts with
        return changes
    for m in _SHORT_QUOTE.finditer(text):
        stem = text[letters_before(text, m.start()) : m.start()]
        if len(stem) >= 2 and lex.known(stem, 2.5) and not lex.known(stem + "a", 2.0):
            changes.append(Change(m.start(), m.end(), _quotes(language)[1], "channel:punct", 0.6))
    return changes + _glued_close_quotes(text, lex, language)


def _glued_close_quotes(text: str, lex: Lexicon, language: str) -> list[Change]:
    """'Valleya?ein un' -> 'Valley” in un': a closing quote's reading with the OCR's dropped
    space, between a word and a frequent word; the reading's last letter belongs to the
    quote when the rest is the far more frequent word ('in', not 'ein')."""
    changes = []
    for m in _GLUED_QUOTE.finditer(text):
        stem = text[letters_before(text, m.start()) : m.start()]
        mark, word = m.group(1), m.group(2)
        if len(stem) < 2 or not lex.known(stem, 2.5) or lex.known(stem + "a", 2.0):
            continue
        if lex.known(word, GLUED_TAIL_FROM) and lex.freq(word) - lex.freq(mark + word) >= 1.0:
            after = _quotes(language)[1] + " "
            changes.append(Change(m.start(), m.start(2), after, "channel:punct", 0.6))
    return changes


def _drop_overlaps(changes: list[Change]) -> list[Change]:
    out: list[Change] = []
    for c in sorted(changes, key=lambda c: (c.start, -c.end)):
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
