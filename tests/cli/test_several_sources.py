"""Lookups across several sources (the bundled article and two made-up ones): each claim is
found, shown and checked in its own source, and linked to its own page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from harbour import (
    GAZETTE,
    GAZETTE_SOURCE,
    LEDGER,
    LEDGER_SOURCE,
    LEDGER_URL,
    harbour_repo,
    records,
)
from support import DATA, Invoke


@pytest.fixture
def harbour(repo_copy: Path) -> dict[str, str]:
    return harbour_repo(repo_copy)


def test_list_by_source(repo_copy: Path, harbour: dict[str, str]) -> None:
    ledger = records(repo_copy, "list", "--source", LEDGER_SOURCE)
    # article order: the second "The quay is closed" stands before "sail again in May"
    assert [record["id"] for record in ledger] == [
        harbour["closed"],
        harbour["again"],
        harbour["sail"],
    ]
    gazette = records(repo_copy, "list", "--source", GAZETTE_SOURCE)
    assert [record["id"] for record in gazette] == [harbour["monday"]]
    both = records(repo_copy, "list", "--source", LEDGER_SOURCE, "--source", GAZETTE_SOURCE)
    assert len(both) == 4
    bundled = records(repo_copy, "list", "--source", DATA["sources"][0]["id"])
    in_article_order = sorted(DATA["claims"], key=lambda claim: (claim["start"], claim["end"]))
    assert [record["id"] for record in bundled] == [claim["id"] for claim in in_article_order]


def test_each_quote_is_placed_in_its_own_source(repo_copy: Path, harbour: dict[str, str]) -> None:
    texts = {LEDGER_SOURCE: LEDGER, GAZETTE_SOURCE: GAZETTE}
    for record in records(repo_copy, "list", "--actor", "osk"):
        text = texts[str(record["source"])]
        assert text[int(record["start"]) : int(record["end"])] == record["quote"]  # type: ignore[arg-type]
    again = records(repo_copy, "show", harbour["again"])
    assert LEDGER.index("The quay is closed,") == again["start"]  # type: ignore[call-overload]


def test_links_point_at_each_sources_page(repo_copy: Path, harbour: dict[str, str]) -> None:
    found = {record["id"]: record for record in records(repo_copy, "list")}
    closed = str(found[harbour["closed"]]["link"])
    assert closed.startswith(LEDGER_URL + "#:~:text=")
    assert unquote(closed.split("=", 1)[1]) == "The quay is closed until the storm passes."
    again = unquote(str(found[harbour["again"]]["link"]).split("=", 1)[1])
    assert again != "The quay is closed"  # its words come first elsewhere: context decides
    assert "The quay is closed" in again
    assert found[harbour["monday"]]["link"] is None  # the Gazette has no url
    assert str(found[DATA["claims"][0]["id"]]["link"]).startswith(DATA["sources"][0]["url"])


def test_show_names_the_source_and_its_link(
    invoke: Invoke, repo_copy: Path, harbour: dict[str, str]
) -> None:
    shown = invoke("show", harbour["sail"], claims=repo_copy, env={"COLUMNS": "300"}).stdout
    assert "Ferries to resume (The Harbour Ledger, 2024-05-02)" in shown
    assert f"link     {LEDGER_URL}#:~:text=the%20ferries" in shown
    gazette = invoke("show", harbour["monday"], claims=repo_copy, env={"COLUMNS": "300"}).stdout
    assert "\nlink " not in gazette


def test_check_reads_every_source(invoke: Invoke, repo_copy: Path, harbour: dict[str, str]) -> None:
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0
    gazette = repo_copy.parent / "articles" / "gazette.txt"
    gazette.write_text(GAZETTE.replace("open on Monday", "open on Tuesday"), "utf-8")
    result = invoke("check", "--quiet", claims=repo_copy)
    assert result.exit_code == 1
    assert f"{GAZETTE_SOURCE} source-changed: " in result.output
    assert f"{harbour['monday']} missing" in result.output
    assert "1 missing, 1 source-changed. 2 failures" in result.output  # the rest still stand


def test_export_rows_carry_each_sources_fields_and_link(
    invoke: Invoke, repo_copy: Path, harbour: dict[str, str]
) -> None:
    import json

    lines = invoke("export", "--format", "jsonl", claims=repo_copy).stdout.splitlines()
    rows = {row["id"]: row for row in map(json.loads, lines)}
    assert rows[harbour["sail"]]["source_outlet"] == "The Harbour Ledger"
    assert rows[harbour["monday"]]["source_outlet"] == "Northwind Gazette"
    assert rows[harbour["sail"]]["link"].startswith(LEDGER_URL)
    assert rows[harbour["monday"]]["link"] is None
