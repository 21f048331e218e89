"""Splitting a source into paragraphs and sentences with their offsets.

Sentences end at . ! ? or … followed by white space and a capital, a digit or an opening
quotation mark, except after an abbreviation or an initial. A quotation that runs on over
several sentences keeps them in one `unit`, the stretch a reporting clause belongs to.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from dprktrack.suggest.words import word_char

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "amb",
        "maj",
        "adm",
        "brig",
        "cmdr",
        "pres",
        "rep",
        "rev",
        "hon",
        "no",
        "vs",
        "etc",
        "al",
        "fig",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "approx",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
    ]
)
"""Words whose full stop does not end a sentence (lower case, without the stop)."""

_STOPS = re.compile(r"[.!?]+")
"""Runs of a sentence's stops, in a text whose ellipses are written as full stops (a class
with "…" in it compiles slowly: `suggest` pays for each at start-up; replacing "…" costs
far less than translating it, which looks up each character)."""
_CLOSERS = frozenset("”’\"'»)]")
_OPENERS = frozenset("\"'“‘«„([")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t\r]*\n)[^\n]+)*")


class Sentence(NamedTuple):
    """A sentence: code-point offsets into the source, and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Runs of non-blank lines, trimmed of white space at either end."""
    spans = []
    for found in _PARAGRAPH.finditer(text):
        start, end = _trimmed(text, found.start(), found.end())
        if start < end:
            spans.append((start, end))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of text[start:end], trimmed, in order."""
    spans = []
    begin = start
    for stop, close, word in _ends(text, start, end):
        following = text[word]
        if not (following.isupper() or following.isdigit()):
            continue  # "which… continues": an omission or a trailing stop, not an end
        if _after_abbreviation(text, begin, stop):
            continue
        spans.append(_trimmed(text, begin, close))
        begin = close
    spans.append(_trimmed(text, begin, end))
    return [(s, e) for s, e in spans if s < e]


def _ends(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """Where a sentence may end in text[start:end]: a run of stops (. ! ? …), the closing
    marks after it, white space, and a word (after an opening mark, perhaps). Each as where
    its stops begin, where its closing marks end, and where the word begins."""
    found = []
    for run in _STOPS.finditer(text[start:end].replace("…", ".")):
        at = start + run.end()
        while at < end and text[at] in _CLOSERS:
            at += 1
        close = at
        while at < end and text[at].isspace():
            at += 1
        if at == close:
            continue
        if at < end and text[at] in _OPENERS:
            at += 1
        if at < end and word_char(text[at]):
            found.append((start + run.start(), close, at))
    return found


def _after_abbreviation(text: str, begin: int, stop: int) -> bool:
    """Whether the full stop at `stop` closes an abbreviation or an initial."""
    if text[stop] != ".":
        return False
    token = last_word(text, begin, stop).lower()
    if len(token) == 1 and token.isalpha():
        return text[stop - 1].isupper()  # an initial: "John F. Kennedy"
    return token in ABBREVIATIONS


def last_word(text: str, begin: int, stop: int) -> str:
    """What `re.search(r"[\\w.]*$", text[begin:stop])` finds (`$` also matches before a
    final newline), read backwards from `stop`: the search tries every start."""
    end = stop - 1 if stop > begin and text[stop - 1] == "\n" else stop
    at = end
    while at > begin and (text[at - 1] in "._" or text[at - 1].isalnum()):
        at -= 1
    return text[at:end]


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, paragraph by paragraph (in a paragraph with no sentence
    punctuation at all, each line is a sentence: text pasted without stops is still read)."""
    return [
        Sentence(start, end, number)
        for number, (p_start, p_end) in enumerate(paragraph_spans(text))
        for start, end in _unpunctuated_lines(text, p_start, p_end)
        or sentence_spans(text, p_start, p_end)
    ]


def _unpunctuated_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of a paragraph of several lines none of which has a sentence's stop."""
    paragraph = text[start:end]
    if "\n" not in paragraph or any(stop in paragraph for stop in ".!?…"):
        return []
    spans = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        trimmed = _trimmed(text, start + line.start(), start + line.end())
        if trimmed[0] < trimmed[1]:
            spans.append(trimmed)
    return spans


def units(
    text: str, quoted: list[tuple[int, int]], read: list[Sentence] | None = None
) -> list[Sentence]:
    """Sentences (`read`, if the caller has them already) joined where a quotation (a
    `(start, end)` of `quoted`, in order) is still open at a sentence's end: the reporting
    clause of a long quotation is one unit with it."""
    starts = [start for start, _ in quoted]
    joined: list[Sentence] = []
    for sentence in sentences(text) if read is None else read:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.paragraph == sentence.paragraph
            and _inside(quoted, starts, previous.end)
        ):
            joined[-1] = Sentence(previous.start, sentence.end, previous.paragraph)
        else:
            joined.append(sentence)
    return joined


def _inside(quoted: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether `offset` falls strictly inside one of the quotations."""
    index = bisect.bisect_left(starts, offset) - 1
    return index >= 0 and quoted[index][0] < offset < quoted[index][1]
