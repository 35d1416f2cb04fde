"""Layout damage of printing and OCR: words and URLs broken across lines, OCR spacing."""

from __future__ import annotations

import re
from typing import Final

from .lexicon import Lexicon
from .offsets import Change
from .scan import literal_positions, matches_at, near

# possessive ('++'): a run that gave back a letter would have a letter, not the mark, after
# it; a greedy run retried one letter shorter at each offset of each word was most of the pass
_HYPHEN_BREAK: Final = re.compile(r"([A-Za-zÀ-ÿ]++)(-|\u00ad)[ \t]*\n[ \t]*([a-zà-ÿ]+)")
_BREAK_MARK: Final = re.compile(r"[-\u00ad][ \t]*\n")  # what a word broken at a line end shows
_BREAK_MARKS: Final = "-\u00ad"  # what a match of _BREAK_MARK starts with
_URL_BREAK: Final = re.compile(
    r"((?:https?://|www\.)[^\s]*[/\w.-])[ \t]*\n[ \t]*([\w/.#?=&%-]*[/.][\w/.#?=&%-]*)(?=\s|$)"
)
_URL_HEADS: Final = ("http", "www.")  # what both URL patterns start with
# a URL whose line ends on a separator goes on at the next line's start
_URL_CUT: Final = re.compile(r"((?:https?://|www\.)\S*[-/_.])[ \t]*\n[ \t]*([\w/#?=&%.-]+)(?=\s|$)")
# each starts with its literal space, which sre searches for in C; a leading look-behind
# would be tried at every offset
_SPACE_BEFORE: Final = re.compile(r" (?<=[A-Za-zÀ-ÿ0-9%)\u201d] ) *(?=[,.](?:\s|$))")
_SPACE_AFTER_OPEN: Final = re.compile(r" (?<=[(\[] ) *(?=\w)")
_SPACE_BEFORE_CLOSE: Final = re.compile(r" (?<=\w ) *(?=[)\]])")
# the scan's indent before the document's first word
_LEADING: Final = re.compile(r"\A[ \t]+(?=\S)")


def rejoin_lines(text: str, lex: Lexicon) -> list[Change]:
    changes = []
    marks = matches_at(_BREAK_MARK, text, literal_positions(text, _BREAK_MARKS))
    for m in near(_HYPHEN_BREAK, text, marks, 60, 60):
        left, mark, right = m.group(1), m.group(2), m.group(3)
        joined = left + right
        keep_hyphen = mark == "-" and (
            not lex.known(joined, 2.0) or lex.known(f"{left}-{right}", 2.0)
        )
        after = f"{mark}" if keep_hyphen else ""
        if keep_hyphen:
            continue  # a real compound: leave the line break where it was
        changes.append(Change(m.end(1), m.start(3), after, "layout:hyphen", 0.8))
    urls = literal_positions(text, _URL_HEADS)  # where a match of either pattern starts
    for m in matches_at(_URL_BREAK, text, urls):
        changes.append(Change(m.end(1), m.start(2), "", "layout:url", 0.7))
    for m in matches_at(_URL_CUT, text, urls):
        changes.append(Change(m.end(1), m.start(2), "", "layout:url", 0.7))
    return _sorted_disjoint(changes)


# each pattern with what every match of it shows: a pattern is only run where the text has
# one of those (str's search costs a small part of a pattern's scan)
_SPACING: Final[tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]] = (
    (_SPACE_BEFORE, (" ,", " .")),
    (_SPACE_AFTER_OPEN, ("( ", "[ ")),
    (_SPACE_BEFORE_CLOSE, (" )", " ]")),
    (_LEADING, (" ", "\t")),
)


def fix_spacing(text: str) -> list[Change]:
    changes = [
        Change(m.start(), m.end(), "", "layout:spacing", 0.7)
        for rx, shows in _SPACING
        if any(s in text for s in shows)
        for m in rx.finditer(text)
    ]
    return _sorted_disjoint(changes)


def _sorted_disjoint(changes: list[Change]) -> list[Change]:
    out: list[Change] = []
    for c in sorted(changes, key=lambda c: (c.start, c.end)):
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
