"""Each pattern of news prose, on fictional texts written for the tests: every expected
claim found, with its speaker, quote type and kind, and nothing suggested beside them."""

from __future__ import annotations

import pytest
from suggesting import ALL_NAMES, FICTIONAL, NAMES, check_verdict

from dprktrack.suggest.evaluation import (
    TARGETS,
    best_for,
    fictional,
    hits,
    pooled,
    score,
    speaker_key,
)
from dprktrack.suggest.finding import suggestions


def test_the_fictional_texts_cover_every_pattern_the_rules_claim() -> None:
    texts = "\n".join((FICTIONAL / f"{name}.txt").read_text("utf-8") for name in NAMES)
    for mark in ("“", "”", '"', "«", "»", "„", "‘", "’", "'"):
        assert mark in texts
    patterns = ("said that", "according to", "She added", "The diplomat", "In his view",
                "vetoed", "abstained", "adopted by", "Sadly", "Brack, Ulm and Serra")  # fmt: skip
    for pattern in patterns:
        assert pattern.lower() in texts.lower(), pattern


@pytest.mark.parametrize("name", NAMES)
def test_every_expected_claim_is_found_with_its_speaker_and_labels(name: str) -> None:
    catalog, source, expected = fictional(FICTIONAL, name)
    found = suggestions(catalog, source, include_covered=True)
    for claim in expected:
        best = best_for(claim, found)
        assert best is not None, f"missed: {claim.quote!r}"
        assert best.speakers, f"no speaker for {claim.quote!r}"
        assert speaker_key(best.speakers[0]) in claim.actors, (claim.quote, best.speakers)
        assert (best.quote_type, best.kind) == (claim.quote_type, claim.kind), claim.quote


@pytest.mark.parametrize("name", NAMES)
def test_nothing_is_suggested_beside_the_expected_claims(name: str) -> None:
    catalog, source, expected = fictional(FICTIONAL, name)
    found = suggestions(catalog, source, include_covered=True)
    assert [s.quote for s in found if not hits(s, expected)] == []


@pytest.mark.parametrize("name", NAMES)
def test_every_suggestion_added_as_a_claim_passes_check(name: str) -> None:
    catalog, source, _ = fictional(FICTIONAL, name)
    for suggestion in suggestions(catalog, source, include_covered=True):
        assert check_verdict(catalog, suggestion) == "ok", suggestion.quote


def test_a_medium_that_relays_a_statement_is_its_reported_via() -> None:
    catalog, source, _ = fictional(FICTIONAL, "envoys_and_acts")
    found = suggestions(catalog, source, include_covered=True)
    relayed = {s.quote: s.reported_via for s in found if s.reported_via}
    assert relayed == {
        "the quota talks had collapsed": "tidewater-post",
        "Velmora had proposed a ten-year pause on deep-sea trawling": "tidewater-post",
    }


def test_suggestions_come_in_article_order_with_their_lines() -> None:
    catalog, source, _ = fictional(FICTIONAL, "reported_speech")
    found = suggestions(catalog, source, include_covered=True)
    text = catalog.source_text(source)
    assert [s.start for s in found] == sorted(s.start for s in found)
    for suggestion in found:
        line = text.count("\n", 0, suggestion.start) + 1
        column = suggestion.start - (text.rfind("\n", 0, suggestion.start) + 1) + 1
        assert (suggestion.line, suggestion.column) == (line, column)


@pytest.mark.parametrize("name", NAMES)
def test_a_relayed_claim_names_its_medium_and_no_other_claim_does(name: str) -> None:
    import json

    catalog, source, expected = fictional(FICTIONAL, name)
    records = json.loads((FICTIONAL / f"{name}.json").read_text("utf-8"))["claims"]
    found = suggestions(catalog, source, include_covered=True)
    for claim, record in zip(expected, records, strict=True):
        best = best_for(claim, found)
        assert best is not None
        assert best.reported_via == record.get("reported_via"), claim.quote


@pytest.mark.parametrize("name", NAMES)
def test_windows_line_endings_give_the_same_suggestions(name: str) -> None:
    from suggesting import catalog_around

    catalog, source, _ = fictional(FICTIONAL, name)
    text = catalog.source_text(source)
    plain = suggestions(catalog_around(text, catalog.actors), "made-up", include_covered=True)
    crlf = text.replace("\n", "\r\n")
    windows = suggestions(catalog_around(crlf, catalog.actors), "made-up", include_covered=True)
    assert [(s.quote, s.speakers, s.quote_type) for s in windows] == [
        (s.quote, s.speakers, s.quote_type) for s in plain
    ]


def test_words_said_twice_are_offered_with_their_whole_sentence_to_be_anchorable() -> None:
    from suggesting import catalog_around

    catalog, _, _ = fictional(FICTIONAL, "quotation_marks")
    text = (
        "Title\n\nMira Osk said that the quay is closed. "
        "Later Pell Arno said that the quay is closed.\n"
    )
    found = suggestions(catalog_around(text, catalog.actors), "made-up")
    assert [(s.quote, s.speakers[0].actor) for s in found] == [
        ("Mira Osk said that the quay is closed.", "osk"),
        ("Later Pell Arno said that the quay is closed.", "arno"),
    ]


def test_the_rules_meet_the_targets_pooled_over_every_fictional_text() -> None:
    scores = []
    for name in ALL_NAMES:
        catalog, source, expected = fictional(FICTIONAL, name)
        scores.append(score(expected, suggestions(catalog, source, include_covered=True)))
    figures = pooled(scores).figures()
    assert {name: figures[name] >= TARGETS[name] for name in TARGETS} == dict.fromkeys(
        TARGETS, True
    ), figures


HELD_OUT = FICTIONAL / "heldout"
HELD_OUT_NAMES = sorted(path.stem for path in HELD_OUT.glob("*.json"))


def test_the_held_out_articles_are_there_and_apart() -> None:
    """Four articles written blind of the rules; kept out of the pooled targets above."""
    assert len(HELD_OUT_NAMES) == 4
    assert not set(HELD_OUT_NAMES) & set(ALL_NAMES)


@pytest.mark.parametrize("name", HELD_OUT_NAMES)
def test_every_suggestion_on_a_held_out_article_passes_check(name: str) -> None:
    """Their figures are not held to the targets, but no suggestion on a text the rules
    have never seen may name a passage that `check` would fail."""
    catalog, source, expected = fictional(HELD_OUT, name)
    assert len(expected) >= 25  # the annotation loaded whole: every span found in its text
    for suggestion in suggestions(catalog, source, include_covered=True):
        assert check_verdict(catalog, suggestion) == "ok", suggestion.quote
