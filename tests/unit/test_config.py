"""The settings file: found from the folder up, checked key by key, each mistake one line
naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from dprktrack.check.ignores import IgnoreRule
from dprktrack.config import Settings, discover, load_settings
from dprktrack.errors import DprkError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def error(cwd: Path, explicit: Path | None = None) -> str:
    with pytest.raises(DprkError) as caught:
        load_settings(cwd, explicit)
    assert len(caught.value.lines) == 1
    return caught.value.lines[0]


def test_no_file_anywhere_up_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "nowhere") == Settings()
    assert Settings().strict is False
    assert Settings().format is None


def test_the_file_is_found_from_a_nested_folder_and_paths_are_from_its_folder(
    tmp_path: Path,
) -> None:
    write(tmp_path / "dprktrack.toml", 'claims = "data/claims.json"\nstrict = true\n')
    nested = tmp_path / "a" / "b" / "c"
    nested.mkdir(parents=True)
    settings = load_settings(nested)
    assert settings.file == tmp_path / "dprktrack.toml"
    assert settings.claims == tmp_path / "data" / "claims.json"
    assert settings.strict is True
    assert settings.origins == {
        "claims": "../../../dprktrack.toml:claims",
        "strict": "../../../dprktrack.toml:strict",
    }
    assert load_settings(tmp_path).claims == Path("data/claims.json")  # inside: relative


def test_a_pyproject_without_the_table_is_skipped_for_one_further_up(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.dprktrack]\nstrict = true\n")
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "pkg"\n[tool.ruff]\n')
    write(tmp_path / "pkg2" / "pyproject.toml", "# mentions dprktrack, has no table\n")
    assert load_settings(tmp_path / "pkg").file == tmp_path / "pyproject.toml"
    assert load_settings(tmp_path / "pkg2").file == tmp_path / "pyproject.toml"
    assert load_settings(tmp_path / "pkg").origins == {
        "strict": "../pyproject.toml:tool.dprktrack.strict"
    }


def test_the_nearest_folder_wins_and_in_one_folder_dprktrack_toml_wins(tmp_path: Path) -> None:
    write(tmp_path / "dprktrack.toml", "strict = true\n")
    write(tmp_path / "inner" / "pyproject.toml", "[tool.dprktrack]\nstrict = false\n")
    assert load_settings(tmp_path / "inner").strict is False
    write(tmp_path / "inner" / "dprktrack.toml", 'format = "json"\n')
    settings = load_settings(tmp_path / "inner")
    assert (settings.file, settings.format, settings.strict) == (
        tmp_path / "inner" / "dprktrack.toml",
        "json",
        False,  # one file is read, never merged with another
    )


def test_an_empty_table_or_file_is_found_and_gives_the_defaults(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.dprktrack]\n")
    found = discover(tmp_path)
    assert found is not None
    assert load_settings(tmp_path) == Settings(file=tmp_path / "pyproject.toml")


def test_a_named_file_is_used_and_isolated_reads_none(tmp_path: Path) -> None:
    write(tmp_path / "dprktrack.toml", "strict = true\n")
    other = write(tmp_path / "ci" / "strict-off.toml", "strict = false\n")
    assert load_settings(tmp_path, Path("ci/strict-off.toml")).file == other
    assert load_settings(tmp_path, isolated=True) == Settings()
    missing = error(tmp_path, Path("nope.toml"))
    assert missing.startswith("nope.toml: cannot read it: ")
    write(tmp_path / "x" / "pyproject.toml", "[project]\n")
    assert error(tmp_path, Path("x/pyproject.toml")) == (
        "x/pyproject.toml: no [tool.dprktrack] table"
    )


def test_ignore_entries_become_rules_with_their_reasons(tmp_path: Path) -> None:
    write(
        tmp_path / "dprktrack.toml",
        'ignore = [\n  {claim = "c012", verdict = "moved", reason = "upstream  re-flowed"},\n'
        '  {verdict = "typography", reason = "curly quotes are house style"},\n]\n',
    )
    assert load_settings(tmp_path).ignore == (
        IgnoreRule(reason="upstream re-flowed", claim="c012", verdict="moved"),
        IgnoreRule(reason="curly quotes are house style", verdict="typography"),
    )


ERRORS = [
    ('strict = "yes"\n', 'dprktrack.toml: strict: expected true or false, got "yes"'),
    ("strikt = true\n", "dprktrack.toml: strikt: unknown key; did you mean strict?"),
    ("colour = 1\n", "dprktrack.toml: colour: unknown key; known: claims, strict, format, ignore"),
    ("claims = 3\n", "dprktrack.toml: claims: expected a non-empty string, got 3"),
    (
        'claims = "../elsewhere/claims.json"\n',
        'dprktrack.toml: claims: "../elsewhere/claims.json" is outside the settings file\'s folder',
    ),
    (
        'claims = "/etc/claims.json"\n',
        'dprktrack.toml: claims: "/etc/claims.json" is outside the settings file\'s folder',
    ),
    ('claims = "a\\u0000b"\n', "dprktrack.toml: claims: a path cannot hold a NUL character"),
    ('claims = ""\n', 'dprktrack.toml: claims: expected a non-empty string, got ""'),
    ('format = "jsn"\n', 'dprktrack.toml: format: unknown check format "jsn"; did you mean json?'),
    ("format = [1]\n", "dprktrack.toml: format: expected a non-empty string, got an array"),
    (
        'ignore = {claim = "c1"}\n',
        "dprktrack.toml: ignore: expected an array of tables, got a table",
    ),
    (
        'ignore = ["c012"]\n',
        'dprktrack.toml: ignore[0]: expected a table {claim, verdict, reason}, got "c012"',
    ),
    (
        'ignore = [{claim = "c012", verdict = "moved"}]\n',
        "dprktrack.toml: ignore[0].reason: required: say why this exception is allowed",
    ),
    (
        'ignore = [{claim = "c012", reason = "  "}]\n',
        "dprktrack.toml: ignore[0].reason: required: say why this exception is allowed",
    ),
    (
        'ignore = [{claim = "c1", reason = "r"}, {reason = "r"}]\n',
        "dprktrack.toml: ignore[1]: names no claim and no verdict; give one or both",
    ),
    (
        'ignore = [{verdict = "moove", reason = "r"}]\n',
        'dprktrack.toml: ignore[0].verdict: not a warning or failure: "moove"; did you mean moved?',
    ),
    (
        'ignore = [{verdict = "ok", reason = "r"}]\n',
        'dprktrack.toml: ignore[0].verdict: not a warning or failure: "ok"; known: moved, '
        "typography, changed, altered, missing, ambiguous, source-missing, source-changed, "
        "source-repinned",
    ),
    (
        'ignore = [{claim = "c1", reson = "r"}]\n',
        "dprktrack.toml: ignore[0].reson: unknown key; did you mean reason?",
    ),
    (
        'ignore = [{verdict = "changed", reason = "r"}]\n',
        "dprktrack.toml: ignore[0]: a failure (changed) is ignored only for a named claim",
    ),
    (
        'ignore = [{claim = "c1", verdict = "source-changed", reason = "r"}]\n',
        "dprktrack.toml: ignore[0].verdict: a source's pin is never ignored (source-changed)",
    ),
    (
        'ignore = [{claim = "c1", verdict = "source-repinned", reason = "r"}]\n',
        "dprktrack.toml: ignore[0].verdict: a source's pin is never ignored (source-repinned)",
    ),
    ("strict = \n", "dprktrack.toml:1:10: not valid TOML: Invalid value"),
    (
        "[tool\n",
        "dprktrack.toml:1:6: not valid TOML: Expected ']' at the end of a table declaration",
    ),
]


@pytest.mark.parametrize(("text", "message"), ERRORS, ids=[m for _, m in ERRORS])
def test_every_mistake_is_one_line_naming_the_file_and_the_key(
    tmp_path: Path, text: str, message: str
) -> None:
    write(tmp_path / "dprktrack.toml", text)
    assert error(tmp_path) == message


def test_a_pyprojects_keys_are_named_under_tool_dprktrack(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.dprktrack]\nstrict = "yes"\n')
    assert error(tmp_path / ".") == (
        'pyproject.toml: tool.dprktrack.strict: expected true or false, got "yes"'
    )
    write(tmp_path / "pyproject.toml", "[tool]\ndprktrack = 1\n")
    assert error(tmp_path) == "pyproject.toml: tool.dprktrack: expected a table, got 1"
    write(tmp_path / "pyproject.toml", "[tool.dprktrack]\nstrict = true\nstrict = false\n")
    assert error(tmp_path).startswith("pyproject.toml:3:")


def test_a_file_found_further_up_is_named_from_here(tmp_path: Path) -> None:
    write(tmp_path / "dprktrack.toml", "strict = 1\n")
    (tmp_path / "sub").mkdir()
    assert error(tmp_path / "sub") == "../dprktrack.toml: strict: expected true or false, got 1"


def test_a_file_not_in_utf8_or_too_large_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dprktrack.toml").write_bytes(b"strict = true # caf\xe9\n")
    assert error(tmp_path) == (
        "dprktrack.toml: not valid UTF-8 (byte at offset 19); save it as UTF-8"
    )
    (tmp_path / "dprktrack.toml").write_bytes(b"#" * (2 << 20))
    assert "larger than" in error(tmp_path)


def test_where_a_setting_came_from_is_no_part_of_the_settings() -> None:
    """The same settings read from two files are equal, and hash alike (a cache may key on
    them): `origins` only says where each came from, for messages."""
    toml = Settings(strict=True, origins={"strict": "dprktrack.toml:strict"})
    pyproject = Settings(strict=True, origins={"strict": "pyproject.toml:tool.dprktrack.strict"})
    assert toml == pyproject
    assert hash(toml) == hash(pyproject) == hash(Settings(strict=True))
