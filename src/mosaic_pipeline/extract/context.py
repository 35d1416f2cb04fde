"""The analysed document every rule reads: sentences, clauses, region mentions, sector terms,
cue spans, all with offsets into the same text."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
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
    mentions: tuple[RegionMatch, ...]
    sectors: tuple[SectorMatch, ...]
    cues: Cues
    foreign: tuple[RegionMatch, ...] = ()
    _clause_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._clause_starts.extend(c.start for c in self.clauses)

    def clause_at(self, pos: int) -> Clause | None:
        i = bisect_right(self._clause_starts, pos) - 1
        if i >= 0 and pos < self.clauses[i].end:
            return self.clauses[i]
        # a position between clauses (a stripped space) belongs to the next one
        return self.clauses[i + 1] if i + 1 < len(self.clauses) else None

    def sentence(self, sentence_id: int) -> Sentence:
        return self.sentences[sentence_id]

    def mentions_in(self, start: int, end: int) -> list[RegionMatch]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def sectors_in(self, start: int, end: int) -> list[SectorMatch]:
        return [s for s in self.sectors if start <= s.start and s.end <= end]

    def topic_region(self) -> str | None:
        """The region the document is about: the first one its headline names (below the
        country), else the most often named one."""
        local = [m for m in self.mentions if m.kind != "country"]
        if not local:
            return None
        if self.sentences:
            head = self.sentences[0]
            in_head = [m for m in local if head.start <= m.start < head.end]
            if in_head:
                return in_head[0].code
        counts = Counter(m.code for m in local)
        return max(
            counts,
            key=lambda code: (counts[code], -local.index(next(m for m in local if m.code == code))),
        )
