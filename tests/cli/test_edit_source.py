"""The edit-source command: a source's description changed in place, nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from harbour import LEDGER_SOURCE, harbour_repo
from support import RAW, Invoke

NEO = "neo-2024-04-24"


def test_edit_source_changes_only_the_fields_given(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("edit-source", NEO, "--retrieved", "2024-04-25", "--title", "New title",
                    "--clear", "language", claims=repo_copy)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "note: source neo-2024-04-24: changed title, retrieved, language" in result.stderr
    before = json.loads(RAW)
    after = json.loads(repo_copy.read_text("utf-8"))
    expected = {**before["sources"][0], "title": "New title", "retrieved": "2024-04-25"}
    del expected["language"]
    assert after["sources"][0] == expected
    assert list(after["sources"][0])[-1] == "retrieved"  # in the schema's place: after url
    assert {key: after[key] for key in after if key != "sources"} == {
        key: before[key] for key in before if key != "sources"
    }
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_dry_run_prints_a_unified_diff_and_writes_nothing(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The diff names the file from the current folder, as `git apply` takes it."""
    monkeypatch.chdir(repo_copy.parent)
    before = repo_copy.read_bytes()
    result = invoke("edit-source", NEO, "--author", "K. Asmolov", "--dry-run", claims=repo_copy)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["--- a/claims.json", "+++ b/claims.json"]
    assert '-      "author": "Konstantin Asmolov",' in lines
    assert '+      "author": "K. Asmolov",' in lines
    assert sum(line.startswith(("-", "+")) for line in lines[2:]) == 2
    assert repo_copy.read_bytes() == before


REFUSED = {
    "a required field cleared": (["--clear", "title"], "--clear title: it is required"),
    "an unknown field cleared": (["--clear", "colour"], "--clear colour: no such field"),
    "cleared and given": (["--url", "https://a.example/", "--clear", "url"], "choose one"),
    "a bad address": (["--url", "javascript:alert(1)"], "--url: must be a web address"),
    "a bad date": (["--published", "24 April"], "--published:"),
    "published after its claims' statements": (["--published", "2024-01-01"], "c001 (2024-03-28)"),
    "a blank value": (["--title", " "], "--title: empty"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refused_edit_leaves_the_file_byte_identical(
    invoke: Invoke, repo_copy: Path, case: str
) -> None:
    args, message = REFUSED[case]
    before = repo_copy.read_bytes()
    result = invoke("edit-source", NEO, *args, claims=repo_copy)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert repo_copy.read_bytes() == before


def test_path_and_pin_are_not_edited_here(invoke: Invoke, repo_copy: Path) -> None:
    for option in ("--path", "--sha256", "--id"):
        assert invoke("edit-source", NEO, option, "x", claims=repo_copy).exit_code == 2
    assert "check --fix" in invoke("edit-source", "--help").stdout


def test_nothing_to_change_and_an_unknown_source(invoke: Invoke, repo_copy: Path) -> None:
    nothing = invoke("edit-source", NEO, claims=repo_copy)
    assert nothing.exit_code == 2
    assert "nothing to change" in nothing.stderr
    unknown = invoke("edit-source", "neo-2024", "--title", "T", claims=repo_copy)
    assert unknown.exit_code == 2
    assert "unknown source 'neo-2024'" in unknown.stderr
    same = invoke("edit-source", NEO, "--language", "en", claims=repo_copy)
    assert same.exit_code == 0
    assert "nothing changes" in same.stderr
    assert repo_copy.read_text("utf-8") == RAW


def test_one_source_of_several_is_edited_and_its_claims_still_check(
    invoke: Invoke, repo_copy: Path
) -> None:
    harbour_repo(repo_copy)
    result = invoke("edit-source", LEDGER_SOURCE.upper(), "--outlet", "Harbour Ledger",
                    claims=repo_copy)  # fmt: skip
    assert result.exit_code == 0, result.output
    sources = {
        source["id"]: source for source in json.loads(repo_copy.read_text("utf-8"))["sources"]
    }
    assert sources[LEDGER_SOURCE]["outlet"] == "Harbour Ledger"
    assert sources[NEO]["outlet"] == "New Eastern Outlook"
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0
