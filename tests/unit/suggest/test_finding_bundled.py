"""Suggestions on the real bundled article: every one anchored exactly where `add` puts it."""

from __future__ import annotations

from support import CLAIMS

from dprktrack.claimsfile.load import load_catalog
from dprktrack.curate.anchoring import anchor_quote, source_document
from dprktrack.suggest.finding import suggestions


def test_every_suggestion_is_the_text_it_names_and_anchors_there() -> None:
    catalog = load_catalog(CLAIMS)
    source = next(iter(catalog.sources))
    text = catalog.source_text(source)
    document = source_document(catalog, source)
    found = suggestions(catalog, source, include_covered=True)
    assert found
    for suggestion in found:
        assert text[suggestion.start : suggestion.end] == suggestion.quote
        anchored = anchor_quote(document, suggestion.quote)
        assert (anchored.start, anchored.end) == (suggestion.start, suggestion.end)


def test_covered_suggestions_are_left_out_unless_asked_for() -> None:
    catalog = load_catalog(CLAIMS)
    source = next(iter(catalog.sources))
    every = suggestions(catalog, source, include_covered=True)
    uncovered = suggestions(catalog, source)
    assert uncovered == [s for s in every if not s.covered_by]
