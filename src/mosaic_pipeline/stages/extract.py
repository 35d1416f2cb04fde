"""Extract stage: region mentions, attributed figures and region-sector links of one text."""

from __future__ import annotations

from ..config import ExtractConfig
from ..extract.pipeline import run
from ..records import Extraction

_DEFAULT_CONFIG = ExtractConfig()


def extract(text: str, language: str, config: ExtractConfig = _DEFAULT_CONFIG) -> Extraction:
    """Mentions, figures and links with offsets into text (the repaired text) and sentence ids.

    Deterministic; each language's pipeline and data are loaded once per process.
    """
    if not config.enabled or not text.strip():
        return Extraction()
    return run(text, language)
