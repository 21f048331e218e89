"""`check`'s text report as lines of styled pieces, free of rich.

A pipe, a CI log or a pre-commit hook gets the lines as plain text without
importing rich at all; a colour terminal gets the same pieces drawn by rich.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from dprktrack.output.safetext import inert_in_logs, visible

Line = list[tuple[str, str]]
"""One line of the report: pieces of text, each with its rich style ("" for none)."""

SEVERITY_STYLES = {"pass": "green", "warning": "yellow", "failure": "bold red"}
_DIFF_PART = re.compile(r"(\[-.*?-\]|\{\+.*?\+\})")


def one_line(text: str) -> str:
    """Text from data shown on one line: a line break in it could pass for a new finding,
    and a CI log must not take it for a workflow command."""
    return inert_in_logs(visible(text).replace("\n", "\\n"))


def finding_lines(
    name: str, records: Sequence[dict[str, Any]], totals_line: str, *, planned: bool = False
) -> list[Line]:
    """`claims.json:LINE:COL: ID verdict: message` per finding, its diff below, then the summary.

    A finding is one line whatever the terminal's width, so tools reading
    `file:line:col:` see each one whole.
    """
    lines: list[Line] = []
    for record in records:
        if record["verdict"] == "ok":
            continue
        place = f"{one_line(name)}:{record['line']}:{record['column']}"
        line = [
            (f"{place}: {one_line(record['id'])} ", ""),
            (record["verdict"], SEVERITY_STYLES[record["severity"]]),
            (f": {one_line(record['message'])}", ""),
        ]
        if record["fixed"]:
            line.append((" (--fix would repair it)" if planned else " (fixed)", "green"))
        lines.append(line)
        if record["diff"]:
            lines.append(_diff_line(record["diff"]))
    lines.append([(totals_line, "bold")])
    return lines


def plain(line: Line) -> str:
    return "".join(text for text, _ in line)


def _diff_line(diff: str) -> Line:
    """A word diff indented under its finding: claim's words red, source's words green."""
    line: Line = [("    ", "")]
    for part in _DIFF_PART.split(one_line(diff)):
        if part.startswith("[-") and part.endswith("-]"):
            line.append((part, "red"))
        elif part.startswith("{+") and part.endswith("+}"):
            line.append((part, "green"))
        elif part:
            line.append((part, ""))
    return line
