"""Hostile pull requests against the CI reports and the settings file: a failure is never
hidden in a grouped line, cut from SARIF, told as a pass, or written over the repository."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import Invoke, claim_of, digest, edit_seed, load, save, seed_copy

FIRST_WORDS = "On March 28, 2024, Russia vetoed"


@pytest.fixture
def all_moved(repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every claim moved by one insertion at the top, the source re-pinned; c010 misquoted."""
    edit_seed(repo_copy, FIRST_WORDS, "Updated on April 25.\n\n" + FIRST_WORDS)
    data = load(repo_copy)
    data["sources"][0]["sha256"] = digest(seed_copy(repo_copy))
    claim = claim_of(data, "c010")
    claim["quote"] = claim["quote"].replace(claim["quote"].split()[1], "zebra", 1)
    save(repo_copy, data)
    monkeypatch.chdir(repo_copy.parent)
    monkeypatch.delenv("DPRKTRACK_CONFIG", raising=False)
    return repo_copy


def _settings(folder: Path, text: str) -> None:
    (folder / "dprktrack.toml").write_text(text, "utf-8")


def test_a_grouped_line_never_tells_an_ignored_claim_and_failing_ones_as_one(
    invoke: Invoke, all_moved: Path
) -> None:
    _settings(
        all_moved.parent,
        'strict = true\nignore = [{claim = "c001", verdict = "moved", reason = "reflow"}]\n',
    )
    result = invoke("check", "--format", "github", claims=None)
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert errors, "the moved claims fail under strict: each group of them is an error"
    assert not any("ignored" in line for line in errors)
    assert any("c010 changed" in line for line in errors)
    text = invoke("check", claims=None).stdout
    grouped = [line for line in text.splitlines() if " more moved" in line]
    assert grouped
    assert not any("(ignored" in line for line in grouped)


def test_sarif_cut_at_githubs_limit_keeps_every_real_failure_first(
    invoke: Invoke, all_moved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dprktrack.check import sarif

    monkeypatch.setattr(sarif, "MAX_RESULTS", 5)  # the limit is GitHub's; its size is not
    out = all_moved.parent / "x.sarif"
    result = invoke("check", "--strict", "--report", f"sarif:{out}", claims=None)
    assert result.exit_code == 1
    results = json.loads(out.read_text("utf-8"))["runs"][0]["results"]
    assert results[0]["ruleId"] == "changed", "the misquote survives the cut, strict or not"


@pytest.mark.parametrize("fmt", ["sarif", "junit", "gitlab"])
def test_an_ignored_failure_is_told_as_excused_in_every_platform_format(
    invoke: Invoke, all_moved: Path, fmt: str
) -> None:
    _settings(
        all_moved.parent, 'ignore = [{claim = "c010", verdict = "changed", reason = "in review"}]\n'
    )
    result = invoke("check", "--format", fmt, claims=None)
    assert result.exit_code == 0
    out = result.stdout
    if fmt == "sarif":
        (found,) = [r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "changed"]
        assert found["level"] == "note"
        assert found["suppressions"][0]["justification"] == "ignored: in review"
    elif fmt == "junit":
        assert "<failure" not in out
        assert 'skipped message="ignored: in review"' in out
    else:
        issues: list[dict[str, Any]] = json.loads(out)
        (found,) = [i for i in issues if i["check_name"] == "dprktrack/changed"]
        assert found["severity"] == "info"
        assert found["description"].endswith("(ignored: in review)")


@pytest.mark.parametrize("name", ["dprktrack.toml", "pyproject.toml", "linked.sarif"])
def test_a_report_never_replaces_the_settings_nor_writes_through_a_link(
    invoke: Invoke, all_moved: Path, tmp_path: Path, name: str
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched", "utf-8")
    target = all_moved.parent / name
    if name == "linked.sarif":
        target.symlink_to(outside)
    result = invoke("check", "--report", f"sarif:{target}", claims=None)
    assert result.exit_code == 2
    assert "--report" in result.stderr
    assert outside.read_text("utf-8") == "untouched"


def test_the_settings_cannot_point_ci_at_a_claims_file_elsewhere(
    invoke: Invoke, all_moved: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "claims.json").write_text('{"claims": []}', "utf-8")
    _settings(all_moved.parent, f'claims = "{elsewhere / "claims.json"}"\n')
    result = invoke("check", claims=None)
    assert result.exit_code == 2
    assert "outside the settings file's folder" in result.stderr


def test_junit_lines_indented_before_a_workflow_command_stay_inert(
    invoke: Invoke, all_moved: Path
) -> None:
    data = load(all_moved)
    claim_of(data, "c010")["summary"] = "a\n  ::stop-commands::abc\n\t::error file=x::fake"
    claim_of(data, "c010")["quote"] += "\n  ::error::forged"
    save(all_moved, data)
    result = invoke("check", "--format", "junit", claims=None)
    assert result.exit_code == 1
    assert not any(line.lstrip().startswith("::") for line in result.stdout.splitlines())


def test_a_decoy_claims_file_named_by_the_settings_is_named_in_the_log(
    invoke: Invoke, all_moved: Path
) -> None:
    """A pull request may point CI at another file of the repository; the run then says
    which file it checked, so the log and the diff show the redirect."""
    decoy = all_moved.parent / "decoy.json"
    decoy.write_bytes(all_moved.read_bytes())
    _settings(all_moved.parent, 'claims = "decoy.json"\n')
    result = invoke("check", claims=None)
    assert f"note: checking {decoy.resolve()} (dprktrack.toml:claims)" in result.stderr
    plain = all_moved.parent / "dprktrack.toml"
    plain.write_text('claims = "claims.json"\n', "utf-8")
    assert "note: checking" not in invoke("check", claims=None).stderr


def test_a_claims_json_that_is_a_link_is_named_in_the_log(invoke: Invoke, all_moved: Path) -> None:
    real = all_moved.parent / "real.json"
    all_moved.rename(real)
    all_moved.symlink_to(real.name)
    result = invoke("check", claims=None)
    assert f"note: checking {real.resolve()} (a symbolic link)" in result.stderr


def test_a_report_in_a_folder_reached_through_a_link_is_refused(
    invoke: Invoke, all_moved: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (all_moved.parent / "linkdir").symlink_to(outside, target_is_directory=True)
    result = invoke("check", "--report", "sarif:linkdir/out.sarif", claims=None)
    assert result.exit_code == 2
    assert "through a symbolic link" in result.stderr
    assert list(outside.iterdir()) == []


def test_loops_of_links_and_deep_toml_are_one_line_errors(invoke: Invoke, all_moved: Path) -> None:
    folder = all_moved.parent
    (folder / "loop1").symlink_to("loop2")
    (folder / "loop2").symlink_to("loop1")
    report = invoke("check", "--report", "sarif:loop1", claims=None)
    assert report.exit_code == 2
    assert "Traceback" not in report.stderr
    _settings(folder, 'claims = "loop1"\n')
    looped = invoke("check", claims=None)
    assert looped.exit_code == 2
    assert looped.stderr.startswith("error: dprktrack.toml: claims: not a usable path")
    _settings(folder, "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    deep = invoke("check", claims=None)
    assert deep.exit_code == 2
    assert deep.stderr == "error: dprktrack.toml: not valid TOML: nested too deeply\n"
