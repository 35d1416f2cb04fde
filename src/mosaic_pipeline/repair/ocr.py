"""Plain OCR errors: letter confusions inside words, stray marks from scan speckles."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Final

from .channel import channel_data
from .lexicon import Lexicon
from .offsets import Change
from .protect import Protector, one_word_names
from .scan import letters_before, literal_positions, lower_words, matches_at, whole_word_at

# '\b[A-Z]' with the look-behind after the capital, so that sre scans for capitals in C
_CAP_WORD: Final = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{3,}\b")
NAME_UNKNOWN_BELOW: Final = 2.0
_APOSTROPHES: Final = ("’", "'")
_ELIDED: Final = re.compile(r"[’'](?<=[A-Za-z][’'])(?=[a-zA-Zà-ÿ])")
_TAIL: Final = re.compile(r"[a-z]+")
_SPECK: Final = re.compile(r"[-.](?<=[a-z][-.])(?=[a-z])")
GLUED_UNKNOWN_BELOW: Final = 1.0
GLUED_MIN_HEAD: Final = 3
GLUED_HEAD_FROM: Final = 3.5
HEAD_KNOWN: Final = 2.0  # a head this frequent in elided forms is what was written
HEAD_FROM: Final = 4.0
SPECK_OTHER_FROM: Final = 3.0
UNKNOWN_BELOW: Final = 2.5
KNOWN_FROM: Final = 3.0
MIN_GAIN: Final = 2.0  # the fix must be this much more frequent than what was read
# a token made only of these, alone between spaces, is a speck the OCR read as a mark
# look-behinds placed after a first character, so that sre scans for that one in C
_STRAY_MARKS: Final = "-:;=!'*_|~\\"
_STRAY: Final = re.compile(
    rf"[ \t](?<=\S[ \t])[ \t]*[{re.escape(_STRAY_MARKS)}]{{1,3}}(?=[ \t]*(?:\n|$)|[ \t]+\S)", re.M
)
_STRAY_LINE_START: Final = re.compile(
    r"[-:;=!.,'*_|~\\](?<![^\n][-:;=!.,'*_|~\\])[-:;=!.,'*_|~\\]?[ \t]+(?=[A-Z])"
)
_LINE_START_MARKS: Final = "-:;=!.,'*_|~\\"  # what a match of _STRAY_LINE_START starts with
# a full stop, comma or colon standing alone right after punctuation ('centre. : Dans',
# 'kilos. . Pour') is a speck in any language
_STOPS: Final = ".,:;"
_STRAY_AFTER_STOP: Final = re.compile(rf"[ \t][{_STOPS}](?<=[.,;:!?][ \t][{_STOPS}])(?=[ \t]+\S)")
_KEEP_FR: Final = ":;!?"
_WORD_END: Final = ")]\u201d\"'\u00bb"  # what a word or a parenthesis can end with
_WORD_START: Final = "([\u201c\u201e\"'\u00ab"


@lru_cache(maxsize=1)
def _confusions() -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in channel_data()["ocr_letter_confusions"])


def _variants(word: str) -> set[str]:
    out = set()
    for seen, meant in _confusions():
        start = word.find(seen)
        while start != -1:
            out.add(word[:start] + meant + word[start + len(seen) :])
            start = word.find(seen, start + 1)
    return out


def _best_variant(word: str, lex: Lexicon) -> str | None:
    """word: lower-case ASCII letters, as are its variants but for an 'I' (no apostrophe
    for lex.freq() to normalise)."""
    zipf = lex.zipf
    best = max(((zipf.get(v.lower(), 0.0), v) for v in _variants(word)), default=None)
    if best is not None and best[0] >= KNOWN_FROM and best[0] - lex.freq(word) >= MIN_GAIN:
        return best[1]
    return None


@lru_cache(maxsize=1)
def _function_word_data() -> dict[str, dict[str, list[str]]]:
    path = resources.files("mosaic_pipeline") / "resources" / "repair" / "function_words.json"
    data: dict[str, dict[str, list[str]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=16)
def _function_words(kind: str, language: str) -> frozenset[str]:
    return frozenset(_function_word_data()[kind].get(language, ()))


def _unglue(word: str, lex: Lexicon, glued: frozenset[str]) -> str | None:
    """'trasformatain' -> 'trasformata in': a known word, then a function word."""
    if lex.zipf.get(word, 0.0) >= GLUED_UNKNOWN_BELOW:
        return None
    best: tuple[float, str] | None = None
    for k in range(GLUED_MIN_HEAD, len(word) - 1):
        head, tail = word[:k], word[k:]
        z = lex.zipf.get(head, 0.0)
        if tail in glued and z >= GLUED_HEAD_FROM and (best is None or z > best[0]):
            best = (z, f"{head} {tail}")
    return best[1] if best else None


def fix_name_confusions(text: str, lex: Lexicon) -> list[Change]:
    """'Chongging' -> 'Chongqing': a capitalised word no lexicon knows, one OCR confusion
    away from a protected name (the gazetteer's), is that name misread."""
    names = one_word_names()
    changes: list[Change] = []
    for w in set(_CAP_WORD.findall(text)):
        if w in names or lex.known(w, NAME_UNKNOWN_BELOW):
            continue
        fixes = sorted(v for v in _variants(w) if v in names)
        if len(fixes) == 1:  # two names one confusion away: no telling which
            changes += [
                Change(at, at + len(w), fixes[0], "ocr:name", 0.6)
                for at in whole_word_at(text, w, "-")
            ]
    changes.sort(key=lambda c: c.start)
    return changes


def fix_elision_heads(text: str, lex: Lexicon, protected: Protector, language: str) -> list[Change]:
    """'guest’anno' -> 'quest’anno': before an elision apostrophe stands a word that elides
    ('quest', 'dell', 'l'); a head that never does, one confusion away from one that does,
    is that one misread."""
    if language not in channel_data()["elision_languages"]:
        return []
    changes = []
    for m in matches_at(_ELIDED, text, literal_positions(text, _APOSTROPHES)):
        start = letters_before(text, m.start(), 30)
        if start == m.start() or (start and _isw(text[start - 1])):
            continue
        h = text[start : m.start()]
        if lex.elision_heads.get(h.lower(), 0.0) >= HEAD_KNOWN or not h.islower():
            continue
        scored = [(lex.elision_heads.get(v, 0.0), v) for v in _variants(h)]
        z, fix = max(scored, default=(0.0, h))
        if z >= HEAD_FROM and not protected.covers(start):
            changes.append(Change(start, m.start(), fix, "ocr:confusion", 0.6))
    return changes


def fix_specks(text: str, lex: Lexicon, protected: Protector, language: str) -> list[Change]:
    """'mentre-la provincia', 'un-centro', 'centro.per': a hyphen joining a function word
    that never takes one in this language, or a full stop before a lower-case function
    word, is a speck the OCR read where a space was."""
    return [c for c in _specks(text, lex, language) if not protected.covers(c.start)]


def _specks(text: str, lex: Lexicon, language: str) -> list[Change]:
    no_hyphen = _function_words("no_hyphen", language)
    glued = _function_words("glued", language)
    changes = []
    for m in matches_at(_SPECK, text, literal_positions(text, "-.")):
        start = letters_before(text, m.start())
        right = _TAIL.match(text, m.end())
        if right is None or _chained(text, start, right.end(), m.group()):
            continue
        a, b = text[start : m.start()], right.group()
        if m.group() == "-":
            ok = (a in no_hyphen and lex.known(b, SPECK_OTHER_FROM)) or (
                b in no_hyphen and lex.known(a, SPECK_OTHER_FROM)
            )
        else:  # 'centro.per': a full stop is never followed by a lower-case function word
            ok = b in glued and len(a) >= GLUED_MIN_HEAD and lex.known(a, SPECK_OTHER_FROM)
        if ok:
            changes.append(Change(m.start(), m.end(), " ", "ocr:speck", 0.6))
    return changes


def _chained(text: str, start: int, end: int, mark: str) -> bool:
    """Part of a longer chain ('Pechino-Tianjin-Hebei', 'www.example.com') or glued to more
    word."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before == mark or _isw(before) or after == mark or _isw(after)


def _isw(c: str) -> bool:
    return c.isalnum() or c == "_"


def fix_confusions(
    text: str,
    lex: Lexicon,
    protected: Protector,
    language: str = "en",
    words: set[str] | None = None,
) -> list[Change]:
    """An unknown word one confusion away from a frequent word ('guinquennale', 'flume'), or
    a word with a function word the OCR glued to it ('trasformatain'). words: the text's
    lower_words() or a superset of them, when the caller has them."""
    changes: list[Change] = []
    glued = _function_words("glued", language)
    # decided once per distinct word, then only the words that change are looked for
    zipf = lex.zipf
    runs = lower_words(text) if words is None else words
    for w in [w for w in runs if len(w) > 2 and w.isalpha() and zipf.get(w, 0.0) < UNKNOWN_BELOW]:
        # the fix first: most unknown words have none, and then where they stand is moot
        # (a run that never stands alone, too: it is found nowhere)
        fix, rule = _best_variant(w, lex), "ocr:confusion"
        if fix is None:
            fix, rule = _unglue(w, lex, glued), "ocr:glued"
            if fix is None:
                continue
            # not a word cut by a line-end hyphen ('semicon-'): layout joins those
            found = list(whole_word_at(text, w, "-"))
        else:
            found = list(whole_word_at(text, w, "-", ""))
        changes += [Change(at, at + len(w), fix, rule, 0.6) for at in found]
    changes = [c for c in changes if not protected.covers(c.start)]
    changes.sort(key=lambda c: c.start)
    return changes


def _between_words(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    nxt = end
    while nxt < len(text) and text[nxt] in " \t":
        nxt += 1
    after = text[nxt] if nxt < len(text) else "\n"
    return (before.isalnum() or before in _WORD_END) and (after.isalnum() or after in _WORD_START)


def _spaced(text: str, marks: str) -> list[int]:
    """The offsets of the spaces and tabs right before one of marks."""
    return [at - 1 for at in literal_positions(text, marks) if at and text[at - 1] in " \t"]


def _stray_starts(text: str) -> list[int]:
    """Where _STRAY can match: the first of the spaces before a mark (after it, a space
    stands before each of them)."""
    starts = set()
    for at in _spaced(text, _STRAY_MARKS):
        while at > 0 and text[at - 1] in " \t":
            at -= 1
        starts.add(at)
    return sorted(starts)


def _line_starts(text: str, first: str) -> list[int]:
    """The offsets that start a line with one of first: where _STRAY_LINE_START can match
    (its look-behind wants a line break or the text's start before its mark)."""
    starts = [at + 1 for at in literal_positions(text, "\n")]
    return [at for at in [0, *starts] if at < len(text) and text[at] in first]


def drop_stray_marks(text: str, language: str) -> list[Change]:
    """Marks standing alone at a line's end or next to punctuation: 'Nord -', '. - :'.

    One standing between two words ('ore 10:20 | Fonte', 'PEKING -- Die', 'Facebook | X')
    is a separator the text was written with, as likely as a speck: it stays."""
    changes = []
    for m in matches_at(_STRAY, text, _stray_starts(text)):
        mark = m.group().strip()
        if language == "fr" and mark in _KEEP_FR:
            continue  # French sets these off with a space
        if _between_words(text, m.start(), m.end()):
            continue
        changes.append(Change(m.start(), m.end(), "", "ocr:stray_mark", 0.55))
    for m in matches_at(_STRAY_LINE_START, text, _line_starts(text, _LINE_START_MARKS)):
        changes.append(Change(m.start(), m.end(), "", "ocr:stray_mark", 0.55))
    for m in matches_at(_STRAY_AFTER_STOP, text, _spaced(text, _STOPS)):
        changes.append(Change(m.start(), m.end(), "", "ocr:stray_mark", 0.55))
    out: list[Change] = []
    for c in sorted(changes, key=lambda c: c.start):
        if not out or c.start >= out[-1].end:
            out.append(c)
    return out
