"""The extract stage as one spaCy blank pipeline per language with rule components.

mosaic_segmenter  sentences and clauses by rule (abbreviations, headlines, contrast words)
mosaic_regions    region mentions from the gazetteer (doc.spans["regions"])
mosaic_sectors    sector terms from the language's lexicon (doc.spans["sectors"])
mosaic_figures    quantities (quantities.find_quantities) attributed to regions and sectors
mosaic_links      region-sector links of the clauses and of the figures

Each component reads and extends the DocContext kept in doc.user_data, so the rules stay pure
functions over text offsets; spaCy gives the Doc, its sentence starts and its spans. The rules
never read tokens, so the Doc is tokenized at spaces only: the language's affix rules cost more
than all the components together (tests/extract/time_extract.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..config import LANGUAGES
from ..records import Extraction, Mention
from .attribution import attribute
from .context import DocContext, QuantityLike
from .cues import load_cues
from .foreign import load_foreign
from .gazetteer import load_gazetteer
from .links import clause_links, dominant_sectors, figure_links, merge_links
from .sectors import load_sectors
from .segment import Sentence, contrast_pattern, contrast_starts, split_clauses, split_sentences
from .text import fold

_CTX = "mosaic_ctx"
_QUANTITIES = "mosaic_quantities"
_RESULT = "mosaic_result"
COMPONENTS = (
    "mosaic_segmenter",
    "mosaic_regions",
    "mosaic_sectors",
    "mosaic_figures",
    "mosaic_links",
)


@Language.component("mosaic_segmenter")
def segmenter(doc: Doc) -> Doc:
    language = doc.user_data.get("mosaic_language", doc.lang_)
    # Doc.text joins every token again on each access
    text = doc.user_data.get("mosaic_text") or doc.text
    cues = load_cues(language)
    folded = fold(text)
    sentences = split_sentences(text, language)
    contrast = contrast_pattern(cues.contrast_terms)
    opens = contrast_starts(folded, cues.contrast_terms) if contrast is not None else None
    clauses = [c for s in sentences for c in split_clauses(text, folded, s, contrast, opens)]
    if len(doc):
        _mark_sentence_starts(doc, sentences)
    doc.user_data[_CTX] = DocContext(
        text, folded, language, tuple(sentences), tuple(clauses), (), (), cues
    )
    return doc


def _mark_sentence_starts(doc: Doc, sentences: Sequence[Sentence]) -> None:
    # one array write: setting token.is_sent_start re-scans the whole doc per token
    idx = doc.to_array(IDX)
    starts = numpy.fromiter(sorted({s.start for s in sentences}), dtype=idx.dtype)
    at = numpy.searchsorted(idx, starts)  # token offsets are sorted: no set test needed
    at = at[at < len(idx)]
    flags = numpy.full(len(doc), -1, dtype="int64")
    flags[at[idx[at] == starts[: len(at)]]] = 1
    flags[0] = 1
    doc.from_array([SENT_START], flags.astype("uint64").reshape((len(doc), 1)))  # type: ignore[arg-type]


@Language.component("mosaic_regions")
def regions(doc: Doc) -> Doc:
    ctx: DocContext = doc.user_data[_CTX]
    found = load_gazetteer().find(ctx.text, ctx.folded)
    doc.spans["regions"] = _spans(doc, [(m.start, m.end, m.code) for m in found])
    # "Mongolia" inside "Mongolia Interna" is the Chinese region, not the country
    foreign = tuple(
        f
        for f in load_foreign().find(ctx.text, ctx.folded)
        if all(f.end <= m.start or f.start >= m.end for m in found)
    )
    doc.user_data[_CTX] = replace(ctx, mentions=tuple(found), foreign=foreign)
    return doc


@Language.component("mosaic_sectors")
def sectors(doc: Doc) -> Doc:
    ctx: DocContext = doc.user_data[_CTX]
    found = load_sectors(ctx.language).find(ctx.text, ctx.folded)
    doc.spans["sectors"] = _spans(doc, [(m.start, m.end, m.sector) for m in found])
    doc.user_data[_CTX] = replace(ctx, sectors=tuple(found))
    return doc


@Language.component("mosaic_figures")
def figures(doc: Doc) -> Doc:
    ctx: DocContext = doc.user_data[_CTX]
    quantities = doc.user_data.get(_QUANTITIES)
    if quantities is None:
        from .quantities import find_quantities  # owned by the quantities module

        quantities = find_quantities(ctx.text, ctx.language)
    figs = attribute(ctx, quantities, dominant_sectors(clause_links(ctx)))
    doc.user_data[_RESULT] = {"figures": figs, "links": clause_links(ctx, figs)}
    return doc


@Language.component("mosaic_links")
def links(doc: Doc) -> Doc:
    ctx: DocContext = doc.user_data[_CTX]
    result = doc.user_data[_RESULT]
    result["links"] = merge_links(result["links"], figure_links(ctx, result["figures"]))
    return doc


def _spans(doc: Doc, items: Sequence[tuple[int, int, str]]) -> list[Any]:
    spans = (doc.char_span(a, b, label=label, alignment_mode="expand") for a, b, label in items)
    return [s for s in spans if s is not None]


class WhitespaceTokenizer:
    """Tokens split at spaces only. The rules read character offsets, never tokens, so the
    language's affix rules (the costliest step of a blank pipeline) would buy nothing here."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = text.split(" ")
        spaces = [True] * len(words)
        if "" in words:  # a run of spaces: each extra space is a token of its own
            for i, word in enumerate(words):
                if not word:
                    words[i], spaces[i] = " ", False
        if words[-1] == " ":
            words, spaces = words[:-1], spaces[:-1]
        else:
            spaces[-1] = False
        return Doc(self.vocab, words=words, spaces=spaces)


def _whitespace_tokenizer(nlp: Language) -> WhitespaceTokenizer:
    return WhitespaceTokenizer(nlp.vocab)


@lru_cache(maxsize=8)
def get_pipeline(language: str) -> Language:
    """The language's pipeline, built once per process (blank tokenizer + rule components).

    The blank pipeline is the base language class under the language's code, built with the
    whitespace tokenizer from the start. spacy.blank() would import spacy.lang.<code> (its
    tokenizer exceptions, stop words and lexical attributes: 15 s for French, whose
    exceptions compile at import), build the rule tokenizer and resolve a whole config, and
    the rules read none of it.
    """
    code = language if language in LANGUAGES else "xx"
    lang_class: type[Language] = type(f"Blank_{code}", (Language,), {"lang": code})
    nlp = lang_class(create_tokenizer=_whitespace_tokenizer)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def run(text: str, language: str, quantities: Sequence[QuantityLike] | None = None) -> Extraction:
    """Extraction of one text; quantities default to quantities.find_quantities(text)."""
    nlp = get_pipeline(language)
    doc = nlp.make_doc(text)
    doc.user_data["mosaic_language"] = language
    doc.user_data["mosaic_text"] = text
    if quantities is not None:
        doc.user_data[_QUANTITIES] = list(quantities)
    for _, component in nlp.pipeline:
        doc = component(doc)
    ctx: DocContext = doc.user_data[_CTX]
    result = doc.user_data[_RESULT]
    return Extraction(
        mentions=_mentions(ctx),
        figures=tuple(sorted(result["figures"], key=lambda f: (f.start, f.end))),
        links=result["links"],
    )


def _mentions(ctx: DocContext) -> tuple[Mention, ...]:
    out = []
    for m in ctx.mentions:
        clause = ctx.clause_at(m.start)
        sentence_id = clause.sentence_id if clause else _sentence_of(ctx, m.start)
        out.append(Mention(m.code, m.kind, m.surface, m.start, m.end, sentence_id))
    return tuple(out)


def _sentence_of(ctx: DocContext, pos: int) -> int:
    ids = [s.id for s in ctx.sentences if s.start <= pos]
    return ids[-1] if ids else 0
