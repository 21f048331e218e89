"""`dprktrack edit-actor`: an actor changed in place, a group's members among its fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import DATA, Invoke

GROUP = next(actor for actor in DATA["actors"] if actor["kind"] == "group")
PEOPLE = [actor for actor in DATA["actors"] if actor["kind"] == "person"]
PERSON = next(actor for actor in PEOPLE if actor["aliases"] and actor.get("role"))
GOVERNMENTS = [actor["id"] for actor in DATA["actors"] if actor["kind"] == "government"]


def actors_of(path: Path) -> dict[str, dict[str, Any]]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return {actor["id"]: actor for actor in data["actors"]}


def test_name_aliases_role_and_country_are_changed_and_told(
    invoke: Invoke, repo_copy: Path
) -> None:
    alias = PERSON["aliases"][0]
    result = invoke(
        "edit-actor", PERSON["id"], "--name", "A. New Name", "--add-alias", "Newname",
        "--remove-alias", alias, "--clear", "role", "--country", "Freedonia", claims=repo_copy,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{PERSON['id']}\n"
    assert f'{PERSON["id"]}: aliases + "Newname", − {json.dumps(alias)}' in result.stderr
    assert f"{PERSON['id']}: role cleared (was" in result.stderr
    actor = actors_of(repo_copy)[PERSON["id"]]
    assert actor["name"] == "A. New Name"
    assert actor["aliases"] == [*PERSON["aliases"][1:], "Newname"]
    assert "role" not in actor
    assert actor["country"] == "Freedonia"
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_a_groups_members_are_replaced_added_and_removed(invoke: Invoke, repo_copy: Path) -> None:
    first, second, third = GOVERNMENTS[:3]
    replaced = invoke(
        "edit-actor", GROUP["id"], "--member", first, "--member", second, claims=repo_copy
    )
    assert replaced.exit_code == 0, replaced.stderr
    assert actors_of(repo_copy)[GROUP["id"]]["members"] == [first, second]
    changed = invoke(
        "edit-actor", GROUP["id"], "--add-member", third, "--remove-member", first,
        claims=repo_copy,
    )  # fmt: skip
    assert changed.exit_code == 0, changed.stderr
    assert f'members + "{third}", − "{first}"' in changed.stderr
    assert actors_of(repo_copy)[GROUP["id"]]["members"] == [second, third]
    cleared = invoke("edit-actor", GROUP["id"], "--clear", "members", claims=repo_copy)
    assert cleared.exit_code == 0
    assert "members" not in actors_of(repo_copy)[GROUP["id"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{group}", "--member", "{group}"], "a group cannot contain itself"),
        (["{person}", "--member", "{government}"], "only a group has members"),
        (["{group}", "--member", "nobody at all"], "--member: no actor 'nobody at all'"),
        (["{group}", "--remove-member", "{government}"], "is not a member of"),
        (["{group}", "--member", "{government}", "--add-member", "x"], "--member replaces"),
        (["{person}", "--remove-alias", "no such alias"], "not an alias of"),
        (["{person}", "--name", " "], "--name: empty"),
        (["{person}", "--role", "x", "--clear", "role"], "--role and --clear role: give one"),
        (["{person}", "--kind", "alien"], "'alien' is not one of"),
        (["nobody-here", "--name", "x"], "no actor 'nobody-here'"),
    ],
)
def test_a_refused_actor_edit_leaves_the_file_byte_identical(
    invoke: Invoke, repo_copy: Path, args: list[str], message: str
) -> None:
    before = repo_copy.read_bytes()
    values = {"group": GROUP["id"], "person": PERSON["id"], "government": GOVERNMENTS[0]}
    result = invoke("edit-actor", *(arg.format(**values) for arg in args), claims=repo_copy)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert repo_copy.read_bytes() == before


def test_a_name_another_actor_has_gets_a_note(invoke: Invoke, repo_copy: Path) -> None:
    other = next(actor for actor in PEOPLE if actor["id"] != PERSON["id"])
    result = invoke("edit-actor", PERSON["id"], "--name", other["name"], "--dry-run",
                    claims=repo_copy)  # fmt: skip
    assert result.exit_code == 0
    assert f"note: actor {other['id']} has the same name or alias" in result.stderr


def test_an_actor_edit_that_changes_nothing_writes_nothing(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    result = invoke(
        "edit-actor", PERSON["id"], "--name", PERSON["name"], "--kind", "person",
        "--add-alias", PERSON["aliases"][0], claims=repo_copy,
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, "")
    assert "nothing to change" in result.stderr
    assert repo_copy.read_bytes() == before


@pytest.mark.parametrize("command", ["edit", "edit-actor", "edit-target"])
def test_the_help_says_an_id_cannot_be_changed(invoke: Invoke, command: str) -> None:
    assert "cannot be changed" in " ".join(invoke(command, "--help").stdout.split())
