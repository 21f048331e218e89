"""CSV for spreadsheets (`export --excel`): a byte order mark, every cell quoted, none a formula.

A spreadsheet opening CSV runs a cell that begins with `=`, `+`, `-` or `@` as a formula
(and tab, carriage return or NUL can smuggle one in), so a hostile quote could run in a
reader's spreadsheet. As OWASP's CSV-injection advice says, such a cell is written with
a `'` in front, which spreadsheets take as "text" and do not show, and every cell is
wrapped in double quotes (RFC 4180's quoting, every double quote doubled), so that a
reader that honours quotes never ends a cell at a `,` or `;` inside it. A cell that
already begins with `'` gets one too, so the guard can be undone without doubt: remove one
leading `'` from every cell that begins with one. Plain CSV stays byte-faithful.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
"""What a cell must not begin with in a spreadsheet (OWASP's CSV injection, ASVS 1.2.10)."""
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
    """CSV with a byte order mark, `\\n` line ends, every cell guarded and in double quotes
    (the header too); on a terminal, control characters are shown as escapes."""
    import csv

    from dprktrack.output.safetext import visible
    from dprktrack.output.writers import flat

    shown = out.isatty()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    out.write(BYTE_ORDER_MARK)
    writer.writerow(columns)
    for row in records:
        cells = [guard_cell(flat(row.get(column))) for column in columns]
        writer.writerow([visible(cell) for cell in cells] if shown else cells)
