"""The diff command: revisions and paths, formats, exit codes, and hostile revisions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import Invoke, chronicle_data, commit_all, git, json_output, write_chronicle


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository (its folder's name has a space) whose one commit holds the chronicle;
    returns the claims file's path."""
    folder = tmp_path / "my repo"
    folder.mkdir()
    claims = write_chronicle(folder)
    commit_all(folder, "The chronicle")
    return claims


def _edit(claims: Path, change: Any) -> None:
    data = json.loads(claims.read_text("utf-8"))
    change(data)
    claims.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")


def _turn_k1(data: dict[str, Any]) -> None:
    claim = next(claim for claim in data["claims"] if claim["id"] == "k1")
    claim["stances"][0]["stance"] = "mixed"
    claim["quote"] = "Freedonia will not sign the treaty"


def test_no_change_says_so_and_exits_0_even_with_exit_code(invoke: Invoke, repo: Path) -> None:
    for args in ((), ("--exit-code",)):
        result = invoke("diff", *args, claims=repo)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines() == [f"HEAD:claims.json → {repo}", "no changes"]


def test_the_working_file_against_head_names_each_changed_field(invoke: Invoke, repo: Path) -> None:
    _edit(repo, _turn_k1)
    result = invoke("diff", claims=repo)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"HEAD:claims.json → {repo}",
        "claims: 1 changed",
        "~ claim k1  changed",
        "    quote: Freedonia will not sign the treaty[- this year-]",
        "    stances: lakonia-treaty: oppose → mixed",
    ]
    assert invoke("diff", "--exit-code", claims=repo).exit_code == 1


def test_json_gives_each_change_with_before_and_after(invoke: Invoke, repo: Path) -> None:
    _edit(repo, _turn_k1)
    document = json_output(invoke("diff", "--format", "json", claims=repo))
    assert document["old"] == "HEAD:claims.json"
    assert document["summary"] == {"claim": {"changed": 1}}
    (change,) = document["changes"]
    assert (change["kind"], change["id"], change["status"]) == ("claim", "k1", "changed")
    assert [field["field"] for field in change["fields"]] == ["quote", "stances"]
    assert change["fields"][1]["after"] == [{"target": "lakonia-treaty", "stance": "mixed"}]


def test_markdown_is_ready_for_a_pull_request_comment(invoke: Invoke, repo: Path) -> None:
    _edit(repo, _turn_k1)
    text = invoke("diff", "--format", "markdown", claims=repo).stdout
    assert text.startswith("### Claims file: HEAD:claims.json → ")
    assert "- **changed** claim `k1`" in text
    assert "  - `quote`: Freedonia will not sign the treaty ~~this year~~" in text


def test_two_revisions_and_a_revision_against_the_file(invoke: Invoke, repo: Path) -> None:
    _edit(repo, lambda data: data["actors"].append({"id": "new", "name": "N", "kind": "person"}))
    commit_all(repo.parent, "An actor")
    _edit(repo, lambda data: data["targets"][0].update(label="The treaty"))
    two = json_output(invoke("diff", "HEAD~1", "HEAD", "--format", "json", claims=repo))
    assert two["summary"] == {"actor": {"added": 1}}
    assert (two["old"], two["new"]) == ("HEAD~1:claims.json", "HEAD:claims.json")
    one = json_output(invoke("diff", "HEAD~1", "--format", "json", claims=repo))
    assert one["summary"] == {"actor": {"added": 1}, "target": {"changed": 1}}
    same = json_output(invoke("diff", "main~1", "main", "--format", "json", claims=repo))
    assert same["changes"] == two["changes"]


def test_anchors_alone_are_a_re_anchoring(invoke: Invoke, repo: Path) -> None:
    _edit(repo, lambda data: data["claims"][0].update(start=132, end=176))
    result = invoke("diff", claims=repo)
    assert "= claim k3  re-anchored" in result.stdout
    assert "    re-anchored (start null → 132, end null → 176)" in result.stdout
    assert "changed" not in result.stdout


def test_two_paths_need_no_repository(invoke: Invoke, tmp_path: Path) -> None:
    old = write_chronicle(tmp_path).rename(tmp_path / "old copy.json")
    data = chronicle_data()
    data["claims"].pop()
    new = write_chronicle(tmp_path, data).rename(tmp_path / "new copy.json")
    result = invoke("diff", str(old), str(new), claims=None)
    assert result.exit_code == 0, result.stderr
    assert "- claim k2  removed: Freedonia backed the treaty in principle" in result.stdout


def test_a_claims_file_in_a_folder_with_spaces_below_the_top(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "top" / "data files"
    folder.mkdir(parents=True)
    claims = write_chronicle(folder)
    commit_all(tmp_path / "top", "Data in a subfolder")
    _edit(claims, _turn_k1)
    document = json_output(invoke("diff", "--format", "json", claims=claims))
    assert document["old"] == "HEAD:data files/claims.json"
    assert document["summary"] == {"claim": {"changed": 1}}


def _one_line_error(result: Any, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: "), lines
    for word in words:
        assert word in lines[0], lines[0]


def test_outside_a_repository_is_one_line_and_exit_2(invoke: Invoke, tmp_path: Path) -> None:
    claims = write_chronicle(tmp_path)
    _one_line_error(invoke("diff", claims=claims), "not in a git repository")


def test_an_unknown_revision_is_one_line_and_exit_2(invoke: Invoke, repo: Path) -> None:
    _one_line_error(invoke("diff", "nosuch", claims=repo), "unknown revision 'nosuch'")
    _one_line_error(invoke("diff", "HEAD~5", claims=repo), "unknown revision 'HEAD~5'")
    _one_line_error(invoke("diff", "x" * 5000, claims=repo), "unknown revision 'xxx")  # no path


def test_a_revision_without_the_file_is_one_line_and_exit_2(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "README").write_text("Nothing yet.\n", "utf-8")
    commit_all(tmp_path, "Before the claims file")
    claims = write_chronicle(tmp_path)
    commit_all(tmp_path, "The claims file")
    _one_line_error(
        invoke("diff", "HEAD~1", claims=claims), "claims.json is not in revision 'HEAD~1'"
    )


@pytest.mark.parametrize(
    "version",
    [
        '{\n  "sources": [',
        "\ufeff" + json.dumps(chronicle_data()),
        json.dumps({**chronicle_data(), "claims": [{"id": "k1"}]}),
    ],
    ids=["broken JSON", "byte order mark", "invalid claim"],
)
def test_a_broken_old_version_is_one_line_naming_the_revision(
    invoke: Invoke, tmp_path: Path, version: str
) -> None:
    claims = write_chronicle(tmp_path)
    claims.write_text(version, "utf-8")
    commit_all(tmp_path, "A broken version")
    write_chronicle(tmp_path)
    result = invoke("diff", claims=claims)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: HEAD:claims.json:"), result.stderr


@pytest.mark.parametrize(
    "revision",
    [
        "--output=written.txt",
        "-p",
        "--",
        "-",
        "",
        "HEAD:../other.json",
        "HEAD\n--output=x",
        " HEAD",
    ],
)
def test_revisions_that_look_like_options_are_refused_before_git_sees_them(
    invoke: Invoke, repo: Path, revision: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.parent)
    result = invoke("diff", "--", revision, "HEAD", claims=repo)
    _one_line_error(result, "refused revision")
    assert not (repo.parent / "written.txt").exists()
    assert git(repo.parent, "status", "--porcelain") == ""


def test_an_existing_file_named_like_an_option_is_still_not_an_option(
    invoke: Invoke, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.parent)
    (repo.parent / "--output=x").write_bytes(repo.read_bytes())
    _one_line_error(invoke("diff", "--", "--output=x", claims=repo), "refused revision")
    result = invoke("diff", "./--output=x", "HEAD", claims=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == "no changes"


def test_without_a_claims_file_here_it_says_which_to_name(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("diff", claims=None)
    _one_line_error(result, "no claims.json in this folder")


def test_a_file_named_like_a_revision_cannot_stand_in_for_it(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull request adding a file called `HEAD` (or `origin/main`) must not make CI's
    diff compare that file instead of the commit."""
    from support import commit_all

    folder = repo_copy.parent
    commit_all(folder, "Base")
    (folder / "HEAD").write_text(repo_copy.read_text("utf-8"), "utf-8")
    monkeypatch.chdir(folder)
    refused = invoke("diff", "HEAD", claims=repo_copy)
    assert refused.exit_code == 2
    assert "'HEAD' is both a file and a revision" in refused.stderr
    assert invoke("diff", "./HEAD", claims=repo_copy).exit_code == 0
    assert invoke("diff", "HEAD^0", claims=repo_copy).exit_code == 0
    both = invoke("diff", "HEAD", "./HEAD", claims=None)
    assert both.exit_code == 2, "two names that are files: still asked whether one is a revision"
