"""Sentences and clauses by rule, so that abbreviations ("Mrd.", "Co.", "U.S.") and hard-wrapped
lines do not break a sentence, and contrast words and semicolons split one into clauses."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from .text import Span, fold


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
_WORD_BEFORE = re.compile(r"([\w.]+)$")
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
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


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
            word = _WORD_BEFORE.search(chunk[: m.start()])
            if word and _is_abbreviation(word.group(1), language, abbreviations, ordinal_langs):
                continue
        cuts.append(par.start + m.end())
    return cuts


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
    for m in re.finditer(r"\n", text[par.start : par.end]):
        spans.append(Span(pos, par.start + m.start()))
        pos = par.start + m.end()
    spans.append(Span(pos, par.end))
    return [_strip(text, s) for s in spans]


def _starts_upper(line: str) -> bool:
    stripped = line.lstrip("\"'“‘«(—– ")
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit())


def contrast_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex over folded text for the contrast words that open a clause."""
    if not terms:
        return None
    words = sorted({fold(t).strip() for t in terms if t.strip()}, key=len, reverse=True)
    body = "|".join(r"[\s\-]+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])")


def split_clauses(
    text: str, folded: str, sentence: Sentence, contrast: re.Pattern[str] | None
) -> list[Clause]:
    """Clauses of one sentence: cut before each contrast word and after each semicolon.

    A sentence that opens with a contrast word ("While X ..., Y ...", "Während X ..., Y ...")
    is cut at the comma that closes the subordinate clause instead.
    """
    start, end = sentence.start, sentence.end
    cuts: set[int] = set()
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        cuts.add(dateline.end())
    for m in re.finditer(";", text[start:end]):
        cuts.add(start + m.end())
    if contrast is not None:
        for m in contrast.finditer(folded, start, end):
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
