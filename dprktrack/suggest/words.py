"""Words as the rules read them: the runs of word characters of a stretch of text, and a
word in the case-blind form in which it is looked up in a list of English words."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

WORD = re.compile(r"\w+")

_ODD_CASES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})
"""Letters that differ from an English one by case alone (the dotted and dotless i, the
long s, the Kelvin sign): "PASSED" spelled with any of them is still "passed"."""


def folded(word: str) -> str:
    """The word in lower case, each letter that is an English letter but for its case
    written as that letter: a case-blind comparison with an English word (a word in ASCII,
    most of them, has none of those letters and is only lowered: translating costs more)."""
    return word.lower() if word.isascii() else word.translate(_ODD_CASES).lower()


def word_char(char: str) -> bool:
    """Whether a character belongs to a word (a letter, a digit or "_")."""
    return char.isalnum() or char == "_"


def begins_with_word(text: str, wanted: tuple[str, ...]) -> bool:
    """Whether the text begins with one of the `wanted` words (or phrases), a whole word."""
    return any(
        text.startswith(word) and (len(text) == len(word) or not word_char(text[len(word)]))
        for word in wanted
    )


def past_space(text: str, at: int, end: int | None = None) -> int:
    """Where the white space that begins at `at` ends (`end` at the latest)."""
    end = len(text) if end is None else end
    while at < end and text[at].isspace():
        at += 1
    return at


def words(
    text: str, start: int, end: int, known: Words | None = None
) -> list[tuple[int, int, str]]:
    """The words of text[start:end] (a word `start` or `end` cuts, cut), with their
    offsets; taken from `known`, the text's words, when the caller has them."""
    if known is not None:
        return known.within(start, end)
    return [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text, start, end)]


class Words:
    """The words of a whole text, found once: several rules read each sentence, and each
    takes the sentence's words from these (by bisection) rather than scanning it again."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = words(text, 0, len(text))
        self._starts = [start for start, _, _ in self.found]
        self._ends = [end for _, end, _ in self.found]

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """What `words(text, start, end)` finds: a word that `start` or `end` cuts, cut."""
        if start >= end:
            return []
        found = self.found[bisect_right(self._ends, start) : bisect_left(self._starts, end)]
        if found:
            first_start, first_end, _ = found[0]
            if first_start < start:
                found[0] = (start, first_end, self.text[start:first_end])
            last_start, last_end, _ = found[-1]
            if last_end > end:
                found[-1] = (last_start, end, self.text[last_start:end])
        return found
