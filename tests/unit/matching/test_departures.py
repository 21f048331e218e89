"""Omissions and alterations: reviewed by a person, never guessed, and never a reversal.

The cases of the review that found `check` could be fooled, each on a fictional source;
the departures and their review pin; and properties: a meaning-changing edit of a real
claim's quote never passes. (`approve` and its prompts are in tests/cli/test_approve.py.)
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from support import DATA, SEED_TEXT

from dprktrack.check.verdicts import claim_finding
from dprktrack.matching.boundaries import is_boundary
from dprktrack.matching.departures import review, review_pin
from dprktrack.matching.matcher import Document, Hints, match_quote
from dprktrack.matching.textpos import Span
from dprktrack.schema.records import Claim, StanceEntry, claim_of

PASSING = ("ok", "moved", "typography")


def verdict(source: str, quote: str, pin: str | None = None) -> tuple[str, str]:
    claim = Claim(
        "c1", "s", "a", quote, "direct", [StanceEntry("t", "oppose")], "x", review_pin=pin
    )
    finding = claim_finding(Document(source, "article.txt"), claim, 0)
    return finding.verdict, finding.message


def pin_of(source: str, quote: str) -> str | None:
    document = Document(source)
    match = match_quote(document, quote, Hints())
    assert match.span is not None
    return review(quote, source, match.spans, match.span).pin


# Fictional states, outlets and speakers only.
REVERSALS = [
    pytest.param(
        "Freedonia did not veto the draft; Sylvania vetoed it.",
        "Freedonia [vetoed] the draft; Sylvania [did not veto] it.",
        id="two-reversals-that-cancel-in-a-count",
    ),
    pytest.param("The council adopted a binding text.", "a [non-]binding text", id="non-"),
    pytest.param("The envoy called the move legal today.", "the move [il]legal today", id="il-"),
    pytest.param(
        "The envoy called the plan acceptable today.", "the plan [un]acceptable", id="un-"
    ),
    pytest.param(
        "The envoy said we supported the draft.", "we [didnt support] the draft", id="didnt"
    ),
    pytest.param(
        "Such breaches occur everywhere in the region.", "occur [nowhere] in", id="nowhere"
    ),
    pytest.param(
        "The envoy said we supported the draft.",
        "we [did n\u200bot support] the draft",
        id="zero-width-space-inside-not",
    ),
    pytest.param(
        "The diplomat said there would be no 2025 extension for the mission.",
        "there would be [a] 2025 extension",
        id="no-before-a-number",
    ),
    pytest.param(
        "The mission failed to perform its duties, the envoy said.",
        "perform[ed] its duties",
        id="failed-to-governs-the-quote",
    ),
    pytest.param(
        "The mission was unable to perform its duties.",
        "The mission was [able] to perform its duties.",
        id="unable-to-able",
    ),
    pytest.param(
        "We can\u02bct support the draft resolution today.",
        "We … support the draft resolution",
        id="modifier-apostrophe-contraction-dropped",
    ),
    pytest.param(
        "We refused to accept the proposals of the envoy.",
        "We … accept the proposals",
        id="refused-to-dropped-before-the-verb",
    ),
    pytest.param(
        "The envoy does not see any added value in it.",
        "The envoy does … see any added value",
        id="not-dropped",
    ),
    pytest.param(
        "The envoy does not see any added value in it.",
        "The envoy does [indeed] see any added value",
        id="not-replaced",
    ),
]


@pytest.mark.parametrize(("source", "quote"), REVERSALS)
def test_a_departure_that_turns_the_source_around_fails_even_with_a_pin(
    source: str, quote: str
) -> None:
    outcome, message = verdict(source, quote)
    assert outcome == "changed", message
    match = match_quote(Document(source), quote, Hints())
    if match.span is not None:  # a pin over these departures changes nothing
        pin = review(quote, source, match.spans, match.span).pin
        assert verdict(source, quote, pin)[0] == "changed"


CUTS = [
    pytest.param(
        "It is unacceptable to Freedonia, the envoy said.",
        "acceptable to Freedonia",
        id="start-in-word",
    ),
    pytest.param(
        "The minister Jose\u0301 Ortega spoke.", "The minister Jose", id="before-combining-accent"
    ),
    pytest.param("We can\u2019t support the draft today.", "We can", id="before-nt"),
    pytest.param(
        "The council adopted a non-binding text.", "binding text", id="after-compound-hyphen"
    ),
    pytest.param("The fine was 2,500 coins in all.", "fine was 2", id="inside-a-number"),
]


@pytest.mark.parametrize(("source", "quote"), CUTS)
def test_a_quote_cut_inside_a_word_or_grapheme_fails(source: str, quote: str) -> None:
    assert verdict(source, quote)[0] in ("changed", "missing")


@pytest.mark.parametrize(
    "separator", ["\r\r", "\r\n\r\n", "\n\n", "\u2029", "\f", "\n \u200b\t\n", "\r \r"]
)
def test_an_omission_never_stitches_two_paragraphs(separator: str) -> None:
    source = f"The envoy said the mission must end.{separator}Others said it must go on."
    outcome, message = verdict(source, "The envoy said … it must go on.")
    assert outcome == "changed", message
    assert "one paragraph" in message


@pytest.mark.parametrize("separator", ["\n", "\r\n", "\r", " "])
def test_an_omission_within_a_paragraph_is_only_altered(separator: str) -> None:
    source = f"The envoy said the mission must end{separator}soon, and the others agreed."
    quote = "The envoy said … the others agreed."
    assert verdict(source, quote)[0] == "altered"
    assert verdict(source, quote, pin_of(source, quote))[0] == "ok"


@pytest.mark.parametrize(
    "quote",
    [
        "[the envoy\u200b] said",
        "the envoy [\u202esaid]",
        "the envoy \u200b… said it",
    ],
)
def test_invisible_characters_inside_brackets_or_at_a_piece_edge_are_refused(quote: str) -> None:
    source = "Then the envoy said it would wait."
    outcome, message = verdict(source, quote)
    assert outcome in ("changed", "missing"), message


def test_a_pin_holds_only_for_exactly_the_departures_it_was_made_for() -> None:
    source = "The envoy of Freedonia said the mission had done its work well."
    quote = "[t]he envoy … said the mission had done its work"
    pin = pin_of(source, quote)
    assert pin is not None
    assert re.fullmatch("[0-9a-f]{16}", pin)
    assert verdict(source, quote, pin)[0] == "ok"
    assert verdict(source, quote)[0] == "altered"
    # Another bracket, another omitted stretch, or the same marks elsewhere: a new review.
    other = "[T]he envoy … said the mission had done its work"
    assert verdict(source, other, pin)[0] == "altered"
    shorter = "[t]he envoy of Freedonia … the mission had done its work"
    assert verdict(source, shorter, pin)[0] == "altered"
    # Retyped quotation marks or folded white space keep the departures as they were.
    assert review_pin(()) != pin


def test_two_swapped_departures_are_not_the_same_review() -> None:
    source = "Freedonia backed the text and Sylvania opposed the text."
    one = "[Sylvania] backed the text and [Freedonia] opposed the text."
    pin = pin_of(source, one)
    assert pin is not None
    assert verdict(source, one, pin)[0] == "ok"
    swapped = "[Freedonia] backed the text and [Sylvania] opposed the text."
    assert verdict(source, swapped, pin)[0] == "altered"


# --- properties: meaning-changing edits of the real claims never pass ---------------------

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CLAIMS_LIST = [claim_of(record) for record in DATA["claims"]]
DOCUMENT = Document(SEED_TEXT, "seed.txt")
NEGATIONS = re.compile(r"\b(?:not|no|never|cannot)\b|n[’']t\b")


@st.composite
def meaning_changes(draw: st.DrawFn) -> tuple[Any, str]:
    """A bundled claim with its quote edited so that it says something else."""
    claim = draw(st.sampled_from(CLAIMS_LIST))
    quote = claim.quote
    words = list(re.finditer(r"[A-Za-z]{3,}", quote))
    how = draw(
        st.sampled_from(
            ["negate", "negate-bracket", "unnegate", "number", "name", "cut-start", "cut-end"]
        )
    )
    if how in ("negate", "negate-bracket"):
        word = draw(st.sampled_from(words))
        insert = "not " if how == "negate" else "[not] "
        edited = quote[: word.start()] + insert + quote[word.start() :]
    elif how == "unnegate":
        found = list(NEGATIONS.finditer(quote))
        assume(found)
        hit = draw(st.sampled_from(found))
        replacement = draw(st.sampled_from(["", "[indeed]", "…", "[…]"]))
        edited = quote[: hit.start()] + replacement + quote[hit.end() :]
    elif how == "number":
        digits = list(re.finditer(r"\d", quote))
        assume(digits)
        hit = draw(st.sampled_from(digits))
        new = draw(st.sampled_from([d for d in "0123456789" if d != hit.group()]))
        bracketed = draw(st.booleans())
        new = f"[{new}]" if bracketed else new
        edited = quote[: hit.start()] + new + quote[hit.end() :]
    elif how == "name":
        names = list(re.finditer(r"\b[A-Z][a-z]{2,}\b", quote))
        assume(names)
        hit = draw(st.sampled_from(names))
        other = draw(st.sampled_from(["Freedonia", "Sylvania", "Ruritania", "Latveria"]))
        other = f"[{other}]" if draw(st.booleans()) else other
        edited = quote[: hit.start()] + other + quote[hit.end() :]
    else:
        assert claim.start is not None
        assert claim.end is not None
        start, end = claim.start, claim.end
        shift = draw(st.integers(1, 3))
        if how == "cut-start":
            start += shift
        else:
            end -= shift
        assume(not is_boundary(SEED_TEXT, start) or not is_boundary(SEED_TEXT, end))
        edited = SEED_TEXT[start:end]
    assume(edited != quote and len(re.findall(r"\w", edited)) >= 2)
    return claim, edited


@PROPERTY
@given(meaning_changes())
def test_a_meaning_changing_edit_never_passes(case: tuple[Any, str]) -> None:
    claim, edited = case
    finding = claim_finding(DOCUMENT, claim._replace(quote=edited), 0)
    assert finding.verdict not in PASSING, (edited, finding.message)


@PROPERTY
@given(meaning_changes())
def test_no_pin_makes_a_negation_edit_pass(case: tuple[Any, str]) -> None:
    """A pin a hostile author computed for the edited quote still cannot pass a reversal."""
    claim, edited = case
    assume(
        ("not" in edited and "not" not in claim.quote)
        or len(NEGATIONS.findall(edited)) < len(NEGATIONS.findall(claim.quote))
    )
    match = match_quote(DOCUMENT, edited, Hints())
    pin = None
    if match.by_pieces and match.span is not None:
        pin = review(edited, SEED_TEXT, match.spans, match.span).pin
    finding = claim_finding(DOCUMENT, claim._replace(quote=edited, review_pin=pin), 0)
    assert finding.verdict not in PASSING, (edited, finding.message)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40), st.data())
def test_is_boundary_never_splits_a_grapheme_or_a_word(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    if is_boundary(text, offset) and 0 < offset < len(text):
        after = text[offset]
        assert unicodedata.category(after) not in ("Mn", "Mc", "Me")
        before = text[offset - 1]
        assert not (before.isalnum() and after.isalnum())


def test_the_bundled_claims_have_no_departures_and_all_pass() -> None:
    for claim in CLAIMS_LIST:
        finding = claim_finding(DOCUMENT, claim, 0)
        assert finding.verdict == "ok", (claim.id, finding.message)
        assert claim.review_pin is None


def test_a_departure_at_the_quotes_edge_with_nothing_omitted_is_none() -> None:
    source = "The envoy said the mission should end."
    quote = "… the mission should end."
    match = match_quote(Document(source), quote, Hints())
    assert match.span == Span(source.index("the mission"), len(source))
    assert verdict(source, quote)[0] == "ok"
