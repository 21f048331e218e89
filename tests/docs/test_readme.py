"""The README's example sessions stay true: each shown command prints what is shown."""

from __future__ import annotations

import re
import shlex

import pytest
from support import REPO, Invoke

BLOCK = re.compile(r"```console\n\$ (?P<command>.+?)\n(?P<output>.*?)```", re.DOTALL)


def _examples() -> list[tuple[str, str]]:
    text = (REPO / "README.md").read_text("utf-8")
    return [
        (m["command"], m["output"]) for m in BLOCK.finditer(text) if "broken" not in m["command"]
    ]


@pytest.mark.parametrize(("command", "shown"), _examples())
def test_readme_example_matches_real_output(
    invoke: Invoke, command: str, shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)  # as a reader in the repository would run it
    words = shlex.split(command)
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    assert words[0] == "dprktrack"
    result = invoke(*words[1:], env=env, claims=None)
    assert result.exit_code == 0, result.stderr
    actual = [line.rstrip() for line in result.stdout.splitlines()]
    expected = [line.rstrip() for line in shown.splitlines() if line.strip() != "…"]
    for line in expected:
        if line.endswith("…"):
            assert any(a.startswith(line[:-1].rstrip()) for a in actual), line
        else:
            assert line in actual, line


def test_the_readme_opens_with_the_install_and_test_commands() -> None:
    text = (REPO / "README.md").read_text("utf-8")
    first_block = text.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert first_block == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/dprktrack list",
        "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/pytest",
    ]
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert first_block[1] in ci, ".ci/run runs the README's test command verbatim"


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
