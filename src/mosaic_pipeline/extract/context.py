"""The analysed document every rule reads: sentences, clauses, region mentions, sector terms,
cue spans, all with offsets into the same text."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from .cues import Cues
from .gazetteer import RegionMatch
from .sectors import SectorMatch
from .segment import Clause, Sentence


class QuantityLike(Protocol):
    """What attribution reads from quantities.Quantity (start, end, surface, value, unit, ...)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def surface(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def qualifier(self) -> str | None: ...
    @property
    def noun(self) -> str | None: ...
    @property
    def rule(self) -> str: ...
    @property
    def confidence(self) -> float: ...


@dataclass(frozen=True)
class DocContext:
    text: str
    folded: str
    language: str
    sentences: tuple[Sentence, ...]
    clauses: tuple[Clause, ...]
    mentions: tuple[RegionMatch, ...]  # in text order, like every tuple here
    sectors: tuple[SectorMatch, ...]
    cues: Cues
    foreign: tuple[RegionMatch, ...] = ()

    @cached_property
    def memo(self) -> dict[tuple[object, ...], object]:
        """Results of pure per-clause helpers, kept for this context's lifetime: links are
        read once before the figures are attributed and once after."""
        return {}

    @cached_property
    def _clause_starts(self) -> list[int]:
        return [c.start for c in self.clauses]

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    @cached_property
    def _sector_starts(self) -> list[int]:
        return [s.start for s in self.sectors]

    @cached_property
    def _by_sentence(self) -> dict[int, list[Clause]]:
        out: dict[int, list[Clause]] = {}
        for clause in self.clauses:
            out.setdefault(clause.sentence_id, []).append(clause)
        return out

    def clause_at(self, pos: int) -> Clause | None:
        i = bisect_right(self._clause_starts, pos) - 1
        if i >= 0 and pos < self.clauses[i].end:
            return self.clauses[i]
        # a position between clauses (a stripped space) belongs to the next one
        return self.clauses[i + 1] if i + 1 < len(self.clauses) else None

    def sentence(self, sentence_id: int) -> Sentence:
        return self.sentences[sentence_id]

    def clauses_of(self, sentence_id: int) -> list[Clause]:
        return self._by_sentence.get(sentence_id, [])

    def mentions_in(self, start: int, end: int) -> list[RegionMatch]:
        i = bisect_left(self._mention_starts, start)
        j = bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end]

    def sectors_in(self, start: int, end: int) -> list[SectorMatch]:
        i = bisect_left(self._sector_starts, start)
        j = bisect_left(self._sector_starts, end)
        return [s for s in self.sectors[i:j] if s.end <= end]

    @cached_property
    def topic(self) -> str | None:
        """The region the document is about: the first one its headline names (below the
        country), else the most often named one (the first named among equals)."""
        local = [m for m in self.mentions if m.kind != "country"]
        if not local:
            return None
        if self.sentences:
            head = self.sentences[0]
            in_head = [m for m in local if head.start <= m.start < head.end]
            if in_head:
                return in_head[0].code
        counts = Counter(m.code for m in local)
        order = {code: i for i, code in reversed(list(enumerate(m.code for m in local)))}
        return max(counts, key=lambda code: (counts[code], -order[code]))
