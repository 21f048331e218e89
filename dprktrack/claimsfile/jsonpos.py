"""Where a JSON path stands in the text of a JSON document, as line:column.

`json.loads` forgets positions, so error messages find them again here: one pass
that descends only into the containers on the way to a wanted path and skips every
other value with the C decoder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from contextlib import suppress

from dprktrack.errors import JsonPath

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def locate(text: str, paths: Iterable[JsonPath]) -> dict[JsonPath, tuple[int, int]]:
    """Line and column of each wanted path's value in valid JSON `text`.

    A path that does not exist (a missing field, say) gets the position of its
    deepest existing ancestor, which is where a reader should look.
    """
    return _positions(text, _offsets(text, set(paths)))


def _offsets(text: str, wanted: set[JsonPath]) -> dict[JsonPath, int]:
    """Offset of each wanted path's value (or of its deepest existing ancestor)."""
    if not wanted:
        return {}
    prefixes = {path[:depth] for path in wanted for depth in range(len(path) + 1)}
    containers = {path[:depth] for path in wanted for depth in range(len(path))}
    offsets: dict[JsonPath, int] = {}
    # On text that is not valid JSON after all, keep what was found before the damage.
    with suppress(ValueError, IndexError, _AllFound):
        _walk(text, _skip_space(text, 0), (), (prefixes, containers, set(wanted)), offsets)
    found: dict[JsonPath, int] = {}
    for path in wanted:
        for depth in range(len(path), -1, -1):
            if path[:depth] in offsets:
                found[path] = offsets[path[:depth]]
                break
    return found


def _positions(text: str, offsets: dict[JsonPath, int]) -> dict[JsonPath, tuple[int, int]]:
    """Line:column of many offsets in one pass, counting line breaks between neighbours."""
    result = {}
    line, line_start, previous = 1, 0, 0
    for path, offset in sorted(offsets.items(), key=lambda item: item[1]):
        breaks = text.count("\n", previous, offset)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", previous, offset) + 1
        previous = offset
        result[path] = (line, offset - line_start + 1)
    return result


def _skip_space(text: str, index: int) -> int:
    match = _SPACE.match(text, index)
    assert match is not None  # the pattern matches the empty string
    return match.end()


class _AllFound(Exception):
    """Every wanted path has its offset: the rest of the document need not be read."""


def _walk(
    text: str,
    index: int,
    path: JsonPath,
    wanted: tuple[set[JsonPath], set[JsonPath], set[JsonPath]],
    offsets: dict[JsonPath, int],
) -> int:
    """Record the offset of the value at `index` and return where it ends.

    `wanted` holds the paths worth visiting, the containers worth descending into,
    and the paths still to find; every other value is skipped whole by the C decoder.
    """
    prefixes, containers, remaining = wanted
    offsets.setdefault(path, index)
    remaining.discard(path)
    if not remaining:
        raise _AllFound
    opener = text[index]
    if path not in containers or opener not in "[{":
        _, end = _DECODER.raw_decode(text, index)
        return end
    closer = "}" if opener == "{" else "]"
    index = _skip_space(text, index + 1)
    position = 0
    while text[index] != closer:
        if opener == "{":
            key, index = _DECODER.raw_decode(text, index)
            index = _skip_space(text, index)
            index = _skip_space(text, index + 1)  # past the colon
            child: str | int = key
        else:
            child = position
        if (*path, child) in prefixes:
            index = _walk(text, index, (*path, child), wanted, offsets)
        else:
            _, index = _DECODER.raw_decode(text, index)
        index = _skip_space(text, index)
        if text[index] == ",":
            index = _skip_space(text, index + 1)
        position += 1
    return index + 1


def locate_claims(text: str, claims: Iterable[tuple[int, str]]) -> dict[JsonPath, tuple[int, int]]:
    """Line and column of the `"id"` key of each (index, id) claim of a valid claims file.

    A fast path for reports on large files: instead of decoding every claim on the
    way, find the claims array, then each id key in turn. In valid JSON a `"` that
    opens a key is never escaped, and a claim holds no other `"id"` key, so the
    search cannot stop inside a quote. A claim not found so is located the slow way.
    """
    wanted = sorted(claims)
    offsets: dict[JsonPath, int] = {}
    missed: list[JsonPath] = []
    position = _offsets(text, {("claims",)}).get(("claims",), len(text))
    for index, claim_id in wanted:
        at = _id_key(text, json.dumps(claim_id), position)
        if at == -1:
            missed.append(("claims", index))
            continue
        offsets[("claims", index)] = at
        position = at
    return {**_positions(text, offsets), **locate(text, missed)}


_ID_KEY_BEFORE = re.compile(r'"id"\s*:\s*$')


def _id_key(text: str, value: str, position: int) -> int:
    """Offset of the next `"id": VALUE` key from `position`, found with a fast literal search."""
    at = text.find(value, position)
    while at != -1:
        key = text.rfind('"id"', position, at)
        if key != -1 and (key == 0 or text[key - 1] != "\\") and _ID_KEY_BEFORE.match(text[key:at]):
            return key
        at = text.find(value, at + 1)
    return -1
