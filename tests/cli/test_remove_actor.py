"""`dprktrack remove-actor`: an actor no claim or group names is removed; others refused."""

from __future__ import annotations

import json
from pathlib import Path

from support import DATA, Invoke


def test_an_actor_still_named_is_refused_with_who_names_it(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    actor = DATA["claims"][0]["actor"]
    naming = [claim["id"] for claim in DATA["claims"] if claim["actor"] == actor]
    relaying = [claim["id"] for claim in DATA["claims"] if claim.get("reported_via") == actor]
    result = invoke("remove-actor", actor, claims=repo_copy)
    assert result.exit_code == 2
    assert f"actor {actor} is still named by {naming[0]} (actor)" in result.stderr
    for claim_id in naming:
        assert f"{claim_id} (actor)" in result.stderr
    for claim_id in relaying:
        assert f"{claim_id} (reported_via)" in result.stderr
    assert "error: nothing removed" in result.stderr
    assert repo_copy.read_bytes() == before


def test_a_member_of_a_group_is_refused_until_the_group_lets_it_go(
    invoke: Invoke, repo_copy: Path
) -> None:
    made = ["add-actor", "--name", "Fictional Ministry", "--kind", "government", "--id", "fm"]
    assert invoke(*made, claims=repo_copy).exit_code == 0
    group = ["add-actor", "--name", "Fictional Bloc", "--kind", "group", "--member", "fm"]
    assert invoke(*group, claims=repo_copy).exit_code == 0
    refused = invoke("remove-actor", "fm", claims=repo_copy)
    assert refused.exit_code == 2
    assert "actor fm is still named by group fictional-bloc (member)" in refused.stderr
    both = invoke("remove-actor", "fictional-bloc", "fm", claims=repo_copy)
    assert both.exit_code == 2  # the group still names it in the file as read
    assert invoke("remove-actor", "fictional-bloc", claims=repo_copy).exit_code == 0
    removed = invoke("remove-actor", "FM", claims=repo_copy)
    assert (removed.exit_code, removed.stdout) == (0, "fm\n")
    assert "note: fm: removed (Fictional Ministry)" in removed.stderr
    actors = [actor["id"] for actor in json.loads(repo_copy.read_text("utf-8"))["actors"]]
    assert actors == [actor["id"] for actor in DATA["actors"]]
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_an_unknown_actor_gets_the_nearest_ids(invoke: Invoke, repo_copy: Path) -> None:
    actor = DATA["actors"][0]["id"]
    result = invoke("remove-actor", actor + "x", claims=repo_copy)
    assert result.exit_code == 2
    assert f"did you mean {actor}" in result.stderr
