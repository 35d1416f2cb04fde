"""Frozen records passed between stages. Stages are pure functions over these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class Page:
    """One page of text and how it was obtained (text, pdf_text or ocr)."""

    number: int
    text: str
    method: str


@dataclass(frozen=True)
class IngestedDoc:
    doc_id: str  # sha256 of the source bytes
    source_path: str
    media_type: str
    language: str  # it, en, fr, de, es, pt (ISO 639-1)
    text_method: str  # text, pdf_text, ocr, mixed
    pages: tuple[Page, ...]
    encoding: str | None = None  # the codec a text file was decoded with

    @property
    def raw_text(self) -> str:
        return "\n".join(p.text for p in self.pages)


class Edit(NamedTuple):
    """One repair, in raw-text coordinates: raw[raw_start:raw_end] == before became after.
    A named tuple: a repair makes a hundred or more, and a frozen dataclass costs several
    times more to build (same fields, order, repr and immutability)."""

    raw_start: int
    raw_end: int
    before: str
    after: str
    rule: str
    confidence: float


@dataclass(frozen=True)
class Repaired:
    """The repaired text and its edits; apply_edits(raw_text, edits) == text."""

    raw_text: str
    text: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Mention:
    region: str  # CN-XX, GBA, YRD, JJJ, CCEC or CN
    region_kind: str  # province, cluster, city, country
    surface: str
    start: int  # offsets into the repaired text
    end: int
    sentence_id: int


@dataclass(frozen=True)
class Figure:
    region: str
    sector: str | None
    metric: str
    value: float
    unit: str
    qualifier: str | None  # over, about, under
    year: int | None
    surface: str
    start: int
    end: int
    sentence_id: int
    confidence: float
    rule: str = ""


@dataclass(frozen=True)
class Link:
    region: str
    sector: str
    evidence: str  # the sentence (or clause) that makes the claim
    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    mentions: tuple[Mention, ...] = ()
    figures: tuple[Figure, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class DocResult:
    """Everything one document contributes to the tables."""

    doc: IngestedDoc
    repaired: Repaired
    extraction: Extraction
    processed_at: str  # UTC ISO 8601
    pipeline_version: str
    extra_paths: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Quarantined:
    source_path: str
    doc_id: str | None
    stage: str
    error_class: str
    message: str
    at: str
