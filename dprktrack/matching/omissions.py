"""Quotes with omissions and alterations, as the Bluebook writes them.

`…`, `...`, `. . .` and `[…]` mark omitted words; brackets mark altered or inserted
words (`[t]he`, `[the Panel]`). What is left are the kept pieces: each must occur in
the source, in order, close together and inside one paragraph, and begin and end
on whole words unless a bracket is attached to it there (`perform[ed]`). What the
source says in place of the marks is for `departures` to weigh.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from dprktrack.matching.boundaries import is_boundary
from dprktrack.matching.textpos import PARAGRAPH_BREAK, Span

ELISION_GAP = 1000
"""Most characters one omission may skip; the pieces must stay one passage."""
ALTERATION_GAP = 40
"""Most characters of the source a bracketed alteration may stand for."""
CHAIN_WORK = 2_000_000
"""Most work, in characters read, the search for where the kept pieces fit may do (a
few milliseconds; a thousand chains that fail a full gap after their first piece).
`a … a … … b` on a source of `a a a …` would otherwise try a chain of hundreds of
lookups from every `a`: work that grows with the source's length times the quote's."""
LOOKUP_WORK = 3000
"""A lookup's own cost beside the characters it reads: about what `str.find` reads in
the time a Python step takes, with the word-boundary checks a lookup makes."""

# Three dots after a sentence's own period (`2025. . . .`, `2025....`) are the
# omission; the period stays with the words before it, hence the lookaheads.
_MARKER = re.compile(r"\[\s*(?:…|\.\.\.|\. \. \.)\s*\]|…|\.\.\.(?!\.)|\. \. \.(?! \.)|\[[^\[\]]*\]")
_ELISION = re.compile(r"\[?\s*(?:…|\.\.\.|\. \. \.)\s*\]?")


class Piece(NamedTuple):
    """A kept run of the quote, and the most source text that may precede it.

    `open_start`/`open_end`: a bracket is attached to the piece on that side
    (`[t]he`, `perform[ed]`), so the piece may begin or end inside a word there.
    Named tuples, these records: a frozen dataclass costs five times as much to create
    at start.
    """

    text: str
    gap: int
    open_start: bool = False
    open_end: bool = False


class Placement(NamedTuple):
    """Where each kept piece lies in the text, and the passage they make up: from the
    first to the last, widened over the letters an edge alteration (`[t]he`) stands for."""

    spans: tuple[Span, ...]
    outer: Span


def is_elision(marker: str) -> bool:
    """Whether a marker is an omission mark (else it is a bracketed alteration)."""
    return _ELISION.fullmatch(marker) is not None


def markers(quote: str) -> list[re.Match[str]]:
    """The omission marks and brackets of a quote, in order."""
    return list(_MARKER.finditer(quote))


def has_markers(quote: str) -> bool:
    return _MARKER.search(quote) is not None


def segments(quote: str) -> list[tuple[str, str]]:
    """The quote as (text, marker) pairs in order; the last pair's marker is empty."""
    parts = []
    position = 0
    for marker in _MARKER.finditer(quote):
        parts.append((quote[position : marker.start()], marker.group()))
        position = marker.end()
    parts.append((quote[position:], ""))
    return parts


def pieces(quote: str) -> list[Piece]:
    """The kept runs of a quote, each with the gap allowed before it (0 for the first)."""
    result: list[Piece] = []
    gap = 0
    before = ""  # the marker just before the current text
    for text, marker in segments(quote):
        if text.strip():
            open_start = _attached(before) and not text[0].isspace()
            open_end = _attached(marker) and not text[-1].isspace()
            result.append(Piece(text.strip(), gap if result else 0, open_start, open_end))
            gap = 0
        if marker:  # markers in a row allow all their gaps together
            gap += ELISION_GAP if is_elision(marker) else ALTERATION_GAP
        before = marker
    return result


def _attached(marker: str) -> bool:
    return bool(marker) and not is_elision(marker)


def rebuild(quote: str, replacements: list[str]) -> str:
    """The quote with its kept pieces replaced (by the source's own characters), markers kept."""
    out: list[str] = []
    kept = iter(replacements)
    for text, marker in segments(quote):
        if text.strip():
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(lead + next(kept) + trail)
        else:
            out.append(text)
        out.append(marker)
    return "".join(out)


def placements(
    text: str, kept: list[Piece], limit: int, within: Span | None = None
) -> list[Placement]:
    """Every way the pieces fit the text in order, each next piece as early as it can be.

    `within`: the passage must lie inside this span (boundaries are still judged
    against the whole text).
    """
    return bounded_placements(text, kept, limit, within)[0]


def bounded_placements(
    text: str, kept: list[Piece], limit: int, within: Span | None = None, work: int = CHAIN_WORK
) -> tuple[list[Placement], bool]:
    """`placements`, and whether the search finished within `work` (see CHAIN_WORK).

    Unfinished, a place the pieces fit may have been missed: callers must not take
    one placement found for the only one, nor none for no placement at all.
    """
    if not kept:
        return [], True
    bounds = within or Span(0, len(text))
    found: list[Placement] = []
    first = kept[0]
    at = text.find(first.text, bounds.start, bounds.end)
    while at != -1 and len(found) < limit:
        span = Span(at, at + len(first.text))
        spans, cost = _chain(text, kept, span, bounds) if _fits(text, span, first) else (None, 0)
        work -= cost + LOOKUP_WORK
        if work < 0:
            return found, False
        outer = _widened(text, spans, kept) if spans else None
        if spans and outer and outer.start >= bounds.start and outer.end <= bounds.end:
            found.append(Placement(spans, outer))
        at = text.find(first.text, at + 1, bounds.end)
    return found, True


def one_paragraph(text: str, spans: tuple[Span, ...]) -> bool:
    """Whether no paragraph break lies between the pieces (a search in normalised text
    cannot see them, as line breaks fold into spaces there)."""
    return not any(
        PARAGRAPH_BREAK.search(text, before.end, after.start) for before, after in pairwise(spans)
    )


def _fits(text: str, span: Span, piece: Piece) -> bool:
    """Whether a piece placed at `span` begins and ends on whole words where it must."""
    return (piece.open_start or is_boundary(text, span.start)) and (
        piece.open_end or is_boundary(text, span.end)
    )


def _widened(text: str, spans: tuple[Span, ...], kept: list[Piece]) -> Span | None:
    """The passage over the letters an edge alteration stands for, if it ends on words."""
    start, end = spans[0].start, spans[-1].end
    if kept[0].open_start:
        while start > 0 and spans[0].start - start < ALTERATION_GAP and text[start - 1].isalnum():
            start -= 1
    if kept[-1].open_end:
        while end < len(text) and end - spans[-1].end < ALTERATION_GAP and text[end].isalnum():
            end += 1
    if not (is_boundary(text, start) and is_boundary(text, end)):
        return None
    return Span(start, end)


def _chain(
    text: str, kept: list[Piece], first: Span, bounds: Span
) -> tuple[tuple[Span, ...] | None, int]:
    """The pieces placed from the first one on, each as early as it can be, and the work
    it took (characters read, and LOOKUP_WORK a lookup)."""
    spans = [first]
    work = 0
    for piece in kept[1:]:
        after = spans[-1].end
        limit = min(bounds.end, after + piece.gap + len(piece.text) + 1)
        at = text.find(piece.text, after, limit)
        while at != -1 and not _fits(text, Span(at, at + len(piece.text)), piece):
            work += LOOKUP_WORK
            at = text.find(piece.text, at + 1, limit)
        work += LOOKUP_WORK + (limit if at == -1 else at + len(piece.text)) - after
        if at == -1 or PARAGRAPH_BREAK.search(text, after, at):
            return None, work
        spans.append(Span(at, at + len(piece.text)))
    return tuple(spans), work


def long_alteration(quote: str) -> str | None:
    """A bracket holding more than an alteration may: a rewrite passed off as a quote."""
    for marker in _MARKER.finditer(quote):
        if not is_elision(marker.group()) and len(marker.group()) - 2 > ALTERATION_GAP:
            return marker.group()
    return None
