"""The GitHub Action (`action.yml`): valid for GitHub, and its shell steps run as a runner
would run them (bash -eo pipefail, inputs and `github.action_path` substituted, GITHUB_*
set), on the bundled data and on an edited source."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from support import REPO, edit_seed, run_cli

ACTION = REPO / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
BIN = Path(sys.executable).parent
"""Where this environment's `dprktrack` (and its Python) are."""


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text("utf-8"))
    return data


def _steps() -> dict[str, dict[str, Any]]:
    """The action's shell steps by name."""
    return {step["name"]: step for step in _action()["runs"]["steps"] if "run" in step}


def test_the_action_is_valid_for_github() -> None:
    schema_file = resources.files("check_jsonschema.builtin_schemas.vendor") / "github-actions.json"
    schema = json.loads(schema_file.read_text("utf-8"))
    jsonschema.Draft7Validator(schema).validate(_action())
    assert _action()["runs"]["using"] == "composite"
    assert all(step.get("shell") == "bash" for step in _steps().values())


def test_inputs_reach_the_scripts_as_environment_variables_only() -> None:
    """An input pasted into a script's text would run as code (script injection)."""
    for step in _steps().values():
        assert not EXPRESSION.search(step["run"]), step["name"]
    known = {
        "github.action_path",
        "github.event.pull_request.base.sha",
        "steps.check.outputs.sarif-file",
    }
    inputs = set(_action()["inputs"])
    for expression in EXPRESSION.findall(ACTION.read_text("utf-8")):
        assert expression in known or expression.removeprefix("inputs.") in inputs, expression


def _expand(text: str, inputs: dict[str, str], action_path: Path) -> str:
    """`${{ … }}` as the runner expands it, for the expressions this action uses."""
    values = {
        "github.action_path": str(action_path),
        "github.event.pull_request.base.sha": inputs.get("pull-request-base", ""),
    }
    values |= {f"inputs.{name}": value for name, value in inputs.items()}
    return EXPRESSION.sub(lambda match: values[match[1]], text)


def _run_step(
    name: str, workspace: Path, given: dict[str, str], *, path: str = str(BIN)
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """One shell step run as a runner would: its env and working directory expanded, bash
    with -eo pipefail, GITHUB_* set; returns the process and the outputs it set."""
    step = _steps()[name]
    inputs = {key: spec.get("default", "") for key, spec in _action()["inputs"].items()}
    inputs |= given
    output = workspace / "github-output.txt"
    output.write_text("", "utf-8")
    env = {
        "PATH": f"{path}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "HOME": str(workspace),
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_ACTION_PATH": str(REPO),
        **{key: _expand(str(value), inputs, REPO) for key, value in step.get("env", {}).items()},
    }
    folder = workspace / _expand(step.get("working-directory", "."), inputs, REPO)
    script = workspace / "step.sh"
    script.write_text(step["run"], "utf-8")
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    outputs = dict(line.split("=", 1) for line in output.read_text("utf-8").splitlines())
    return done, outputs


def test_the_install_step_installs_the_action_s_own_checkout(tmp_path: Path) -> None:
    stub = tmp_path / "stub"
    stub.mkdir()
    python = stub / "python3"
    python.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$HOME/pip-args.txt"\n', "utf-8")
    python.chmod(0o755)
    done, _ = _run_step("Install dprktrack", tmp_path, {}, path=str(stub))
    assert done.returncode == 0, done.stderr
    args = (tmp_path / "pip-args.txt").read_text("utf-8").splitlines()
    assert args[:3] == ["-m", "pip", "install"]
    assert args[-1] == str(REPO)


def _reports_to_files() -> bool:
    return "--report" in run_cli(["check", "--help"]).stdout


@pytest.mark.parametrize("code", [0, 1, 2])
def test_the_check_step_passes_its_inputs_on_and_exits_as_check_did(
    tmp_path: Path, code: int
) -> None:
    """With a stand-in `dprktrack` that records its arguments and exits with `code`."""
    stub = tmp_path / "stub"
    stub.mkdir()
    fake = stub / "dprktrack"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "$HOME/args.txt"\nexit {code}\n', "utf-8")
    fake.chmod(0o755)
    given = {
        "claims": "data/my claims.json",
        "args": "--strict  c001 c002",
        "sarif-file": "x.sarif",
    }
    done, outputs = _run_step("Check the claims", tmp_path, given, path=str(stub))
    assert done.returncode == code, done.stderr
    assert outputs == {"sarif-file": "x.sarif"}
    args = (tmp_path / "args.txt").read_text("utf-8").splitlines()
    assert args == [
        *("--claims", "data/my claims.json", "check", "--format", "github"),
        *("--report", "sarif:x.sarif", "--strict", "c001", "c002"),
    ]
    _, _ = _run_step("Check the claims", tmp_path, {}, path=str(stub))
    args = (tmp_path / "args.txt").read_text("utf-8").splitlines()
    assert args == ["check", "--format", "github", "--report", "sarif:dprktrack.sarif"]


def test_every_line_of_args_reaches_the_check_and_a_line_break_in_the_sarif_path_stops_it(
    tmp_path: Path,
) -> None:
    """`args: |` in YAML gives several lines: none may be dropped (a lost `--strict` would
    pass what should fail); a sarif-file with a line break would forge a step output."""
    stub = tmp_path / "stub"
    stub.mkdir()
    fake = stub / "dprktrack"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$HOME/args.txt"\nexit 1\n', "utf-8")
    fake.chmod(0o755)
    done, _ = _run_step(
        "Check the claims", tmp_path, {"args": "c001 c002\n--strict\n"}, path=str(stub)
    )
    assert done.returncode == 1, done.stderr
    args = (tmp_path / "args.txt").read_text("utf-8").splitlines()
    assert args[-3:] == ["c001", "c002", "--strict"]
    forged = {"sarif-file": "x.sarif\nforged=1"}
    done, outputs = _run_step("Check the claims", tmp_path, forged, path=str(stub))
    assert done.returncode == 2
    assert "forged" not in outputs


needs_report = pytest.mark.skipif(
    not _reports_to_files(), reason="`check --report FORMAT:PATH` is not in this build yet"
)


@needs_report
def test_the_check_step_passes_on_the_bundled_data_and_writes_sarif(repo_copy: Path) -> None:
    workspace = repo_copy.parent
    done, outputs = _run_step("Check the claims", workspace, {})
    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs == {"sarif-file": "dprktrack.sarif"}
    sarif = json.loads((workspace / "dprktrack.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0"
    assert done.stdout.splitlines()[-1].endswith(" 0 failures, 0 warnings.")


@needs_report
def test_the_check_step_fails_on_an_edited_source_after_writing_sarif(repo_copy: Path) -> None:
    workspace = repo_copy.parent
    edit_seed(repo_copy, "Russia vetoed the extension", "Russia blocked the extension")
    (workspace / "reports").mkdir()
    given = {"sarif-file": "reports/out.sarif", "args": "--quiet"}
    done, outputs = _run_step("Check the claims", workspace, given)
    assert done.returncode == 1, done.stdout + done.stderr
    assert outputs == {"sarif-file": "reports/out.sarif"}
    assert json.loads((workspace / "reports" / "out.sarif").read_text("utf-8"))["runs"]
    assert any(line.startswith("::error ") for line in done.stdout.splitlines())


@needs_report
def test_args_and_claims_reach_the_check(repo_copy: Path) -> None:
    workspace = repo_copy.parent
    data = workspace / "data"
    data.mkdir()
    shutil.move(repo_copy, data / "claims.json")
    shutil.move(workspace / "seeds", data / "seeds")
    edit_seed(data / "claims.json", "On March 28, 2024", "Updated.\n\nOn March 28, 2024")
    given = {"claims": "data/claims.json", "args": "--strict c001 c002"}
    done, _ = _run_step("Check the claims", workspace, given)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("2 claims checked: 2 moved")


def test_the_workflow_in_the_docs_is_valid_for_github_and_uses_the_action() -> None:
    page = (REPO / "docs" / "check-and-ci.md").read_text("utf-8")
    workflows = [
        block for block in re.findall(r"```yaml\n(.*?)```", page, re.S) if "jobs:" in block
    ]
    assert len(workflows) == 1
    schema_file = (
        resources.files("check_jsonschema.builtin_schemas.vendor") / "github-workflows.json"
    )
    schema = json.loads(schema_file.read_text("utf-8"))
    workflow = yaml.safe_load(workflows[0])
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as true; GitHub does not
    jsonschema.Draft7Validator(schema).validate(workflow)
    steps = workflow["jobs"]["check"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert "OWNER/dprktrack@REF" in uses
    assert any(use.startswith("github/codeql-action/upload-sarif@") for use in uses)
    (ours,) = [step for step in steps if step.get("uses") == "OWNER/dprktrack@REF"]
    assert set(ours["with"]) <= set(_action()["inputs"])


def test_on_a_pull_request_the_base_commit_pins_the_sources(tmp_path: Path) -> None:
    """The pull request's base reaches `check --base`; an input overrides it; a value that
    looks like an option never reaches git or the check."""
    stub = tmp_path / "stub"
    stub.mkdir()
    fake = stub / "dprktrack"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$HOME/args.txt"\n', "utf-8")
    fake.chmod(0o755)
    sha = "0" * 40
    done, _ = _run_step("Check the claims", tmp_path, {"pull-request-base": sha}, path=str(stub))
    assert done.returncode == 0, done.stderr
    args = (tmp_path / "args.txt").read_text("utf-8").splitlines()
    assert args[-2:] == ["--base", sha]
    done, _ = _run_step("Check the claims", tmp_path, {"base": "main"}, path=str(stub))
    assert (tmp_path / "args.txt").read_text("utf-8").splitlines()[-2:] == ["--base", "main"]
    (tmp_path / "args.txt").unlink()
    done, _ = _run_step("Check the claims", tmp_path, {"base": "--upload-pack=x"}, path=str(stub))
    assert done.returncode == 2
    assert not (tmp_path / "args.txt").exists()


def test_a_branch_missing_from_a_shallow_checkout_is_fetched_and_checked_by_commit(
    tmp_path: Path,
) -> None:
    from support import commit_all, git

    origin = tmp_path / "origin"
    origin.mkdir()
    (origin / "a.txt").write_text("first\n", "utf-8")
    commit_all(origin, "First")
    git(origin, "branch", "base-branch")
    (origin / "a.txt").write_text("second\n", "utf-8")
    commit_all(origin, "Second")
    workspace = tmp_path / "workspace"
    git(tmp_path, "clone", "-q", "--depth=1", "--single-branch", f"file://{origin}", "workspace")
    stub = tmp_path / "stub"
    stub.mkdir()
    fake = stub / "dprktrack"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$HOME/args.txt"\n', "utf-8")
    fake.chmod(0o755)
    path = f"{stub}{os.pathsep}{Path(shutil.which('git') or '/usr/bin/git').parent}"
    done, _ = _run_step("Check the claims", workspace, {"base": "base-branch"}, path=path)
    assert done.returncode == 0, done.stderr
    args = (workspace / "args.txt").read_text("utf-8").splitlines()
    assert args[-2:] == ["--base", git(origin, "rev-parse", "base-branch").strip()]
