"""Making untrusted text harmless on a terminal.

Quotes, names and sources come from files anyone can edit. Control characters
(escape sequences, carriage returns, bidi overrides) are shown as visible
escapes instead of being obeyed; newlines and tabs are kept.
"""

from __future__ import annotations

import re

# C0 and C1 controls except tab and newline, DEL, and the bidi embedding,
# override and isolate characters that can reorder what a reader sees.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every terminal control character replaced by its escape, e.g. `\\x1b`."""
    return _UNSAFE.sub(_escape, text)
