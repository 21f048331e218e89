"""Group actors (`members`), a claim's `kind` and a source's provenance: what loading accepts,
and each slip refused in one line naming the file, the line:column and the JSON path."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import DATA, Invoke

from dprktrack.claimsfile.load import load_catalog
from dprktrack.errors import DprkError
from dprktrack.schema.quickcheck import holds

NEW_ACTOR = len(DATA["actors"])  # the index an actor appended to the bundled file takes
JOINT = {"id": "joint", "name": "Russia and China", "kind": "group", "members": ["russia", "china"]}


def with_actors(*actors: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(DATA)
    data["actors"] += [copy.deepcopy(actor) for actor in actors]
    return data


def refusal(write_claims: Callable[[Any], Path], data: dict[str, Any]) -> str:
    with pytest.raises(DprkError) as refused:
        load_catalog(write_claims(data))
    return str(refused.value)


def test_a_group_with_members_loads_on_the_quick_path(
    write_claims: Callable[[Any], Path],
) -> None:
    data = with_actors(JOINT)
    assert holds(data)
    catalog = load_catalog(write_claims(data))
    assert catalog.actors["joint"].members == ["russia", "china"]
    assert catalog.actors["russia"].members == []


@pytest.mark.parametrize(
    ("members", "kind", "message", "path"),
    [
        (
            ["russia", "ghost"],
            "group",
            "unknown actor 'ghost'",
            f"$.actors[{NEW_ACTOR}].members[1]",
        ),
        (
            ["russia", "joint"],
            "group",
            "cannot be a member of itself",
            f"$.actors[{NEW_ACTOR}].members[1]",
        ),
        (
            ["china", "china"],
            "group",
            "'china' is given more than once",
            f"$.actors[{NEW_ACTOR}].members[1]",
        ),
        (
            ["russia", "china"],
            "government",
            "only a group (kind group)",
            f"$.actors[{NEW_ACTOR}].members",
        ),
    ],
)
def test_a_slip_in_a_group_is_refused_with_its_place(
    write_claims: Callable[[Any], Path], members: list[str], kind: str, message: str, path: str
) -> None:
    text = refusal(write_claims, with_actors({**JOINT, "members": members, "kind": kind}))
    assert message in text
    assert path in text
    assert text.count("\n") == 0, "one line"


@pytest.mark.parametrize("looped", [False, True])
def test_a_group_inside_a_group_is_refused(
    write_claims: Callable[[Any], Path], looped: bool
) -> None:
    """One level: a group lists its members, never another group (so no loop can form, and
    lookups stay linear however many groups a file holds)."""
    bloc = {"id": "bloc", "name": "The bloc", "kind": "group", "members": ["joint", "dprk"]}
    joint = {**JOINT, "members": ["russia", "bloc"]} if looped else JOINT
    text = refusal(write_claims, with_actors(joint, bloc))
    assert "'joint' is a group with members of its own; list its members instead" in text
    assert f"$.actors[{len(DATA['actors']) + 1}].members[0]" in text


def test_dates_out_of_order_are_refused(write_claims: Callable[[Any], Path]) -> None:
    data = copy.deepcopy(DATA)
    data["claims"][0]["date"] = "2099-01-01"
    data["sources"][0]["retrieved"] = "2024-04-23"
    text = refusal(write_claims, data)
    claim_id = data["claims"][0]["id"]
    assert f"$.claims[0].date (claim {claim_id}): dated 2099-01-01, after its source" in text
    assert "$.sources[0].retrieved: retrieved 2024-04-23, before the source was published" in text
    data["claims"][0]["date"] = data["sources"][0]["published"]
    data["sources"][0]["retrieved"] = data["sources"][0]["published"]
    load_catalog(write_claims(data))  # the same day is in order


def test_a_claim_is_a_statement_unless_it_says_act(write_claims: Callable[[Any], Path]) -> None:
    data = copy.deepcopy(DATA)
    for claim in data["claims"]:
        claim.pop("kind", None)
    data["claims"][0]["kind"] = "act"
    catalog = load_catalog(write_claims(data))
    kinds = [claim.kind for claim in catalog.claims.values()]
    assert kinds[0] == "act"
    assert set(kinds[1:]) == {"statement"}


@pytest.mark.parametrize("kind", ["Act", "speech", "", None, 1])
def test_a_claim_kind_outside_the_list_is_refused(
    write_claims: Callable[[Any], Path], kind: Any
) -> None:
    data = copy.deepcopy(DATA)
    data["claims"][0]["kind"] = kind
    assert "$.claims[0].kind" in refusal(write_claims, data)


ADDRESSES_REFUSED = [
    "ftp://example.org/a",
    "https://",
    "https:///path",
    "https://example.org/a b",
    "https://example.org/a\n",
    "example.org/a",
    "javascript:alert(1)",
    "https://example.org/a\u200bb",
    "https://exa\u202emple.org/",
    "https://example.org/\x1c",
    "https://example.org/\u00ad",
]


@pytest.mark.parametrize("field", ["url", "archived_url"])
@pytest.mark.parametrize("value", ADDRESSES_REFUSED)
def test_a_source_address_must_be_a_web_address(
    write_claims: Callable[[Any], Path], field: str, value: str
) -> None:
    data = copy.deepcopy(DATA)
    data["sources"][0][field] = value
    assert not holds(data)
    text = refusal(write_claims, data)
    assert f"$.sources[0].{field}" in text
    assert "web address" in text


@pytest.mark.parametrize("value", ["english", "e", "en_GB", "en-", "en\n", "12"])
def test_a_language_must_be_a_language_tag(write_claims: Callable[[Any], Path], value: str) -> None:
    data = copy.deepcopy(DATA)
    data["sources"][0]["language"] = value
    assert not holds(data)
    assert "BCP 47" in refusal(write_claims, data)


def test_provenance_loads_and_the_bundled_article_names_its_page(
    write_claims: Callable[[Any], Path],
) -> None:
    data = copy.deepcopy(DATA)
    source = data["sources"][0]
    source.update(archived_url="https://archive.example/2024/page", retrieved="2024-05-01")
    source.update(language="zh-Hant-TW")
    assert holds(data)
    loaded = load_catalog(write_claims(data)).sources[source["id"]]
    assert str(loaded.retrieved) == "2024-05-01"
    bundled = DATA["sources"][0]
    assert bundled["url"].startswith("https://journal-neo.su/2024/04/24/")
    assert bundled["language"] == "en"


def test_a_refused_group_fails_every_command_with_exit_code(
    invoke: Invoke, write_claims: Callable[[Any], Path]
) -> None:
    claims = write_claims(with_actors({**JOINT, "members": ["ghost", "china"]}))
    for command in (("list",), ("check",), ("actors",)):
        result = invoke(*command, claims=claims)
        assert result.exit_code == 2, (command, result.stderr)
        assert f"$.actors[{NEW_ACTOR}].members[0]: unknown actor 'ghost'" in result.stderr
        assert json.dumps(result.stdout) == '""'
