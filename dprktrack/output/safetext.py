"""Making untrusted text harmless on a terminal.

Quotes, names and sources come from files anyone can edit. Control characters
(escape sequences, carriage returns, bidi overrides) are shown as visible
escapes instead of being obeyed; newlines and tabs are kept. The Unicode line and
paragraph separators are shown too: a terminal draws nothing for them, yet
`str.splitlines` (and with it the views' line handling) breaks lines there.
"""

from __future__ import annotations

import json
import re

# C0 and C1 controls except tab and newline, DEL, the bidi marks, embedding,
# override and isolate characters that can reorder what a reader sees, and the
# line and paragraph separators.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every terminal control character replaced by its escape, e.g. `\\x1b`."""
    return _UNSAFE.sub(_escape, text)


def escape_json(encoded: str) -> str:
    """JSON text (or a piece of it) with what `visible` would escape written as `\\u009b`.

    `json.dumps(ensure_ascii=False)` escapes only C0 controls, so C1 controls, bidi
    overrides and line separators would reach a terminal or a line reader raw. They
    occur only inside strings, where the escape means the same: the text parses to
    the same values. `##[` (which JSON has only inside strings) is written `##\u005b`,
    so a claims file, a dry run's patch of it or JSON output in a CI log runs no
    workflow command; a JSON line cannot begin with `::`.
    """
    return _UNSAFE.sub(_json_escape, encoded).replace("##[", "##\\u005b")


def visible_json(text: str) -> str:
    """`text` as a JSON string to show and paste: safe to print, and it still means `text`.

    It is inert in CI logs too: `##[` is written `##\\u005b` (a line cannot begin with
    `::` inside a JSON string), which any JSON reader takes for the same `[`.
    """
    return escape_json(json.dumps(text, ensure_ascii=False))


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


_SGR = r"(?:\x1b\[[0-9;]*m)"
"""A colour code, which a log viewer may strip before it reads a line for commands."""
LOG_COMMAND = re.compile(
    rf"^((?:[^\S\n]|{_SGR})*):(?=(?:{_SGR})*:)|#({_SGR}*)#({_SGR}*)\[", re.MULTILINE
)
"""What a CI runner reads as a workflow command: `::` at a line's start (after blanks and
colour codes), or `##[` anywhere (group 1 is set for the first, groups 2 and 3 for the other)."""


def inert_in_logs(text: str) -> str:
    """Text of one or more lines that a CI log cannot take for a workflow command.

    GitHub's runner reads `::command::` at the start of a line (after spaces) and the
    older `##[command]` anywhere in it; the first colon or the bracket is shown as
    an escape instead, as `visible` shows a control character. Colour codes between
    the characters do not hide them: a log viewer may strip them first.
    """
    return LOG_COMMAND.sub(_inert, text)


def _inert(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return f"{match.group(1)}\\x3a"
    return f"#{match.group(2)}#{match.group(3)}\\x5b"


def one_line(text: str) -> str:
    """Text from data shown on one line: a line break in it could pass for a new entry,
    and a CI log must not take it for a workflow command."""
    return inert_in_logs(visible(text).replace("\n", "\\n"))
