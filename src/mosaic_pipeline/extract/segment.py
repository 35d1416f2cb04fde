"""Sentences and clauses by rule, so that abbreviations ("Mrd.", "Co.", "U.S.") and hard-wrapped
lines do not break a sentence, and contrast words and semicolons split one into clauses."""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from .text import WORD, Span, fold, word_index


@dataclass(frozen=True)
class Sentence:
    id: int
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Clause:
    sentence_id: int
    start: int
    end: int
    dateline: bool = False  # "PECHINO, 2 marzo 2026 (GLOBE NEWSWIRE) —"


_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_FINAL = ".!?:…\"'”’»)"
_TERMINAL = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_OPENER = re.compile(r"\s+[\"'“‘«(\[—–-]?\s*[A-ZÀ-ÖØ-Þ0-9\u3400-\u9fff]")
# "PECHINO, 2 marzo 2026 (GLOBE NEWSWIRE) — ...": the dateline names where the release was
# issued, not what the sentence is about, so it is a clause of its own
_DATELINE = re.compile(
    r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’ .\-]+(?:\s*\([^)\n]{1,30}\))?,[^\n—–]{0,80}?\s[—–-]{1,2}\s"
)


@lru_cache(maxsize=1)
def _segmentation_data() -> tuple[frozenset[str], frozenset[str]]:
    try:
        path = resources.files("mosaic_pipeline") / "resources" / "segmentation.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        abbreviations = frozenset(fold(w) for w in data["abbreviations"]["common"])
        ordinal_langs = frozenset(data["ordinal_period_languages"])
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"resources/segmentation.json is missing or invalid: {exc}") from exc
    return abbreviations, ordinal_langs


def split_sentences(text: str, language: str) -> list[Sentence]:
    """Sentences with offsets into text; blank lines and headline lines end a sentence."""
    out: list[Sentence] = []
    for par_id, par in enumerate(_paragraphs(text)):
        for span in _split_paragraph(text, par, language):
            out.append(Sentence(len(out), span.start, span.end, par_id))
    return out


def _paragraphs(text: str) -> list[Span]:
    spans, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append(Span(pos, m.start()))
        pos = m.end()
    spans.append(Span(pos, len(text)))
    merged: list[Span] = []
    for span in (s for s in (_strip(text, s) for s in spans) if s.end > s.start):
        if merged and _continues(text, merged[-1], span):
            merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged


def _continues(text: str, previous: Span, span: Span) -> bool:
    """A blank line inside a sentence (OCR and PDF layouts insert them): the text before has
    no final punctuation and the text after does not open a sentence."""
    if text[previous.end - 1] in _FINAL:
        return False
    first = text[span.start]
    return first.islower() or first.isdigit() or first in ",;:)%"


def _strip(text: str, span: Span) -> Span:
    # str.strip() drops exactly the characters str.isspace() accepts, and runs in C
    piece = text[span.start : span.end]
    body = piece.lstrip()
    if not body:
        return Span(span.end, span.end)
    start = span.start + len(piece) - len(body)
    return Span(start, start + len(body.rstrip()))


def _split_paragraph(text: str, par: Span, language: str) -> list[Span]:
    cuts = sorted(set(_punct_cuts(text, par, language)) | set(_line_cuts(text, par)))
    spans, pos = [], par.start
    for cut in cuts:
        spans.append(Span(pos, cut))
        pos = cut
    spans.append(Span(pos, par.end))
    return [s for s in (_strip(text, s) for s in spans) if s.end > s.start]


def _punct_cuts(text: str, par: Span, language: str) -> list[int]:
    abbreviations, ordinal_langs = _segmentation_data()
    chunk = text[par.start : par.end]
    cuts = []
    for m in _TERMINAL.finditer(chunk):
        if not _OPENER.match(chunk, m.end()):
            continue
        if chunk[m.start()] == "." and m.end() - m.start() == 1:
            word = _word_before(chunk, m.start())
            if word and _is_abbreviation(word, language, abbreviations, ordinal_langs):
                continue
        cuts.append(par.start + m.end())
    return cuts


def _word_before(chunk: str, end: int) -> str:
    """The run of word characters and dots that ends at `end` (or right before a newline
    there), read backwards: a regex search for it would rescan the paragraph from its start."""
    stop = end - 1 if end > 0 and chunk[end - 1] == "\n" else end
    start = stop
    while start > 0 and (chunk[start - 1] in "._" or chunk[start - 1].isalnum()):
        start -= 1
    return chunk[start:stop]


def _is_abbreviation(
    word: str, language: str, abbreviations: frozenset[str], ordinal_langs: frozenset[str]
) -> bool:
    folded = fold(word)
    if folded in abbreviations or "." in word.strip("."):
        return True  # listed, or an initialism such as "U.S" / "z.B"
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial
    # "am 9. März": a German ordinal date, not a full stop
    return language in ordinal_langs and word.isdigit() and len(word) <= 2


def _line_cuts(text: str, par: Span) -> list[int]:
    """A short line without final punctuation followed by a capital is a headline or label."""
    lines = _lines(text, par)
    if len(lines) < 2:
        return []
    lengths = sorted(s.end - s.start for s in lines)
    # the wrap width of hard-wrapped text; a few lines give too few samples for a percentile
    wrap = lengths[-1] if len(lengths) <= 5 else lengths[int(0.8 * (len(lengths) - 1))]
    cuts = []
    for prev, nxt in zip(lines, lines[1:], strict=False):
        prev_text, next_text = text[prev.start : prev.end], text[nxt.start : nxt.end]
        short = (prev.end - prev.start) < 0.7 * wrap
        if not next_text or not prev_text or prev_text.endswith(("-", ",")):
            continue
        if prev_text.endswith((".", "!", "?", ":")) or (short and _starts_upper(next_text)):
            cuts.append(nxt.start)
    return cuts


def _lines(text: str, par: Span) -> list[Span]:
    spans, pos = [], par.start
    cut = text.find("\n", pos, par.end)
    while cut != -1:
        spans.append(Span(pos, cut))
        pos = cut + 1
        cut = text.find("\n", pos, par.end)
    spans.append(Span(pos, par.end))
    return [_strip(text, s) for s in spans]


def _starts_upper(line: str) -> bool:
    stripped = line.lstrip("\"'“‘«(—– ")
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit())


@lru_cache(maxsize=8)
def contrast_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex over folded text for the contrast words that open a clause."""
    if not terms:
        return None
    words = sorted({fold(t).strip() for t in terms if t.strip()}, key=len, reverse=True)
    body = "|".join(r"[\s\-]+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])")


@lru_cache(maxsize=8)
def _contrast_openers(terms: tuple[str, ...]) -> frozenset[str] | None:
    openers = set()
    for term in {fold(t).strip() for t in terms if t.strip()}:
        lead = WORD.match(term)
        if lead is None:
            return None  # a term opening with a non-word character may start anywhere
        openers.add(lead.group())
    return frozenset(openers)


def contrast_starts(folded: str, terms: tuple[str, ...]) -> list[int] | None:
    """Where contrast_pattern(terms) can match in folded: at the words its terms open with
    (it needs no word character before it). None when any position can."""
    openers = _contrast_openers(terms)
    if openers is None:
        return None
    starts_of = word_index(folded).starts_of
    return sorted(p for w in openers.intersection(starts_of) for p in starts_of[w])


def _contrast_matches(
    contrast: re.Pattern[str], folded: str, start: int, end: int, starts: Sequence[int] | None
) -> Iterator[re.Match[str]]:
    """contrast.finditer(folded, start, end), trying only the positions in starts: re would
    otherwise enter its matcher at every position of every sentence."""
    if starts is None:
        yield from contrast.finditer(folded, start, end)
        return
    resume = start  # finditer goes on from the end of the previous match
    for pos in starts[bisect_left(starts, start) : bisect_left(starts, end)]:
        if pos >= resume:
            m = contrast.match(folded, pos, end)
            if m:
                yield m
                resume = m.end()


def split_clauses(
    text: str,
    folded: str,
    sentence: Sentence,
    contrast: re.Pattern[str] | None,
    starts: Sequence[int] | None = None,
) -> list[Clause]:
    """Clauses of one sentence: cut before each contrast word and after each semicolon;
    starts, from contrast_starts(), are the only places a contrast word can open.

    A sentence that opens with a contrast word ("While X ..., Y ...", "Während X ..., Y ...")
    is cut at the comma that closes the subordinate clause instead.
    """
    start, end = sentence.start, sentence.end
    cuts: set[int] = set()
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        cuts.add(dateline.end())
    semicolon = text.find(";", start, end)
    while semicolon != -1:
        cuts.add(semicolon + 1)
        semicolon = text.find(";", semicolon + 1, end)
    if contrast is not None:
        for m in _contrast_matches(contrast, folded, start, end, starts):
            head = text[start : m.start()].strip(" \"'“‘«(—–-")
            if not head:
                comma = text.find(",", m.end(), end)
                if comma != -1:
                    cuts.add(comma + 1)
            else:
                cuts.add(m.start())
    bounds = [start, *sorted(c for c in cuts if start < c < end), end]
    spans = (_strip(text, Span(a, b)) for a, b in zip(bounds, bounds[1:], strict=False))
    date_end = dateline.end() if dateline else -1
    return [
        Clause(sentence.id, s.start, s.end, s.end <= date_end) for s in spans if s.end > s.start
    ]
