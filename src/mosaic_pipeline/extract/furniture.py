"""Spans whose digits are never measured quantities: URLs, e-mails, file names, phone numbers,
dates, times of day, page counters.

They are found first and masked, so the quantity scanner never has to guess whether "2026-03-01"
or "+86 551 6555 0123" hides a number. Month names come from every language's number file
because datelines are often English inside other-language text.
"""

from __future__ import annotations

import re
from functools import cache

from .numbers import SUPPORTED, lexicon

# matched inside one whitespace-free token that holds a digit
_TOKEN = [
    r"(?:https?://|www\.)[^\s<>\"”»)\]]+",
    r"(?<![\w.@-])[\w-]+(?:\.[\w-]+)*\.(?:com|cn|org|net|gov|edu|int|io|info|biz|it|de|fr|es"
    r"|pt|br|eu|uk|hk|mo|tw|ch|at|be)(?:/[^\s<>\"”»)]*)?(?![\w])",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    r"(?i)(?<![\w])[\w.-]+\.(?:jpe?g|png|gif|tiff?|bmp|webp|svg|pdf|docx?|xlsx?|pptx?|csv"
    r"|zip|rar|mp4|mov|avi|html?|txt|json|xml)(?![\w])",
]
# matched where a run of digits starts
_WINDOW = [
    r"\+\d{1,3}(?:[ \u00a0.\-/]?\(?\d{1,5}\)?){2,}",
    r"(?<![\d.,])\(?0\d{1,4}\)?[ \-/]\d{3,4}[ \-]\d{3,4}(?![\d])",
    r"(?<![\d.,])\d{3,4}-\d{3,4}-\d{3,4}(?![\d])",
    r"(?<![\d])\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?![\d])",
    r"(?<![\d.,])\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})(?![\d])",
    r"(?<![\d.,:])\d{1,2}[:h]\d{2}(?::\d{2})?(?![\d])(?:\s?(?:am|pm|a\.m\.|p\.m\.|Uhr|h|GMT"
    r"|UTC|CET|CST|BJT))?",
    r"(?<![\d.,:])\d{1,2}(?:[.:]\d{2})?\s?(?:a\.m\.|p\.m\.|am|pm|Uhr)(?![\w])",
    # Chinese landlines and mobiles, and any long unseparated digit run (IDs, phones)
    r"(?<![\d.,])0\d{2,3}-\d{7,8}(?![\d])",
    r"(?<![\d.,])\d{9,}(?![\d])",
]
_PAGE = r"(?i)(?<![\w])(?:page|pagina|pag\.|seite|página|pág\.|p\.)"
_PAGE_FULL = re.compile(_PAGE + r"\s*\d+\s*(?:/|of|di|de|von|sur)\s*\d+")
_DIGIT_RUN = re.compile(r"\d+")
# every _TOKEN pattern needs one of these ("://", "www.", ".com", "@", ".pdf"): a token
# without any holds none of them
_TOKEN_MARK = re.compile(r"[./@]")


_NEXT_WORD = re.compile(r"(?:\.|º|°|er|st|nd|rd|th)?[ \u00a0]*(?:de[ \u00a0]+)?([^\W\d_]+\.?)")
_PREV_WORD = re.compile(r"([^\W\d_]+\.?)[ \u00a0]+(?:(?:de|del|of)[ \u00a0]+)?\Z")
_YEAR_AFTER = re.compile(r"(?:st|nd|rd|th)?,?[ \u00a0]*(?:de[ \u00a0]+)?\d{4}(?![\d])")
_DAY_BEFORE = re.compile(
    r"(?<![\d.,])\d{1,2}\.?(?:[ \u00a0]*(?:,|e|and|et|und|y|-|–|al|au|bis|to|a)[ \u00a0]*"
    r"\d{1,2}\.?)*[ \u00a0]*(?:,|e|and|et|und|y|-|–|al|au|bis|to|a)[ \u00a0]*\Z"
)
_NUMBER_RUN = re.compile(r"[+(]?\d[\d \u00a0().+/-]*\d|\d")


@cache
def _months() -> frozenset[str]:
    forms: set[str] = set()
    for lang in SUPPORTED:
        for m in lexicon(lang).words("months"):
            forms.update({m, m[:1].upper() + m[1:], m.upper()})
    return frozenset(forms)


@cache
def _months_of(language: str | None) -> frozenset[str]:
    if language not in SUPPORTED:
        return _months()
    forms = set(_months())
    for m in lexicon(language).words("month_abbreviations"):
        forms.update({m, m.lower(), m[:1].upper() + m[1:], m.upper()})
    return frozenset(forms)


@cache
def _token_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _TOKEN)


@cache
def _label_before() -> re.Pattern[str]:
    labels: set[str] = set()
    for lang in SUPPORTED:
        labels.update(lexicon(lang).words("phone_labels"))
    alt = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\w])(?:{alt})[ \u00a0]*[.:：]?[ \u00a0]*:?[ \u00a0]*\Z")


def furniture_mask(text: str, language: str | None = None) -> bytearray:
    """One byte per character: 1 where the character belongs to a non-quantity span. With the
    text's language, its undotted month abbreviations count too ("HAIKOU, 9 jul (Xinhua)");
    they stay out of the shared list, where "out" or "set" would be English words."""
    mask = bytearray(len(text))
    anchored = _anchored()
    months = _months_of(language)
    for run in _DIGIT_RUN.finditer(text):
        s = run.start()
        if mask[s]:
            continue
        for span in _around(text, s, run.end(), anchored, months):
            mask[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
    return mask


def _around(
    text: str, s: int, e: int, anchored: re.Pattern[str], months: frozenset[str]
) -> list[tuple[int, int]]:
    """Furniture spans that hold the digit run text[s:e]."""
    ts, te = s, e
    while ts > 0 and not text[ts - 1].isspace():
        ts -= 1
    while te < len(text) and not text[te].isspace():
        te += 1
    found = (
        [m.span() for pat in _token_patterns() for m in pat.finditer(text, ts, te)]
        if _TOKEN_MARK.search(text, ts, te)
        else []
    )
    if any(a <= s < b for a, b in found):
        return found
    m = anchored.match(text, s - 1 if s > 0 and text[s - 1] in "+(" else s)
    if m:
        return [*found, m.span()]
    span = _dated(text, s, e, months) or _labelled(text, s) or _paged(text, s)
    return [*found, span] if span else found


@cache
def _anchored() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _WINDOW))


@cache
def _page_before() -> re.Pattern[str]:
    return re.compile(_PAGE + r"[ \u00a0]*\Z")


def _paged(text: str, s: int) -> tuple[int, int] | None:
    """ "Page 2 of 5", "Seite 3/4"."""
    m = _page_before().search(text, max(0, s - 12), s)
    if not m:
        return None
    full = _PAGE_FULL.match(text, m.start())
    return full.span() if full else None


def _dated(text: str, s: int, e: int, months: frozenset[str]) -> tuple[int, int] | None:
    """A day or a year next to a month name: "9 marzo 2026", "March 02, 2026", "4 e 5 marzo"."""
    if e - s > 4:
        return None
    nxt = _NEXT_WORD.match(text, e)
    if nxt and e - s <= 2 and _is_month(nxt.group(1), months):
        start, end = s, nxt.end()
        day = _DAY_BEFORE.search(text, max(0, s - 30), s)
        if day:
            start = day.start()
        year = _YEAR_AFTER.match(text, end)
        return start, (year.end() if year else end)
    prev = _PREV_WORD.search(text, max(0, s - 25), s)
    if prev and _is_month(prev.group(1), months):
        year = _YEAR_AFTER.match(text, e) if e - s <= 2 else None
        return prev.start(), (year.end() if year else e)
    return None


def _is_month(word: str, months: frozenset[str]) -> bool:
    return word in months or word.rstrip(".") in months


def _labelled(text: str, s: int) -> tuple[int, int] | None:
    """Digits right after "Tel.", "Hotline:", "Fax" are a phone number, also with an area code
    in brackets or a "+" first: "Tel.: (853) 2833 2886"."""
    while s > 0 and text[s - 1] in "+(":
        s -= 1
    if not _label_before().search(text, max(0, s - 30), s):
        return None
    run = _NUMBER_RUN.match(text, s)
    return (s, run.end()) if run else None
