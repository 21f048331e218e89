"""Placing suggestions against the source and the existing claims, with the check's matcher."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.suggest.model import Suggestion

if TYPE_CHECKING:
    from dprktrack.matching.matcher import Document
    from dprktrack.schema.records import Claim


def document_of(catalog: Catalog, source_id: str) -> Document:
    """The source as the matcher reads it (as `curate.anchoring.source_document` names it)."""
    from dprktrack.matching.matcher import Document

    return Document(catalog.source_text(source_id), catalog.shown_path(source_id))


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


def claim_spans(catalog: Catalog, source_id: str, document: Document) -> list[tuple[str, int, int]]:
    """(claim id, start, end) of each claim of the source, where `check` places its quote."""
    spans = []
    for claim in catalog.claims.values():
        if claim.source != source_id:
            continue
        span = _at_its_anchors(document.raw, claim)
        if span is None:  # moved, retyped or gone: ask the check where it stands now
            from dprktrack.check.verdicts import placed_span

            placed = placed_span(document, claim)
            span = None if placed is None else (placed.start, placed.end)
        if span is not None:
            spans.append((claim.id, *span))
    return spans


def _at_its_anchors(raw: str, claim: Claim) -> tuple[int, int] | None:
    """The claim's span when its quote stands verbatim at its offsets with its prefix and
    suffix (the check's quick path, which places it there), else None. Checked here so
    that a clean file needs none of the check's verdicts imported."""
    from dprktrack.matching.boundaries import cut_word
    from dprktrack.matching.matcher import CONTEXT_LENGTH

    start, end = claim.start, claim.end
    if start is None or end is None or raw[start:end] != claim.quote:
        return None
    if cut_word(raw, start, end) is not None:
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
