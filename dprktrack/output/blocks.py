"""Labelled fields, one per line or wrapped under their label, whose ids never break.

A table squeezed narrower than its ids would have to cut them; below that width each
record is drawn as a block of `key: value` lines instead, and `show` lists a claim's
facts the same way. A whole value (an id, or a line that begins with one) is kept on
one line whatever the width: a terminal may fold it visually, but the text holds the
id whole, ready to copy. Other values wrap under their label. Print with `crop=False`
(`render.print_view` does), or rich cuts the whole lines at the terminal's edge.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions

NARROWEST_WRAP = 16
"""Wrapped values get at least this many columns, however long the labels."""


class Field(NamedTuple):
    """One labelled value; `whole` keeps each of its lines unwrapped (ids)."""

    key: str
    value: Text
    whole: bool = False


class Fields:
    """Fields one under another, values aligned after the longest key.

    `gap` spaces separate the keys from the values; continuation lines are indented
    to the values' column.
    """

    def __init__(self, fields: Sequence[Field], *, key_style: str = "dim", gap: int = 2) -> None:
        self.fields = list(fields)
        self.key_style = key_style
        self.gap = gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        key_width = max((len(field.key) for field in self.fields), default=0)
        indent = key_width + self.gap
        wrap_width = max(options.max_width - indent, NARROWEST_WRAP)
        for field in self.fields:
            if field.whole:
                lines = list(field.value.split("\n"))
            else:
                lines = list(field.value.wrap(console, wrap_width, overflow="fold"))
            for number, line in enumerate(lines or [Text()]):
                label = field.key.ljust(indent) if number == 0 else " " * indent
                out = Text(label, style=self.key_style if number == 0 else "")
                out.append_text(line)
                out.no_wrap, out.overflow = True, "ignore"
                out.rstrip()
                yield out


def record_blocks(records: Sequence[Sequence[Field]]) -> Fields:
    """Records one after another, `key:` labels, a blank line between two records."""
    fields: list[Field] = []
    for index, record in enumerate(records):
        if index:
            fields.append(Field("", Text(), whole=True))
        fields.extend(Field(f"{key}:", value, whole) for key, value, whole in record)
    return Fields(fields, gap=1)
