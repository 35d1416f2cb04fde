"""Repair stage: lossy mojibake and OCR noise -> clean text, every change recorded as an Edit.

Order: ftfy (intact mojibake) always, on the lines it could change; then, only when the text
shows the lossy channel's signature (so clean text gets no edit), rounds of passes until
nothing changes: elision and punctuation readings, guillemets, accented letters (lexicon +
channel), Latin-1 symbols and no-break spaces, diacritics the OCR folded, glyph and letter
confusions, elision heads, specks read for spaces, stray marks, layout. Text without that
signature gets the '?' a lossy codec wrote for a no-break space restored.
Each pass proposes changes on the current text; EditLog folds them into raw-text edits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice
from typing import Final

from ..config import LANGUAGES, RepairConfig
from ..records import Repaired
from ..repair import intact, layout, lossy, ocr, punct, words
from ..repair.lexicon import Lexicon, get_lexicon
from ..repair.offsets import Change, EditLog
from ..repair.protect import Protector
from ..repair.scan import lower_words

# the lossy channel's signature: a lead glyph's reading with its reject marks, or a lead 'A'
# glued to a lower-case word; clean text of any of the six languages has neither
_SIGNATURE: Final = re.compile(
    r"\?\?(?<=[a4&@8A]\?\?)|A(?:(?<=[a-z]A)|(?<=\sA)[\"'!=?@;*$%^~+](?=\s))"
)
_MIN_SIGNATURES: Final = 2
_MAX_ROUNDS: Final = 4


_DEFAULT_CONFIG: Final = RepairConfig()


def repair(raw_text: str, language: str, config: RepairConfig = _DEFAULT_CONFIG) -> Repaired:
    if not config.enabled:
        return Repaired(raw_text, raw_text, ())
    log = EditLog(raw_text)
    log.apply(intact.ftfy_changes(raw_text))
    lang = language if language in LANGUAGES else "en"
    damaged = is_damaged(log.text)
    if damaged:
        lex = get_lexicon(lang)
        # to a fixed point, so that repair(repair(x).text) == repair(x): one change can
        # uncover another (a quote mended next to a damaged word); a round that leaves no
        # signature behind is the last, as repair() of its output would skip the passes too
        for _ in range(_MAX_ROUNDS):
            before = log.text
            _channel_passes(log, lex, lang)
            if log.text == before:
                break
            damaged = is_damaged(log.text)
            if not damaged:
                break
    if not damaged:
        # a '?' written by a codec that lacked the character; in OCR-damaged text a '?' is
        # the channel's junk, which the passes read
        _run(log, lambda t: lossy.repair_lossy_spaces(t, lang))
    every = log.edits()
    edits = tuple(e for e in every if e.confidence >= config.min_confidence)
    if len(edits) != len(every):
        from ..repair.offsets import apply_edits

        return Repaired(raw_text, apply_edits(raw_text, edits), edits)
    return Repaired(raw_text, log.text, edits)


def _channel_passes(log: EditLog, lex: Lexicon, lang: str) -> None:
    _run(log, lambda t: punct.repair_elision(t, lang))
    _run(log, lambda t: punct.repair_punct(t, lang))
    _run(log, lambda t: punct.repair_guillemets(t, lang))
    _run(log, lambda t: words.repair_accents(t, lex, Protector(t)))
    _run(log, lambda t: punct.repair_latin1_symbols(t, lang))
    _run(log, lambda t: punct.repair_short_quote(t, lex, lang))
    _run(log, lambda t: punct.repair_open_guillemets(t, lex, lang))
    _run(log, lambda t: words.restore_lone_word(t, lang))
    # the lower-case words, shared by the word passes and read again only after a change
    lower = lower_words(log.text)
    if _run(log, lambda t: words.restore_folded(t, lex, Protector(t), lower)):
        lower = lower_words(log.text)
    if _run(log, punct.repair_glyph_confusions):
        lower = lower_words(log.text)
    _run(log, lambda t: ocr.fix_confusions(t, lex, Protector(t), lang, lower))
    _run(log, lambda t: ocr.fix_elision_heads(t, lex, Protector(t), lang))
    _run(log, lambda t: ocr.fix_name_confusions(t, lex))
    _run(log, lambda t: ocr.fix_specks(t, lex, Protector(t), lang))
    _run(log, lambda t: ocr.drop_stray_marks(t, lang))
    _run(log, lambda t: layout.rejoin_lines(t, lex))
    _run(log, layout.fix_spacing)
    # a repaired stretch can itself look like mojibake to ftfy; the fixed point must be one
    # for ftfy too, or a second repair would change it
    _ftfy_if_bad(log)


def is_damaged(text: str) -> bool:
    # stops at the second signature: a damaged document is told at its first lines
    found = _SIGNATURE.finditer(text)
    return sum(1 for _ in islice(found, _MIN_SIGNATURES)) >= _MIN_SIGNATURES


def _run(log: EditLog, step: Callable[[str], list[Change]]) -> bool:
    """Apply one pass; whether it changed anything."""
    changes = step(log.text)
    if changes:
        log.apply(changes)
    return bool(changes)


def _ftfy_if_bad(log: EditLog) -> None:
    # mojibake can only appear where a pass wrote: ftfy's detector looks at those stretches
    stretches = "\n".join(log.edited_stretches(3))
    if stretches and intact.could_be_mojibake(stretches):
        _run(log, intact.ftfy_changes)


def explain(repaired: Repaired) -> list[str]:
    """One human line per edit, for `mosaic fix --explain`."""
    return [
        f"{e.raw_start}-{e.raw_end} {e.before!r} -> {e.after!r} [{e.rule}, {e.confidence:.2f}]"
        for e in repaired.edits
    ]
