"""Cutting a source into highlighted segments: nested, overlapping and adjacent claims."""

from __future__ import annotations

import itertools

from htmlparts import Page
from hypothesis import given
from hypothesis import strategies as st
from support import CATALOG

from dprktrack.report.article import Segment, paragraph_bounds, segments
from dprktrack.report.page import report_html


def test_nested_spans_cut_the_outer_one_in_three() -> None:
    assert segments([(0, 10, "a"), (3, 6, "b")]) == [
        Segment(0, 3, ("a",)),
        Segment(3, 6, ("a", "b")),
        Segment(6, 10, ("a",)),
    ]


def test_overlapping_spans_share_the_middle() -> None:
    assert segments([(0, 6, "a"), (4, 9, "b")]) == [
        Segment(0, 4, ("a",)),
        Segment(4, 6, ("a", "b")),
        Segment(6, 9, ("b",)),
    ]


def test_adjacent_spans_stay_two_segments_and_a_gap_is_no_segment() -> None:
    assert segments([(0, 4, "a"), (4, 8, "b"), (10, 12, "c")]) == [
        Segment(0, 4, ("a",)),
        Segment(4, 8, ("b",)),
        Segment(10, 12, ("c",)),
    ]


def test_ids_keep_the_claims_file_order_whatever_the_nesting() -> None:
    assert segments([(2, 4, "z"), (0, 9, "a")])[1].claims == ("z", "a")


def test_paragraph_cuts_split_a_span_and_bounds_cover_the_text() -> None:
    text = "One two.\n\nThree four.\n \nFive."
    bounds = paragraph_bounds(text)
    assert bounds == [0, 10, 24, len(text)]
    assert [s.claims for s in segments([(4, 15, "a")], bounds)] == [("a",), ("a",)]
    assert paragraph_bounds("") == [0]


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(1, 20)).map(lambda p: (p[0], p[0] + p[1])),
        max_size=8,
    ),
    st.lists(st.integers(0, 60), max_size=4),
)
def test_each_claims_segments_tile_its_span_exactly(
    pairs: list[tuple[int, int]], cuts: list[int]
) -> None:
    spans = [(start, end, f"c{index}") for index, (start, end) in enumerate(pairs)]
    found = segments(spans, cuts)
    for start, end, claim_id in spans:
        own = [s for s in found if claim_id in s.claims]
        assert own[0].start == start
        assert own[-1].end == end
        assert all(a.end == b.start for a, b in itertools.pairwise(own))
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_every_placed_claim_of_the_bundled_data_reads_as_its_passage() -> None:
    page = Page(report_html(CATALOG))
    text = CATALOG.source_text(next(iter(CATALOG.sources)))
    from dprktrack.query import claim_span

    for claim in CATALOG.claims.values():
        span = claim_span(text, claim)
        assert span is not None
        assert page.highlighted(claim.id) == text[span.start : span.end], claim.id
        assert len(page.by_id(f"q_{claim.id}")) == 1
        first = next(m for m in page.marks if claim.id in m.attrs["data-claims"].split())
        anchor = page.by_id(f"q_{claim.id}")[0]
        assert anchor is first or anchor.tag == "span"  # several claims may begin at one place


def test_marks_carry_a_stance_class_and_a_depth() -> None:
    page = Page(report_html(CATALOG))
    for mark in page.marks:
        classes = mark.attrs["class"].split()
        assert "claim" in classes
        assert any(c.startswith("s-") for c in classes)
        assert f"d{min(len(mark.attrs['data-claims'].split()), 3)}" in classes
        assert mark.attrs["title"]
