"""Finding one quote in one source, in stages from cheapest to costliest.

1. the position hint: does the text at `start:end` read as the quote?
2. exact search; several occurrences are told apart only by the stored prefix and
   suffix, never by guessing;
3. the same after typographic normalisation, the span mapped back to the raw text;
4. approximate search for the closest passage, scored for edits, context and
   position separately.

Quotes with omissions or alterations (`…`, `[t]he`) are matched as their kept pieces
in every stage. The verdict (ok, moved, changed, ...) is for `check` to give; this
module only says what was found and how.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal, NamedTuple

from dprktrack.matching import omissions
from dprktrack.matching.approximate import MOST_PLACES, Budget, best_passages
from dprktrack.matching.boundaries import cut_word, is_boundary
from dprktrack.matching.normalise import Normalised, normalise, normalise_text
from dprktrack.matching.textpos import (
    CONTEXT_LENGTH,
    PARAGRAPH_BREAK,
    LineIndex,
    Span,
    paragraph,
)

Stage = Literal["exact", "typography", "approximate", "none", "ambiguous"]
Selection = Literal["hint", "unique", "context", ""]

SHORTEST_APPROXIMATE = 12
"""Quotes shorter than this are never matched approximately: too many look-alikes."""
MAX_OCCURRENCES = 100
"""Occurrences counted before a search stops: past this many, a quote is ambiguous anyway."""
RETYPED_SPREAD = 4
"""How many times longer than its quote a hinted passage may be and still be normalised
to compare: more than line breaks and spaces can add, less than a hostile hint spanning
a whole source, which would make every claim normalise it anew."""
LONGEST_APPROXIMATE = 1000
"""Longest quote (normalised characters) looked for approximately; the search grows with
the quote's length times the source's, and a long quote that is not verbatim is a failure
whatever the closest passage."""
APPROXIMATE_WORK = 300_000_000
"""Largest quote length times source length searched approximately (about a third of a
second at worst): a hostile file of many near-miss quotes against a long source must not
keep CI busy for hours. The 12 KB article allows any quote up to LONGEST_APPROXIMATE."""


def minimum_score(length: int) -> float:
    """Least edit score (1 - edits/length) for a close passage; stricter for short quotes."""
    if length <= 20:
        return 0.9
    if length >= 80:
        return 0.75
    return 0.9 - 0.15 * (length - 20) / 60


class Hints(NamedTuple):
    """What a claim stores beside its quote to select one occurrence quickly.

    Hints and Match are named tuples: a frozen dataclass costs about a millisecond to
    create at start, five times as much, and locate and check import this module.
    """

    start: int | None = None
    end: int | None = None
    prefix: str | None = None
    suffix: str | None = None

    @property
    def has_context(self) -> bool:
        return bool(self.prefix or self.suffix)


@dataclass
class Document:
    """A source text with what matching derives from it, computed once and only if needed."""

    raw: str
    name: str = ""
    """How messages name the source: its path from the current folder."""

    @cached_property
    def normalised(self) -> Normalised:
        return normalise(self.raw)

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.raw)

    def slice(self, span: Span) -> str:
        return self.raw[span.start : span.end]

    def where(self, offset: int) -> str:
        """`path:LINE:COL` of an offset, for messages."""
        line, column = self.lines.position(offset)
        return f"{self.name}:{line}:{column}" if self.name else f"{line}:{column}"

    def hints_for(self, span: Span) -> Hints:
        """Fresh hints for a span: its offsets and the text on either side."""
        prefix = self.raw[max(0, span.start - CONTEXT_LENGTH) : span.start]
        return Hints(span.start, span.end, prefix, self.raw[span.end : span.end + CONTEXT_LENGTH])


class Match(NamedTuple):
    """What the search found for one quote, and how sure it is."""

    stage: Stage
    spans: tuple[Span, ...] = ()
    selected_by: Selection = ""
    context: float | None = None
    edit: float | None = None
    position: float | None = None
    candidates: tuple[Span, ...] = ()
    bound: int = 0
    alternatives: int = 0
    uncounted: bool = False
    """Ambiguous with more occurrences than were counted (see MAX_OCCURRENCES)."""
    too_long: bool = False
    """Not found verbatim, and too long to look for approximately."""
    exhausted: bool = False
    """The search stopped at its budget: a closer passage than the one found (or one at
    all, or another place the kept pieces fit) may exist."""
    by_pieces: bool = False
    """Whether the quote matched as its kept pieces (it has omissions) rather than whole."""
    outer: Span | None = None
    """The passage's span when it reaches beyond the pieces (over letters an edge
    alteration such as `[t]he` stands for)."""

    @property
    def span(self) -> Span | None:
        if self.outer is not None:
            return self.outer
        return Span(self.spans[0].start, self.spans[-1].end) if self.spans else None


def match_quote(
    document: Document,
    quote: str,
    hints: Hints,
    *,
    exact_only: bool = False,
    budget: Budget | None = None,
) -> Match:
    """Find `quote` in the document, cheapest stage first.

    The whole quote is tried before its kept pieces, so `...` typed for the
    source's own `…` is a typographic variant, not an omission. `exact_only` stops
    after the exact stages, for lookups that only show what stands verbatim. The
    close-passage search spends `budget` (unbounded when None).
    """
    raw = document.raw
    whole = _at_hint(document, quote, hints, typographic=False) or _whole_quote(
        document, quote, hints, exact_only=exact_only
    )
    if whole is not None:
        return whole
    kept = omissions.pieces(quote) if omissions.has_markers(quote) else None
    if kept:
        pieces = (
            _pieces_at_hint(raw, kept, hints)
            or _search(raw, quote, kept, hints, "exact")
            or (None if exact_only else _typographic(document, quote, kept, hints))
        )
        if pieces is not None:
            return pieces
    return Match("none") if exact_only else _approximate(document, quote, kept, hints, budget)


def _whole_quote(document: Document, quote: str, hints: Hints, *, exact_only: bool) -> Match | None:
    """The whole quote: exactly, else after normalisation.

    An exact occurrence away from the hinted place does not beat the hinted place
    reading as the quote after normalisation: a quote retyped where it stands must not
    be moved to a look-alike elsewhere. One that overlaps the hint (a shift by a space)
    does beat it.
    """
    exact = _search(document.raw, quote, None, hints, "exact")
    if exact_only:
        return exact
    hinted = _hinted_span(document.raw, hints)
    if (
        exact is not None
        and exact.span is not None
        and (hinted is None or exact.span.overlaps(hinted))
    ):
        return exact
    return (
        _at_hint(document, quote, hints, typographic=True)
        or exact
        or _typographic(document, quote, None, hints)
    )


def _hinted_span(raw: str, hints: Hints) -> Span | None:
    start, end = hints.start, hints.end
    if start is None or end is None or not 0 <= start <= end <= len(raw):
        return None
    return Span(start, end)


def _at_hint(document: Document, quote: str, hints: Hints, *, typographic: bool) -> Match | None:
    """The quote exactly (or, `typographic`, after normalisation) where its offsets say."""
    span = _hinted_span(document.raw, hints)
    if span is None or cut_word(document.raw, span.start, span.end) is not None:
        return None
    if not typographic:
        return Match("exact", (span,), "hint") if document.slice(span) == quote else None
    if span.end - span.start > RETYPED_SPREAD * len(quote) + CONTEXT_LENGTH:
        return None  # no retyping of the quote: normalising it would cost a whole source
    there = document.slice(span)
    if there.strip() == there and normalise_text(there) == normalise_text(quote).strip():
        return Match("typography", (span,), "hint")
    return None


def _pieces_at_hint(raw: str, kept: list[omissions.Piece], hints: Hints) -> Match | None:
    """The kept pieces filling exactly the hinted span (widened over edge alterations)."""
    span = _hinted_span(raw, hints)
    if span is None:
        return None
    for placement in omissions.placements(raw, kept, MAX_OCCURRENCES, within=span):
        if placement.outer == span:
            return _pieces_match("exact", placement, "hint", None)
    return None


def _pieces_match(
    stage: Stage, placement: omissions.Placement, selected_by: Selection, context: float | None
) -> Match:
    spans = placement.spans
    outer = placement.outer if placement.outer != _outer(spans) else None
    return Match(stage, spans, selected_by, context, by_pieces=True, outer=outer)


def _search(
    text: str,
    quote: str,
    kept: list[omissions.Piece] | None,
    hints: Hints,
    stage: Stage,
    *,
    mapping: Normalised | None = None,
    raw: str = "",
) -> Match | None:
    """All occurrences in `text`; one is chosen only if it is alone or context selects it.

    With a `mapping`, `text` is the normalised form of `raw`: a match must begin and
    end on whole characters and whole words of `raw` (not inside a folded `…` or a
    word), the kept pieces of an omission must stay in one paragraph of `raw`, and
    spans are mapped back to it. So many occurrences that some went uncounted are
    always ambiguous.
    """
    found, finished = _occurrences(text, quote, kept)
    if mapping is not None:
        found = _in_raw(found, mapping, raw, kept)
    if not finished and len(found) < 2:  # one found may not be the only one
        return Match("none", by_pieces=kept is not None, exhausted=True)
    if not found:
        return None
    by_pieces = kept is not None
    if len(found) == 1:
        context = _agreement(text, found[0][0].outer, hints, mapping) if hints.has_context else None
        return _chosen(stage, found[0][1], "unique", context, by_pieces=by_pieces)
    scores = [_agreement(text, placement.outer, hints, mapping) for placement, _ in found]
    best = max(scores)
    complete = finished and len(found) < MAX_OCCURRENCES
    if complete and hints.has_context and best > 0.5 and scores.count(best) == 1:
        chosen = found[scores.index(best)][1]
        return _chosen(stage, chosen, "context", best, by_pieces=by_pieces)
    # Each place whole, over the letters an edge alteration stands for, in the raw text.
    candidates = tuple(in_raw.outer for _, in_raw in found)
    return Match("ambiguous", candidates=candidates, uncounted=not complete)


Found = tuple[omissions.Placement, omissions.Placement]
"""A placement in the searched text, and the same in the raw text."""


def _chosen(
    stage: Stage,
    placement: omissions.Placement,
    selected_by: Selection,
    context: float | None,
    *,
    by_pieces: bool,
) -> Match:
    if by_pieces:
        return _pieces_match(stage, placement, selected_by, context)
    return Match(stage, placement.spans, selected_by, context)


def _in_raw(
    found: list[Found], mapping: Normalised, raw: str, kept: list[omissions.Piece] | None
) -> list[Found]:
    """Placements of the normalised text that hold in the raw text too, mapped there."""
    held = []
    for placement, _ in found:
        if not all(mapping.aligned(span) for span in (*placement.spans, placement.outer)):
            continue
        spans = tuple(mapping.raw_span(span) for span in placement.spans)
        outer = mapping.raw_span(placement.outer)
        if cut_word(raw, outer.start, outer.end) is not None:
            continue
        if kept is not None and not (
            omissions.one_paragraph(raw, spans) and _pieces_hold(raw, spans, kept)
        ):
            continue
        held.append((placement, omissions.Placement(spans, outer)))
    return held


def _pieces_hold(raw: str, spans: tuple[Span, ...], kept: list[omissions.Piece]) -> bool:
    """Whether every piece begins and ends on whole words of the raw text where it must."""
    for span, piece in zip(spans, kept, strict=True):
        start = None if piece.open_start else span.start
        end = None if piece.open_end else span.end
        for offset in (start, end):
            if offset is not None and not is_boundary(raw, offset):
                return False
    return True


MOST_TRIED = 100 * MAX_OCCURRENCES
"""Occurrences looked at before a search stops, on whole words or not: a quote found
inside every word of a hostile source must not cost its length times the source's."""


def _occurrences(
    text: str, quote: str, kept: list[omissions.Piece] | None
) -> tuple[list[Found], bool]:
    """Where the whole quote occurs on whole words or, given its kept pieces, where they fit;
    and whether the search finished (see omissions.CHAIN_WORK and MOST_TRIED)."""
    if kept:
        placements, finished = omissions.bounded_placements(text, kept, MAX_OCCURRENCES)
        return [(placement, placement) for placement in placements], finished
    found: list[Found] = []
    tried = 0
    at = text.find(quote) if quote else -1
    while at != -1 and len(found) < MAX_OCCURRENCES:
        tried += 1
        if tried > MOST_TRIED:
            return found, False
        span = Span(at, at + len(quote))
        if cut_word(text, span.start, span.end) is None:
            placement = omissions.Placement((span,), span)
            found.append((placement, placement))
        at = text.find(quote, at + 1)
    return found, True


def _outer(spans: tuple[Span, ...]) -> Span:
    return Span(spans[0].start, spans[-1].end)


def _agreement(text: str, span: Span, hints: Hints, mapping: Normalised | None) -> float:
    """How much of the stored prefix and suffix the text around `span` still has (0 to 1)."""
    prefix, suffix = hints.prefix or "", hints.suffix or ""
    if mapping is not None:
        prefix, suffix = normalise_text(prefix), normalise_text(suffix)
    if not prefix and not suffix:
        return 0.0
    before = text[max(0, span.start - len(prefix)) : span.start]
    after = text[span.end : span.end + len(suffix)]
    kept = _common_suffix(prefix, before) + _common_prefix(suffix, after)
    return kept / (len(prefix) + len(suffix))


def _common_prefix(one: str, other: str) -> int:
    length = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        length += 1
    return length


def _common_suffix(one: str, other: str) -> int:
    return _common_prefix(one[::-1], other[::-1])


def _typographic(
    document: Document, quote: str, kept: list[omissions.Piece] | None, hints: Hints
) -> Match | None:
    """The quote in the normalised text; white space around it is not part of the match."""
    mapping = document.normalised
    plain = normalise_text(quote).strip()
    if plain == quote and mapping.text == document.raw:
        return None  # nothing to normalise on either side
    folded = [piece._replace(text=normalise_text(piece.text)) for piece in kept or []]
    return _search(
        mapping.text, plain, folded or None, hints, "typography", mapping=mapping, raw=document.raw
    )


def _approximate(
    document: Document,
    quote: str,
    kept: list[omissions.Piece] | None,
    hints: Hints,
    budget: Budget | None = None,
) -> Match:
    """The closest passage within the bound this quote's length allows, or nothing.

    A search cut short by its budget says so (`exhausted`): its verdict must fail.
    """
    mapping = document.normalised
    wanted = normalise_text(max((piece.text for piece in kept), key=len) if kept else quote)
    if len(wanted) < SHORTEST_APPROXIMATE:
        return Match("none")
    if len(wanted) > LONGEST_APPROXIMATE or len(wanted) * len(mapping.text) > APPROXIMATE_WORK:
        return Match("none", too_long=True)
    bound = int((1 - minimum_score(len(wanted))) * len(wanted))
    near = _normalised_hint(document, hints)
    passages = best_passages(mapping.text, wanted, bound, near, budget)
    exhausted = budget is not None and budget.exhausted
    if not passages:
        return Match("none", bound=bound, exhausted=exhausted)
    closest = [p for p in passages if p.distance == passages[0].distance]
    scored = []
    for passage in closest[:MOST_PLACES]:  # each costs a look at its paragraph
        raw = _one_paragraph(document.raw, mapping.raw_span(passage.span), quote)
        context = _agreement(mapping.text, passage.span, hints, mapping)
        position = _position_score(raw, hints, len(document.raw))
        scored.append((context, position, raw))
    scored.sort(key=lambda item: (-item[0], -(item[1] or 0.0), item[2].start))
    context, position, raw = scored[0]
    return Match(
        "approximate",
        (raw,),
        context=context if hints.has_context else None,
        edit=1 - passages[0].distance / len(wanted),
        position=position,
        bound=bound,
        alternatives=len(closest) - 1,
        exhausted=exhausted,
    )


def source_spelling(document: Document, quote: str, match: Match) -> str:
    """The quote spelt with the source's own characters, omission marks kept."""
    if not match.by_pieces:
        assert match.span is not None
        return document.slice(match.span)
    return omissions.rebuild(quote, [document.slice(span) for span in match.spans])


def closest_passages(
    document: Document, quote: str, *, least_score: float = 0.5, limit: int = 3
) -> list[tuple[Span, float]]:
    """The passages nearest the quote with their edit scores, best first, for suggestions.

    The same search as the approximate stage, with a looser bound: a curator who
    mistyped a quote wants the nearest passages even where `check` would pass none.
    """
    kept = omissions.pieces(quote) if omissions.has_markers(quote) else None
    wanted = normalise_text(max((piece.text for piece in kept), key=len) if kept else quote)
    wanted = wanted.strip()
    if not wanted or len(wanted) > LONGEST_APPROXIMATE:
        return []
    mapping = document.normalised
    bound = int((1 - least_score) * len(wanted))
    found = best_passages(mapping.text, wanted, bound)[:limit]
    return [
        (
            _one_paragraph(document.raw, mapping.raw_span(passage.span), quote),
            1 - passage.distance / len(wanted),
        )
        for passage in found
    ]


def _one_paragraph(raw: str, span: Span, quote: str) -> Span:
    """A passage cut to the paragraph holding its middle, unless the quote spans paragraphs.

    Edit distance alone may pad a changed opening with the end of the paragraph before.
    """
    if PARAGRAPH_BREAK.search(quote) or not PARAGRAPH_BREAK.search(raw, span.start, span.end):
        return span
    # Only breaks inside the passage can cut it: look a passage's length either side of it,
    # not from the source's start (a source of thousands of paragraphs, for every passage).
    reach = span.end - span.start
    begin, end = max(0, span.start - reach), min(len(raw), span.end + reach)
    middle = (span.start + span.end) // 2 - begin
    bounds = paragraph(raw[begin:end], Span(middle, middle))
    return Span(max(span.start, begin + bounds.start), min(span.end, begin + bounds.end))


def _normalised_hint(document: Document, hints: Hints) -> Span | None:
    """Where the hinted offsets lie in the normalised text, if they are in the text at all."""
    if hints.start is None or hints.end is None or hints.end > len(document.raw):
        return None
    mapping = document.normalised
    return Span(mapping.offset_of(hints.start), mapping.offset_of(hints.end))


def _position_score(span: Span, hints: Hints, length: int) -> float | None:
    if hints.start is None or not length:
        return None
    return max(0.0, 1 - abs(span.start - hints.start) / length)
