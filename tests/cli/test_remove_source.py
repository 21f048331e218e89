"""The remove-source command: refused while claims quote the source, else the record goes."""

from __future__ import annotations

import json
from pathlib import Path

from harbour import GAZETTE_SOURCE, LEDGER, LEDGER_SOURCE, harbour_repo
from support import DATA, RAW, Invoke

NEO = "neo-2024-04-24"


def test_a_quoted_source_is_not_removed_and_its_claims_are_named(
    invoke: Invoke, repo_copy: Path
) -> None:
    result = invoke("remove-source", NEO, claims=repo_copy)
    assert result.exit_code == 2
    quoting = [claim["id"] for claim in DATA["claims"] if claim["source"] == NEO]
    assert f"{len(quoting)} claims quote it: {', '.join(quoting)}" in result.stderr
    assert repo_copy.read_text("utf-8") == RAW


def test_an_unquoted_source_is_removed_and_its_file_stays(invoke: Invoke, repo_copy: Path) -> None:
    folder = repo_copy.parent / "articles"
    folder.mkdir()
    (folder / "ledger.txt").write_text(LEDGER, "utf-8")
    added = invoke("add-source", str(folder / "ledger.txt"), "--title", "T", "--author", "A",
                   "--outlet", "The Harbour Ledger", "--published", "2024-05-02",
                   claims=repo_copy)  # fmt: skip
    assert added.exit_code == 0, added.output
    dry = invoke("remove-source", LEDGER_SOURCE, "--dry-run", claims=repo_copy)
    assert dry.exit_code == 0
    assert f'-      "id": "{LEDGER_SOURCE}",' in dry.stdout.splitlines()
    removed = invoke("remove-source", LEDGER_SOURCE, claims=repo_copy)
    assert removed.exit_code == 0, removed.output
    assert "its file articles/ledger.txt stays" in removed.stderr
    assert repo_copy.read_text("utf-8") == RAW  # back to the very bytes before
    assert (folder / "ledger.txt").exists()


def test_among_several_only_the_named_one_goes(invoke: Invoke, repo_copy: Path) -> None:
    claims = harbour_repo(repo_copy)
    refused = invoke("remove-source", GAZETTE_SOURCE, claims=repo_copy)
    assert refused.exit_code == 2
    assert f"1 claim quotes it: {claims['monday']}" in refused.stderr
    data = json.loads(repo_copy.read_text("utf-8"))
    data["claims"] = [claim for claim in data["claims"] if claim["id"] != claims["monday"]]
    repo_copy.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert invoke("remove-source", GAZETTE_SOURCE, claims=repo_copy).exit_code == 0
    left = [source["id"] for source in json.loads(repo_copy.read_text("utf-8"))["sources"]]
    assert left == [NEO, LEDGER_SOURCE]
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_an_unknown_source_is_an_error(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("remove-source", "nope", claims=repo_copy)
    assert result.exit_code == 2
    assert "unknown source 'nope'" in result.stderr
