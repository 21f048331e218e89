"""Shared by the suggestion tests: the fictional texts, a catalog around any text, and
whether a suggestion, added as a claim, passes `check`."""

from __future__ import annotations

from pathlib import Path

from support import REPO

from dprktrack.check.verdicts import claim_finding
from dprktrack.claimsfile.catalog import Catalog
from dprktrack.curate.anchoring import anchor_quote, source_document
from dprktrack.schema.records import Actor, Claim, StanceEntry, source_of
from dprktrack.suggest.model import Suggestion

FICTIONAL = REPO / "tests" / "data" / "suggest"
ALL_NAMES = sorted(path.stem for path in FICTIONAL.glob("*.json"))
DEVELOPMENT = ("analysis_grain", "council_mission", "wire_border")
"""Articles written by an outside reviewer blind to the rules: scored pooled against the
targets, not claim by claim (the rules must stay general, not fit them)."""
NAMES = [name for name in ALL_NAMES if name not in DEVELOPMENT]
"""The pattern texts written with the rules: every claim found exactly."""


def catalog_around(text: str, actors: dict[str, Actor], author: str = "Ada Brin") -> Catalog:
    """A catalog with one fictional source holding `text` (never read from disk)."""
    source = source_of(
        {"id": "made-up", "path": "made-up.txt", "title": "Made up", "author": author,
         "outlet": "The Harbour Ledger", "published": "2025-01-01", "sha256": "0" * 64}
    )  # fmt: skip
    return Catalog(
        Path("claims.json"), "{}", {source.id: source}, actors, {}, {}, _texts={source.id: text}
    )


def check_verdict(catalog: Catalog, suggestion: Suggestion) -> str:
    """The verdict `check` gives a claim made from the suggestion as `add` would make it."""
    document = source_document(catalog, suggestion.source)
    anchored = anchor_quote(document, suggestion.quote)
    assert (anchored.start, anchored.end) == (suggestion.start, suggestion.end)
    assert anchored.quote == suggestion.quote
    claim = Claim(
        id="suggested", source=suggestion.source, actor="someone", quote=anchored.quote,
        quote_type=suggestion.quote_type, stances=[StanceEntry("target", "neutral")],
        summary="suggested", start=anchored.start, end=anchored.end, prefix=anchored.prefix,
        suffix=anchored.suffix, kind=suggestion.kind,
    )  # fmt: skip
    return claim_finding(document, claim, 0).verdict
