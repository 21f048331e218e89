"""Hostile text through `export --format sqlite`: every string comes back from the database
exactly as the claims file holds it (controls, NUL, bidi, quotes, SQL-looking text)."""

from __future__ import annotations

import copy
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from support import DATA, REPO

from dprktrack.claimsfile.load import load_catalog
from dprktrack.errors import DprkError
from dprktrack.export.sqlite import claims_database

HOSTILE = st.one_of(
    st.text(min_size=1, max_size=60),
    st.sampled_from(
        [
            "'); DROP TABLE claims; --",
            '" OR 1=1 --',
            "\x00nul\x00",
            "\u202eevil\u202c \x1b[2J \r\n \u2028",
            'NEAR(a b) AND * OR "phrase',
        ]
    ),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("hostile-sqlite")
    shutil.copytree(REPO / "seeds", here / "seeds")
    return here


def _read(content: bytes, path: Path) -> dict[str, Any]:
    path.write_bytes(content)
    connection = sqlite3.connect(path)
    try:
        return {
            "summary": connection.execute(
                "SELECT summary FROM claims WHERE position = 1"
            ).fetchone(),
            "name": connection.execute("SELECT name FROM actors LIMIT 1").fetchone(),
            "alias": connection.execute("SELECT alias FROM actor_aliases LIMIT 1").fetchone(),
            "description": connection.execute("SELECT description FROM targets LIMIT 1").fetchone(),
            "title": connection.execute("SELECT title FROM sources").fetchone(),
            "fts": connection.execute(
                "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?", ('"nebenzya"',)
            ).fetchone(),
        }
    finally:
        connection.close()


FIELDS = ("summary", "name", "alias", "description", "title")


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25, deadline=None
)
@given(st.fixed_dictionaries(dict.fromkeys(FIELDS, HOSTILE)))
def test_hostile_strings_come_back_from_the_database_unchanged(
    folder: Path, hostile: dict[str, str]
) -> None:
    data = copy.deepcopy(DATA)
    data["claims"][0]["summary"] = hostile["summary"]
    data["actors"][0]["name"] = hostile["name"]
    data["actors"][0]["aliases"] = [hostile["alias"]]
    data["targets"][0]["description"] = hostile["description"]
    data["sources"][0]["title"] = hostile["title"]
    claims = folder / "claims.json"
    claims.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    try:
        catalog = load_catalog(claims)
    except DprkError:
        assume(False)  # the claims file's own rules refuse it: nothing to export
        raise
    content, _ = claims_database(catalog)
    found = _read(content, folder / "claims.db")
    assert {field: found[field] for field in FIELDS} == {f: (hostile[f],) for f in FIELDS}
    assert found["fts"][0] >= 1  # the index still answers
