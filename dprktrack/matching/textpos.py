"""Locating quotes in a source text: spans, line:column positions and paragraphs.

All offsets are 0-based code-point offsets into a Python `str`, end-exclusive,
so that `text[span.start:span.end] == quote`. Lines and columns are 1-based.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Re-exported: most of dprktrack finds them here.
from dprktrack.matching.lines import CONTEXT_LENGTH as CONTEXT_LENGTH  # noqa: PLC0414
from dprktrack.matching.lines import LineIndex as LineIndex  # noqa: PLC0414

# A line ends at LF, CRLF, a lone CR, NEL or U+2028. A paragraph ends at a blank line
# (only white space or invisible characters on it) in any of those conventions, or at
# U+2029, a form feed or an information separator, which stand for one on their own.
_LINE_END = r"(?:\r\n|\r(?!\n)|[\n\x0b\x85\u2028])"
_BLANK = (
    r"[^\S\r\n\x0b\x85\u2028\u2029\f\x1c-\x1e]"
    r"|[\x00-\x08\x0e-\x1b\x7f\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    r"\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\uffa0\ufeff"
    r"\u061c\u180e\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e01ef]"
)
PARAGRAPH_BREAK = re.compile(rf"{_LINE_END}(?:(?:{_BLANK})*{_LINE_END})+|[\u2029\f\x1c-\x1e]+")
"""A paragraph break: the pieces of an omission may not lie on both sides of one."""
# A sentence ends at . ! ? (and any closing quote or bracket) followed by white space.
_SENTENCE_END = re.compile(r"([.!?…][\"'”’)\]]*)\s+")


class Span(NamedTuple):
    """Where a passage lies in a text: `text[start:end]`.

    A named tuple, as are the matcher's other records: each frozen dataclass costs about
    a millisecond at start (locate and check import them all), a named tuple a fifth of it.
    """

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def paragraph(text: str, span: Span) -> Span:
    """The paragraph (text between blank lines) around a span, widened to cover all of it."""
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text, 0, span.start):
        start = match.end()
    following = PARAGRAPH_BREAK.search(text, span.end)
    end = following.start() if following else len(text)
    return Span(start, end)


def paragraphs(text: str, span: Span, around: int) -> Span:
    """The paragraph around a span with up to `around` paragraphs before and after it:
    a claim that answers the one before ("I agree with this") needs it to be read."""
    bounds = paragraph(text, span)
    if around <= 0:
        return bounds
    before = [match.end() for match in PARAGRAPH_BREAK.finditer(text, 0, bounds.start)]
    after = [match.start() for match in PARAGRAPH_BREAK.finditer(text, bounds.end)]
    start = before[-around - 1] if len(before) > around else 0
    end = after[around] if len(after) > around else len(text)
    return Span(start, end)


def sentence(text: str, span: Span, longest: int = 300) -> Span:
    """The sentence(s) around a span, within its paragraph and at most `longest` either side.

    Shows a passage as a reader meets it; an abbreviation ("Mr. Kim") may end a
    sentence early, which costs only some context.
    """
    bounds = paragraph(text, span)
    start = max(bounds.start, span.start - longest)
    if start > bounds.start:  # cut short: begin at a word
        space = re.compile(r"\s+").search(text, start, span.start)
        start = space.end() if space else span.start
    for match in _SENTENCE_END.finditer(text, start, span.start):
        start = match.end()
    limit = min(bounds.end, span.end + longest)
    # From the span's last character, so a span that ends a sentence ends it here.
    following = _SENTENCE_END.search(text, max(span.start, span.end - 1), limit)
    if following:
        return Span(start, following.end(1))
    if limit < bounds.end:  # cut short: end at a word
        cut = text.rfind(" ", span.end, limit)
        limit = cut if cut != -1 else span.end
    return Span(start, limit)
