"""Matching quotes: properties over the real seed (hypothesis) and unit cases of each stage.

normalise (typographic folding with an offset map), approximate (Myers bit-vector search,
word diff), elision (Bluebook omissions and alterations, dropped negations) and matcher
(hint, exact, typography, approximate, in that order).
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from strategies import SEED_PROPERTY, on_words, seed_spans
from support import SEED_TEXT, TYPED

from dprktrack.matching import omissions
from dprktrack.matching.approximate import _end_distances, best_passages, similarity, word_diff
from dprktrack.matching.matcher import (
    CONTEXT_LENGTH,
    SHORTEST_APPROXIMATE,
    Document,
    Hints,
    match_quote,
    minimum_score,
)
from dprktrack.matching.normalise import normalise, normalise_text
from dprktrack.matching.textpos import Span, paragraph

DOCUMENT = Document(SEED_TEXT)
NORMALISED = DOCUMENT.normalised.text
ELLIPSIS = SEED_TEXT.index("…")
"""The seed's one ellipsis character, inside South Korea's statement (claim c034)."""
HEADING = "What is the 1718 Sanctions Committee?"
HEADING_AT = SEED_TEXT.index(HEADING)


NEGATION = re.compile(
    r"\b(?:not|never|no(?!\.?\s*\d)|nor|neither|none|nothing|nobody|cannot|without|hardly)\b"
    r"|\w+n['’]t\b",
    re.IGNORECASE,
)
"""The negations the README lists ("No." before a number is an abbreviation)."""


def occurrences(text: str, quote: str) -> int:
    """How many times `quote` starts in `text`, overlapping occurrences included."""
    count, at = 0, text.find(quote)
    while at != -1:
        count += 1
        at = text.find(quote, at + 1)
    return count


def levenshtein(one: str, other: str) -> int:
    previous = list(range(len(other) + 1))
    for i, a in enumerate(one, start=1):
        current = [i]
        for j, b in enumerate(other, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def end_distances_by_table(pattern: str, text: str, *, anchored: bool) -> list[int]:
    """The textbook dynamic programme: row 0 is free (search) or the prefix length (anchored)."""
    previous = [j if anchored else 0 for j in range(len(text) + 1)]
    for i, a in enumerate(pattern, start=1):
        current = [i]
        for j, b in enumerate(text, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[1:]


def trimmed(span: Span) -> bool:
    """Quotes are trimmed text: no white space at either end."""
    quote = SEED_TEXT[span.start : span.end]
    return quote == quote.strip()


# --- exact -------------------------------------------------------------------


@SEED_PROPERTY
@example(Span(*on_words(SEED_TEXT, ELLIPSIS - 40, ELLIPSIS + 40)))  # the seed's own "…" is text
@example(Span(*on_words(SEED_TEXT, 0, 12)))
@example(Span(*on_words(SEED_TEXT, len(SEED_TEXT) - 30, len(SEED_TEXT))))
@given(seed_spans())
def test_a_unique_substring_of_the_seed_anchors_back_to_its_own_span(span: Span) -> None:
    quote = SEED_TEXT[span.start : span.end]
    assume(occurrences(SEED_TEXT, quote) == 1)
    match = match_quote(DOCUMENT, quote, Hints())
    assert (match.stage, match.spans, match.selected_by) == ("exact", (span,), "unique")
    assert match.span == span


@SEED_PROPERTY
# A heading with the blank lines around it: one character earlier, the text reads the same
# once white space is folded, but the quote itself stands, exactly, one character later.
@example(Span(HEADING_AT - 1, HEADING_AT + len(HEADING) + 2))
@given(seed_spans(max_size=120))
def test_a_recorded_hint_is_taken_as_is_and_a_wrong_one_is_not(span: Span) -> None:
    quote = SEED_TEXT[span.start : span.end]
    at_hint = match_quote(DOCUMENT, quote, Hints(span.start, span.end))
    assert (at_hint.stage, at_hint.span, at_hint.selected_by) == ("exact", span, "hint")
    assume(occurrences(SEED_TEXT, quote) == 1 and span.start > 0)
    shifted = match_quote(DOCUMENT, quote, Hints(span.start - 1, span.end - 1))
    assert (shifted.stage, shifted.span, shifted.selected_by) == ("exact", span, "unique")


def test_a_repeated_passage_is_ambiguous_without_context_and_selected_with_it() -> None:
    title = "The sanctions regime against the DPRK under threat"
    first = SEED_TEXT.index(title)
    second = SEED_TEXT.index(title, first + 1)
    ambiguous = match_quote(DOCUMENT, title, Hints())
    assert ambiguous.stage == "ambiguous"
    assert ambiguous.span is None
    assert ambiguous.candidates == (
        Span(first, first + len(title)),
        Span(second, second + len(title)),
    )
    # Stale offsets alone never choose: guessing would attach a claim to the wrong passage.
    assert match_quote(DOCUMENT, title, Hints(first + 3, first + 3 + len(title))).stage == (
        "ambiguous"
    )
    for start in (first, second):
        context = DOCUMENT.hints_for(Span(start, start + len(title)))
        no_offsets = Hints(prefix=context.prefix, suffix=context.suffix)
        chosen = match_quote(DOCUMENT, title, no_offsets)
        assert (chosen.stage, chosen.span, chosen.selected_by) == (
            "exact",
            Span(start, start + len(title)),
            "context",
        )


def test_hints_for_gives_offsets_and_32_characters_either_side() -> None:
    span = Span(1000, 1050)
    hints = DOCUMENT.hints_for(span)
    assert (hints.start, hints.end) == (1000, 1050)
    assert hints.prefix == SEED_TEXT[1000 - CONTEXT_LENGTH : 1000]
    assert hints.suffix == SEED_TEXT[1050 : 1050 + CONTEXT_LENGTH]
    assert DOCUMENT.hints_for(Span(0, 5)).prefix == ""
    assert Document(SEED_TEXT, "seed.txt").where(SEED_TEXT.index("What is the 1718")) == (
        "seed.txt:9:1"
    )


# --- typography ----------------------------------------------------------------


@st.composite
def typed_variant(draw: st.DrawFn, quote: str) -> str:
    """The quote with some of its typographic characters and spaces typed differently."""
    variable = [i for i, char in enumerate(quote) if char in TYPED or char == " "]
    assume(variable)
    chosen = draw(st.lists(st.sampled_from(variable), min_size=1, max_size=8, unique=True))
    chars = list(quote)
    for index in chosen:
        if chars[index] == " ":
            chars[index] = draw(st.sampled_from(["  ", "\n", " \n ", "\u00a0"]))
        else:
            chars[index] = TYPED[chars[index]]
    return "".join(chars)


@SEED_PROPERTY
@given(seed_spans(), st.data())
def test_a_typographic_variant_matches_at_the_originals_raw_span(
    span: Span, data: st.DataObject
) -> None:
    quote = SEED_TEXT[span.start : span.end]
    assume(trimmed(span))
    variant = data.draw(typed_variant(quote))
    assume(variant != quote and variant not in SEED_TEXT)
    assume(occurrences(NORMALISED, normalise_text(variant)) == 1)
    match = match_quote(DOCUMENT, variant, Hints())
    assert (match.stage, match.span) == ("typography", span), (quote, variant)
    assert normalise_text(SEED_TEXT[span.start : span.end]) == normalise_text(variant)


@SEED_PROPERTY
@given(st.integers(12, 150), st.integers(12, 150), st.data())
def test_three_dots_typed_for_the_seeds_ellipsis_is_typography(
    before: int, after: int, data: st.DataObject
) -> None:
    """`...` typed where the source has `…` is a spelling difference, not an omission."""
    span = Span(*on_words(SEED_TEXT, ELLIPSIS - before, ELLIPSIS + 1 + after))
    assume(trimmed(span))
    quote = SEED_TEXT[span.start : span.end]
    variant = quote.replace("…", "...")
    if data.draw(st.booleans()):
        variant = "".join(TYPED.get(char, char) for char in variant)
    match = match_quote(DOCUMENT, variant, Hints())
    assert (match.stage, match.span) == ("typography", span), (quote, variant, match)


@pytest.mark.parametrize(
    ("quote", "source_words"),
    [
        ('adding "sunset" clauses', "adding “sunset” clauses"),
        ("extending the Panel's mandate", "extending the Panel’s mandate"),
        ("arms deals with the DPRK - long accepted", "arms deals with the DPRK – long accepted"),
        ("Russia's  permanent\nrepresentative", "Russia’s permanent representative"),
    ],
    ids=["straight-quotes", "apostrophe", "hyphen", "white-space"],
)
def test_typography_reports_the_sources_real_characters(quote: str, source_words: str) -> None:
    match = match_quote(DOCUMENT, quote, Hints())
    assert match.stage == "typography"
    assert match.span is not None
    assert DOCUMENT.slice(match.span) == source_words


def test_an_invisible_character_between_two_spaces_is_still_one_space() -> None:
    """Zero-width and soft-hyphen characters vanish; the spaces around them are one run."""
    assert normalise_text("a \u200b b") == "a b"
    assert normalise_text("a \u00ad b") == "a b"
    source = SEED_TEXT.replace("reducing the frequency", "reducing \u200b the frequency")
    quote = "Russia also proposed reducing the frequency of the group’s reports"
    match = match_quote(Document(source), quote, Hints())
    assert match.stage == "typography"
    assert match.span is not None
    assert source[match.span.start : match.span.end] == quote.replace(
        "reducing the", "reducing \u200b the"
    )


# --- normalise -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“sunset” ‘added value’ Panel’s", "\"sunset\" 'added value' Panel's"),
        ("Council – the US — and −1", "Council - the US - and -1"),
        ("which… continues", "which... continues"),
        ("two\n\nparagraphs\u00a0and\ttabs  here", "two paragraphs and tabs here"),
        ("fa\u00e7ade and fac\u0327ade", "façade and façade"),
        ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
        ("\ufb01nal", "final"),
        ("plain ASCII stays as it is.", "plain ASCII stays as it is."),
    ],
)
def test_normalise_folds_each_spelling_to_one(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


TRICKY = [
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "\u200b",
    "\u00ad",
    "’",
    "“",
    "”",
    "–",
    "—",
    "…",
    "e",
    "\u0301",
    "é",
    "\ufb01",
    "a",
    "b",
    ".",
    "'",
    '"',
    "-",
]
tricky_texts = st.lists(st.sampled_from(TRICKY), max_size=30).map("".join)


@settings(max_examples=300)
@given(tricky_texts, st.data())
def test_normalised_spans_on_piece_boundaries_map_back_to_text_that_normalises_to_them(
    raw: str, data: st.DataObject
) -> None:
    folded = normalise(raw)
    bounds = [*folded.seams, len(folded.text)]
    first = data.draw(st.integers(0, len(bounds) - 1))
    last = data.draw(st.integers(first, len(bounds) - 1))
    nspan = Span(bounds[first], bounds[last])
    assume(nspan.start < nspan.end)
    rspan = folded.raw_span(nspan)
    assert 0 <= rspan.start < rspan.end <= len(raw)
    assert normalise_text(raw[rspan.start : rspan.end]) == folded.text[nspan.start : nspan.end]


@settings(max_examples=300)
@given(tricky_texts, st.data())
def test_any_normalised_span_maps_to_a_raw_span_that_covers_it(
    raw: str, data: st.DataObject
) -> None:
    folded = normalise(raw)
    start = data.draw(st.integers(0, len(folded.text)))
    end = data.draw(st.integers(start, len(folded.text)))
    rspan = folded.raw_span(Span(start, end))
    assert 0 <= rspan.start <= rspan.end <= len(raw)
    assert folded.text[start:end] in normalise_text(raw[rspan.start : rspan.end])
    later = folded.raw_span(Span(end, end))
    assert rspan.start <= later.start, "the map keeps the order of the text"


@settings(max_examples=300)
@example(" \u200b ")  # a zero-width space between two spaces
@example("a \u00ad b")  # a soft hyphen between two spaces
@given(tricky_texts)
def test_normalised_white_space_is_single_plain_spaces(raw: str) -> None:
    text = normalise_text(raw)
    assert "  " not in text
    assert all(char == " " for char in text if char.isspace())


def test_the_seeds_normalised_quotes_map_back_onto_the_seed() -> None:
    folded = DOCUMENT.normalised
    for raw_quote in ("“sunset”", "which… continues", "Council – the United States"):
        start = SEED_TEXT.index(raw_quote)
        nstart = folded.text.index(normalise_text(raw_quote))
        nspan = Span(nstart, nstart + len(normalise_text(raw_quote)))
        assert folded.raw_span(nspan) == Span(start, start + len(raw_quote))


# --- approximate --------------------------------------------------------------------


@settings(max_examples=400)
@given(
    st.text(alphabet="abc", min_size=1, max_size=10),
    st.text(alphabet="abcd", max_size=20),
    st.booleans(),
)
def test_bit_vector_end_distances_agree_with_the_textbook_table(
    pattern: str, text: str, anchored: bool
) -> None:
    expected = end_distances_by_table(pattern, text, anchored=anchored)
    assert _end_distances(pattern, text, anchored=anchored) == expected


@settings(max_examples=300)
@given(
    st.text(alphabet="abc", min_size=1, max_size=14),
    st.text(alphabet="abc", max_size=40),
    st.integers(0, 4),
)
def test_best_passages_finds_the_closest_passage_and_measures_it_truly(
    quote: str, text: str, bound: int
) -> None:
    closest = min(end_distances_by_table(quote, text, anchored=False), default=len(quote))
    found = best_passages(text, quote, bound)
    for alignment in found:
        assert alignment.distance <= bound
        passage = text[alignment.span.start : alignment.span.end]
        assert levenshtein(quote, passage) == alignment.distance
    if closest <= bound and closest < len(quote):
        assert found, "the pigeonhole filter must never lose a passage within the bound"
    if found:
        assert found[0].distance == closest
    for one, other in itertools.pairwise(found):
        assert one.distance <= other.distance
    spans = sorted((alignment.span for alignment in found), key=lambda span: span.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans)), "distinct"


@SEED_PROPERTY
@given(seed_spans(min_size=60, max_size=250), st.data())
def test_a_passage_with_a_few_substitutions_is_found_where_it_stands(
    span: Span, data: st.DataObject
) -> None:
    quote = SEED_TEXT[span.start : span.end]
    assume(occurrences(SEED_TEXT, quote) == 1)
    count = data.draw(st.integers(1, 3))
    where = data.draw(st.lists(st.integers(0, len(quote) - 1), min_size=count, max_size=count))
    chars = list(quote)
    for index in where:
        chars[index] = data.draw(st.sampled_from("#@~"))
    altered = "".join(chars)
    assume(altered != quote)
    found = best_passages(SEED_TEXT, altered, count)
    assert found
    assert found[0].distance <= count
    assert found[0].span.start < span.end
    assert span.start < found[0].span.end
    # Through the matcher: the quote is "changed", its closest passage at the right place.
    assume(altered.strip() == altered)
    match = match_quote(DOCUMENT, altered, Hints())
    assert match.stage == "approximate"
    assert match.span is not None
    assert match.span.start < span.end
    assert span.start < match.span.end


def test_minimum_score_is_strict_for_short_quotes_and_looser_for_long_ones() -> None:
    assert minimum_score(10) == minimum_score(20) == 0.9
    assert minimum_score(80) == minimum_score(500) == 0.75
    scores = [minimum_score(length) for length in range(1, 200)]
    assert scores == sorted(scores, reverse=True)


def test_a_short_quote_is_never_matched_approximately() -> None:
    assert len("Rusia vetoed") == SHORTEST_APPROXIMATE  # one edit from "Russia vetoed"
    assert match_quote(DOCUMENT, "Rusia vetoed", Hints()).stage == "approximate"
    short = match_quote(DOCUMENT, "Rusia veto", Hints())
    assert (short.stage, short.bound, short.span) == ("none", 0, None)


def test_a_changed_word_is_the_closest_passage_with_scores() -> None:
    quote = "Russia also proposed cutting the frequency of the group’s reports submission"
    start = SEED_TEXT.index("Russia also proposed reducing")
    match = match_quote(DOCUMENT, quote, Hints(start=start))
    assert match.stage == "approximate"
    assert match.span is not None
    assert match.span.start == start
    assert DOCUMENT.slice(match.span).startswith("Russia also proposed reducing the frequency")
    assert match.edit is not None
    assert 0.75 < match.edit < 1
    assert match.position == 1.0


@pytest.mark.parametrize(
    ("expected", "found", "diff"),
    [
        ("one two three", "one 2 three", "one [-two-] {+2+} three"),
        ("one two three", "one three", "one [-two-] three"),
        ("one three", "one two three", "one {+two+} three"),
        (
            "a b c d e f g h i j k l m n o p",
            "a b c d e f g h X j k l m n o p",
            "… e f g h [-i-] {+X+} j k l m …",
        ),
    ],
)
def test_word_diff_marks_the_claims_and_the_sources_words(
    expected: str, found: str, diff: str
) -> None:
    assert word_diff(expected, found) == diff


# --- elision -------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["…", "...", ". . .", "[…]", "[...]", "[ … ]"], ids=repr)
def test_each_omission_mark_splits_the_quote_into_kept_pieces(marker: str) -> None:
    quote = f"Russia also proposed {marker} once a year."
    assert omissions.has_markers(quote)
    pieces = omissions.pieces(quote)
    assert [piece.text for piece in pieces] == ["Russia also proposed", "once a year."]
    assert pieces[0].gap == 0
    assert pieces[1].gap == omissions.ELISION_GAP
    assert omissions.rebuild(quote, ["R", "o"]) == f"R {marker} o"


def test_brackets_are_alterations_with_a_short_gap() -> None:
    pieces = omissions.pieces("[t]he US, UK and France [reject] these proposals")
    assert [piece.text for piece in pieces] == ["he US, UK and France", "these proposals"]
    assert pieces[1].gap == omissions.ALTERATION_GAP
    assert not omissions.has_markers("no marks (round brackets are text) here")


def test_placements_need_one_paragraph_and_the_pieces_in_order() -> None:
    kept = omissions.pieces("Russia also proposed reducing … from twice to once a year.")
    (placement,) = omissions.placements(SEED_TEXT, kept, 100)
    first, second = placement.spans
    assert SEED_TEXT[first.start : first.end] == "Russia also proposed reducing"
    assert SEED_TEXT[second.start : second.end] == "from twice to once a year."
    assert omissions.placements(SEED_TEXT, list(reversed(kept)), 100) == []
    across = omissions.pieces("once a year. … The NK News article noted")
    assert omissions.placements(SEED_TEXT, across, 100) == [], "a blank line ends the passage"


@SEED_PROPERTY
@given(st.integers(0, len(SEED_TEXT) - 1), st.data())
def test_two_pieces_of_one_paragraph_joined_by_an_omission_match_where_they_stand(
    offset: int, data: st.DataObject
) -> None:
    around = paragraph(SEED_TEXT, Span(offset, offset))
    assume(around.end - around.start >= 60)
    a = data.draw(st.integers(around.start, around.end - 30))
    b = data.draw(st.integers(a + 12, min(around.end - 14, a + 150)))
    c = data.draw(st.integers(b + 1, min(around.end - 12, b + 300)))
    d = data.draw(st.integers(c + 12, min(around.end, c + 150)))
    a, b = on_words(SEED_TEXT, a, b)
    c, d = on_words(SEED_TEXT, c, d)
    assume(b < c)
    first, second = SEED_TEXT[a:b], SEED_TEXT[c:d]
    assume(first == first.strip() and second == second.strip())
    assume("…" not in first + second)  # the seed's own ellipsis would split a piece
    assume(occurrences(SEED_TEXT, first) == 1 and SEED_TEXT.find(second, b) == c)
    # An offset on a blank line lies between two paragraphs; the pieces must share one.
    assume(re.search(r"\n[ \t]*\n", SEED_TEXT[a:d]) is None)
    marker = data.draw(st.sampled_from(["…", "...", ". . .", "[…]", "[...]"]))
    # Dots run together ("me . . . . A") are read with the period first (the Bluebook's
    # sentence-ending omission); a kept piece that itself begins with a period is not.
    assume(not (marker in ("...", ". . .") and second.startswith(".")))
    quote = f"{first} {marker} {second}"
    match = match_quote(DOCUMENT, quote, Hints())
    assert match.stage == "exact"
    assert match.spans == (Span(a, b), Span(c, d))


def test_the_hinted_place_in_other_typography_beats_an_exact_look_alike() -> None:
    text = "First, the Panel’s view was clear.\n\nLater, someone wrote the Panel's view again."
    at = text.index("the Panel’s view")
    hints = Document(text).hints_for(Span(at, at + len("the Panel’s view")))
    match = match_quote(Document(text), "the Panel's view", hints)
    assert (match.stage, match.span, match.selected_by) == ("typography", hints_span(hints), "hint")
    # Without the hint, the verbatim occurrence is the match.
    assert match_quote(Document(text), "the Panel's view", Hints()).stage == "exact"


def hints_span(hints: Hints) -> Span:
    assert hints.start is not None
    assert hints.end is not None
    return Span(hints.start, hints.end)


def test_more_occurrences_than_are_counted_are_ambiguous_whatever_the_context() -> None:
    text = "".join(f"Paragraph {n}: the Panel failed again.\n\n" for n in range(150))
    last = text.rindex("the Panel failed")
    hints = Document(text).hints_for(Span(last, last + len("the Panel failed")))
    stale = Hints(hints.start + 3, hints.end + 3, hints.prefix, hints.suffix)  # type: ignore[operator]
    for quote in ("the Panel failed", "the Panel … again"):
        match = match_quote(Document(text), quote, stale)
        assert match.stage == "ambiguous"
        assert match.uncounted


def test_a_match_never_ends_inside_a_folded_character() -> None:
    """`see.` is not `see…`: the first of the three dots `…` folds to is not a full stop."""
    text = "We will see… the end of the Panel, said the diplomat in the hall."
    match = match_quote(Document(text), "We will see.", Hints())
    assert match.stage != "typography"
    ligature = "The ﬁnance ministry agreed with the Panel on every point."
    assert match_quote(Document(ligature), "inance ministry agreed", Hints()).stage != "typography"
    assert match_quote(Document(ligature), "The finance ministry", Hints()).stage == "typography"


def test_superscripts_and_fractions_keep_their_meaning() -> None:
    assert normalise_text("10⁵ tonnes, ½ of it") == "10⁵ tonnes, ½ of it"
    text = "They shipped 10⁵ tonnes of coal to the port last year."
    assert match_quote(Document(text), "shipped 105 tonnes of coal", Hints()).stage != "typography"


def test_context_selects_between_two_places_of_an_edge_altered_quote() -> None:
    text = "Earlier: The Panel failed us.\n\nLater, in another hall: The Panel failed us."
    second = text.rindex("The Panel failed")
    recorded = Document(text).hints_for(Span(second, second + len("The Panel failed")))
    context = Hints(prefix=recorded.prefix, suffix=recorded.suffix)
    match = match_quote(Document(text), "[T]he Panel failed", context)
    assert (match.stage, match.span, match.selected_by) == (
        "exact",
        Span(second, second + len("The Panel failed")),
        "context",
    )


def test_a_stray_space_around_a_quote_is_not_taken_into_it() -> None:
    match = match_quote(DOCUMENT, " Unfortunately not. ", Hints())
    assert match.stage == "typography"
    assert match.span is not None
    assert SEED_TEXT[match.span.start : match.span.end] == "Unfortunately not."


def test_a_very_long_quote_that_is_not_verbatim_is_not_searched_approximately() -> None:
    long_quote = SEED_TEXT[:1500].replace("Russia", "Ruszia")
    match = match_quote(DOCUMENT, long_quote, Hints())
    assert (match.stage, match.too_long) == ("none", True)


@given(st.text(alphabet="abc ", max_size=12), st.text(alphabet="abc ", max_size=12))
def test_similarity_is_one_minus_the_edit_distance_over_the_longer(one: str, other: str) -> None:
    longest = max(len(one), len(other))
    expected = 1 - levenshtein(one, other) / longest if longest else 1.0
    assert similarity(one, other) == pytest.approx(expected)
