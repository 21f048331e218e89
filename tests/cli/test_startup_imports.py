"""Start-up held by tests: which heavy modules each kind of command imports.

Each command runs in a new Python, as a user runs it, with stdout a pipe (not a
terminal); what it imported is then read from `sys.modules`. Help and machine
output load neither pydantic nor rich nor the matcher; only the commands that need
one load it. Speed itself is measured by bench/startup.py, never here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from support import CLAIMS, add_args

from dprktrack.cli import main
from dprktrack.cli.group import COMMAND_MODULES, command_object

PYDANTIC = "pydantic"
RICH = "rich"
MATCHER = "dprktrack.matching.matcher"
CHECKING = "dprktrack.check.verdicts"
"""The check machinery (verdicts and repairs); its report formatting is light."""
COMMANDS = "dprktrack.cli.lookups dprktrack.cli.curating dprktrack.cli.checking " + (
    "dprktrack.cli.exporting dprktrack.cli.configuring dprktrack.cli.editing dprktrack.cli.sourcing"
    " dprktrack.cli.changes dprktrack.cli.reporting dprktrack.cli.suggesting"
    " dprktrack.cli.reviewing dprktrack.cli.batching"
)
TOML = "tomllib"
"""The TOML parser: imported only when a settings file is found."""
EXPLAIN = "dprktrack.claimsfile.explain"
"""Why a claims file is refused: a valid one is loaded without it."""
HEAVY = (PYDANTIC, RICH, MATCHER, CHECKING, EXPLAIN, TOML, *COMMANDS.split())

SCRIPT = """
import json, sys
from dprktrack.cli import main
try:
    main(sys.argv[2:], prog_name="dprktrack")
except SystemExit:
    pass
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(sorted(sys.modules), out)
"""


def imported(tmp_path: Path, *args: str) -> set[str]:
    """Which of HEAVY a command imports, run in a new Python with stdout a pipe."""
    modules = every_module(tmp_path, *args)
    return {heavy for heavy in HEAVY if any(_within(name, heavy) for name in modules)}


def every_module(tmp_path: Path, *args: str) -> set[str]:
    """Every module a command imports, run in a new Python with stdout a pipe."""
    found = tmp_path / "modules.json"
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DPRKTRACK", "_DPRKTRACK")) and key not in ("FORCE_COLOR", "TTY")
    }
    subprocess.run(
        [sys.executable, "-c", SCRIPT, str(found), *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
        env=environment,
        check=False,
        timeout=120,
    )
    return set(json.loads(found.read_text("utf-8")))


def _within(module: str, heavy: str) -> bool:
    """Whether `module` is `heavy` or one of its submodules (any, for a name ending in .)."""
    return (
        module.startswith(heavy)
        if heavy.endswith(".")
        else module.split(".")[: len(heavy.split("."))] == heavy.split(".")
    )


def test_the_command_map_holds_each_commands_own_short_help() -> None:
    """`dprktrack --help` shows the map's short help: it must be the command's own."""
    for name, (_, short_help) in COMMAND_MODULES.items():
        command = command_object(name)
        assert command.short_help == short_help, name
        assert command.get_short_help_str(limit=1000) == short_help, name


def test_help_lists_every_command_with_its_short_help() -> None:
    help_text = main.get_help(click.Context(main, info_name="dprktrack"))
    commands = help_text.split("Commands:\n", 1)[1]
    for name in COMMAND_MODULES:
        assert f"\n  {name} " in f"\n{commands}", name


def test_group_help_imports_no_command_module(tmp_path: Path) -> None:
    assert imported(tmp_path, "--help") == set()
    assert imported(tmp_path, "--version") == set()


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_a_commands_help_imports_no_pydantic_rich_matcher_or_check(
    tmp_path: Path, name: str
) -> None:
    module = COMMAND_MODULES[name][0].split(":")[0]
    assert imported(tmp_path, name, "--help") == {module}


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--format", "json"],
        ["list", "--actor", "nebenzya", "--format", "csv"],
        ["list", "--format", "markdown"],
        ["actors", "--format", "json"],
        ["stances", "--format", "json"],
        ["targets", "--format", "csv"],
        ["show", "c001", "--format", "json"],
        ["list", "--sort", "date", "--format", "json"],
    ],
    ids=" ".join,
)
def test_machine_lookups_import_neither_pydantic_nor_rich_nor_the_matcher(
    tmp_path: Path, args: list[str]
) -> None:
    assert imported(tmp_path, "--claims", str(CLAIMS), *args) == {"dprktrack.cli.lookups"}


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_timeline_as_data_imports_neither_pydantic_nor_rich_nor_the_matcher(
    tmp_path: Path, fmt: str
) -> None:
    found = imported(tmp_path, "--claims", str(CLAIMS), "timeline", "--format", fmt)
    assert found == {"dprktrack.cli.changes"}


def test_diff_imports_neither_pydantic_nor_the_matcher_and_rich_only_for_text(
    tmp_path: Path,
) -> None:
    both = [str(CLAIMS), str(CLAIMS)]
    assert imported(tmp_path, "diff", *both, "--format", "json") == {"dprktrack.cli.changes"}
    assert imported(tmp_path, "diff", *both, "--format", "markdown") == {"dprktrack.cli.changes"}
    assert imported(tmp_path, "diff", *both) == {"dprktrack.cli.changes", RICH}


def test_timeline_for_people_imports_rich_and_not_pydantic_nor_the_matcher(tmp_path: Path) -> None:
    found = imported(tmp_path, "--claims", str(CLAIMS), "timeline", "--actor", "nebenzya")
    assert found == {"dprktrack.cli.changes", RICH}


@pytest.mark.parametrize(
    "args", [["list"], ["actors"], ["stances"], ["targets"], ["show", "c001"]], ids=" ".join
)
def test_table_lookups_import_rich_and_not_pydantic_nor_the_matcher(
    tmp_path: Path, args: list[str]
) -> None:
    assert imported(tmp_path, "--claims", str(CLAIMS), *args) == {"dprktrack.cli.lookups", RICH}


def test_sources_imports_rich_only_for_the_table_and_never_pydantic_nor_the_matcher(
    tmp_path: Path,
) -> None:
    listed = ["--claims", str(CLAIMS), "sources"]
    assert imported(tmp_path, *listed, "--format", "json") == {"dprktrack.cli.sourcing"}
    assert imported(tmp_path, *listed) == {"dprktrack.cli.sourcing", RICH}


def test_editing_a_source_validates_with_pydantic_and_never_draws_with_rich(
    tmp_path: Path,
) -> None:
    edited = ["--claims", str(CLAIMS), "edit-source", "neo-2024-04-24", "--title", "T", "--dry-run"]
    found = imported(tmp_path, *edited)
    assert PYDANTIC in found
    assert RICH not in found


def test_locate_imports_the_matcher_and_rich_only_for_text(tmp_path: Path) -> None:
    located = ["--claims", str(CLAIMS), "locate", "set a time limit"]
    with_the_matcher = {"dprktrack.cli.curating", MATCHER, CHECKING}
    assert imported(tmp_path, *located, "--format", "json") == with_the_matcher
    assert imported(tmp_path, *located) == {*with_the_matcher, RICH}


@pytest.mark.parametrize("text", ["set a time limit", "set a time limmit"])
def test_locate_loads_neither_hashlib_nor_difflib(tmp_path: Path, text: str) -> None:
    """OpenSSL (hashlib, for a departure's pin) and difflib (a failing claim's word diff)
    cost milliseconds each; finding a passage, or the closest ones, needs neither."""
    found = every_module(tmp_path, "--claims", str(CLAIMS), "locate", text)
    assert not found & {"hashlib", "_hashlib", "difflib"}


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit", "gitlab"])
def test_check_imports_the_matcher_and_neither_pydantic_nor_rich_off_a_terminal(
    tmp_path: Path, fmt: str
) -> None:
    found = imported(tmp_path, "--claims", str(CLAIMS), "check", "--format", fmt)
    assert found == {"dprktrack.cli.checking", MATCHER, CHECKING}


def test_check_writing_every_report_imports_neither_pydantic_nor_rich(tmp_path: Path) -> None:
    reports = [f"--report={fmt}:{tmp_path / fmt}" for fmt in ("sarif", "junit", "gitlab", "text")]
    found = imported(tmp_path, "--claims", str(CLAIMS), "check", "--format", "json", *reports)
    assert found == {"dprktrack.cli.checking", MATCHER, CHECKING}
    assert (tmp_path / "sarif").exists()


def test_report_imports_the_check_and_neither_pydantic_nor_rich(tmp_path: Path) -> None:
    found = imported(tmp_path, "--claims", str(CLAIMS), "report", "-o", str(tmp_path / "r.html"))
    assert found == {"dprktrack.cli.reporting", MATCHER, CHECKING}
    assert (tmp_path / "r.html").exists()


def test_config_imports_neither_pydantic_nor_rich_nor_the_matcher(tmp_path: Path) -> None:
    assert imported(tmp_path, "config", "--format", "json") == {"dprktrack.cli.configuring"}
    (tmp_path / "dprktrack.toml").write_text("strict = true\n", "utf-8")
    found = imported(tmp_path, "config")
    assert found == {"dprktrack.cli.configuring", TOML}


def test_a_lookup_reads_the_settings_file_only_when_one_is_found(tmp_path: Path) -> None:
    """No settings file, no TOML parser; one found, and only then, tomllib."""
    (tmp_path / "claims.json").write_bytes(CLAIMS.read_bytes())
    assert imported(tmp_path, "list", "--format", "json") == {"dprktrack.cli.lookups"}
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'other'\n", "utf-8")
    assert imported(tmp_path, "list", "--format", "json") == {"dprktrack.cli.lookups"}
    (tmp_path / "dprktrack.toml").write_text("strict = true\n", "utf-8")
    assert imported(tmp_path, "list", "--format", "json") == {"dprktrack.cli.lookups", TOML}


@pytest.mark.parametrize("fmt", ["annotations", "csv", "jsonl"])
def test_export_imports_neither_pydantic_nor_rich(tmp_path: Path, fmt: str) -> None:
    found = imported(tmp_path, "--claims", str(CLAIMS), "export", "--format", fmt)
    assert PYDANTIC not in found
    assert RICH not in found


def test_sqlite_export_imports_no_rich(tmp_path: Path) -> None:
    """The database needs the standard library; its Datasette metadata reads the models'
    field descriptions, so pydantic is imported there, and only there."""
    found = imported(tmp_path, "--claims", str(CLAIMS), "export", "-o", str(tmp_path / "c.db"))
    assert RICH not in found
    assert PYDANTIC in found


def test_schema_imports_pydantic_and_not_rich_nor_the_matcher(tmp_path: Path) -> None:
    assert imported(tmp_path, "schema") == {"dprktrack.cli.curating", PYDANTIC}


def test_add_validates_with_pydantic_and_never_draws_with_rich(tmp_path: Path) -> None:
    found = imported(
        tmp_path, "--claims", str(CLAIMS), *add_args("long overdue"), "--dry-run", "--no-prompt"
    )
    assert {PYDANTIC, MATCHER} <= found
    assert RICH not in found


@pytest.mark.parametrize(
    "args",
    [
        ["edit", "c001", "--summary", "Russia vetoes the extension.", "--dry-run"],
        ["remove", "c001", "--dry-run"],
        ["edit-target", "panel-of-experts", "--label", "The Panel", "--dry-run"],
    ],
    ids=" ".join,
)
def test_edits_validate_with_pydantic_and_never_draw_with_rich(
    tmp_path: Path, args: list[str]
) -> None:
    found = imported(tmp_path, "--claims", str(CLAIMS), *args)
    assert "dprktrack.cli.editing" in found
    assert PYDANTIC in found or args[0] == "remove"
    assert RICH not in found


@pytest.mark.parametrize("name", ["actors", "stances", "targets"])
def test_counting_lookups_load_no_matching_module_and_no_difflib(tmp_path: Path, name: str) -> None:
    found = tmp_path / "modules.json"
    subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT,
            str(found),
            "--claims",
            str(CLAIMS),
            name,
            "--format",
            "json",
        ],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=True,
        timeout=120,
    )
    modules = json.loads(found.read_text("utf-8"))
    assert not [module for module in modules if module.startswith("dprktrack.matching")]
    assert "difflib" not in modules


def test_completing_a_command_name_imports_no_command_module(tmp_path: Path) -> None:
    found = tmp_path / "modules.json"
    environment = {
        **os.environ,
        "_DPRKTRACK_COMPLETE": "zsh_complete",
        "COMP_WORDS": "dprktrack add",
        "COMP_CWORD": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(found)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=environment,
        check=False,
        timeout=120,
    )
    assert result.stdout.split("\n")[:6] == [
        "plain",
        "add",
        "Add a claim, its quote anchored in the source.",
        "plain",
        "add-actor",
        "Add an actor the claims can name.",
    ]
    modules = set(json.loads(found.read_text("utf-8")))
    assert not modules & set(COMMANDS.split())


def test_suggest_on_the_bundled_article_needs_neither_the_matcher_nor_pydantic(
    tmp_path: Path,
) -> None:
    """Every span of the article is found once, exactly, and every claim stands at its
    anchors: the exact test decides, and the matcher is not even imported."""
    suggested = ["--claims", str(CLAIMS), "suggest"]
    for fmt in ("json", "csv"):
        found = imported(tmp_path, *suggested, "--format", fmt)
        assert "dprktrack.cli.suggesting" in found
        assert not found & {PYDANTIC, RICH, MATCHER, "dprktrack.cli.reviewing"}
    table = imported(tmp_path, *suggested, "--all")
    assert RICH in table
    assert MATCHER not in table


def test_suggest_on_the_bundled_article_spares_the_imports_it_does_not_use(
    tmp_path: Path,
) -> None:
    """Line:column needs only `matching.lines` (`textpos` compiles patterns suggest never
    uses), and every speaker of the article is known, so no add-actor hint is quoted."""
    for fmt in ("json", "table"):
        modules = every_module(tmp_path, "--claims", str(CLAIMS), "suggest", "--format", fmt)
        assert "dprktrack.matching.lines" in modules
        assert "dprktrack.matching.textpos" not in modules
        assert "shlex" not in modules  # only for an add-actor hint, which the article needs not
        assert "dprktrack.check.ignores" not in modules  # only where settings have ignores


def test_add_from_json_loads_the_batch_module_only_when_asked(tmp_path: Path) -> None:
    assert "dprktrack.cli.batching" not in imported(tmp_path, "add", "--help")


def test_the_settings_read_the_checks_verdicts_only_for_ignore_entries(tmp_path: Path) -> None:
    """A settings file without `ignore` entries (the repository's own, say) costs a command
    no import of the check's verdicts; one with them, read by `config`, does."""
    (tmp_path / "dprktrack.toml").write_text(
        '[[ignore]]\nclaim = "c001"\nverdict = "moved"\nreason = "a test"\n', "utf-8"
    )
    modules = every_module(tmp_path, "--claims", str(CLAIMS), "config")
    assert "dprktrack.check.ignores" in modules
