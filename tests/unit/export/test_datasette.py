"""Datasette's metadata beside `export --format sqlite`: every table and column described
(from the models where a column is a model field), facets and search; and, when Datasette
is installed (`pip install '.[datasette]'`), the real server reading both."""

from __future__ import annotations

import importlib.util
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import CATALOG, DATA, run_cli

from dprktrack.export.datasette import FACETS, SEARCHABLE, datasette_metadata, plain_text
from dprktrack.export.sqlite import TABLES, VIEWS
from dprktrack.schema import models

METADATA = datasette_metadata(CATALOG, "claims")
TABLE_METADATA: dict[str, Any] = METADATA["databases"]["claims"]["tables"]


def test_every_table_and_column_of_the_database_is_described(tmp_path: Path) -> None:
    result = run_cli(["export", "-o", str(tmp_path / "claims.db")])
    assert result.exit_code == 0, result.stderr
    written = json.loads((tmp_path / "claims.metadata.json").read_text("utf-8"))
    assert written == METADATA
    connection = sqlite3.connect(tmp_path / "claims.db")
    try:
        names = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'claims_fts%'"
        )]  # fmt: skip
        assert sorted(names) == sorted(TABLE_METADATA)
        for name in names:
            described = TABLE_METADATA[name]
            assert described["description"].strip(), name
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')]
            assert sorted(described["columns"]) == sorted(columns), name
            assert all(text.strip() for text in described["columns"].values()), name
    finally:
        connection.close()


def test_a_model_field_column_says_what_the_model_says() -> None:
    checked = 0
    for table in (*TABLES, *VIEWS):
        for column in table.columns:
            if column.field is not None:
                model, field = column.field.split(".")
                expected = getattr(models, model).model_fields[field].description
                assert TABLE_METADATA[table.name]["columns"][column.name] == plain_text(expected)
                checked += 1
    assert checked > 20


def _descriptions(metadata: dict[str, Any]) -> Iterator[str]:
    yield metadata["description"]
    for database in metadata["databases"].values():
        yield database["description"]
        for table in database["tables"].values():
            yield table["description"]
            yield from table["columns"].values()


def test_no_description_shows_markdown() -> None:
    """Datasette shows descriptions as plain text: a backtick would show as a backtick."""
    descriptions = list(_descriptions(METADATA))
    assert len(descriptions) > 50
    assert not [text for text in descriptions if "`" in text or "**" in text]


def test_plain_text_takes_out_inline_markdown_only() -> None:
    assert plain_text("What `dprktrack check` says") == "What dprktrack check says"
    assert plain_text("a **bold** word, [the docs](https://x.org/a)") == (
        "a bold word, the docs (https://x.org/a)"
    )
    assert plain_text("omissions marked with … or [...], alterations ([t]he)") == (
        "omissions marked with … or [...], alterations ([t]he)"
    )


def test_a_view_facets_by_label_not_by_id() -> None:
    """A view has no foreign keys for Datasette to label: its facets name names and labels."""
    assert "target_label" in FACETS["stances_view"]
    assert "target" not in FACETS["stances_view"]
    assert TABLE_METADATA["stances_view"]["columns"]["target_label"].startswith(
        "The target's label"
    )


def test_facets_name_columns_and_search_is_configured() -> None:
    for table, facets in FACETS.items():
        assert set(facets) <= set(TABLE_METADATA[table]["columns"]), table
    for table in SEARCHABLE:
        assert TABLE_METADATA[table]["fts_table"] == "claims_fts"
        assert TABLE_METADATA[table]["fts_pk"] in TABLE_METADATA[table]["columns"]
    source = DATA["sources"][0]
    assert METADATA["title"] == f"Who said what: {source['title']}"
    assert METADATA["source_url"] == source["url"]


# --- the real Datasette ---------------------------------------------------------------------

HAS_DATASETTE = importlib.util.find_spec("datasette") is not None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    """Until the server answers (it exits on an error: then its output says why)."""
    for _ in range(600):
        if server.poll() is not None:
            output = server.stdout.read().decode() if server.stdout else ""
            pytest.fail(f"datasette stopped: {output}")
        try:
            _get(url)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    pytest.fail("datasette did not answer within a minute")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """`datasette serve claims.db -m claims.metadata.json` on a free port; its address."""
    result = run_cli(["export", "-o", str(tmp_path / "claims.db")])
    assert result.exit_code == 0, result.stderr
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", "claims.db", "-m",
               "claims.metadata.json", "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        base = f"http://127.0.0.1:{port}/claims"
        _wait_for(f"{base}.json", server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stdout:
            server.stdout.close()


@pytest.mark.skipif(not HAS_DATASETTE, reason="datasette not installed: pip install '.[datasette]'")
def test_datasette_facets_by_actor_and_searches_quotes(served: str) -> None:
    facets = _get(f"{served}/claims.json?_facet=actor&_shape=objects")
    counts = {row["value"]: row["count"] for row in facets["facet_results"]["actor"]["results"]}
    expected = Counter(claim["actor"] for claim in DATA["claims"])
    assert counts
    assert all(counts[actor] == expected[actor] for actor in counts)
    found = _get(f"{served}/claims.json?_search=newspaper&_shape=objects")
    word = re.compile(r"\bnewspaper\b", re.IGNORECASE)
    quoting = [c["id"] for c in DATA["claims"] if word.search(c["quote"] + " " + c["summary"])]
    assert quoting
    assert [row["id"] for row in found["rows"]] == quoting
    labels = {target["id"]: target["label"] for target in DATA["targets"]}
    by_target = _get(f"{served}/stances_view.json?_shape=objects")["facet_results"]
    assert {row["value"] for row in by_target["target_label"]["results"]} <= set(labels.values())
    stances = _get(f"{served}/stances_view.json?_facet=stance&_shape=objects")
    by_stance = {
        row["value"]: row["count"] for row in stances["facet_results"]["stance"]["results"]
    }
    assert by_stance == dict(Counter(s["stance"] for c in DATA["claims"] for s in c["stances"]))


@pytest.mark.skipif(not HAS_DATASETTE, reason="datasette not installed: pip install '.[datasette]'")
def test_the_json_api_urls_of_the_sharing_page_answer_as_it_says(served: str) -> None:
    """docs/sharing.md: the table's URL gives the predefined facets; `_facet=source` adds
    one (a predefined facet asked for again would come twice, as actor and actor_2)."""
    predefined = _get(f"{served}/claims.json")["facet_results"]
    assert list(predefined) == FACETS["claims"]
    per_source = _get(f"{served}/claims.json?_facet=source")["facet_results"]
    assert list(per_source) == [*FACETS["claims"], "source"]
    counts = {row["label"]: row["count"] for row in per_source["source"]["results"]}
    assert counts == dict(
        Counter(
            next(s["title"] for s in DATA["sources"] if s["id"] == c["source"])
            for c in DATA["claims"]
        )
    )
    with urllib.request.urlopen(f"{served}/claims_view", timeout=30) as response:
        page = response.read().decode()
    assert '<dl class="column-descriptions">' in page  # listed above the table
