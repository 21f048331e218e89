"""`export --excel`: no cell a spreadsheet would run as a formula, and the guard undone exactly."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from dprktrack.export.spreadsheet import (
    BYTE_ORDER_MARK,
    FORMULA_STARTS,
    GUARD,
    guard_cell,
    unguard_cell,
    write_excel_csv,
)

DANGEROUS = st.sampled_from([*FORMULA_STARTS, GUARD])
SEPARATORS = st.sampled_from([",", ";", '"', "\n", "\r\n"])
CELLS = st.one_of(
    st.text(),
    st.builds(str.__add__, DANGEROUS, st.text()),
    st.builds("".join, st.lists(st.one_of(DANGEROUS, SEPARATORS, st.text(max_size=3)))),
)


@given(CELLS)
def test_a_guarded_cell_never_starts_a_formula_and_unguards_to_itself(cell: str) -> None:
    guarded = guard_cell(cell)
    assert not guarded.startswith(FORMULA_STARTS)
    assert unguard_cell(guarded) == cell
    assert guarded == cell or guarded == GUARD + cell


@given(st.lists(st.tuples(CELLS, CELLS), max_size=5))
def test_no_cell_of_excel_csv_starts_a_formula(pairs: list[tuple[str, str]]) -> None:
    rows = [{"a": first, "b": second} for first, second in pairs]
    out = io.StringIO()
    write_excel_csv(rows, ["a", "b"], out)
    text = out.getvalue()
    assert text.startswith(BYTE_ORDER_MARK)
    read = list(csv.reader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK), newline="")))
    assert read[0] == ["a", "b"]
    cells = [cell for row in read[1:] for cell in row]
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)
    assert [[unguard_cell(cell) for cell in row] for row in read[1:]] == [
        [first, second] for first, second in pairs
    ]


def _excel_csv(pairs: list[tuple[str, str]]) -> str:
    out = io.StringIO()
    write_excel_csv([{"a": first, "b": second} for first, second in pairs], ["a", "b"], out)
    return out.getvalue()


@given(st.lists(st.tuples(CELLS, CELLS), max_size=5))
def test_every_cell_of_excel_csv_is_quoted(pairs: list[tuple[str, str]]) -> None:
    """OWASP: every cell in double quotes, every double quote doubled (csv.QUOTE_ALL), so
    that a `,` or `;` inside a cell stays in it for any reader that honours quotes."""
    text = _excel_csv(pairs).removeprefix(BYTE_ORDER_MARK)
    read = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(read)
    assert out.getvalue() == text
    assert text.startswith('"a","b"\n')


@given(st.lists(st.tuples(CELLS, CELLS), max_size=5))
def test_no_cell_after_its_guard_starts_with_a_dangerous_character(
    pairs: list[tuple[str, str]],
) -> None:
    """Read as CSV, every cell either begins with the guard, or with a safe character."""
    read = list(csv.reader(io.StringIO(_excel_csv(pairs).removeprefix(BYTE_ORDER_MARK))))
    for cell in (cell for row in read for cell in row):
        assert not cell.startswith(FORMULA_STARTS)
        assert not cell.startswith(("\0", "\t", "\r"))


def test_the_owasp_starts_are_all_guarded() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r", "\0"):
        assert guard_cell(f"{start}SUM(A1)") == f"'{start}SUM(A1)"
    assert guard_cell("plain") == "plain"
