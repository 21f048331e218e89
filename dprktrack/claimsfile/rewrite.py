"""The write side: the claims file's one canonical layout, and replacing it safely.

The layout is the one JSON writer's (`output.writers.write_json`): 2-space indent,
key order kept, UTF-8 as is but for what a terminal would obey.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from dprktrack.claimsfile.safeio import write_atomically
from dprktrack.output.writers import write_json


def dump_claims(data: Any, *, newline: str = "\n") -> str:
    """The claims file's one canonical layout: key order kept, 2-space indent, UTF-8 as is.

    `newline` keeps a file's own line endings (CRLF on Windows), so a rewrite changes
    only what it must. JSON strings hold no raw line breaks, so this is safe. What a
    terminal would obey (bidi overrides, C1 controls, line separators) is written as
    a `\\u` escape, so a rewrite never turns an escaped character into a hidden one.
    """
    out = io.StringIO()
    write_json(data, out)
    text = out.getvalue()
    return text if newline == "\n" else text.replace("\n", newline)


def with_record(raw: str, section: str, record: dict[str, Any]) -> str:
    """The claims file's text with `record` appended to one of its lists.

    Written in the layout `check --fix` writes (2-space indent, UTF-8 as is), from the
    raw JSON so key order and fields the schema does not know stay as the curator
    wrote them; line endings are the file's own.
    """
    data = json.loads(raw)
    data[section] = [*data.get(section, []), record]
    return dump_claims(data, newline=newline_of(raw))


def newline_of(raw: str) -> str:
    """The line ending a claims file uses, so a rewrite keeps it."""
    return "\r\n" if "\r\n" in raw else "\n"


def replace_claims_file(path: Path, text: str, expected: str) -> None:
    """Atomically replace the claims file with `text`, unless it changed since it was read.

    `expected` is the content the change was based on; it is compared with the file
    last, just before the rename, to leave the least time for another change.
    """
    data = text.encode("utf-8")
    write_atomically(path, lambda stream: stream.write(data), expected=expected.encode("utf-8"))
