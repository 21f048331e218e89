"""The add-actor command: a new actor, its slug id, and what it refuses."""

from __future__ import annotations

import json
from pathlib import Path

from support import Invoke

from dprktrack.claimsfile.load import load_catalog


def test_add_actor_makes_a_slug_id_and_the_file_still_loads(
    invoke: Invoke, repo_copy: Path
) -> None:
    result = invoke(
        "add-actor",
        "--name",
        "Linda Thomas-Greenfield",
        "--kind",
        "person",
        "--alias",
        "Thomas-Greenfield",
        "--role",
        "US ambassador to the UN",
        claims=repo_copy,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "linda-thomas-greenfield\n"
    catalog = load_catalog(repo_copy)
    actor = catalog.actors["linda-thomas-greenfield"]
    assert (actor.aliases, actor.role, actor.country) == (
        ["Thomas-Greenfield"],
        "US ambassador to the UN",
        None,
    )
    listed = invoke("actors", "--format", "json", claims=repo_copy)
    assert json.loads(listed.stdout)[-1]["id"] == "linda-thomas-greenfield"


def test_add_actor_refuses_an_existing_id_and_one_in_capitals(
    invoke: Invoke, repo_copy: Path
) -> None:
    before = repo_copy.read_bytes()
    result = invoke(
        "add-actor", "--name", "Vasily Nebenzya", "--kind", "person", "--id", "nebenzya",
        claims=repo_copy,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "actor nebenzya (Vasily Nebenzya) exists already; nothing written" in result.stderr
    capitals = invoke("add-actor", "--name", "X", "--kind", "person", "--id", "Nebenzya",
                      claims=repo_copy)  # fmt: skip
    assert "--id: must be a slug" in capitals.stderr
    assert repo_copy.read_bytes() == before


def test_add_actor_notes_a_name_another_actor_has(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke(
        "add-actor", "--name", "Nebenzia", "--kind", "person", "--id", "nebenzia", "--dry-run",
        claims=repo_copy,
    )  # fmt: skip
    assert result.exit_code == 0
    assert "note: actor nebenzya has the same name or alias" in result.stderr
    assert json.loads(result.stdout) == {
        "id": "nebenzia",
        "name": "Nebenzia",
        "kind": "person",
    }


def test_add_actor_refuses_a_bad_slug_and_a_bad_kind(invoke: Invoke, repo_copy: Path) -> None:
    bad_id = invoke("add-actor", "--name", "X", "--kind", "person", "--id", "Bad Id",
                    claims=repo_copy)  # fmt: skip
    assert bad_id.exit_code == 2
    assert "--id: must be a slug" in bad_id.stderr
    bad_kind = invoke("add-actor", "--name", "X", "--kind", "alien", claims=repo_copy)
    assert bad_kind.exit_code == 2
    assert "'alien' is not one of" in bad_kind.stderr


def test_a_name_that_makes_no_id_asks_for_one(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("add-actor", "--name", "김정은", "--kind", "person", claims=repo_copy)
    assert result.exit_code == 2
    assert result.stderr == "error: --id: no id can be made from '김정은'; give one with --id\n"
    named = invoke("add-actor", "--name", "김정은", "--kind", "person", "--id", "kim-jong-un",
                   claims=repo_copy)  # fmt: skip
    assert named.exit_code == 0


def test_actor_values_are_one_line_trimmed_and_aliases_unique(
    invoke: Invoke, repo_copy: Path
) -> None:
    bad = invoke("add-actor", "--name", "Tab\tName", "--kind", "person", claims=repo_copy)
    assert bad.exit_code == 2
    assert "--name: one line, please" in bad.stderr
    args = ["add-actor", "--name", "  Padded Name ", "--kind", "person", "--alias", "PN",
            "--alias", "PN", "--alias", "Padded Name", "--dry-run"]  # fmt: skip
    record = json.loads(invoke(*args, claims=repo_copy).stdout)
    assert (record["id"], record["name"], record["aliases"]) == (
        "padded-name",
        "Padded Name",
        ["PN"],
    )
