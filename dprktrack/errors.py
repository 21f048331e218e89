"""Errors a user can fix, and the exit codes they map to.

Every failure caused by input (command line, claims file, sources) is raised as a
`DprkError`; the command line prints its lines on stderr and exits with its code,
so bad input never shows a Python traceback.
"""

from __future__ import annotations

from typing import NamedTuple

EXIT_OK = 0
EXIT_FAILURE = 1
"""A negative answer: `check` found a failing claim, `locate` found nothing to quote,
`add-actor` found the actor there already, or `diff --exit-code` found differences."""
EXIT_INPUT = 2
"""Unusable input: a usage error, an unreadable or invalid claims file or source, an unknown id."""
EXIT_OUTPUT = 2
"""Nowhere to write: stdout is closed, or writing to it failed (a full disk). The run could
not do its job, as with unusable input; a reader closing a pipe early is not this."""
EXIT_INTERRUPTED = 130
"""Interrupted (Ctrl-C, or input ended while asking): nothing was written."""
EXIT_INTERNAL = 70
"""A bug in dprktrack itself (EX_SOFTWARE); the message says how to get the traceback."""

JsonPath = tuple[str | int, ...]


class Problem(NamedTuple):
    """One thing wrong with a claims file, located by its JSON path (a named tuple: a
    frozen dataclass costs a millisecond at every start)."""

    path: JsonPath
    message: str
    claim_id: str | None = None


def format_json_path(path: JsonPath) -> str:
    """Render a path the way jq and JSONPath readers expect: `$.claims[12].stances[0]`."""
    parts = ["$"]
    for key in path:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        elif key.isidentifier():
            parts.append(f".{key}")
        else:
            parts.append(f"[{key!r}]")
    return "".join(parts)


class DprkError(Exception):
    """An error the user can fix; each line is printed as one message on stderr."""

    def __init__(self, lines: str | list[str], exit_code: int = EXIT_INPUT) -> None:
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        self.exit_code = exit_code
        super().__init__("\n".join(self.lines))


class UnsafeInput(DprkError):
    """Input refused as unsafe (a source outside the claims folder, a device, too large).

    Never turned into a verdict: `check` stops with exit 2 rather than report it per claim.
    """
