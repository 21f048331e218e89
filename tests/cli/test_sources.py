"""The sources command: each source with its claims and pin state, a bad file a status."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from harbour import GAZETTE_SOURCE, LEDGER_SOURCE, LEDGER_URL, harbour_repo, records
from support import CLAIMS, DATA, Invoke

from dprktrack.provenance import SOURCE_FIELDS


def test_the_bundled_source_with_its_claims_and_pin() -> None:
    (record,) = records(CLAIMS, "sources")
    source = DATA["sources"][0]
    assert tuple(record) == SOURCE_FIELDS
    assert record["id"] == source["id"]
    assert record["url"] == source["url"]
    assert record["claims"] == sum(claim["source"] == source["id"] for claim in DATA["claims"])
    assert record["pin"] == "holds"


def test_several_sources_each_counted(repo_copy: Path) -> None:
    harbour_repo(repo_copy)
    found = {record["id"]: record for record in records(repo_copy, "sources")}
    counts = Counter(claim["source"] for claim in DATA["claims"])
    assert list(found) == [*counts, LEDGER_SOURCE, GAZETTE_SOURCE]
    assert found[LEDGER_SOURCE]["claims"] == 3
    assert found[GAZETTE_SOURCE]["claims"] == 1
    assert found[GAZETTE_SOURCE]["url"] is None
    assert found[LEDGER_SOURCE]["url"] == LEDGER_URL
    assert {record["pin"] for record in found.values()} == {"holds"}


@pytest.mark.parametrize(
    ("damage", "state"),
    [
        (lambda path: path.write_text("Rewritten.\n", "utf-8"), "changed"),
        (lambda path: path.unlink(), "missing"),
        (lambda path: (path.unlink(), path.symlink_to("/etc/hostname")), "refused"),
    ],
    ids=["changed", "missing", "refused"],
)
def test_a_changed_or_missing_file_is_a_state_not_an_error(
    invoke: Invoke, repo_copy: Path, damage: object, state: str
) -> None:
    harbour_repo(repo_copy)
    damage(repo_copy.parent / "articles" / "gazette.txt")  # type: ignore[operator]
    result = invoke("sources", "--format", "json", claims=repo_copy)
    assert result.exit_code == 0
    assert f"note: source {GAZETTE_SOURCE}: its file is {state}" in result.stderr
    pins = {record["id"]: record["pin"] for record in records(repo_copy, "sources")}
    assert pins[GAZETTE_SOURCE] == state
    assert pins[LEDGER_SOURCE] == "holds"


def test_csv_markdown_and_the_table(invoke: Invoke, repo_copy: Path) -> None:
    harbour_repo(repo_copy)
    rows = list(
        csv.DictReader(io.StringIO(invoke("sources", "--format", "csv", claims=repo_copy).stdout))
    )
    assert tuple(rows[0]) == SOURCE_FIELDS
    assert [row["id"] for row in rows][-2:] == [LEDGER_SOURCE, GAZETTE_SOURCE]
    markdown = invoke("sources", "--format", "markdown", claims=repo_copy).stdout
    assert markdown.splitlines()[0] == "| " + " | ".join(SOURCE_FIELDS) + " |"
    table = invoke("sources", claims=repo_copy, env={"COLUMNS": "120"}).stdout
    for shown in (LEDGER_SOURCE, GAZETTE_SOURCE, "The Harbour Ledger", "holds", "—"):
        assert shown in table


def test_a_hostile_title_is_shown_inert(invoke: Invoke, repo_copy: Path) -> None:
    harbour_repo(repo_copy)
    result = invoke(
        "edit-source", GAZETTE_SOURCE, "--title", "Storm \u202egninraw", claims=repo_copy
    )
    assert result.exit_code == 0, result.output
    table = invoke("sources", claims=repo_copy, env={"COLUMNS": "120"}).stdout
    assert "\u202e" not in table
