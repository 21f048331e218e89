"""The README is a landing page: two set-up commands first, CI running the second verbatim.

Its console examples are run with every other page's, by test_examples.py."""

from __future__ import annotations

import re

from support import REPO


def test_the_readme_opens_with_the_install_and_test_commands() -> None:
    text = (REPO / "README.md").read_text("utf-8")
    first_block = text.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert first_block == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/dprktrack check",
        "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/pytest",
    ]
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert first_block[1] in ci, ".ci/run runs the README's test command verbatim"


def test_the_readme_is_short_and_starts_with_the_set_up_commands() -> None:
    """A landing page, not a manual: the manual is docs/."""
    lines = (REPO / "README.md").read_text("utf-8").splitlines()
    assert len(lines) <= 150
    assert lines[:3] == ["# dprktrack", "", "```sh"]


def test_ci_checks_the_repos_own_quotes_strictly_after_the_tests() -> None:
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert ".venv/bin/dprktrack check --strict" in ci
    assert ci.index(".venv/bin/pytest") < ci.index("dprktrack check --strict")


def test_the_pre_commit_hook_runs_check_on_every_commit_without_file_names() -> None:
    """A source may lie anywhere inside the claims file's folder: a file pattern would let a
    commit that edits one skip the check."""
    hook = (REPO / ".pre-commit-hooks.yaml").read_text("utf-8")
    fields = dict(re.findall(r"^\s*-?\s*(\w+): (.+)$", hook, re.MULTILINE))
    assert fields["id"] == "dprktrack-check"
    assert fields["entry"] == "dprktrack check"
    assert fields["pass_filenames"] == "false"
    assert fields["always_run"] == "true"
    assert "files" not in fields
