"""Placing suggestions against the source and the existing claims, with the check's matcher."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError

if TYPE_CHECKING:
    from dprktrack.matching.matcher import Document


def anchorable(document: Document, quote: str) -> bool:
    """Whether `add` would anchor this quote where it stands, and `check` then pass it."""
    from dprktrack.curate.anchoring import anchor_quote

    try:
        anchored = anchor_quote(document, quote)
    except DprkError:
        return False
    return anchored.quote == quote


def claim_spans(catalog: Catalog, source_id: str, document: Document) -> list[tuple[str, int, int]]:
    """(claim id, start, end) of each claim of the source, where `check` places its quote."""
    from dprktrack.check.verdicts import placed_span

    spans = []
    for claim in catalog.claims.values():
        if claim.source != source_id:
            continue
        span = placed_span(document, claim)
        if span is not None:
            spans.append((claim.id, span.start, span.end))
    return spans


def covering(spans: list[tuple[str, int, int]], start: int, end: int) -> tuple[str, ...]:
    """Ids of the claims that cover at least half of start..end, or contain it whole."""
    length = max(1, end - start)
    return tuple(
        claim
        for claim, c_start, c_end in spans
        if (min(end, c_end) - max(start, c_start)) * 2 >= length
        or (c_start <= start and end <= c_end)
    )
