"""Quotes with omissions and alterations, as the Bluebook writes them.

`…`, `...`, `. . .` and `[…]` mark omitted words; brackets mark altered or inserted
words (`[t]he`, `[the Panel]`). What is left are the kept pieces: each must occur in
the source, in order, close together and inside one paragraph. Words an omission
drops are checked for negations, since dropping a "not" reverses a statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from dprktrack.anchor import Span

ELISION_GAP = 1000
"""Most characters one omission may skip; the pieces must stay one passage."""
ALTERATION_GAP = 40
"""Most characters of the source a bracketed alteration may stand for."""
CHAIN_WORK = 2_000_000
"""Most work, in characters read, the search for where the kept pieces fit may do (a
few milliseconds; a thousand chains that fail a full gap after their first piece).
`a … a … … b` on a source of `a a a …` would otherwise try a chain of hundreds of
lookups from every `a`: work that grows with the source's length times the quote's."""
LOOKUP_WORK = 1000
"""A lookup's own cost beside the characters it reads: about what `str.find` reads in
the time a Python step takes."""

# Three dots after a sentence's own period (`2025. . . .`, `2025....`) are the
# omission; the period stays with the words before it, hence the lookaheads.
_MARKER = re.compile(r"\[\s*(?:…|\.\.\.|\. \. \.)\s*\]|…|\.\.\.(?!\.)|\. \. \.(?! \.)|\[[^\[\]]*\]")
_ELISION = re.compile(r"\[?\s*(?:…|\.\.\.|\. \. \.)\s*\]?")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
# "No." before a number is an abbreviation (resolution No. 2397), not a negation.
_NEGATION = re.compile(
    r"\b(?:not|never|no(?!\.?\s*\d)|nor|neither|none|nothing|nobody|cannot|without|hardly)\b"
    r"|\w+n['’]t\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Piece:
    """A kept run of the quote, and the most source text that may precede it."""

    text: str
    gap: int


@dataclass(frozen=True)
class Placement:
    """Where each kept piece lies in the text."""

    spans: tuple[Span, ...]


def has_markers(quote: str) -> bool:
    return _MARKER.search(quote) is not None


def _segments(quote: str) -> list[tuple[str, str]]:
    """The quote as (text, marker) pairs in order; the last pair's marker is empty."""
    segments = []
    position = 0
    for marker in _MARKER.finditer(quote):
        segments.append((quote[position : marker.start()], marker.group()))
        position = marker.end()
    segments.append((quote[position:], ""))
    return segments


def pieces(quote: str) -> list[Piece]:
    """The kept runs of a quote, each with the gap allowed before it (0 for the first)."""
    result: list[Piece] = []
    gap = 0
    for text, marker in _segments(quote):
        if text.strip():
            result.append(Piece(text.strip(), gap if result else 0))
            gap = 0
        if marker:  # markers in a row allow all their gaps together
            gap += ELISION_GAP if _ELISION.fullmatch(marker) else ALTERATION_GAP
    return result


def rebuild(quote: str, replacements: list[str]) -> str:
    """The quote with its kept pieces replaced (by the source's own characters), markers kept."""
    out: list[str] = []
    kept = iter(replacements)
    for text, marker in _segments(quote):
        if text.strip():
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(lead + next(kept) + trail)
        else:
            out.append(text)
        out.append(marker)
    return "".join(out)


def placements(text: str, kept: list[Piece], limit: int) -> list[Placement]:
    """Every way the pieces fit the text in order, each next piece as early as it can be."""
    return bounded_placements(text, kept, limit)[0]


def bounded_placements(
    text: str, kept: list[Piece], limit: int, work: int = CHAIN_WORK
) -> tuple[list[Placement], bool]:
    """`placements`, and whether the search finished within `work` (see CHAIN_WORK).

    Unfinished, a place the pieces fit may have been missed: callers must not take
    one placement found for the only one, nor none for no placement at all.
    """
    if not kept:
        return [], True
    found: list[Placement] = []
    first = kept[0].text
    at = text.find(first)
    while at != -1 and len(found) < limit:
        spans, cost = _chain(text, kept, Span(at, at + len(first)))
        work -= cost + LOOKUP_WORK
        if work < 0:
            return found, False
        if spans:
            found.append(Placement(spans))
        at = text.find(first, at + 1)
    return found, True


def one_paragraph(text: str, spans: tuple[Span, ...]) -> bool:
    """Whether no paragraph break lies between the pieces (a search in normalised text
    cannot see them, as line breaks fold into spaces there)."""
    return not any(
        _PARAGRAPH_BREAK.search(text, before.end, after.start) for before, after in pairwise(spans)
    )


def edge_alterations(quote: str) -> tuple[bool, bool]:
    """Whether the quote begins (`[t]he`) or ends (`inform[ed]`) altering part of a word.

    The source's own letters there belong to the quoted passage, so its span is widened
    over them; a bracket that stands for whole words (`[the Panel] said`) widens nothing.
    """
    text = quote.strip()
    markers = list(_MARKER.finditer(text))
    if not markers:
        return False, False
    first, last = markers[0], markers[-1]
    leading = (
        first.start() == 0
        and not _ELISION.fullmatch(first.group())
        and text[first.end() : first.end() + 1].isalnum()
    )
    trailing = (
        last.end() == len(text)
        and not _ELISION.fullmatch(last.group())
        and text[last.start() - 1 : last.start()].isalnum()
    )
    return leading, trailing


def widen(text: str, span: Span, *, leading: bool, trailing: bool) -> Span:
    """`span` grown over the letters an edge alteration stands for (at most a few)."""
    start, end = span.start, span.end
    while (
        leading and start > 0 and span.start - start < ALTERATION_GAP and text[start - 1].isalnum()
    ):
        start -= 1
    while trailing and end < len(text) and end - span.end < ALTERATION_GAP and text[end].isalnum():
        end += 1
    return Span(start, end)


def _chain(text: str, kept: list[Piece], first: Span) -> tuple[tuple[Span, ...] | None, int]:
    """The pieces placed from the first one on, each as early as it can be, and the work
    it took (characters read, and LOOKUP_WORK a lookup)."""
    spans = [first]
    work = 0
    for piece in kept[1:]:
        after = spans[-1].end
        limit = after + piece.gap + len(piece.text) + 1
        at = text.find(piece.text, after, limit)
        work += LOOKUP_WORK + (limit if at == -1 else at + len(piece.text)) - after
        if at == -1 or _PARAGRAPH_BREAK.search(text, after, at):
            return None, work
        spans.append(Span(at, at + len(piece.text)))
    return tuple(spans), work


def negation_changes(
    quote: str, text: str, placement: Placement, outer: Span
) -> tuple[list[tuple[str, int]], list[str]]:
    """Negations the left-out or altered words take away, and those brackets add.

    The source's words between and around the kept pieces (widened to whole words, so
    a cut through "can|not" counts) are weighed against the words in the quote's
    brackets: `[markedly]` for "not" drops one, `[do not]` added where the source has
    none adds one, and `[is not]` for "is not" does neither.
    """
    first, last = placement.spans[0], placement.spans[-1]
    edges = [Span(outer.start, first.start), Span(last.end, outer.end)]
    gaps = [gap for gap in edges if gap.end > gap.start]
    gaps += [Span(before.end, after.start) for before, after in pairwise(placement.spans)]
    source = [
        (match.group(), match.start())
        for gap in gaps
        for match in _NEGATION.finditer(text, *_whole_words(text, gap))
    ]
    brackets = [
        match.group()
        for marker in _MARKER.finditer(quote)
        if not _ELISION.fullmatch(marker.group())
        for match in _NEGATION.finditer(marker.group())
    ]
    dropped = source[len(brackets) :] if len(source) > len(brackets) else []
    added = brackets[len(source) :] if len(brackets) > len(source) else []
    return dropped, added


def _whole_words(text: str, gap: Span) -> tuple[int, int]:
    start, end = gap.start, gap.end
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def long_alteration(quote: str) -> str | None:
    """A bracket holding more than an alteration may: a rewrite passed off as a quote."""
    for marker in _MARKER.finditer(quote):
        if not _ELISION.fullmatch(marker.group()) and len(marker.group()) - 2 > ALTERATION_GAP:
            return marker.group()
    return None
