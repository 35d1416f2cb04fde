"""Scores defined once (design.md, "Gold and scoring") so that every tool agrees."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

_WS = re.compile(r"\s+")


def collapse_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: Levenshtein distance / reference length, whitespace collapsed."""
    ref, hyp = collapse_ws(reference), collapse_ws(hypothesis)
    return Levenshtein.distance(hyp, ref) / max(1, len(ref))


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
