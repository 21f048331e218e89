"""The actors command: who said what, with stance counts per target."""

from __future__ import annotations

from support import DATA, Invoke, json_output

from dprktrack.query import ACTOR_FIELDS


def test_actors_json_lists_every_actor_with_claim_counts(invoke: Invoke) -> None:
    records = json_output(invoke("actors", "--format", "json"))
    assert [record["id"] for record in records] == [actor["id"] for actor in DATA["actors"]]
    assert all(tuple(record) == ACTOR_FIELDS for record in records)
    own = [record["claims"] - record["joint_claims"] for record in records]
    assert sum(own) == len(DATA["claims"]), "each claim once, but for its groups' members"
    nebenzya = next(record for record in records if record["id"] == "nebenzya")
    assert nebenzya["stances"]["panel-of-experts"] == {"oppose": 3}


def test_who_supports_the_panel(invoke: Invoke) -> None:
    records = json_output(
        invoke("actors", "--target", "panel-of-experts", "--stance", "support", "--format", "json")
    )
    expected = {
        claim["actor"]
        for claim in DATA["claims"]
        if {"target": "panel-of-experts", "stance": "support"} in claim["stances"]
    }
    assert {record["id"] for record in records} == expected
    assert {"miller", "frank-aum", "rok-foreign-ministry"} <= expected
    assert all(set(record["stances"]) == {"panel-of-experts"} for record in records)
    table = invoke("actors", "--target", "panel-of-experts", "--stance", "support")
    assert "Matthew Miller" in table.stdout
    assert "Vasily Nebenzya" not in table.stdout
