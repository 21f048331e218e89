"""CSV for spreadsheets (`export --excel`): a byte order mark, and no cell a formula.

A spreadsheet opening CSV runs a cell that begins with `=`, `+`, `-` or `@` as a formula
(and tab or carriage return can smuggle one in), so a hostile quote could run in a
reader's spreadsheet. As OWASP's CSV-injection advice says, such a cell is written with
a `'` in front, which spreadsheets take as "text" and do not show. A cell that already
begins with `'` gets one too, so the guard can be undone without doubt: remove one
leading `'` from every cell that begins with one. Plain CSV stays byte-faithful.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a cell must not begin with in a spreadsheet (OWASP, CSV injection)."""
GUARD = "'"
BYTE_ORDER_MARK = "\ufeff"
"""Tells spreadsheets the file is UTF-8 (without it, Excel reads it in the locale's code page)."""


def guard_cell(cell: str) -> str:
    """`cell` as a spreadsheet must get it: `'` in front of a formula start or a `'`."""
    return GUARD + cell if cell.startswith((*FORMULA_STARTS, GUARD)) else cell


def unguard_cell(cell: str) -> str:
    """The cell as it was before `guard_cell`."""
    return cell.removeprefix(GUARD)


def write_excel_csv(
    records: Sequence[Mapping[str, object]], columns: Sequence[str], out: TextIO
) -> None:
    """`writers.write_csv`'s CSV with a byte order mark and every cell guarded."""
    from dprktrack.output.writers import flat, write_csv

    guarded = [{column: guard_cell(flat(row.get(column))) for column in columns} for row in records]
    out.write(BYTE_ORDER_MARK)
    write_csv(guarded, columns, out)
