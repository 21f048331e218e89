"""`export --format sqlite`: the database built from the real claims file and seed, read back
with the standard library's sqlite3."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import CATALOG, CLAIMS, DATA

from dprktrack.claimsfile.load import load_catalog
from dprktrack.export.sqlite import FTS_TABLE, TABLES, VIEWS, claims_database
from dprktrack.query import claim_records


def open_database(content: bytes, folder: Path) -> sqlite3.Connection:
    path = folder / "claims.db"
    path.write_bytes(content)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    content, _ = claims_database(CATALOG)
    connection = open_database(content, tmp_path_factory.mktemp("sqlite"))
    yield connection
    connection.close()


def count(connection: sqlite3.Connection, table: str) -> int:
    row = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    return int(row[0])


def test_row_counts_are_the_claims_files(database: sqlite3.Connection) -> None:
    actors = DATA["actors"]
    expected = {
        "sources": len(DATA["sources"]),
        "actors": len(actors),
        "actor_aliases": sum(len(actor.get("aliases", [])) for actor in actors),
        "group_members": sum(len(actor.get("members", [])) for actor in actors),
        "targets": len(DATA["targets"]),
        "claims": len(DATA["claims"]),
        "stances": sum(len(claim["stances"]) for claim in DATA["claims"]),
    }
    assert expected["group_members"] > 0  # the bundled data has group actors
    assert {table: count(database, table) for table in expected} == expected
    assert count(database, "claims_view") == expected["claims"]
    assert count(database, "stances_view") == expected["stances"]


def test_foreign_keys_hold_and_are_declared(database: sqlite3.Connection) -> None:
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    claims_refer_to = {row[2] for row in database.execute("PRAGMA foreign_key_list(claims)")}
    assert claims_refer_to == {"sources", "actors"}
    stances_refer_to = {row[2] for row in database.execute("PRAGMA foreign_key_list(stances)")}
    assert stances_refer_to == {"claims", "targets"}


def test_every_declared_column_is_in_the_database(database: sqlite3.Connection) -> None:
    for table in (*TABLES, *VIEWS):
        found = [row[1] for row in database.execute(f'PRAGMA table_info("{table.name}")')]
        assert found == [column.name for column in table.columns], table.name


def test_claims_hold_what_the_claims_file_and_check_say(database: sqlite3.Connection) -> None:
    database.row_factory = sqlite3.Row
    try:
        rows = {row["id"]: row for row in database.execute("SELECT * FROM claims")}
    finally:
        database.row_factory = None
    records = claim_records(CATALOG, CATALOG.claims.values())
    assert list(rows) == [claim["id"] for claim in DATA["claims"]]
    for position, (claim, record) in enumerate(zip(DATA["claims"], records, strict=True), 1):
        row = rows[claim["id"]]
        assert row["position"] == position
        for key in ("quote", "summary", "quote_type", "source", "actor"):
            assert row[key] == claim[key]
        assert (row["start"], row["end"]) == (record["start"], record["end"])
        assert (row["line"], row["column"]) == (record["line"], record["column"])
        assert row["verdict"] == "ok"  # the bundled data passes check
    stances = database.execute("SELECT claim, target, stance FROM stances").fetchall()
    expected = [(c["id"], s["target"], s["stance"]) for c in DATA["claims"] for s in c["stances"]]
    assert sorted(stances) == sorted(expected)


def test_full_text_search_finds_the_claim_quoting_a_phrase(database: sqlite3.Connection) -> None:
    phrase = "newspaper headlines"
    expected = [c["id"] for c in DATA["claims"] if phrase in c["quote"] or phrase in c["summary"]]
    assert expected  # the article speaks of "newspaper headlines"
    found = database.execute(
        f"SELECT c.id FROM {FTS_TABLE} JOIN claims AS c ON c.position = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH ? ORDER BY c.position",
        (f'"{phrase}"',),
    ).fetchall()
    assert [row[0] for row in found] == expected


def test_the_index_is_external_content_that_datasette_detects(
    database: sqlite3.Connection,
) -> None:
    (sql,) = database.execute(
        "SELECT sql FROM sqlite_master WHERE name = ?", (FTS_TABLE,)
    ).fetchone()
    assert 'content="claims"' in sql  # Datasette's detect_fts looks for this spelling
    assert "content_rowid" in sql
    integrity = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
    database.execute(integrity)  # raises if the index and its content disagree


def _failing_copy(write_claims: Callable[[Any], Path]) -> tuple[Path, str]:
    data = json.loads(CLAIMS.read_text("utf-8"))
    claim = data["claims"][0]
    claim["quote"] = "Words the article never printed, anywhere at all."
    return write_claims(data), claim["id"]


def test_a_quote_check_fails_has_no_offsets_and_its_verdict(
    write_claims: Callable[[Any], Path], tmp_path: Path
) -> None:
    claims, claim_id = _failing_copy(write_claims)
    content, notes = claims_database(load_catalog(claims))
    connection = open_database(content, tmp_path)
    try:
        row = connection.execute(
            'SELECT start, "end", line, "column", verdict FROM claims WHERE id = ?', (claim_id,)
        ).fetchone()
    finally:
        connection.close()
    assert row == (None, None, None, None, "missing")
    assert any(claim_id in note for note in notes)
