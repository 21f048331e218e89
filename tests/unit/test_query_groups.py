"""Group actors and acts in lookups: a group's claim is each member's too, marked as joint;
`--kind` separates what actors said from what they did."""

from __future__ import annotations

import json
from typing import Any

import pytest
from support import CLAIMS, DATA, Invoke

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.claimsfile.load import load_catalog
from dprktrack.query import (
    ClaimFilter,
    actor_records,
    asked_actors,
    claim_records,
    select_claims,
    stance_cells,
)

GROUPS = {actor["id"]: actor["members"] for actor in DATA["actors"] if actor.get("members")}
JOINT_GROUP = next(
    group for group, members in GROUPS.items() if {"russia", "china"} <= set(members)
)
JOINT_CLAIM = next(claim["id"] for claim in DATA["claims"] if claim["actor"] == JOINT_GROUP)
ACTS = [claim["id"] for claim in DATA["claims"] if claim.get("kind") == "act"]


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog(CLAIMS)


def ids(claims: Any) -> list[str]:
    return [claim.id for claim in claims]


def test_a_members_claims_include_its_groups_claims(catalog: Catalog) -> None:
    for member in ("russia", "china"):
        found = ids(select_claims(catalog, ClaimFilter(actors=(member,))))
        assert JOINT_CLAIM in found
    assert ids(select_claims(catalog, ClaimFilter(actors=(JOINT_GROUP,)))) == [JOINT_CLAIM]
    assert JOINT_CLAIM not in ids(select_claims(catalog, ClaimFilter(actors=("nebenzya",))))


def test_a_joint_claim_names_the_other_members(catalog: Catalog) -> None:
    wanted = ClaimFilter(actors=("russia",))
    records = claim_records(catalog, select_claims(catalog, wanted), asked_actors(catalog, wanted))
    joint = next(record for record in records if record["id"] == JOINT_CLAIM)
    assert joint["actor_id"] == JOINT_GROUP
    assert joint["members"] == GROUPS[JOINT_GROUP]
    assert joint["jointly_with"] == ["China"]
    assert all(record["jointly_with"] == [] for record in records if record is not joint)
    (asked_group,) = claim_records(
        catalog,
        select_claims(catalog, ClaimFilter(actors=(JOINT_GROUP,))),
        frozenset({JOINT_GROUP}),
    )
    assert asked_group["jointly_with"] == [], "the group asked for itself is not 'joint with'"


def test_asking_for_one_member_lists_that_member_only(catalog: Catalog) -> None:
    """`actors --actor china` answers about China: Russia's row is not listed, though the
    joint claim is Russia's too."""
    wanted = ClaimFilter(actors=("china",))
    assert [record["id"] for record in actor_records(catalog, wanted)] == ["china"]
    assert {cell["actor_id"] for cell in stance_cells(catalog, wanted)} == {"china"}


def test_actors_and_stances_count_a_groups_claim_for_each_member(catalog: Catalog) -> None:
    joint = catalog.claims[JOINT_CLAIM]
    actors = {record["id"]: record for record in actor_records(catalog, ClaimFilter())}
    alone = {
        member: sum(c.actor == member for c in catalog.claims.values())
        for member in GROUPS[JOINT_GROUP]
    }
    for member in GROUPS[JOINT_GROUP]:
        assert actors[member]["claims"] == alone[member] + 1
        assert actors[member]["joint_claims"] == 1
    assert actors[JOINT_GROUP]["members"] == GROUPS[JOINT_GROUP]
    cells = stance_cells(catalog, ClaimFilter(actors=("china",)))
    for entry in joint.stances:
        cell = next(c for c in cells if c["actor_id"] == "china" and c["target"] == entry.target)
        assert JOINT_CLAIM in cell["claims"]
        assert cell["jointly"] == [JOINT_CLAIM]


def test_kind_separates_statements_from_acts(catalog: Catalog) -> None:
    acts = ids(select_claims(catalog, ClaimFilter(kinds=("act",))))
    statements = ids(select_claims(catalog, ClaimFilter(kinds=("statement",))))
    assert acts == ACTS
    assert ACTS, "the bundled data records acts (the veto, the votes)"
    assert not set(acts) & set(statements)
    assert sorted(acts + statements) == sorted(catalog.claims)


def test_list_shows_the_joint_claim_and_the_act_on_the_command_line(invoke: Invoke) -> None:
    claims = CLAIMS
    shown = invoke("list", "--actor", "china", claims=claims, env={"COLUMNS": "120"})
    assert shown.exit_code == 0, shown.stderr
    assert "jointly with Russia" in shown.stdout
    records = json.loads(invoke("list", "--kind", "act", "--format", "json", claims=claims).stdout)
    assert sorted(record["id"] for record in records) == sorted(ACTS)
    assert records[0]["kind"] == "act"
    said = invoke(
        "list", "--actor", "russia", "--kind", "statement", "--format", "json", claims=claims
    )
    assert not set(ACTS) & {record["id"] for record in json.loads(said.stdout)}
    actors = invoke("actors", "--actor", "china", claims=claims, env={"COLUMNS": "120"})
    assert "1 joint" in actors.stdout
    grid = invoke("stances", "--actor", "china", claims=claims, env={"COLUMNS": "120"})
    assert "count for each of its members" in grid.stdout
    show = invoke("show", JOINT_CLAIM, claims=claims, env={"COLUMNS": "120"})
    assert "Russia, China" in show.stdout
