"""Accented letters lost to the channel: 'qualitA' -> 'qualità', 'accA@lA re' -> 'accélère'.

A damaged letter reads as its lead 'A' plus 0-3 junk characters (possibly one space the OCR
inserted). From each word that shows such a lead in lower-case context, every way of reading
the A's (literal letter, or lead + junk of each length) is looked up in the lexicon's
skeleton index; candidates are scored by word frequency plus how well the junk fits the
channel's expected junk for that letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .channel import LetterForm, channel_data, junk_score, letter_form
from .lexicon import SLOT, Lexicon
from .offsets import Change
from .protect import Protector
from .scan import literal_positions, lower_words, whole_word_at

MAX_JUNK: Final = 3
# the lead read as 'a' is only taken when a junk mark follows it ('pia!' -> 'più')
LOWER_LEAD_JUNK: Final = frozenset('!"=@*$%^~+|')
MAX_SLOTS: Final = 5
MAX_KEY: Final = 30
MAX_STEPS: Final = 400  # readings tried per word
MIN_SCORE: Final = 2.0
# above any join's reach: a join scores at most a frequent word's zipf (~7) plus junk fit,
# minus the penalty for gluing a word that stands alone
SURE_SCORE: Final = 8.0
STANDALONE_MIN_ZIPF: Final = 5.0
_SENTENCE_END: Final = ".!?:"


_Pieces = tuple[tuple[bool, str], ...]  # (is_slot, text): runs of literal letters or a junk
_Step = tuple[int, str, _Pieces, bool]  # pos, key, pieces, skipped


class _Path:
    """One reading of a word's leads (a class with slots: a C struct once compiled)."""

    __slots__ = ("key", "pieces", "skipped")

    def __init__(
        self, key: str, pieces: _Pieces, skipped: bool = False
    ) -> None:
        self.key = key
        self.pieces = pieces
        self.skipped = skipped  # a space before a lead was skipped


_ASCII_LETTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_LITERAL_FIRST: Final = _ASCII_LETTERS - {"A"}  # what _literal_end walks over


def _is_letter(c: str) -> bool:
    return c in _ASCII_LETTERS  # one character: ASCII and a letter


_TOKEN: Final = re.compile(r"\S*")


def _anchor(text: str, i: int) -> bool:
    """An 'A' that cannot be a plain capital: glued to lower case, or followed by junk."""
    prev = text[i - 1] if i else " "
    if prev.islower() and prev.isascii():
        return True  # the usual lead, glued to the lower-case word it is part of
    nxt = text[i + 1] if i + 1 < len(text) else " "
    match = _TOKEN.match(text, i + 1)
    token = match.group() if match is not None and nxt.strip() else ""
    lower_at = next((k for k, c in enumerate(token) if c.islower()), -1)
    if prev.isalpha() and prev.isascii():
        initial = i < 2 or not text[i - 2].isalpha()
        # 'WAhrend', 'FA4r', 'PA@kin': a lead after a capital initial, lower case after it
        if initial and 0 <= lower_at <= MAX_JUNK:
            return True
        if not nxt.isalnum() and nxt not in ",.:":
            # 'HA; dez' (Há), 'CANTA?N' (CANTÓN): junk, then the word ends or goes on in caps
            return lower_at > 0 or initial or token[1:2].isupper()
        return False
    if not token:
        return True  # a lone 'A': only a frequent accented word in a sentence may take it
    if nxt.islower():
        return False  # a capitalised word
    if not nxt.isalnum():
        return True
    return 0 < lower_at <= MAX_JUNK  # 'AOolienne': junk between the lead and the rest


def _word_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1] in _ASCII_LETTERS:
        i -= 1
    return i


def _explore(
    text: str, pos: int, path: _Path, out: list[tuple[int, _Path]], budget: list[int]
) -> None:
    """Every reading of the leads from pos on, depth first: a stack of (pos, key, pieces,
    skipped), where recursion would pay a call per step; a _Path is built for a reading
    that ends."""
    # methods are called on the list itself, not bound to locals: compiled by mypyc (setup.py),
    # list.append and list.pop are C calls, a bound method a generic Python call
    todo: list[_Step] = [(pos, path.key, path.pieces, path.skipped)]
    n, steps = len(text), budget[0]
    while todo:
        pos, key, pieces, skipped = todo.pop()
        steps -= 1
        if steps < 0 or len(key) > MAX_KEY:
            continue  # a pathological run of leads: enough readings were tried
        c = text[pos] if pos < n else " "
        if c in _LITERAL_FIRST and (end := _literal_end(text, pos, n)) > pos:
            piece = text[pos:end]
            todo.append((end, key + piece.lower(), pieces + ((False, piece),), skipped))
        elif c not in _ASCII_LETTERS:
            if SLOT in key and _real_boundary(text, pos):
                out.append((pos, _Path(key, pieces, skipped)))
            if c == " " and key and not skipped and text[pos + 1 : pos + 2] == "A":
                # the OCR put a space between a word and a lead: 'install A?e'
                todo.append((pos + 1, key, pieces, True))
        else:
            # the literal letter last, the readings as a lead before it, shortest junk first
            todo.append((pos + 1, key + c.lower(), pieces + ((False, c),), skipped))
            todo.extend(reversed(_lead_readings(text, pos, key, pieces, skipped)))
    budget[0] = steps


def _literal_end(text: str, pos: int, n: int) -> int:
    """Where the run of letters that cannot be a lead ends: any ASCII letter but 'A', and 'a'
    unless a junk mark follows it. Only a lead branches the search, so such a run is taken
    in one step."""
    end = pos
    while end < n:
        c = text[end]
        lead_a = c == "a" and end + 1 < n and text[end + 1] in LOWER_LEAD_JUNK
        if c not in _LITERAL_FIRST or lead_a:
            break
        end += 1
    return end


def _lead_readings(
    text: str, pos: int, key: str, pieces: tuple[tuple[bool, str], ...], skipped: bool
) -> list[tuple[int, str, tuple[tuple[bool, str], ...], bool]]:
    """The steps that read text[pos] as a lead plus 0-3 junk characters."""
    c, nxt = text[pos], pos + 1
    lower_lead = c == "a" and text[nxt : nxt + 1] in LOWER_LEAD_JUNK
    if not (c == "A" or lower_lead) or key.count(SLOT) >= MAX_SLOTS:
        return []
    key += SLOT
    steps = [(nxt, key, (*pieces, (True, "")), skipped)]  # no junk passes every test
    after = text[nxt : nxt + MAX_JUNK]
    space = -1  # where in after the junk's one space is
    for j, ch in enumerate(after, 1):
        if ch == "\n" or (ch == " " and space >= 0):
            break
        if ch == " ":
            space = j - 1
            if not _continues(text, nxt + j):
                continue
        elif space >= 0 and not _junk_after_space_ok(after[space + 1 : j], text, nxt + j):
            break  # lower-case letters after a space are the next word, not junk
        steps.append((nxt + j, key, (*pieces, (True, after[:j])), skipped))
    return steps


def _junk_after_space_ok(tail: str, text: str, nxt: int) -> bool:
    """After a space the OCR put inside a damaged letter, marks and capitals ('A O', 'A ?')
    are junk; one lower-case letter only when the word goes on right after it ('AdemA is')."""
    lower = sum(c.islower() for c in tail)
    if lower == 0:
        return True
    return lower == 1 and len(tail) == 1 and nxt < len(text) and _is_letter(text[nxt])


def _real_boundary(text: str, pos: int) -> bool:
    """A mark glued to letters on both sides is junk inside a word ('pA@kinoise'), unless it
    is one that joins words (hyphen, apostrophe, slash)."""
    if pos + 1 >= len(text) or text[pos].isspace():
        return True
    return text[pos + 1] not in _ASCII_LETTERS or text[pos] in "-'\u2019/"


def _continues(text: str, pos: int) -> bool:
    """A space junk is only taken inside a word or before trailing punctuation."""
    return pos < len(text) and (_is_letter(text[pos]) or text[pos] in ",.)")


def _candidates(text: str, start: int, lex: Lexicon) -> Iterator[tuple[float, int, str, _Path]]:
    """(score, end, lexicon word, path): the word is rendered only if it wins."""
    found: list[tuple[int, _Path]] = []
    _explore(text, start, _Path("", ()), found, [MAX_STEPS])
    for end, path in found:
        entries = lex.by_skeleton.get(path.key)
        if not entries:
            continue
        junks = [j for is_slot, j in path.pieces if is_slot]
        standalone = path.key == SLOT
        if standalone and not _standalone_ok(text, start, end):
            continue
        for word, z in entries:
            if standalone and z < STANDALONE_MIN_ZIPF:
                break  # entries are sorted by frequency
            letters = word.translate(_DROP_ASCII)
            if len(letters) != len(junks):
                continue
            if standalone and not junks[0] and not _form(letters[0]).junk.isspace():
                continue  # a bare 'A' is only the letter whose junk is a (no-break) space
            if standalone and any(c.isalpha() for c in junks[0]):
                continue  # a lone lead with letters after it is the start of a split word
            score = z + 0.01 * (end - start)
            for letter, junk in zip(letters, junks, strict=True):
                form = _form(letter)
                score += junk_score(form.junk, junk, form.alts)
            yield score, end, word, path


def _form(letter: str) -> LetterForm:
    form = letter_form(letter)
    if form is None:  # the skeleton index only holds letters with a form
        raise ValueError(letter)
    return form


def _standalone_ok(text: str, start: int, end: int) -> bool:
    """A lone accented word needs a sentence around it (not a list label or grade 'A')."""
    before = _skip_space_back(text, start)
    after = _skip_space(text, end)
    glued = start > 0 and not (text[start - 1].isspace() or text[start - 1] in "(\"“«'")
    return (
        before > 0
        and not glued
        and text[before - 1] not in _SENTENCE_END
        and text[after : after + 1].islower()
    )


def _render(word: str, path: _Path, text: str, start: int) -> str:
    """The lexicon word with the case of what was read."""
    literal = "".join(t for is_slot, t in path.pieces if not is_slot)
    upper_word = len(literal) > 1 and literal.isupper()
    out = []
    k = 0  # the index in word of the piece's first letter
    for is_slot, piece in path.pieces:
        if not is_slot:
            out.append(piece)
            k += len(piece)
            continue
        wc = word[k]
        if (
            upper_word
            or (k == 0 and _sentence_start(text, start))
            or (k == 0 and literal[:1].isupper())
        ):
            wc = wc.upper()
        out.append(wc)
        k += 1
    return "".join(out)


def _sentence_start(text: str, start: int) -> bool:
    end = _skip_space_back(text, start)  # text[:end] is what stands before, spaces off
    if text[max(0, end - 2) : end] == "A?":
        return False  # a damaged letter, not a question mark
    return end == 0 or text[end - 1] in ".!?" or "\n\n" in text[end:start]


def _skip_space_back(text: str, i: int) -> int:
    # walks, where text[:i].rstrip() would copy everything before i
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def repair_accents(text: str, lex: Lexicon, protected: Protector) -> list[Change]:
    changes: list[Change] = []
    done_until = 0
    for i in _leads(text):
        # a lead inside the word just mended is not looked at
        if i >= done_until and _is_anchor(text, i):
            best = _best(text, i, done_until, lex, protected)
            if best is None:
                best = _letter_only(text, i, lex)
                if best is not None and protected.covers(i):
                    best = None
            if best is not None:
                score, end, word, start = best
                if text[start:end] != word:
                    conf = min(0.99, 0.5 + score / 20)
                    changes.append(Change(start, end, word, "channel:accent", conf))
                done_until = end
    return changes


def _is_anchor(text: str, i: int) -> bool:
    lead_a = text[i] == "a" and i > 0 and text[i - 1].islower()
    return lead_a or (text[i] == "A" and _anchor(text, i))


def _leads(text: str) -> list[int]:
    """Every 'A', and every 'a' after a lower-case ASCII letter with junk after it: found
    with str.find, as 'A' and the junk marks are rare where 'a' is everywhere."""
    found = literal_positions(text, "A")
    found += [
        at - 1
        for at in literal_positions(text, LOWER_LEAD_JUNK)
        if at >= 2 and text[at - 1] == "a" and text[at - 2] in _LOWER_ASCII
    ]
    return sorted(found)


_LOWER_ASCII: Final = frozenset("abcdefghijklmnopqrstuvwxyz")
_DROP_ASCII: Final = dict.fromkeys(range(128))  # str.translate: the non-ASCII letters of a word


def _letter_only(text: str, i: int, lex: Lexicon) -> tuple[float, int, str, int] | None:
    """A word no lexicon lists (a compound: 'PressebA4ro'): between two lower-case letters, the
    letter whose channel junk fits what was read, weighted by how common it is."""
    if not (i and text[i - 1].islower() and text[i] == "A"):
        return None
    best: tuple[float, int, str, int] | None = None
    for j in range(MAX_JUNK):
        junk = text[i + 1 : i + 1 + j]
        nxt = text[i + 1 + j : i + 2 + j]
        if not nxt.islower() or " " in junk or (junk and not junk.strip()):
            continue
        if not junk and not _lower_word(text, i):
            continue  # 'McAfee': a bare capital inside a mixed-case name is no damage
        for letter, prior in lex.letter_prior.items():
            form = letter_form(letter)
            if form is None or not letter.islower():
                continue
            fit = junk_score(form.junk, junk, form.alts)
            if fit >= 0.3 and (junk or not form.junk) and (best is None or fit + prior > best[0]):
                best = (fit + prior, i + 1 + j, letter, i)
    return best


def _lower_word(text: str, i: int) -> bool:
    start = _word_start(text, i)
    end = i + 1
    while end < len(text) and _is_letter(text[end]):
        end += 1
    word = text[start:i] + text[i + 1 : end]
    return word.islower()


def _best(
    text: str, i: int, done_until: int, lex: Lexicon, protected: Protector
) -> tuple[float, int, str, int] | None:
    starts = [_word_start(text, i)]
    s0 = starts[0]
    if s0 == i >= 2 and text[s0 - 1] == " " and _is_letter(text[s0 - 2]):
        # 'ann A?e': the OCR split the word before a lead; a lead inside a word is no split
        starts.append(_word_start(text, s0 - 1))
    cands: list[tuple[float, int, str, _Path, int]] = []
    for k, start in enumerate(starts):
        if start < done_until:
            continue
        # joining the previous word is likely when it is no word alone ('pi A!' -> 'più')
        bonus = 0.0 if k == 0 else (1.0 if not lex.known(text[start : s0 - 1], 3.0) else -0.5)
        if bonus < 0 and max((c[0] for c in cands), default=0.0) >= SURE_SCORE:
            break  # a frequent word read with its exact junk: no join can beat it
        cands += [
            (score + bonus, end, word, path, start)
            for score, end, word, path in _candidates(text, start, lex)
            if end > i
        ]
    if not cands:
        return None
    # the best (score, end, rendered word, start), rendering only the words that tie for the
    # best score and end
    top = max(c[:2] for c in cands)
    best = max(
        (score, end, _render(word, path, text, start), start)
        for score, end, word, path, start in cands
        if (score, end) == top
    )
    if best[0] < MIN_SCORE or protected.covers(best[3]):
        return None
    return best


def restore_lone_word(text: str, language: str) -> list[Change]:
    """'d’avion A Chengdu' -> 'd’avion à Chengdu': the lone lead before a name or a number,
    in the languages where a lone 'A' inside a sentence can only be one word."""
    word = channel_data().get("lone_lead_words", {}).get(language)
    if word is None:
        return []
    return [Change(m.start(), m.end(), word, "channel:accent", 0.6) for m in _LONE_A.finditer(text)]


_LONE_A: Final = re.compile(r"A(?<=[a-z0-9,\u2019] A)(?= [A-Z0-9])")


def restore_folded(
    text: str, lex: Lexicon, protected: Protector, words: set[str] | None = None
) -> list[Change]:
    """Words whose lead was read as a plain letter ('qualita'): the accented twin is far more
    frequent and the ASCII form is barely a word. words: the text's lower_words() or a
    superset of them, when the caller has them."""
    changes: list[Change] = []
    # decided once per distinct word that has an accented twin, then looked for
    for w in (lower_words(text) if words is None else words) & lex.by_fold.keys():
        accented, z = lex.by_fold[w]
        if not (z >= 3.0 and z - lex.freq(w) >= 1.3 and lex.freq(w) < 5.0):
            continue
        for at in whole_word_at(text, w, "'’-"):
            if not protected.covers(at):
                changes.append(Change(at, at + len(w), accented, "lexicon:diacritics", 0.7))
    changes.sort(key=lambda c: c.start)
    return changes
