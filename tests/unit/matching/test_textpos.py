"""Locating quotes: properties over the real seed (hypothesis) and the edge cases."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from strategies import seed_spans
from support import SEED_TEXT

from dprktrack.matching.boundaries import is_boundary
from dprktrack.matching.matcher import Document, Hints, match_quote
from dprktrack.matching.textpos import LineIndex, Span, paragraph, paragraphs, sentence


def find_unique(text: str, quote: str) -> Span | None:
    """The exact stages of the matcher, as lookups use them: a span only when unique."""
    match = match_quote(Document(text), quote, Hints(), exact_only=True)
    return match.span if match.stage == "exact" else None


@example(Span(37, 90))  # the repeated heading, with the blank lines around it
@given(seed_spans(max_size=400))
def test_a_substring_that_occurs_once_anchors_back_to_its_own_span(span: Span) -> None:
    quote = SEED_TEXT[span.start : span.end]
    # Overlapping occurrences count too, on whole words only
    # ("\n\nX\n" can start twice within "\n\nX\n\nX\n").
    starts = [
        i
        for i in range(len(SEED_TEXT))
        if SEED_TEXT.startswith(quote, i)
        and is_boundary(SEED_TEXT, i)
        and is_boundary(SEED_TEXT, i + len(quote))
    ]
    if len(starts) == 1:
        assert find_unique(SEED_TEXT, quote) == span
    else:
        assert find_unique(SEED_TEXT, quote) is None, "never guess between occurrences"


@given(st.text(alphabet="ab\n", max_size=40), st.text(alphabet="ab\n", min_size=1, max_size=4))
def test_the_exact_stages_agree_with_a_naive_scan(text: str, quote: str) -> None:
    # Only occurrences on whole words count: "a" is not in "ab".
    naive = [
        i
        for i in range(len(text))
        if text.startswith(quote, i) and is_boundary(text, i) and is_boundary(text, i + len(quote))
    ]
    expected = Span(naive[0], naive[0] + len(quote)) if len(naive) == 1 else None
    assert find_unique(text, quote) == expected


def test_the_repeated_title_is_ambiguous() -> None:
    title = "The sanctions regime against the DPRK under threat"
    assert SEED_TEXT.count(title) == 2  # the heading stands twice
    assert find_unique(SEED_TEXT, title) is None


@given(st.text(alphabet="xy\n", max_size=60), st.data())
def test_line_index_agrees_with_counting_newlines(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    line, column = LineIndex(text).position(offset)
    assert line == text.count("\n", 0, offset) + 1
    assert column == offset - (text.rfind("\n", 0, offset) + 1) + 1
    assert text.split("\n")[line - 1][: column - 1] == text[offset - column + 1 : offset]


@given(seed_spans(min_size=1, max_size=400))
def test_paragraph_contains_the_span_and_no_blank_line(span: Span) -> None:
    quote = SEED_TEXT[span.start : span.end]
    if "\n\n" in quote or quote != quote.strip():
        return  # quotes are trimmed text inside one paragraph
    around = paragraph(SEED_TEXT, span)
    assert around.start <= span.start <= span.end <= around.end
    assert "\n\n" not in SEED_TEXT[around.start : around.end].strip("\n")


@given(st.text(alphabet="ab .!?\n", max_size=60), st.data())
def test_a_sentence_holds_its_span_inside_its_paragraph(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = Span(start, end)
    around = sentence(text, span, longest=20)
    bounds = paragraph(text, span)
    assert bounds.start <= around.start <= start
    assert end <= around.end <= bounds.end
    # It ends with a sentence, with its paragraph, or (cut short) near the span.
    ends_sentence = text[around.end - 1 : around.end] in (".", "!", "?")
    assert ends_sentence or around.end == bounds.end or around.end - end <= 20


def test_paragraphs_around_a_span_stop_at_the_ends_of_the_text() -> None:
    text = "one\n\ntwo\n\nthree\r\n \r\nfour\n\nfive"
    three = Span(text.index("three"), text.index("three") + 5)
    assert paragraphs(text, three, 0) == paragraph(text, three)
    shown = paragraphs(text, three, 1)
    assert text[shown.start : shown.end] == "two\n\nthree\r\n \r\nfour"
    assert paragraphs(text, three, 2) == Span(0, len(text))
    assert paragraphs(text, three, 50) == Span(0, len(text))


@given(seed_spans(), st.integers(0, 5))
def test_paragraphs_widen_by_whole_paragraphs_and_keep_the_span(span: Span, around: int) -> None:
    shown = paragraphs(SEED_TEXT, span, around)
    inner = paragraph(SEED_TEXT, span)
    assert shown.start <= inner.start <= span.start <= span.end <= inner.end <= shown.end
    wider = paragraphs(SEED_TEXT, span, around + 1)
    assert wider.start <= shown.start
    assert shown.end <= wider.end
    before = SEED_TEXT[shown.start : inner.start]
    assert before.count("\n\n") <= around  # each paragraph before ends at one blank line
    if shown.start:
        assert SEED_TEXT[: shown.start].endswith("\n\n"), "a paragraph begins after a break"
