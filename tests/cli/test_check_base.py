"""`check --base REV`: a pull request cannot change a registered source's text and its pin
together (the pin lives in the claims file the pull request edits)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import SEED, Invoke, commit_all, git

FLIP = ("Russia vetoed the extension", "Russia welcomed the extension")


@pytest.fixture
def repository(repo_copy: Path) -> Path:
    """A copy of the data committed as the base revision (with a schema file, as the
    repository has); returns its claims file."""
    (repo_copy.parent / "claims.schema.json").write_text('{"title": "schema"}\n', "utf-8")
    commit_all(repo_copy.parent, "Base")
    return repo_copy


def rewrite_article_quotes_and_pin(invoke: Invoke, claims: Path) -> None:
    """The hostile pull request: the article and a quote edited alike, then `--fix` re-pins."""
    seed = claims.parent / "seeds" / SEED.name
    for path in (seed, claims):
        path.write_text(path.read_text("utf-8").replace(*FLIP), "utf-8")
    assert invoke("check", "--fix", claims=claims).exit_code == 0


def test_an_article_edited_with_its_pin_passes_alone_and_fails_against_the_base(
    invoke: Invoke, repository: Path
) -> None:
    rewrite_article_quotes_and_pin(invoke, repository)
    alone = invoke("check", "--strict", claims=repository)
    assert alone.exit_code == 0, "what a pin alone cannot see: why CI passes --base"
    against = invoke("check", "--strict", "--base", "HEAD", claims=repository)
    assert against.exit_code == 1, against.output
    assert "source-repinned" in against.stdout
    assert "at HEAD:claims.json it pinned seeds/" in against.stdout
    for fmt in ("json", "sarif", "junit", "gitlab", "github"):
        result = invoke("check", "--base", "HEAD", "--format", fmt, claims=repository)
        assert result.exit_code == 1, fmt


def test_the_same_file_under_a_new_id_is_caught_by_its_path(
    invoke: Invoke, repository: Path
) -> None:
    rewrite_article_quotes_and_pin(invoke, repository)
    data = json.loads(repository.read_text("utf-8"))
    old_id = data["sources"][0]["id"]
    data["sources"][0]["id"] = "renamed-2024"
    for claim in data["claims"]:
        claim["source"] = "renamed-2024" if claim["source"] == old_id else claim["source"]
    repository.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    result = invoke("check", "--base", "HEAD", claims=repository)
    assert result.exit_code == 1
    assert "it pinned" not in result.stdout
    assert f"source '{old_id}' pinned" in result.stdout


def test_a_new_source_file_and_an_unchanged_base_pass(invoke: Invoke, repository: Path) -> None:
    assert invoke("check", "--strict", "--base", "HEAD", claims=repository).exit_code == 0
    new = repository.parent / "second.txt"
    new.write_text("The Harbour Ledger reports that the quay is closed.\n", "utf-8")
    added = invoke(
        "add-source", str(new), "--title", "Quay", "--author", "Staff",
        "--outlet", "The Harbour Ledger", "--published", "2024-05-09", claims=repository,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert invoke("check", "--strict", "--base", "HEAD", claims=repository).exit_code == 0


@pytest.mark.parametrize("revision", ["no-such-branch", "--output=x", ""])
def test_an_unusable_base_is_a_one_line_usage_error(
    invoke: Invoke, repository: Path, revision: str
) -> None:
    result = invoke("check", "--base", revision, claims=repository)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --base: ")
    assert result.stderr.count("\n") == 1
    assert not (repository.parent / "x").exists()


def test_outside_a_repository_base_is_refused(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("check", "--base", "HEAD", claims=repo_copy)
    assert result.exit_code == 2
    assert "not in a git repository" in result.stderr
    git(repo_copy.parent, "init", "-q")  # a repository with no commit yet
    assert invoke("check", "--base", "HEAD", claims=repo_copy).exit_code == 2


def test_a_base_in_an_older_format_still_says_what_it_pinned(
    invoke: Invoke, repo_copy: Path
) -> None:
    """The base is read for its pins alone: a field today's models refuse does not stop it."""
    data = json.loads(repo_copy.read_text("utf-8"))
    data["sources"][0]["legacy_note"] = "kept by an older version"
    data["claims"] = []
    current = repo_copy.read_text("utf-8")
    repo_copy.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    commit_all(repo_copy.parent, "Older format")
    repo_copy.write_text(current, "utf-8")
    assert invoke("check", "--base", "HEAD", claims=repo_copy).exit_code == 0
    rewrite_article_quotes_and_pin(invoke, repo_copy)
    assert invoke("check", "--base", "HEAD", claims=repo_copy).exit_code == 1


def _doctor_article(repository: Path) -> None:
    seed = repository.parent / "seeds" / SEED.name
    seed.write_text(seed.read_text("utf-8").replace(*FLIP), "utf-8")


@pytest.mark.parametrize(
    "spelling",
    [
        "./seeds/{name}",
        "seeds//{name}",
        "seeds/./{name}",
        "seeds/../seeds/{name}",
        "seeds/alias.txt",  # a link to the article, committed by the pull request
    ],
)
def test_the_article_under_a_new_id_and_another_spelling_of_its_path_is_caught(
    invoke: Invoke, repository: Path, spelling: str
) -> None:
    """The article doctored in place, registered under a new id and a path written
    otherwise, every claim moved to it: the file is the base's file, its bytes differ."""
    (repository.parent / "seeds" / "alias.txt").symlink_to(SEED.name)
    _doctor_article(repository)
    data = json.loads(repository.read_text("utf-8"))
    source = data["sources"][0]
    old_id, source["id"] = source["id"], "renamed-2024"
    source["path"] = spelling.format(name=SEED.name)
    for claim in data["claims"]:
        claim["quote"] = claim["quote"].replace(*FLIP)
        claim["source"] = "renamed-2024" if claim["source"] == old_id else claim["source"]
    repository.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert invoke("check", "--fix", claims=repository).exit_code == 0  # re-pinned
    assert invoke("check", "--strict", claims=repository).exit_code == 0
    result = invoke("check", "--strict", "--base", "HEAD", claims=repository)
    assert result.exit_code == 1, result.stdout
    assert "source-repinned" in result.stdout


def test_settings_that_point_at_another_claims_file_do_not_hide_the_article(
    invoke: Invoke, repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The base's claims file at that path registers nothing (a schema file): the
    article's own file, as the base holds it, still decides."""
    rewrite_article_quotes_and_pin(invoke, repository)
    folder = repository.parent
    (folder / "claims.schema.json").write_text(repository.read_text("utf-8"), "utf-8")
    git(folder, "checkout", "-q", "--", "claims.json")
    (folder / "dprktrack.toml").write_text('claims = "claims.schema.json"\n', "utf-8")
    monkeypatch.delenv("DPRKTRACK_CONFIG")
    monkeypatch.chdir(folder)
    assert invoke("check", "--strict", claims=None).exit_code == 0
    result = invoke("check", "--strict", "--base", "HEAD", claims=None)
    assert result.exit_code == 1, result.output
    assert "source-repinned" in result.stdout


def test_a_submodule_entry_in_the_base_neither_hides_nor_crashes(
    invoke: Invoke, repository: Path
) -> None:
    """A base holding a submodule entry (a commit, not a file) at a path the pull request
    registers as a source first: its answer is stepped over whole, so the article after it
    is still compared, and a commit message shaped like a header breaks nothing."""
    folder = repository.parent
    git(folder, "commit", "-q", "--allow-empty", "-m", "a blob b")
    head = git(folder, "rev-parse", "HEAD").strip()
    git(folder, "update-index", "--add", "--cacheinfo", f"160000,{head},sub")
    git(folder, "commit", "-q", "-m", "A submodule entry")
    git(folder, "rm", "-q", "--cached", "sub")
    (folder / "sub").write_text("The Orvain Gazette: a note.\n", "utf-8")
    added = invoke(
        "add-source", str(folder / "sub"), "--title", "Note", "--author", "Staff",
        "--outlet", "The Orvain Gazette", "--published", "2024-05-09", claims=repository,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    data = json.loads(repository.read_text("utf-8"))
    data["sources"].insert(0, data["sources"].pop())  # the submodule's path first
    repository.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert invoke("check", "--strict", "--base", "HEAD", claims=repository).exit_code == 0
    rewrite_article_quotes_and_pin(invoke, repository)
    (folder / "alias.txt").symlink_to(Path("seeds") / SEED.name)
    data = json.loads(repository.read_text("utf-8"))
    article = next(source for source in data["sources"] if source["path"].startswith("seeds/"))
    old_id, article["id"], article["path"] = article["id"], "neo-b", "alias.txt"
    for claim in data["claims"]:
        claim["source"] = "neo-b" if claim["source"] == old_id else claim["source"]
    repository.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    result = invoke("check", "--strict", "--base", "HEAD", claims=repository)
    assert result.exit_code == 1, result.output
    assert "source-repinned" in result.stdout
