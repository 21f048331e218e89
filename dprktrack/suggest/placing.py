"""Placing suggestions against the source and the existing claims, with the check's matcher
(built only when a plain exact test cannot tell what it would find)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.suggest.model import Suggestion

if TYPE_CHECKING:
    from dprktrack.matching.lines import LineIndex
    from dprktrack.matching.matcher import Document
    from dprktrack.schema.records import Claim

_MOST_TRIED = 1000
"""Occurrences on or inside words that `exactly_anchorable` looks at before leaving the
question to the matcher (whose own bound is higher)."""

_PLAIN = frozenset(map(chr, range(32, 127))) - frozenset("0123456789-'`") | frozenset("\t\n\r“”«»")
"""Characters that join no word, number or grapheme and do not hide (no digit, hyphen,
apostrophe, accent or invisible character): between two of them, unless both are
letters, a quote may always begin or end."""


def _plain_edge(text: str, offset: int) -> bool:
    """Whether `offset` is a boundary by the plain test above: the matcher's `is_boundary`,
    whose Unicode look-ups cost most of placing a suggestion, need not be asked (a test
    holds that it agrees)."""
    if not 0 < offset < len(text):
        return True
    before, after = text[offset - 1], text[offset]
    return before in _PLAIN and after in _PLAIN and not (before.isalpha() and after.isalpha())


def whole_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] begins and ends on boundaries (`cut_word` finds no cut)."""
    from dprktrack.matching.boundaries import cut_word

    if _plain_edge(text, start) and _plain_edge(text, end):
        return True
    return cut_word(text, start, end) is None


def document_of(catalog: Catalog, source_id: str) -> Document:
    """The source as the matcher reads it (as `curate.anchoring.source_document` names it)."""
    from dprktrack.matching.matcher import Document

    return Document(catalog.source_text(source_id), catalog.shown_path(source_id))


class Placer:
    """A source for placing suggestions: its text at once, the matcher's Document (whose
    import and normalisation cost a command's start-up) only when it is asked for."""

    def __init__(self, catalog: Catalog, source_id: str) -> None:
        self.catalog, self.source_id = catalog, source_id
        self.raw = catalog.source_text(source_id)

    @cached_property
    def document(self) -> Document:
        return document_of(self.catalog, self.source_id)

    @cached_property
    def lines(self) -> LineIndex:
        from dprktrack.matching.lines import LineIndex

        return LineIndex(self.raw)

    def anchorable(self, suggestion: Suggestion) -> bool:
        """`anchorable`, by the exact test when it decides, else by the matcher."""
        quick = exactly_anchorable(self.raw, suggestion)
        return anchorable(self.document, suggestion) if quick is None else quick


def exactly_anchorable(raw: str, suggestion: Suggestion) -> bool | None:
    """What `anchorable` answers, told from exact occurrences alone, or None when they
    cannot tell (then ask the matcher).

    The matcher, given no hints, looks first for the quote verbatim on whole words. Found
    once, that place is the match (stage exact, the source's own spelling): anchorable if
    it is the suggestion's span. Found twice or more, the match is ambiguous: not
    anchorable. Only when it stands nowhere on whole words do the later stages
    (normalisation, omissions) decide; a test holds this equal to `anchorable`.
    """
    quote, start = suggestion.quote, suggestion.start
    if not quote or raw[start : suggestion.end] != quote:
        return None
    found: list[int] = []
    at = raw.find(quote)
    for _ in range(_MOST_TRIED):
        if at == -1:
            return found == [start] if found else None
        if whole_words(raw, at, at + len(quote)):
            found.append(at)
            if len(found) == 2:
                return False
        at = raw.find(quote, at + 1)
    return None


def anchorable(document: Document, suggestion: Suggestion) -> bool:
    """Whether `add` would anchor the suggestion's quote exactly where it stands.

    The same steps as `curate.anchoring.anchor_quote` takes without `--occurrence` (a
    test holds the two equal): one exact or typographic match, at this span, in the
    source's own spelling. The matcher alone is imported, not the check's verdicts.
    """
    from dprktrack.matching.matcher import Hints, match_quote, source_spelling

    match = match_quote(document, suggestion.quote, Hints())
    if match.stage not in ("exact", "typography") or match.span is None:
        return False
    here = (match.span.start, match.span.end) == (suggestion.start, suggestion.end)
    return here and source_spelling(document, suggestion.quote, match) == suggestion.quote


def claim_spans(
    catalog: Catalog, source_id: str, document: Document | Placer
) -> list[tuple[str, int, int]]:
    """(claim id, start, end) of each claim of the source, where `check` places its quote
    (a Placer builds the matcher's Document only for a claim not at its anchors)."""
    spans = []
    for claim in catalog.claims.values():
        if claim.source != source_id:
            continue
        span = _at_its_anchors(document.raw, claim)
        if span is None:  # moved, retyped or gone: ask the check where it stands now
            from dprktrack.check.verdicts import placed_span

            matcher_document = document.document if isinstance(document, Placer) else document
            placed = placed_span(matcher_document, claim)
            span = None if placed is None else (placed.start, placed.end)
        if span is not None:
            spans.append((claim.id, *span))
    return spans


def _at_its_anchors(raw: str, claim: Claim) -> tuple[int, int] | None:
    """The claim's span when its quote stands verbatim at its offsets with its prefix and
    suffix (the check's quick path, which places it there), else None. Checked here so
    that a clean file needs none of the check's verdicts imported."""
    from dprktrack.matching.lines import CONTEXT_LENGTH

    start, end = claim.start, claim.end
    if start is None or end is None or raw[start:end] != claim.quote:
        return None
    if not whole_words(raw, start, end):
        return None
    prefix, suffix = raw[max(0, start - CONTEXT_LENGTH) : start], raw[end : end + CONTEXT_LENGTH]
    return (start, end) if (claim.prefix, claim.suffix) == (prefix, suffix) else None


def covering(spans: list[tuple[str, int, int]], start: int, end: int) -> tuple[str, ...]:
    """Ids of the claims that overlap at least half of start..end, or hold it whole, or lie
    in it and make a quarter of it or more (a claim trimmed from the suggested sentence to
    its reported clause, as the codebook asks, still covers it)."""
    length = max(1, end - start)
    return tuple(
        claim
        for claim, c_start, c_end in spans
        if (min(end, c_end) - max(start, c_start)) * 2 >= length
        or (c_start <= start and end <= c_end)
        or (start <= c_start and c_end <= end and (c_end - c_start) * 4 >= length)
    )


class Covering:
    """The claims' spans sorted by start, so that `covering` is asked of the few a span
    meets (every one of its rules needs the claim to meet the span), not of them all."""

    def __init__(self, spans: list[tuple[str, int, int]]) -> None:
        self.spans = spans
        self._order = sorted(range(len(spans)), key=lambda index: spans[index][1])
        self._starts = [spans[index][1] for index in self._order]
        self._reach = list(accumulate((spans[index][2] for index in self._order), max))
        """The furthest end of the spans up to each one: those before the first that
        reaches a span's start all end before it."""

    def __call__(self, start: int, end: int) -> tuple[str, ...]:
        """`covering(spans, start, end)`, in the claims' own order."""
        if end < start:
            return covering(self.spans, start, end)
        low, high = bisect_left(self._reach, start), bisect_right(self._starts, end)
        near = sorted(self._order[low:high])
        return covering([self.spans[index] for index in near], start, end)
