"""Machine formats: JSON, CSV and Markdown, written with the standard library only.

These never import rich, so piping `--format json` stays fast, and they never
decorate: what reaches stdout is exactly the data.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any, TextIO

Record = dict[str, Any]


def write_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def flat(value: Any) -> str:
    """One cell of text for a nested value, e.g. stances as `panel-of-experts=oppose; …`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(flat(item) for item in value)
    if isinstance(value, dict):
        if all(isinstance(item, str) for item in value.values()):
            return "=".join(value.values())
        return "; ".join(f"{key}: {_counts(item)}" for key, item in value.items())
    return str(value)


def _counts(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key} {item}" for key, item in value.items())
    return flat(value)


def write_csv(records: Sequence[Record], columns: Sequence[str], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([flat(record.get(column)) for column in columns])


def markdown_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: pipes escaped, line breaks as <br>."""
    text = flat(value).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def write_markdown(records: Sequence[Record], columns: Sequence[str], out: TextIO) -> None:
    out.write("| " + " | ".join(columns) + " |\n")
    out.write("|" + "|".join("---" for _ in columns) + "|\n")
    for record in records:
        out.write("| " + " | ".join(markdown_cell(record.get(c)) for c in columns) + " |\n")
