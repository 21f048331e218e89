"""Where a quote may begin and end: between words and between graphemes of the source.

A quote that starts inside a word ("acceptable" from "unacceptable"), ends before a
word's apostrophe ("can" from "can't") or between a letter and its accent ("Jose"
from a decomposed "José") says something the source does not. These rules are
structural: no review can approve a quote that breaks them.
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = (
    "'\u2019\u02bc\u2018\u0060\u00b4\u2032\u201b\u201a\uff07\u0092\u02b9\u2035\u275b\u275c\uff40"
)
"""Characters that join the parts of a word ("can't", "canʼt", "Russia’s")."""
HYPHENS = "-\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d\u02d7\u058a\ufe58\u2e3a"
"""Characters that join the parts of a compound word ("non-binding")."""
_CLITIC = re.compile(r"(?:s|re|ve|ll|d|m)\b", re.IGNORECASE)
"""What may follow an apostrophe that a quote ends before: "the Panel|’s mandate" keeps
its meaning; "can|’t" does not."""
_NUMBER_JOINERS = ".,:/\u00b7\u00a0\u202f\u2009\u2007"
"""Characters inside a number ("2,500", "1.5"): a cut there changes the number."""


def is_invisible(char: str) -> bool:
    """A format character a reader cannot see: zero-width, bidi control, soft hyphen, BOM."""
    return unicodedata.category(char) == "Cf"


def extends_grapheme(char: str) -> bool:
    """Whether `char` belongs to the character before it on screen (an accent, a joiner,
    a variation selector, a skin tone, a Hangul vowel or final consonant)."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char in "\u200c\u200d"
        or 0x1F3FB <= code <= 0x1F3FF
        or 0x1160 <= code <= 0x11FF
        or 0xD7B0 <= code <= 0xD7FF
        or 0xE0020 <= code <= 0xE007F
    )


def _word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def is_boundary(text: str, offset: int) -> bool:
    """Whether a quote may begin or end at `offset` of `text`.

    Not inside a grapheme, not between two letters or digits (invisible characters
    between them do not count), not beside an apostrophe or hyphen that joins a
    word (but before a possessive or "’ll"), and not inside a number.
    """
    if offset <= 0 or offset >= len(text):
        return True
    if extends_grapheme(text[offset]):
        return False
    left = _visible_index(text, offset - 1, -1)
    right = _visible_index(text, offset, 1)
    if left is None or right is None:
        return True
    return not (
        _splits(text[left], text[right])
        or _joins(text, left)
        or _joins(text, right)
        or _in_spaced_number(text, offset)
    )


def _splits(before: str, after: str) -> bool:
    """Whether a cut between these two visible characters splits a word, flag or number."""
    return (
        (_word_char(before) and _word_char(after))
        or (_regional(before) and _regional(after))  # half a flag
        or (before in HYPHENS and after.isdigit())  # "40" is not "-40"
        or (before in _NUMBER_JOINERS and after.isdigit())  # "5" is not ".5"
    )


_SPACED_GROUP = re.compile(r"\d[ \u00a0\u202f\u2009]\d{3}(?!\d)")


def _in_spaced_number(text: str, offset: int) -> bool:
    """Whether `offset` lies in a number whose thousands are set off by spaces ("2 500")."""
    for start in (offset - 2, offset - 1):
        if start >= 0 and _SPACED_GROUP.match(text, start):
            return True
    return False


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _visible_index(text: str, index: int, step: int) -> int | None:
    """The nearest index from `index` (in direction `step`) holding a visible character."""
    while 0 <= index < len(text):
        if not is_invisible(text[index]):
            return index
        index += step
    return None


def _joins(text: str, index: int) -> bool:
    """Whether the character at `index` joins the word or number around it."""
    char = text[index]
    left = _visible_index(text, index - 1, -1)
    right = _visible_index(text, index + 1, 1)
    if left is None or right is None:
        return False
    before, after = text[left], text[right]
    if char in HYPHENS:
        return _word_char(before) and _word_char(after)
    if char in APOSTROPHES:
        clitic = _CLITIC.match(text, right) is not None
        return _word_char(before) and _word_char(after) and not clitic
    return char in _NUMBER_JOINERS and before.isdigit() and after.isdigit()


def cut_word(text: str, start: int, end: int) -> int | None:
    """The first of `start` and `end` that is no boundary, or None when both are."""
    for offset in (start, end):
        if not is_boundary(text, offset):
            return offset
    return None
