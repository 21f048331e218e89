"""JSON paths back to line:column: what every error message relies on."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from support import CLAIMS

from dprktrack.claimsfile.jsonpos import locate, locate_claims
from dprktrack.errors import JsonPath, format_json_path

scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)


def _paths(value: Any, path: JsonPath = ()) -> list[tuple[JsonPath, Any]]:
    found = [(path, value)]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*path, index))
    return found


def _offset(text: str, line: int, column: int) -> int:
    return sum(len(row) + 1 for row in text.split("\n")[: line - 1]) + column - 1


@given(documents, st.sampled_from([None, 0, 2]), st.booleans())
def test_every_path_points_at_its_own_value(
    document: Any, indent: int | None, ascii_: bool
) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=ascii_)
    paths = _paths(document)
    positions = locate(text, [path for path, _ in paths])
    decoder = json.JSONDecoder()
    for path, value in paths:
        line, column = positions[path]
        assert decoder.raw_decode(text, _offset(text, line, column))[0] == value, path


def test_a_missing_path_points_at_its_deepest_ancestor() -> None:
    text = '{\n  "claims": [\n    {"id": "c1"},\n    {"id": "c2"}\n  ]\n}'
    assert locate(text, [("claims", 1, "summary")]) == {("claims", 1, "summary"): (4, 5)}
    assert locate(text, [("nothing",)]) == {("nothing",): (1, 1)}


def test_broken_json_keeps_what_it_found() -> None:
    assert locate('{"a": [1, 2', [("a", 1)]) == {("a", 1): (1, 11)}


def test_json_paths_read_like_jsonpath() -> None:
    assert (
        format_json_path(("claims", 12, "stances", 0, "stance")) == "$.claims[12].stances[0].stance"
    )
    assert format_json_path(("$schema",)) == "$['$schema']"
    assert format_json_path(()) == "$"


def test_claims_are_located_at_their_id_key_as_the_slow_walk_finds_them() -> None:
    text = CLAIMS.read_text("utf-8")
    data = json.loads(text)
    wanted = [(index, claim["id"]) for index, claim in enumerate(data["claims"])][::7]
    fast = locate_claims(text, wanted)
    slow = locate(text, [("claims", index, "id") for index, _ in wanted])
    for index, claim_id in wanted:
        line, column = fast[("claims", index)]
        value_line, value_column = slow[("claims", index, "id")]
        assert line == value_line
        assert text.splitlines()[line - 1][column - 1 :].startswith(f'"id": "{claim_id}"')
        assert value_column > column


def test_an_id_quoted_inside_a_string_is_not_taken_for_the_claims_key() -> None:
    text = '{"claims": [\n {"quote": "\\"id\\": \\"c2\\"", "id": "c1"},\n {"id": "c2"}\n]}'
    assert json.loads(text)["claims"][1]["id"] == "c2"
    assert locate_claims(text, [(1, "c2")]) == {("claims", 1): (3, 3)}
