"""The command group: global options, --version and --help, usage errors, the examples."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from support import CLAIMS, DATA, REPO, Invoke, json_output

from dprktrack import __version__
from dprktrack.cli import main


@pytest.mark.parametrize(
    ("args", "message", "help_for"),
    [
        (
            ["list", "--stance", "opposes"],
            "Invalid value for '--stance': 'opposes'",
            "dprktrack list",
        ),
        (["lst"], "No such command 'lst'.", "dprktrack"),
        (["show"], "Missing argument 'CLAIM_ID'.", "dprktrack show"),
        (["list", "--format", "yaml"], "Invalid value for '--format': 'yaml'", "dprktrack list"),
        (["--colour"], "No such option", "dprktrack"),
    ],
)
def test_usage_errors_are_one_line_with_a_pointer_to_help(
    invoke: Invoke, args: list[str], message: str, help_for: str
) -> None:
    result = invoke(*args, claims=None)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {message}")
    assert result.stderr.endswith(f" (see '{help_for} --help')\n")
    assert result.stderr.count("\n") == 1


def test_claims_after_the_command_says_where_it_goes(invoke: Invoke) -> None:
    result = invoke("list", "--claims", "x.json", claims=None)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "(--claims goes before the command: dprktrack --claims PATH list)\n"
    )


def test_bare_command_prints_help_and_succeeds(invoke: Invoke) -> None:
    result = invoke(claims=None)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")


@pytest.mark.parametrize("command", ["list", "actors", "stances", "targets"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_every_listing_takes_every_format(invoke: Invoke, command: str, fmt: str) -> None:
    result = invoke(command, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout, "no colour when not writing to a terminal"


def test_colour_only_when_asked_and_no_color_is_respected(invoke: Invoke) -> None:
    coloured = invoke("list", "--actor", "kim song", env={"FORCE_COLOR": "1"})
    assert "\x1b[32m" in coloured.stdout  # support in green
    plain = invoke("list", "--actor", "kim song", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[32m" not in plain.stdout


def test_claims_file_comes_from_option_then_env_then_cwd_then_bundle(
    invoke: Invoke,
    write_claims: Callable[[Any], Path],
    claims_data: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    claims_data["claims"] = claims_data["claims"][:3]
    small = write_claims(claims_data)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert len(json_output(invoke("list", "--format", "json", claims=None))) == len(DATA["claims"])
    env = {"DPRKTRACK_CLAIMS": str(small)}
    assert len(json_output(invoke("list", "--format", "json", claims=None, env=env))) == 3
    assert len(json_output(invoke("list", "--format", "json", claims=CLAIMS, env=env))) > 3
    monkeypatch.chdir(small.parent)
    assert len(json_output(invoke("list", "--format", "json", claims=None))) == 3


def test_version_and_help(invoke: Invoke) -> None:
    assert invoke("--version").stdout == f"dprktrack, version {__version__}\n"
    help_text = invoke("--help").stdout
    for command in ("list", "actors", "stances", "targets", "show", "read"):
        assert command in help_text
        assert "Example" in invoke(command, "--help").stdout


def test_repo_layout_is_as_the_design_card_says() -> None:
    for name in ("dprktrack", "seeds", "claims.json", "tests", "pyproject.toml", "README.md"):
        assert (REPO / name).exists(), name


def _help_examples() -> list[tuple[str, str]]:
    """Each command line in the Example blocks of the commands' --help, continuations joined."""
    examples = []
    context = click.Context(main)
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None
        help_text = command.help or ""
        if "Example" not in help_text:
            continue
        block = help_text.split("Example", 1)[1].split("\n", 1)[1]
        joined = re.sub(r"\\\n\s*", "", block)
        for text in joined.splitlines():
            # Without its comment, and without what a pipe or redirect does with the output.
            line = re.split(r"\s[|>]\s", text.split("  #", 1)[0])[0].strip()
            if line.startswith("dprktrack "):
                examples.append((name, line))
    return examples


@pytest.mark.parametrize(("name", "line"), _help_examples())
def test_every_help_example_runs_on_a_copy_of_the_data(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch, name: str, line: str
) -> None:
    monkeypatch.chdir(repo_copy.parent)
    result = invoke(*shlex.split(line)[1:], claims=None)
    assert result.exit_code == 0, f"{line}\n{result.output}"


def test_every_command_has_an_example() -> None:
    assert {name for name, _ in _help_examples()} == set(main.list_commands(click.Context(main)))


def test_every_command_module_is_listed_and_every_listed_command_exists() -> None:
    """Commands load lazily by COMMAND_MODULES; a command missing from it would vanish."""
    from dprktrack.cli import checking, curating, exporting, lookups  # noqa: F401
    from dprktrack.cli.group import COMMAND_MODULES

    assert set(main.commands) == set(COMMAND_MODULES)
    for name, module in COMMAND_MODULES.items():
        callback = main.commands[name].callback
        assert callback is not None
        assert callback.__module__ == f"dprktrack.cli.{module}"
