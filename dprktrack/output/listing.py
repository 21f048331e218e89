"""The listing tables' columns laid out so that no id is ever broken across lines.

rich shares a table's width by ratio but, squeezed, shrinks every column alike and
folds whatever no longer fits, ids included. Here each column has a floor (for a
column of ids, its longest id) and the widths are decided before rich sees the
table: fixed columns as wide as their widest line, the rest shared by ratio, none
under its floor. Where the width cannot give every column its floor there is no
table: the caller draws one block per record instead (`output.blocks`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from math import ceil
from typing import TYPE_CHECKING, Literal, NamedTuple

from rich import box
from rich.cells import cell_len
from rich.table import Table

if TYPE_CHECKING:
    from rich.console import JustifyMethod


class Column(NamedTuple):
    """One column of a listing: `ratio` 0 keeps it unwrapped, exactly `floor` wide."""

    header: str
    floor: int
    ratio: int = 0
    justify: JustifyMethod = "left"
    style: str = ""


def fixed_width(header: str, lines: Iterable[str]) -> int:
    """The width of an unwrapped column: its widest line, or its header."""
    return max([cell_len(header), *map(cell_len, lines)])


def widest(lines: Iterable[str], at_least: int = 0) -> int:
    """The widest of `lines` (ids a column must keep whole), or `at_least`."""
    return max([at_least, *map(cell_len, lines)])


def narrowest(floors: Sequence[int]) -> int:
    """The width a listing needs to give each column its floor: a space either side of
    each column and one between two columns (the box of `listing_table`)."""
    return sum(floors) + 3 * len(floors) - 1


def listing_table(columns: Sequence[Column], width: int) -> Table | None:
    """The listings' one table style (a rule under the header, a blank line between rows)
    with every column's width set; None where `width` cannot give each its floor."""
    floors = [_floor(column) for column in columns]
    spare = width - narrowest(floors)
    if spare < 0:
        return None
    flexible = [index for index, column in enumerate(columns) if column.ratio]
    # Shared as rich shares them, padding (a space either side) included.
    shared = spare + sum(floors[index] + 2 for index in flexible)
    shares = flex_widths(
        shared, [columns[i].ratio for i in flexible], [floors[i] + 2 for i in flexible]
    )
    widths = list(floors)
    for index, share in zip(flexible, shares, strict=True):
        widths[index] = share - 2
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, show_edge=False, expand=True)
    for column, column_width in zip(columns, widths, strict=True):
        overflow: Literal["fold"] = "fold"
        table.add_column(
            column.header,
            width=column_width,
            no_wrap=not column.ratio,
            overflow=overflow,
            justify=column.justify,
            style=column.style,
        )
    return table


def _floor(column: Column) -> int:
    """A column's floor, widened so that a word of its header is never cut either."""
    return max([column.floor, *(cell_len(word) for word in column.header.split())])


def flex_widths(total: int, ratios: Sequence[int], floors: Sequence[int]) -> list[int]:
    """`total` columns shared by ratio as rich shares them, none under its floor: a column
    whose share would be short gets its floor and the others share what is left."""
    pinned: dict[int, int] = {}
    while True:
        free = [index for index in range(len(ratios)) if index not in pinned]
        remaining = total - sum(pinned.values())
        ratio_total = sum(ratios[index] for index in free)
        short = [i for i in free if remaining * ratios[i] < floors[i] * ratio_total]
        if not short:
            break
        pinned.update((index, floors[index]) for index in short)
    widths = [pinned.get(index, 0) for index in range(len(ratios))]
    for index in free:  # rich's rounding: each takes the ceiling of its share of the rest
        widths[index] = max(floors[index], ceil(ratios[index] * remaining / ratio_total))
        remaining -= widths[index]
        ratio_total -= ratios[index]
    excess = sum(widths) - total
    while excess > 0:  # rounding took a column or two too many: give them back
        index = max(range(len(widths)), key=lambda i: widths[i] - floors[i])
        widths[index] -= 1
        excess -= 1
    return widths
