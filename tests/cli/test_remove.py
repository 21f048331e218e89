"""`dprktrack remove`: claims removed by id, every one named or none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from support import CLAIM_IDS, DATA, Invoke

FIRST, SECOND = DATA["claims"][0], DATA["claims"][1]


def ids_of(path: Path) -> list[str]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return [claim["id"] for claim in data["claims"]]


def test_named_claims_are_removed_and_the_rest_kept(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("remove", FIRST["id"], SECOND["id"].upper(), FIRST["id"], claims=repo_copy)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{FIRST['id']}\n{SECOND['id']}\n"
    assert f"note: {FIRST['id']}: removed ({FIRST['actor']}: " in result.stderr
    assert f"note: removed 2 claims from {repo_copy}" in result.stderr
    assert ids_of(repo_copy) == CLAIM_IDS[2:]
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_an_unknown_id_refuses_them_all(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    result = invoke("remove", FIRST["id"], "c99999", "nope", claims=repo_copy)
    assert result.exit_code == 2
    assert f"no claim 'c99999' in {repo_copy}" in result.stderr
    assert f"no claim 'nope' in {repo_copy}" in result.stderr
    assert "error: nothing removed" in result.stderr
    assert repo_copy.read_bytes() == before


def test_dry_run_prints_the_removal_as_a_diff(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    result = invoke("remove", FIRST["id"], "--dry-run", claims=repo_copy)
    assert result.exit_code == 0
    assert result.stdout.startswith("--- a/")
    removed = [line for line in result.stdout.splitlines() if line.startswith("-  ")]
    assert f'-      "id": "{FIRST["id"]}",' in removed
    assert not [line for line in result.stdout.splitlines() if line.startswith("+ ")]
    assert repo_copy.read_bytes() == before


def test_remove_needs_an_id(invoke: Invoke, repo_copy: Path) -> None:
    assert invoke("remove", claims=repo_copy).exit_code == 2
