"""`dprktrack edit-target`: a target's label or description changed in place."""

from __future__ import annotations

import json
from pathlib import Path

from support import DATA, Invoke

TARGET, OTHER = DATA["targets"][0], DATA["targets"][1]


def test_label_and_description_are_changed_and_told(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke(
        "edit-target", TARGET["id"], "--label", "New label", "--description", "New words.",
        claims=repo_copy,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{TARGET['id']}\n"
    label = json.dumps(TARGET["label"], ensure_ascii=False)
    assert f'note: {TARGET["id"]}: label {label} → "New label"' in result.stderr
    targets = {t["id"]: t for t in json.loads(repo_copy.read_text("utf-8"))["targets"]}
    assert targets[TARGET["id"]] == {**TARGET, "label": "New label", "description": "New words."}
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_a_label_another_target_has_gets_a_note(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("edit-target", TARGET["id"], "--label", OTHER["label"].upper(), "--dry-run",
                    claims=repo_copy)  # fmt: skip
    assert result.exit_code == 0
    assert f"note: target {OTHER['id']} has the same label" in result.stderr


def test_refusals_and_no_change_leave_the_file_byte_identical(
    invoke: Invoke, repo_copy: Path
) -> None:
    before = repo_copy.read_bytes()
    same = invoke("edit-target", TARGET["id"], "--label", TARGET["label"], claims=repo_copy)
    assert (same.exit_code, same.stdout) == (0, "")
    assert "nothing to change" in same.stderr
    for args, message in (
        (["--label", ""], "--label: empty"),
        (["--description", "a\nb"], "--description: one line, please"),
    ):
        result = invoke("edit-target", TARGET["id"], *args, claims=repo_copy)
        assert result.exit_code == 2, result.output
        assert message in result.stderr
    unknown = invoke("edit-target", TARGET["id"] + "x", "--label", "x", claims=repo_copy)
    assert f"did you mean {TARGET['id']}" in unknown.stderr
    assert repo_copy.read_bytes() == before
