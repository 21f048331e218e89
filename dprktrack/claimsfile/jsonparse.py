"""Parsing JSON text strictly, with messages that say what a curator got wrong and where.

Python's json module accepts what JSON does not (NaN, Infinity, lone surrogate
escapes) and keeps only the last of two equal keys; its syntax messages name the
parser's expectation, not the slip (a comment, a trailing comma, a cut-off file).
"""

from __future__ import annotations

import json
import re
from typing import Any

from dprktrack.errors import DprkError
from dprktrack.output.safetext import visible

MAX_DEPTH = 500
"""Nesting reported as too deep; a claims file nests five levels."""
MAX_VALUES = 4_000_000
"""Values in lists and objects (counted by commas): 100,000 claims hold about 1.5 million."""
MAX_CONTAINERS = 1_000_000
"""Objects and lists: 100,000 claims hold about 310,000. Each costs memory once parsed."""


def parse_json(raw: str, name: str) -> tuple[Any, bool]:
    """The parsed document, and whether some object in it named a key twice.

    Anything that is not JSON is a DprkError naming `name`, line and column. Counts
    are bounded before parsing, so a small file of a million empty objects cannot
    take gigabytes of memory.
    """
    _refuse_too_many(raw, name)
    try:
        data, repeats = _load_json(raw)
    except json.JSONDecodeError as err:
        raise DprkError(
            f"{_place(name, raw, err.pos)}: invalid JSON: {_syntax(raw, err)}"
        ) from None
    except RecursionError:
        where = _place(name, raw, _too_deep_at(raw))
        raise DprkError(
            f"{where}: invalid JSON: nested more than {MAX_DEPTH} levels deep"
        ) from None
    except ValueError as err:  # NaN, Infinity, or an integer of thousands of digits
        offset, reason = _refused_token(raw, err)
        raise DprkError(f"{_place(name, raw, offset)}: invalid JSON: {reason}") from None
    surrogate = _lone_surrogate(raw)
    if surrogate is not None:
        raise DprkError(
            f"{_place(name, raw, surrogate)}: a \\u escape of a lone surrogate (half of a UTF-16 "
            "pair) is not a character; remove it or give the whole pair"
        )
    return data, repeats


def _refuse_too_many(raw: str, name: str) -> None:
    """Counted over the whole text, strings included: an upper bound, and fast."""
    values, containers = raw.count(",") + 1, raw.count("{") + raw.count("[")
    if values > MAX_VALUES:
        raise DprkError(f"{name}: holds more than {MAX_VALUES:,} JSON values; not read")
    if containers > MAX_CONTAINERS:
        raise DprkError(f"{name}: holds more than {MAX_CONTAINERS:,} objects and lists; not read")


def _place(name: str, raw: str, offset: int) -> str:
    from dprktrack.matching.textpos import LineIndex  # only for an error: loading spares it

    line, column = LineIndex(raw).position(offset)
    return f"{name}:{line}:{column}"


class RepeatedKeys(dict[str, Any]):
    """A JSON object that named some key twice; `json.loads` would keep only the last."""

    repeated: tuple[str, ...] = ()


def _load_json(raw: str) -> tuple[Any, bool]:
    """The parsed document, and whether some object in it named a key twice."""
    repeats = False

    def keeping_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeats
        record = dict(pairs)
        if len(record) == len(pairs):
            return record
        repeats = True
        marked = RepeatedKeys(record)
        keys = [key for key, _ in pairs]
        marked.repeated = tuple(sorted({key for key in keys if keys.count(key) > 1}))
        return marked

    return json.loads(raw, object_pairs_hook=keeping_repeats, parse_constant=_not_json), repeats


class _NotJson(ValueError):
    """A token Python's parser takes but JSON has not (NaN, Infinity)."""


def _not_json(token: str) -> Any:
    raise _NotJson(token)


# A JSON string (skipped whole), or a token outside strings that the parser refused.
_STRING_OR = r'"(?:[^"\\]|\\.)*"|'


def _offset_outside_strings(raw: str, token: str) -> int:
    """Where a refused token stands, strings skipped: the parser's error does not say."""
    for match in re.finditer(_STRING_OR + f"({token})", raw):
        if match.group(1) is not None:
            return match.start(1)
    return 0


def _refused_token(raw: str, err: ValueError) -> tuple[int, str]:
    """The offset and the reason for a value json.loads refused outside its syntax errors."""
    if isinstance(err, _NotJson):
        return _offset_outside_strings(raw, r"-?(?:NaN|Infinity)"), f"{err} is not JSON"
    offset = _offset_outside_strings(raw, r"-?[0-9]{4301,}")
    return offset, "a number with too many digits (more than 4,300)"


def _syntax(raw: str, err: json.JSONDecodeError) -> str:
    """The slip behind a syntax error, when a usual one explains it; else the parser's words."""
    at = raw[err.pos : err.pos + 2]
    expecting = err.msg.startswith("Expecting")
    after_comma = raw[: err.pos].rstrip().endswith(",")
    slips = [
        (at in ("//", "/*"), "comments are not allowed in JSON"),
        (
            expecting and after_comma and at[:1] in ("}", "]"),
            f"a comma before {at[:1]!r} (JSON has no trailing comma)",
        ),
        (expecting and at[:1] == "'", "JSON strings and keys take double quotes, not single ones"),
        (expecting and not raw[err.pos :].strip(), "the file ends too early (is it cut short?)"),
        (err.msg.startswith("Unterminated string"), "a string never ends (is the file cut short?)"),
        (err.msg.startswith("Extra data"), "more text after the end of the JSON document"),
    ]
    if err.msg.startswith("Invalid control character"):
        shown = visible(raw[err.pos]).replace("\n", "\\n").replace("\t", "\\t")
        return f"a raw control character ({shown}) inside a string; write it as an escape"
    return next((message for applies, message in slips if applies), err.msg)


def _too_deep_at(raw: str) -> int:
    """Where nesting first passes MAX_DEPTH, strings skipped."""
    depth = 0
    for match in re.finditer(_STRING_OR + r"([\[{])|([\]}])", raw):
        if match.group(1):
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif match.group(2):
            depth -= 1
    return 0


_SURROGATE_ESCAPE = re.compile(r"\\u(d[89a-f][0-9a-f]{2})", re.IGNORECASE)


def _lone_surrogate(raw: str) -> int | None:
    """The offset of a `\\uXXXX` escape that is half of a UTF-16 pair, which no text can hold."""
    paired_low = -1
    for match in _SURROGATE_ESCAPE.finditer(raw):
        at = before = match.start()
        while before > 0 and raw[before - 1] == "\\":
            before -= 1
        if (at - before) % 2 == 1 or at == paired_low:
            continue  # an escaped backslash and a plain "u", or the low half of a pair
        high = match.group(1)[1].lower() in "89ab"
        following = _SURROGATE_ESCAPE.match(raw, match.end())
        if high and following and following.group(1)[1].lower() in "cdef":
            paired_low = following.start()
            continue
        return at
    return None
