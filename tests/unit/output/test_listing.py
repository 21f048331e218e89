"""Listing widths: shared by ratio as rich shares them, never under a column's floor; and the
blocks drawn below that width."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich._ratio import ratio_distribute
from rich.text import Text

from dprktrack.output.blocks import Field, Fields, record_blocks
from dprktrack.output.listing import Column, flex_widths, listing_table, narrowest
from dprktrack.render import make_console, rendered

SHARES = st.lists(st.tuples(st.integers(1, 8), st.integers(1, 40)), min_size=1, max_size=5)


@given(SHARES, st.integers(0, 300))
def test_every_column_gets_its_floor_and_the_total_is_kept(
    shares: list[tuple[int, int]], slack: int
) -> None:
    ratios, floors = [ratio for ratio, _ in shares], [floor for _, floor in shares]
    widths = flex_widths(sum(floors) + slack, ratios, floors)
    assert all(width >= floor for width, floor in zip(widths, floors, strict=True))
    assert sum(widths) == sum(floors) + slack


@given(st.lists(st.integers(1, 8), min_size=1, max_size=5), st.integers(20, 300))
def test_without_a_floor_in_the_way_the_shares_are_richs(ratios: list[int], total: int) -> None:
    floors = [1] * len(ratios)
    widths = flex_widths(total, ratios, floors)
    if all(width > 1 for width in widths):
        assert widths == ratio_distribute(total, ratios, floors)


def test_no_table_below_the_width_that_gives_every_column_its_floor() -> None:
    columns = [Column("id", 30), Column("text", 10, ratio=1)]
    assert listing_table(columns, narrowest([30, 10])) is not None
    assert listing_table(columns, narrowest([30, 10]) - 1) is None


def test_whole_fields_pass_the_edge_and_the_others_wrap_under_their_label() -> None:
    console = make_console(io.StringIO(), colour=False)
    console.width = 30
    identifier = "a-very-long-identifier-that-will-not-fit-in-thirty-columns"
    view = record_blocks(
        [
            [
                Field("id", Text(identifier), whole=True),
                Field("note", Text("words that wrap under their label " * 2)),
            ],
            [Field("id", Text("short"), whole=True)],
        ]
    )
    lines = rendered(console, view).splitlines()
    assert lines[0] == f"id:   {identifier}"
    assert lines[1].startswith("note: words")
    assert all(len(line) <= 30 for line in lines[1:])
    assert all(line.startswith("      ") for line in lines[2:-2])
    assert lines[-2:] == ["", "id:   short"]


def test_fields_align_their_values_after_the_longest_key() -> None:
    console = make_console(io.StringIO(), colour=False)
    console.width = 80
    view = Fields([Field("a", Text("one")), Field("longer", Text("two"))])
    assert rendered(console, view) == "a       one\nlonger  two\n"
