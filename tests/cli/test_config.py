"""Settings files through the command line: which one is read, what overrides it, `dprktrack
config`, and ignore entries in `check` (kept, marked, counted apart, never hiding another
failure, and said when they match nothing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import (
    CLAIM_IDS,
    CLAIMS,
    NEXT_PARAGRAPH,
    Invoke,
    claim_of,
    digest,
    edit_seed,
    load,
    save,
    seed_copy,
)

from dprktrack.errors import EXIT_FAILURE, EXIT_INPUT, EXIT_OK


@pytest.fixture
def here(repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The copy's folder as the current one, no settings file named: the one found is read."""
    monkeypatch.delenv("DPRKTRACK_CONFIG")
    monkeypatch.chdir(repo_copy.parent)
    return repo_copy.parent


def settings_file(folder: Path, text: str, name: str = "dprktrack.toml") -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def change_quote(claims: Path, claim_id: str) -> None:
    """`claim_id` no longer what its source says: a failure (changed), the pin untouched."""
    data = load(claims)
    claim = claim_of(data, claim_id)
    claim["quote"] = claim["quote"].replace(claim["quote"].split()[2], "zebra", 1)
    save(claims, data)


def moved_below(claims: Path) -> None:
    """A paragraph inserted above c006 and the source re-pinned: c006 onwards moved
    (warnings). A changed source is a failure no settings file may excuse."""
    edit_seed(claims, NEXT_PARAGRAPH, "An editor's note, added later.\n\n" + NEXT_PARAGRAPH)
    data = load(claims)
    data["sources"][0]["sha256"] = digest(seed_copy(claims))
    save(claims, data)


def check(invoke: Invoke, *args: str) -> tuple[int, dict[str, Any], str]:
    result = invoke("check", "--format", "json", *args, claims=None)
    return result.exit_code, json.loads(result.stdout), result.stderr


# --- which file, and what overrides it ------------------------------------------------------


def test_the_claims_file_comes_from_the_settings_then_env_then_flag(
    invoke: Invoke, here: Path
) -> None:
    (here / "data").mkdir()
    (here / "claims.json").rename(here / "data" / "claims.json")
    (here / "seeds").rename(here / "data" / "seeds")
    nested = here / "deep" / "er"
    nested.mkdir(parents=True)
    settings_file(here, 'claims = "data/claims.json"\n')
    result = invoke("config", "--format", "json", claims=None)
    shown = json.loads(result.stdout)["claims"]
    assert shown == {"value": "data/claims.json", "from": "dprktrack.toml:claims"}
    assert invoke("check", claims=None).exit_code == EXIT_OK  # the file's claims are checked
    env = {"DPRKTRACK_CLAIMS": "nowhere.json"}
    from_env = invoke("config", "--format", "json", claims=None, env=env)
    assert json.loads(from_env.stdout)["claims"] == {
        "value": "nowhere.json",
        "from": "DPRKTRACK_CLAIMS",
    }
    assert invoke("check", claims=None, env=env).exit_code == EXIT_INPUT
    flag = invoke("--claims", str(CLAIMS), "config", "--format", "json", claims=None, env=env)
    assert json.loads(flag.stdout)["claims"]["from"] == "--claims"


def test_a_claims_file_here_shadowed_by_the_settings_above_is_named(
    invoke: Invoke, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A curator in a scratch folder with its own claims.json, below a settings file that
    names the repository's: every command says which file it uses, and --claims wins."""
    settings_file(here, 'claims = "claims.json"\n')
    scratch = here / "scratch"
    scratch.mkdir()
    (scratch / "claims.json").write_text((here / "claims.json").read_text("utf-8"), "utf-8")
    monkeypatch.chdir(scratch)
    for command in (
        ("list", "--format", "json"),
        ("check",),
        ("edit", "c001", "--dry-run", "--summary", "S."),
    ):
        result = invoke(*command, claims=None)
        note = "not ./claims.json here; --claims claims.json uses this one"
        if command[0] == "check":  # check names the file it checks in full, for CI logs
            note = f"note: checking {(here / 'claims.json').resolve()}"
        assert result.stderr.count(note) == 1, (command, result.stderr)
    own = invoke("--claims", "claims.json", "list", "--format", "json", claims=None)
    assert "not ./claims.json here" not in own.stderr
    monkeypatch.chdir(here)  # the repository's own folder: the same file, nothing to say
    assert "not ./claims.json here" not in invoke("list", claims=None).stderr


def test_the_settings_are_found_from_a_nested_folder(
    invoke: Invoke, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_file(here, "[tool.dprktrack]\nstrict = true\n", "pyproject.toml")
    moved_below(here / "claims.json")
    nested = here / "a" / "b"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    result = invoke("--claims", "../../claims.json", "check", claims=None)
    assert result.exit_code == EXIT_FAILURE
    rows = invoke("config", claims=None).stdout.splitlines()
    assert rows[0].split() == ["setting", "value", "from"]
    assert rows[1].split()[:3] == ["config", "../../pyproject.toml", "found"]
    assert rows[3].split() == ["strict", "true", "../../pyproject.toml:tool.dprktrack.strict"]


def test_strict_and_format_from_the_file_and_the_options_override_them(
    invoke: Invoke, here: Path
) -> None:
    moved_below(here / "claims.json")
    change_quote(here / "claims.json", "c001")
    settings_file(
        here,
        'strict = true\nformat = "json"\n'
        'ignore = [{claim = "c001", verdict = "changed", reason = "under review"}]\n',
    )
    strict = invoke("check", claims=None)
    assert strict.exit_code == EXIT_FAILURE  # the moved claims fail: strict
    summary = json.loads(strict.stdout)["summary"]  # json: the file's format
    assert (summary["failures"], summary["ignored"]) == (summary["verdicts"]["moved"], 1)
    relaxed = invoke("check", "--no-strict", "--format", "text", claims=None)
    assert relaxed.exit_code == EXIT_OK
    last = relaxed.stdout.splitlines()[-1]
    assert last.endswith(f" 0 failures, {summary['verdicts']['moved']} warnings, 1 ignored.")
    assert "c001 changed: " in relaxed.stdout
    assert "(ignored: under review)" in relaxed.stdout


def test_no_config_reads_none_and_contradicting_options_are_refused(
    invoke: Invoke, here: Path
) -> None:
    settings_file(here, "strict = maybe\n")
    assert invoke("check", claims=None).exit_code == EXIT_INPUT
    assert invoke("--no-config", "check", claims=None).exit_code == EXIT_OK
    named = settings_file(here, "strict = true\n", "other.toml")
    env = {"DPRKTRACK_CONFIG": str(named)}
    result = invoke("--no-config", "config", "--format", "json", claims=None, env=env)
    assert json.loads(result.stdout)["config"] == {"value": None, "from": "--no-config"}
    via_env = invoke("config", "--format", "json", claims=None, env=env)
    assert json.loads(via_env.stdout)["config"] == {
        "value": "other.toml",
        "from": "DPRKTRACK_CONFIG",
    }
    both = invoke("--no-config", "--config", "other.toml", "check", claims=None)
    assert both.exit_code == EXIT_INPUT
    assert both.stderr.startswith("error: --no-config and --config contradict each other")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('strict = "yes"\n', 'error: dprktrack.toml: strict: expected true or false, got "yes"'),
        ('ignore = [{claim = "c001"}]\n', "error: dprktrack.toml: ignore[0].reason: required: "),
        ("[tool\n", "error: dprktrack.toml:1:6: not valid TOML: "),
    ],
)
@pytest.mark.parametrize("command", [["check"], ["config"], ["list"]])
def test_a_bad_settings_file_is_one_line_and_exit_2_for_every_command_that_reads_it(
    invoke: Invoke, here: Path, text: str, message: str, command: list[str]
) -> None:
    settings_file(here, text)
    result = invoke(*command, claims=None)
    assert result.exit_code == EXIT_INPUT
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


# --- ignore entries in check ---------------------------------------------------------------


def test_an_ignored_failure_is_kept_marked_and_counted_apart(invoke: Invoke, here: Path) -> None:
    change_quote(here / "claims.json", "c001")
    settings_file(here, 'ignore = [{claim = "c001", verdict = "changed", reason = "see #12"}]\n')
    code, report, stderr = check(invoke)
    assert (code, stderr) == (EXIT_OK, "")
    (record,) = [r for r in report["results"] if r["id"] == "c001"]
    assert (record["verdict"], record["severity"]) == ("changed", "failure")
    assert (record["ignored"], record["ignore_reason"]) == (True, "see #12")
    assert report["summary"]["failures"] == 0
    assert report["summary"]["ignored"] == 1
    assert report["summary"]["verdicts"]["changed"] == 1
    others = [r for r in report["results"] if r["id"] != "c001"]
    assert not any(r["ignored"] for r in others)
    text = invoke("check", claims=None).stdout.splitlines()
    count = len(CLAIM_IDS)
    assert text[-1] == (
        f"{count} claims checked: {count - 1} ok, 1 changed. 0 failures, 0 warnings, 1 ignored."
    )
    github = invoke("check", "--format", "github", claims=None).stdout
    assert github.startswith("::notice file=claims.json,")


def test_an_ignore_for_one_verdict_does_not_hide_another_failure_and_is_warned(
    invoke: Invoke, here: Path
) -> None:
    change_quote(here / "claims.json", "c001")
    settings_file(
        here,
        'ignore = [{claim = "c001", verdict = "moved", reason = "re-flowed"},\n'
        '  {claim = "c099", reason = "gone"}]\n',
    )
    code, report, stderr = check(invoke)
    assert code == EXIT_FAILURE
    assert report["summary"]["failures"] == 1
    assert report["summary"]["ignored"] == 0
    assert stderr.splitlines() == [
        "warning: dprktrack.toml:ignore[0] (claim c001, verdict moved) matches no finding",
        "warning: dprktrack.toml:ignore[1] (claim c099) matches no finding",
    ]
    some = invoke("check", "c002", claims=None)  # a run of other claims: nothing to say
    assert (some.exit_code, some.stderr) == (EXIT_OK, "")


def test_ignoring_everything_that_fails_still_shows_what_was_checked(
    invoke: Invoke, here: Path
) -> None:
    moved_below(here / "claims.json")
    settings_file(
        here,
        'strict = true\nignore = [{verdict = "moved", reason = "r"}]\n',
    )
    code, report, _ = check(invoke)
    assert code == EXIT_OK
    summary = report["summary"]
    assert summary["claims"] == len(CLAIM_IDS)
    assert summary["ignored"] == summary["verdicts"]["moved"] > 1
    assert len(report["results"]) == len(CLAIM_IDS)  # nothing dropped: every claim


def toml_entry(claim_id: str | None, verdict: str | None) -> str:
    """`{claim = "c001", verdict = "moved", reason = "r"}`, either key left out when None."""
    keys = {"claim": claim_id, "verdict": verdict, "reason": "r"}
    return "{" + ", ".join(f'{key} = "{value}"' for key, value in keys.items() if value) + "}"


VERDICT_RULES = st.sampled_from(["moved", "changed", None])
CLAIM_RULES = st.sampled_from(["c001", "c002", "c010", "c040", None])


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rules=st.lists(st.tuples(CLAIM_RULES, VERDICT_RULES), max_size=4),
    strict=st.booleans(),
)
def test_a_run_exits_1_iff_a_failure_no_entry_covers_remains(
    invoke: Invoke,
    rules: list[tuple[str | None, str | None]],
    strict: bool,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shutil

    from support import REPO

    folder = tmp_path_factory.mktemp("hostile")
    shutil.copytree(REPO / "seeds", folder / "seeds")
    shutil.copy2(CLAIMS, folder / "claims.json")
    monkeypatch.delenv("DPRKTRACK_CONFIG", raising=False)
    monkeypatch.chdir(folder)
    moved_below(folder / "claims.json")
    change_quote(folder / "claims.json", "c001")
    # A settings file may excuse a failure only by claim and verdict: other entries are refused.
    allowed = [(c, v) for c, v in rules if c or v == "moved"]
    entries = [toml_entry(claim_id, verdict) for claim_id, verdict in allowed]
    settings_file(folder, f"strict = {str(strict).lower()}\nignore = [{', '.join(entries)}]\n")
    code, report, _ = check(invoke)
    failing = ("failure", "warning") if strict else ("failure",)
    remaining = [r for r in report["results"] if r["severity"] in failing and not r["ignored"]]
    assert code == (EXIT_FAILURE if remaining else EXIT_OK)
    c001 = next(r for r in report["results"] if r["id"] == "c001")
    assert c001["ignored"] == (("c001", "changed") in allowed), "the misquote, excused by name only"
    assert report["summary"]["failures"] == len(remaining)
    assert len(report["results"]) == len(CLAIM_IDS)


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
@pytest.mark.parametrize("strict", ["true", "false"])
def test_no_setting_turns_an_unexcused_failure_into_success(
    invoke: Invoke, here: Path, fmt: str, strict: str
) -> None:
    change_quote(here / "claims.json", "c001")
    settings_file(
        here,
        f'strict = {strict}\nformat = "{fmt}"\nignore = [{{verdict = "moved", reason = "r"}},'
        ' {claim = "c002", reason = "r"}]\n',
    )
    for args in ([], ["--no-strict"], ["--format", "json"], ["c001"]):
        assert invoke("check", *args, claims=None).exit_code == EXIT_FAILURE, args
