"""Machine formats: JSON, CSV and Markdown, written with the standard library only.

These never import rich, so piping `--format json` stays fast, and they never
decorate: what reaches stdout is exactly the data. JSON writes the characters a
terminal would obey as `\\u` escapes, which mean the same to any JSON reader.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any, TextIO

from dprktrack.output.safetext import escape_json, inert_in_logs, visible

Record = dict[str, Any]


def write_json(data: Any, out: TextIO) -> None:
    """Indented JSON, UTF-8 as is but for the characters `escape_json` escapes.

    Written in batches of pieces, so a large document is never held twice in memory.
    A stream in another encoding (`PYTHONIOENCODING=ascii`) gets every other character
    as a `\\u` escape too, so the JSON still parses to the same data.
    """
    pieces = json.JSONEncoder(ensure_ascii=not _unicode(out), indent=2).iterencode(data)
    while batch := list(islice(pieces, 4096)):
        out.write(escape_json("".join(batch)))
    out.write("\n")


def write_jsonl(records: Iterable[Any], out: TextIO) -> None:
    """JSON Lines: one compact object per line, UTF-8 as is.

    Every line break a reader might split on (str.splitlines, editors, old JavaScript)
    is escaped inside strings, so each record stays on exactly one line; so are the
    other characters `escape_json` escapes.
    """
    ascii_only = not _unicode(out)
    for record in records:
        line = json.dumps(record, ensure_ascii=ascii_only, separators=(",", ":"))
        out.write(escape_json(line) + "\n")


def _unicode(out: TextIO) -> bool:
    """Whether the stream can encode every character (UTF-8, UTF-16, UTF-32)."""
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def flat(value: Any) -> str:
    """One cell of text for a nested value.

    Stance entries read `panel-of-experts=oppose; russia-veto=support`, counts
    `support 2, oppose 1`, counts per target `panel-of-experts: support 2; …`.
    """
    if value is None or isinstance(value, bool):
        return {None: "", True: "true", False: "false"}[value]
    if isinstance(value, list):
        return "; ".join(flat(item) for item in value)
    if isinstance(value, dict):
        if all(isinstance(item, str) for item in value.values()):
            return "=".join(value.values())  # a stance entry: target=stance
        if all(isinstance(item, int) for item in value.values()):
            return ", ".join(f"{key} {item}" for key, item in value.items())  # support 2, oppose 1
        return "; ".join(f"{key}: {flat(item)}" for key, item in value.items())
    return str(value)


def write_csv(records: Sequence[Record], columns: Sequence[str], out: TextIO) -> None:
    """CSV with `\\n` line ends; a row holding a carriage return is quoted whole.

    The csv module quotes a field only for the characters of its own line end, so
    a bare `\\r` would go out raw and end the row early for every reader. CSV has
    no escapes: for a program it carries control characters as they are, but on a
    terminal they are shown as escapes (as `visible` does), since a person reads it.
    """
    shown = out.isatty()
    writer = csv.writer(out, lineterminator="\n")
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    for record in records:
        row = [flat(record.get(column)) for column in columns]
        row = [visible(cell) for cell in row] if shown else row
        (quoted if any("\r" in cell for cell in row) else writer).writerow(row)


def markdown_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: pipes escaped, line breaks as <br>.

    Markdown is read by people, often on a terminal or in a CI log, so control
    characters are shown as escapes and `##[` as `##\\x5b`; JSON and CSV stay
    byte-faithful for programs.
    """
    lines = flat(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(
        inert_in_logs(visible(line)).replace("\\", "\\\\").replace("|", "\\|") for line in lines
    )


def write_markdown(records: Sequence[Record], columns: Sequence[str], out: TextIO) -> None:
    out.write("| " + " | ".join(columns) + " |\n")
    out.write("|" + "|".join("---" for _ in columns) + "|\n")
    for record in records:
        out.write("| " + " | ".join(markdown_cell(record.get(c)) for c in columns) + " |\n")
