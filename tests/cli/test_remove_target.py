"""`dprktrack remove-target`: a target no stance names is removed; others refused."""

from __future__ import annotations

import json
from pathlib import Path

from support import DATA, Invoke


def test_a_target_a_stance_names_is_refused_with_the_claims(
    invoke: Invoke, repo_copy: Path
) -> None:
    before = repo_copy.read_bytes()
    target = DATA["claims"][0]["stances"][0]["target"]
    naming = [c["id"] for c in DATA["claims"] if any(s["target"] == target for s in c["stances"])]
    result = invoke("remove-target", target, claims=repo_copy)
    assert result.exit_code == 2
    assert f"target {target} is still named by " in result.stderr
    for claim_id in naming:
        assert f"{claim_id} (stance)" in result.stderr
    assert repo_copy.read_bytes() == before


def test_an_unused_target_is_removed(invoke: Invoke, repo_copy: Path) -> None:
    added = ["add-target", "--label", "Fictional accord", "--description", "Made up."]
    assert invoke(*added, claims=repo_copy).exit_code == 0
    dry = invoke("remove-target", "fictional-accord", "--dry-run", claims=repo_copy)
    assert (dry.exit_code, dry.stdout.startswith("--- a/")) == (0, True)
    result = invoke("remove-target", "fictional-accord", claims=repo_copy)
    assert (result.exit_code, result.stdout) == (0, "fictional-accord\n")
    assert "note: fictional-accord: removed (Fictional accord)" in result.stderr
    targets = [t["id"] for t in json.loads(repo_copy.read_text("utf-8"))["targets"]]
    assert targets == [t["id"] for t in DATA["targets"]]
