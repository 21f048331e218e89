"""`dprktrack export`: W3C Web Annotations, CSV and JSON Lines, on the real claims.json and seed."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from support import CLAIM_IDS, CLAIMS, DATA, REPO, SEED_TEXT, Invoke, run_cli

from dprktrack.export.rows import ROW_FIELDS
from dprktrack.matching.matcher import CONTEXT_LENGTH
from dprktrack.query import CLAIM_FIELDS

ELIDED = "On March 28, 2024, Russia vetoed … the sanctions against the DPRK until April 30, 2025."
"""c001's quote with words left out; the full sentence stands at 143–295 in the seed."""


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return result


def _annotations(invoke: Invoke, *args: str, **options: Any) -> Any:
    return json.loads(_ok(invoke("export", *args, **options)).stdout)


def _selectors(annotation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {selector["type"]: selector for selector in annotation["target"]["selector"]}


def _bodies(annotation: dict[str, Any], purpose: str) -> list[str]:
    return [body["value"] for body in annotation["body"] if body["purpose"] == purpose]


def _edited_claims(write_claims: Callable[[Any], Path], **quotes: str) -> Path:
    """A copy of claims.json beside the seed, with some claims' quotes replaced."""
    data = json.loads(CLAIMS.read_text("utf-8"))
    for claim in data["claims"]:
        claim["quote"] = quotes.get(claim["id"], claim["quote"])
    return write_claims(data)


# --- annotations ------------------------------------------------------------


def test_every_annotation_selects_its_quote_in_the_source(invoke: Invoke) -> None:
    collection = _annotations(invoke)
    items = collection["first"]["items"]
    assert [item["id"] for item in items] == [f"#{claim_id}" for claim_id in CLAIM_IDS]
    for item in items:
        selectors = _selectors(item)
        quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
        start, end = position["start"], position["end"]
        assert SEED_TEXT[start:end] == quote["exact"]
        assert quote["prefix"] == SEED_TEXT[max(0, start - CONTEXT_LENGTH) : start]
        assert quote["suffix"] == SEED_TEXT[end : end + CONTEXT_LENGTH]
        source = item["target"]["source"]
        assert (REPO / source["id"]).read_text("utf-8") == SEED_TEXT
        assert source["format"] == "text/plain"


def test_a_source_with_a_url_gives_its_page_as_scope_and_the_fragment_as_a_selector(
    invoke: Invoke, write_claims: Callable[[Any], Path]
) -> None:
    """`scope` + `#` + the FragmentSelector's value is the claim's `link` (less a fragment of
    the page's own); a source without a `url` gets neither."""
    records = json.loads(invoke("list", "--format", "json").stdout)
    links = {f"#{record['id']}": record["link"] for record in records}
    for item in _annotations(invoke)["first"]["items"]:
        target = item["target"]
        fragment = _selectors(item)["FragmentSelector"]
        assert fragment["conformsTo"] == "https://wicg.github.io/scroll-to-text-fragment/"
        assert f"{target['scope']}#{fragment['value']}" == links[item["id"]]
    data = json.loads(CLAIMS.read_text("utf-8"))
    data["sources"][0]["url"] = "https://ledger.example/story#part-2"
    framed = json.loads(invoke("export", claims=write_claims(data)).stdout)
    for item in framed["first"]["items"]:
        assert item["target"]["scope"] == "https://ledger.example/story"
        assert _selectors(item)["FragmentSelector"]["value"].startswith(":~:text=")
    data["sources"][0].pop("url")
    bare = invoke("export", claims=write_claims(data))
    for item in json.loads(bare.stdout)["first"]["items"]:
        assert "scope" not in item["target"]
        assert "FragmentSelector" not in _selectors(item)


def test_annotations_carry_the_actor_stances_and_summary(invoke: Invoke) -> None:
    items = {item["id"]: item for item in _annotations(invoke)["first"]["items"]}
    actors = {actor["id"]: actor["name"] for actor in DATA["actors"]}
    for claim in DATA["claims"]:
        item = items[f"#{claim['id']}"]
        assert _bodies(item, "identifying") == [actors[claim["actor"]]]
        assert _bodies(item, "tagging") == [
            f"{s['target']}: {s['stance']}" for s in claim["stances"]
        ]
        described = _bodies(item, "describing")
        assert described[0] == claim["summary"]
        if claim.get("reported_via"):
            assert f"reported via {actors[claim['reported_via']]}" in described
        assert all(body["format"] == "text/plain" for body in item["body"])
        assert all(body["type"] == "TextualBody" for body in item["body"])


def test_the_collection_has_the_web_annotation_shape(invoke: Invoke) -> None:
    collection = _annotations(invoke)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["label"]
    page = collection["first"]
    assert page["type"] == "AnnotationPage"
    assert page["startIndex"] == 0
    assert collection["last"] == page["id"]
    assert collection["total"] == len(page["items"]) == len(DATA["claims"])
    ids = [collection["id"], page["id"], *(item["id"] for item in page["items"])]
    assert len(set(ids)) == len(ids)
    for item in page["items"]:
        assert item["type"] == "Annotation"
        assert item["motivation"] == "describing"
        assert item["target"]["type"] == "SpecificResource"
        assert item["target"]["source"]["type"] == "Text"


def test_base_resolves_every_id_as_a_json_ld_reader_would(invoke: Invoke) -> None:
    base = "https://example.org/dprk/annotations.jsonld"
    relative = _annotations(invoke)
    absolute = _annotations(invoke, "--base", base)

    def resolved(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: urljoin(base, item) if key in ("id", "last") else resolved(item)
                for key, item in value.items()
            }
        return [resolved(item) for item in value] if isinstance(value, list) else value

    assert absolute == resolved(relative)
    assert absolute["id"] == base
    first = absolute["first"]["items"][0]
    assert first["id"] == f"{base}#c001"
    assert (
        first["target"]["source"]["id"] == "https://example.org/dprk/seeds/000_ae58a3e6272e0d5e.txt"
    )


@pytest.mark.parametrize(
    "base", ["example.org/dprk", "urn:dprk:claims", "https://example.org/a#b", "https://a b/"]
)
def test_a_base_that_cannot_anchor_ids_is_refused(invoke: Invoke, base: str) -> None:
    result = invoke("export", "--base", base)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --base")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


def test_a_quote_with_omissions_selects_the_whole_passage(
    invoke: Invoke, write_claims: Callable[[Any], Path]
) -> None:
    claims = _edited_claims(write_claims, c001=ELIDED)
    assert invoke("approve", "--yes", "c001", claims=claims).exit_code == 0
    result = _ok(invoke("export", claims=claims))
    first = json.loads(result.stdout)["first"]["items"][0]
    selectors = _selectors(first)
    assert selectors["TextPositionSelector"] == {
        "type": "TextPositionSelector",
        "start": 143,
        "end": 295,
    }
    exact = selectors["TextQuoteSelector"]["exact"]
    assert exact == SEED_TEXT[143:295]
    assert exact.startswith("On March 28, 2024, Russia vetoed the extension")
    assert ELIDED in _bodies(first, "describing"), "the quote as curated travels in a body"
    assert result.stderr == ""


def test_a_quote_that_no_longer_stands_gets_no_position_and_a_note(
    invoke: Invoke, write_claims: Callable[[Any], Path]
) -> None:
    changed = "in 2023 Russia voted against the extension"
    claims = _edited_claims(write_claims, c002=changed)
    result = _ok(invoke("export", claims=claims))
    items = json.loads(result.stdout)["first"]["items"]
    (quote,) = items[1]["target"]["selector"]
    stored = DATA["claims"][1]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": changed,
        "prefix": stored["prefix"],
        "suffix": stored["suffix"],
    }
    assert len(items) == len(CLAIM_IDS)
    assert "c002" in result.stderr
    assert result.stderr.startswith("note: 1 quote(s) not placed")
    assert len(result.stderr.splitlines()) == 1

    rows = list(
        csv.DictReader(io.StringIO(_ok(invoke("export", "--format", "csv", claims=claims)).stdout))
    )
    assert (rows[1]["id"], rows[1]["start"], rows[1]["end"]) == ("c002", "", "")


# --- csv and jsonl ----------------------------------------------------------


def _csv_rows(invoke: Invoke, *args: str) -> list[dict[str, str]]:
    text = _ok(invoke("export", "--format", "csv", *args)).stdout
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == ROW_FIELDS
    return list(reader)


def test_csv_has_one_row_per_claim_with_actor_and_source_joined_in(invoke: Invoke) -> None:
    rows = _csv_rows(invoke)
    assert [row["id"] for row in rows] == CLAIM_IDS
    c001 = rows[0]
    assert c001 == {
        **c001,
        "actor_id": "russia",
        "actor": "Russia",
        "actor_kind": "government",
        "actor_role": "Permanent member of the UN Security Council; cast the veto",
        "actor_country": "Russia",
        "stances": "panel-of-experts=oppose; russia-veto=support",
        "start": "143",
        "end": "295",
        "line": "7",
        "column": "1",
        "reported_via": "",
        "reported_via_name": "",
        "source": "neo-2024-04-24",
        "source_title": "The sanctions regime against the DPRK under threat",
        "source_author": "Konstantin Asmolov",
        "source_outlet": "New Eastern Outlook",
        "source_published": "2024-04-24",
        "source_path": "seeds/000_ae58a3e6272e0d5e.txt",
    }


def test_csv_names_the_relay_of_a_reported_statement(invoke: Invoke) -> None:
    names = {actor["id"]: actor["name"] for actor in DATA["actors"]}
    relayed = [claim for claim in DATA["claims"] if claim.get("reported_via")]
    assert relayed, "the bundled data has statements relayed by a medium"
    rows = {row["id"]: row for row in _csv_rows(invoke)}
    for claim in relayed:
        row = rows[claim["id"]]
        assert row["reported_via"] == claim["reported_via"]
        assert row["reported_via_name"] == names[claim["reported_via"]]


def test_jsonl_has_one_parsable_line_per_claim_extending_the_list_records(invoke: Invoke) -> None:
    lines = _ok(invoke("export", "--format", "jsonl")).stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert [row["id"] for row in rows] == CLAIM_IDS
    listed = json.loads(_ok(invoke("list", "--format", "json")).stdout)
    by_id = {record["id"]: record for record in listed}  # list reads in article order
    assert len(by_id) == len(rows)
    for row in rows:
        assert tuple(row) == ROW_FIELDS
        assert {key: row[key] for key in CLAIM_FIELDS} == by_id[row["id"]]
        assert isinstance(row["stances"], list)
        assert SEED_TEXT[row["start"] : row["end"]] == row["quote"]


# --- -o FILE ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((), "annotations.jsonld"),
        (("--format", "csv"), "claims.csv"),
        (("--format", "jsonl"), "claims.jsonl"),
        (("--base", "https://example.org/dprk/annotations.jsonld"), "annotations.jsonld"),
    ],
)
def test_output_file_holds_the_bytes_stdout_would(
    invoke: Invoke, tmp_path: Path, args: tuple[str, ...], name: str
) -> None:
    output = tmp_path / name
    written = _ok(invoke("export", *args, "-o", str(output)))
    assert written.stdout == ""
    assert f"exported {len(CLAIM_IDS)} claim(s)" in written.stderr
    assert output.read_bytes() == _ok(invoke("export", *args)).stdout_bytes
    assert list(tmp_path.iterdir()) == [output], "no temporary file is left behind"


def test_output_file_is_replaced_whole_and_keeps_its_permissions(
    invoke: Invoke, tmp_path: Path
) -> None:
    output = tmp_path / "claims.jsonl"
    output.write_text("old\n" * 10_000, "utf-8")
    output.chmod(0o640)
    _ok(invoke("export", "--format", "jsonl", "-o", str(output)))
    assert len(output.read_text("utf-8").splitlines()) == len(CLAIM_IDS)
    assert output.stat().st_mode & 0o777 == 0o640


def test_a_new_output_file_gets_the_usual_permissions(invoke: Invoke, tmp_path: Path) -> None:
    output = tmp_path / "claims.csv"
    _ok(invoke("export", "-o", str(output)))
    mask = os.umask(0)
    os.umask(mask)
    assert output.stat().st_mode & 0o777 == 0o666 & ~mask


def test_the_suffix_of_o_chooses_the_format_unless_format_is_given(
    invoke: Invoke, tmp_path: Path
) -> None:
    _ok(invoke("export", "-o", str(tmp_path / "claims.csv")))
    assert (tmp_path / "claims.csv").read_text("utf-8").startswith(",".join(ROW_FIELDS))
    _ok(invoke("export", "-o", str(tmp_path / "claims.ndjson")))
    assert (
        json.loads((tmp_path / "claims.ndjson").read_text("utf-8").splitlines()[0])["id"] == "c001"
    )
    _ok(invoke("export", "--format", "annotations", "-o", str(tmp_path / "x.txt")))
    assert json.loads((tmp_path / "x.txt").read_text("utf-8"))["type"] == "AnnotationCollection"
    dash = _ok(invoke("export", "--format", "jsonl", "-o", "-"))
    assert len(dash.stdout.splitlines()) == len(CLAIM_IDS)


@pytest.mark.parametrize(
    "target",
    ["claims.json", "seeds/000_ae58a3e6272e0d5e.txt", "link", "hard-link", "seeds/../claims.json"],
)
def test_export_refuses_to_overwrite_the_claims_file_or_a_source(
    invoke: Invoke, repo_copy: Path, target: str
) -> None:
    folder = repo_copy.parent
    (folder / "link").symlink_to(repo_copy)
    (folder / "hard-link").hardlink_to(folder / "seeds" / "000_ae58a3e6272e0d5e.txt")
    before = {path: path.read_bytes() for path in (repo_copy, *folder.glob("seeds/*"))}
    result = invoke(
        "export", "--format", "annotations", "-o", str(folder / target), claims=repo_copy
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {folder / target}: is ")
    assert "not overwritten" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert {path: path.read_bytes() for path in before} == before
    assert sorted(p.name for p in folder.iterdir()) == ["claims.json", "hard-link", "link", "seeds"]


def test_base_goes_with_annotations_only(invoke: Invoke, tmp_path: Path) -> None:
    for args in (("--format", "csv"), ("-o", str(tmp_path / "claims.jsonl"))):
        result = invoke("export", *args, "--base", "https://example.org/x.jsonld")
        assert result.exit_code == 2
        assert "--base goes with --format annotations" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_output_folder_that_does_not_exist_is_one_line_error(
    invoke: Invoke, tmp_path: Path
) -> None:
    output = tmp_path / "missing" / "claims.csv"
    result = invoke("export", "-o", str(output))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {output}: cannot write in ")
    assert len(result.stderr.splitlines()) == 1


def test_export_help_shows_an_example_per_format(invoke: Invoke) -> None:
    help_text = _ok(invoke("export", "--help")).stdout
    assert "dprktrack export > annotations.jsonld" in help_text
    assert "dprktrack export -o claims.csv" in help_text
    assert "dprktrack export --format jsonl" in help_text


def test_output_onto_a_pipe_or_device_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = invoke("export", "--format", "csv", "-o", str(fifo))
    assert result.exit_code == 2
    assert result.stderr == f"error: {fifo}: not a regular file; nothing written\n"
    assert fifo.is_fifo()


def test_output_onto_a_loop_of_links_is_refused_not_a_crash(invoke: Invoke, tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    result = invoke("export", "--format", "csv", "-o", str(loop))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {loop}: is a symbolic link;")
    assert len(result.stderr.splitlines()) == 1


def test_an_empty_output_name_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("export", "-o", "")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: -o: empty; give a file name, or - for stdout")


# --- sqlite, for Datasette ------------------------------------------------------------------


def test_sqlite_writes_the_database_and_its_metadata_beside_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = _ok(invoke("export", "-o", str(tmp_path / "claims.db")))
    assert result.stdout == ""
    assert "as sqlite to" in result.stderr
    assert "claims.metadata.json" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.db", "claims.metadata.json"]
    metadata = json.loads((tmp_path / "claims.metadata.json").read_text("utf-8"))
    assert list(metadata["databases"]) == ["claims"]  # Datasette names a database by its stem
    connection = sqlite3.connect(tmp_path / "claims.db")
    try:
        assert connection.execute("SELECT count(*) FROM claims").fetchone() == (len(CLAIM_IDS),)
    finally:
        connection.close()


def test_sqlite_re_export_replaces_both_files_whole(invoke: Invoke, tmp_path: Path) -> None:
    database, metadata = tmp_path / "out.sqlite", tmp_path / "out.metadata.json"
    database.write_bytes(b"not a database at all")
    metadata.write_text("{}", "utf-8")
    _ok(invoke("export", "-o", str(database)))
    first = database.read_bytes(), metadata.read_bytes()
    assert first[0].startswith(b"SQLite format 3\x00")
    _ok(invoke("export", "--format", "sqlite", "-o", str(database)))
    assert (database.read_bytes(), metadata.read_bytes()) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([database.name, metadata.name])


def test_a_failed_sqlite_export_leaves_the_old_files(
    invoke: Invoke, write_claims: Callable[[Any], Path], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    database, metadata = folder / "claims.db", folder / "claims.metadata.json"
    _ok(invoke("export", "-o", str(database)))
    before = database.read_bytes(), metadata.read_bytes()
    broken = write_claims('{"sources": [')
    result = invoke("export", "-o", str(database), claims=broken)
    assert result.exit_code == 2
    assert (database.read_bytes(), metadata.read_bytes()) == before
    assert sorted(p.name for p in folder.iterdir()) == ["claims.db", "claims.metadata.json"]


@pytest.mark.parametrize("broken", ["folder", "read-only folder", "read-only metadata"])
def test_sqlite_checks_its_metadata_before_replacing_the_database(
    invoke: Invoke, tmp_path: Path, broken: str
) -> None:
    """With `mkdir p.metadata.json`, export used to replace p.db, then fail on the metadata
    saying "nothing written": now nothing is, and the message is true."""
    folder = tmp_path / "out"
    folder.mkdir()
    database, metadata = folder / "p.db", folder / "p.metadata.json"
    database.write_bytes(b"the old database")
    if broken == "folder":
        metadata.mkdir()
        (metadata / "inside.txt").write_text("x", "utf-8")
    else:
        metadata.write_text("{}", "utf-8")
        (folder if broken == "read-only folder" else metadata).chmod(0o555)
    try:
        result = invoke("export", "-o", str(database))
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2
    assert (
        result.stderr
        == {
            "folder": f"error: {metadata}: is a folder, not a file; nothing written\n",
            "read-only folder": f"error: {database}: its folder is read-only; nothing written\n",
            "read-only metadata": f"error: {metadata}: the file is read-only; nothing written\n",
        }[broken]
    )
    assert database.read_bytes() == b"the old database"
    assert sorted(p.name for p in folder.iterdir()) == ["p.db", "p.metadata.json"]


def test_databases_that_share_a_stem_share_one_fitting_metadata_file(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Datasette names `x.db` and `x.sqlite3` both `x`: so does their metadata, documented
    in docs/export.md, and either export's metadata fits both."""
    _ok(invoke("export", "-o", str(tmp_path / "x.db")))
    first = (tmp_path / "x.metadata.json").read_bytes()
    result = _ok(invoke("export", "-o", str(tmp_path / "x.sqlite3")))
    assert f"{tmp_path / 'x.metadata.json'}" in result.stderr
    assert (tmp_path / "x.metadata.json").read_bytes() == first
    assert list(json.loads(first)["databases"]) == ["x"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db", "x.metadata.json", "x.sqlite3"]
    docs = (REPO / "docs" / "export.md").read_text("utf-8")
    assert "`claims.sqlite3` all get `claims.metadata.json`" in docs


def test_sqlite_to_stdout_is_refused_in_one_line(invoke: Invoke) -> None:
    for args in (("--format", "sqlite"), ("--format", "sqlite", "-o", "-")):
        result = invoke("export", *args)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == (
            "error: --format sqlite writes a binary file, not text for stdout; give -o FILE "
            "(.db or .sqlite or .sqlite3)\n"
        )


def test_sqlite_refuses_metadata_over_the_claims_file(invoke: Invoke, repo_copy: Path) -> None:
    """`claims.db`'s metadata is `claims.metadata.json`; a database named so that its
    metadata would land on a protected file is refused before anything is written."""
    folder = repo_copy.parent
    (folder / "data.metadata.json").symlink_to(repo_copy)
    before = repo_copy.read_bytes()
    result = invoke("export", "-o", str(folder / "data.db"), claims=repo_copy)
    assert result.exit_code == 2
    assert "is the claims file" in result.stderr
    assert repo_copy.read_bytes() == before
    assert not (folder / "data.db").exists()


# --- the traps: symbolic links, suffixes, the claims file, settings, spreadsheets -------------

LINK_REFUSED = "is a symbolic link; an export replaces a file, never writes through a link"


def _victim(tmp_path: Path) -> tuple[Path, bytes]:
    """A file of the user's outside the repository, which a committed link points at."""
    home = tmp_path / "home"
    home.mkdir()
    victim = home / "somefile"
    victim.write_bytes(b"the user's own file\n")
    return victim, victim.read_bytes()


@pytest.mark.parametrize(
    ("output", "link"),
    [
        ("claims.csv", "claims.csv"),
        ("claims.db", "claims.db"),
        ("claims.db", "claims.metadata.json"),  # the file beside -o, never named by the user
        ("dangling.jsonl", "dangling.jsonl"),  # a link to a file not there yet
        ("report.html", "report.html"),
    ],
)
def test_an_output_that_is_a_symbolic_link_is_refused_and_nothing_written(
    invoke: Invoke, tmp_path: Path, output: str, link: str
) -> None:
    """A hostile repository commits `claims.metadata.json -> ~/somefile`: `export -o
    claims.db` must not overwrite ~/somefile (a replace would follow the link)."""
    victim, before = _victim(tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()
    pointed = victim if not link.startswith("dangling") else tmp_path / "home" / "new"
    (repo / link).symlink_to(pointed)
    result = invoke("export", "-o", str(repo / output))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {repo / link}: {LINK_REFUSED}: not written, choose another -o FILE\n"
    )
    assert victim.read_bytes() == before
    assert sorted(p.name for p in tmp_path.joinpath("home").iterdir()) == ["somefile"]
    assert [p.name for p in repo.iterdir()] == [link]


def test_report_o_a_symbolic_link_is_refused_and_nothing_written(
    invoke: Invoke, tmp_path: Path
) -> None:
    """`report -o` goes through the same checks (`export.paths`)."""
    victim, before = _victim(tmp_path)
    (tmp_path / "report.html").symlink_to(victim)
    result = invoke("report", "-o", str(tmp_path / "report.html"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'report.html'}: {LINK_REFUSED}")
    assert len(result.stderr.splitlines()) == 1
    assert victim.read_bytes() == before


def test_a_relative_output_in_a_folder_reached_through_a_link_is_refused(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `check --report`: a relative path is the repository's to shape (it can commit
    `out -> ~`); an absolute path is the user's own choice, link or not."""
    home = tmp_path / "home"
    home.mkdir()
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "out").symlink_to(home)
    monkeypatch.chdir(repo)
    for command in ("export", "report"):
        output = "out/claims.csv" if command == "export" else "out/report.html"
        result = invoke(command, "-o", output)
        assert result.exit_code == 2
        assert result.stderr == (
            f"error: {output}: in a folder reached through a symbolic link; not written, give "
            "the folder's real path or an absolute -o FILE\n"
        )
    assert list(home.iterdir()) == []
    _ok(invoke("export", "-o", str(repo / "out" / "claims.csv")))
    assert [p.name for p in home.iterdir()] == ["claims.csv"]


@pytest.mark.parametrize(
    "name", ["dprktrack.toml", "pyproject.toml", "DPRKTRACK.TOML", "PyProject.toml"]
)
def test_o_a_settings_file_name_is_refused(invoke: Invoke, tmp_path: Path, name: str) -> None:
    """`--format csv -o dprktrack.toml` would leave every later command run there stopping
    on settings that are not TOML."""
    settings = tmp_path / "dprktrack.toml"
    settings.write_text("strict = true\n", "utf-8")
    result = invoke("export", "--format", "csv", "-o", str(tmp_path / name))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / name}: named like a settings file; commands run in its folder "
        "would read the export as their settings: choose another -o FILE\n"
    )
    reported = invoke("report", "-o", str(tmp_path / name))  # no page's suffix, refused first
    assert reported.exit_code == 2
    assert "is not an HTML page's" in reported.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dprktrack.toml"]
    assert settings.read_text("utf-8") == "strict = true\n"


def test_o_the_settings_file_in_force_under_another_name_is_refused(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A hard link to the settings file is the settings file."""
    settings = tmp_path / "pyproject.toml"
    settings.write_text("[tool.dprktrack]\nstrict = true\n", "utf-8")
    (tmp_path / "settings.csv").hardlink_to(settings)
    result = invoke("export", "-o", str(tmp_path / "settings.csv"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'settings.csv'}: is the settings file in force for its folder; not "
        "written, choose another -o FILE\n"
    )
    assert settings.read_text("utf-8") == "[tool.dprktrack]\nstrict = true\n"


def test_o_claims_json_in_a_folder_without_one_is_refused(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ./claims.json, export reads the bundled copy: a claims.json written here
    would then be what every later command loads."""
    monkeypatch.chdir(tmp_path)
    for output in ("claims.json", "CLAIMS.JSON", str(tmp_path / "claims.json")):
        result = invoke("--no-config", "export", "-o", output, claims=None)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"error: {output}: named like the claims file;")
        assert len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_o_the_claims_file_a_settings_file_names_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "dprktrack.toml").write_text('claims = "data/ledger.json"\n', "utf-8")
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "ledger.json"
    result = invoke("export", "-o", str(target))
    assert result.exit_code == 2
    named = tmp_path / "dprktrack.toml"
    assert result.stderr == (
        f"error: {target}: is the claims file {named} names for its folder; not written, "
        "choose another -o FILE\n"
    )
    assert not target.exists()
    _ok(invoke("export", "-o", str(tmp_path / "data" / "annotations.json")))


def test_an_unknown_suffix_needs_format(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("export", "-o", str(tmp_path / "claims.txt"))
    assert result.exit_code == 2
    assert "the suffix .txt names no export format; give --format" in result.stderr
    assert list(tmp_path.iterdir()) == []
    _ok(invoke("export", "--format", "csv", "-o", str(tmp_path / "claims.txt")))


def test_a_suffix_that_contradicts_format_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("export", "--format", "jsonl", "-o", str(tmp_path / "claims.csv"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: -o {tmp_path / 'claims.csv'}: .csv is the suffix of --format csv, not jsonl; "
        "name the file .jsonl or .ndjson, or leave out --format\n"
    )


def test_plain_csv_round_trips_exactly(invoke: Invoke) -> None:
    text = _ok(invoke("export", "--format", "csv")).stdout
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["id"] for row in rows] == CLAIM_IDS
    for row, claim in zip(rows, DATA["claims"], strict=True):
        assert (row["quote"], row["summary"]) == (claim["quote"], claim["summary"])
    assert not text.startswith("\ufeff")


def test_excel_csv_has_a_byte_order_mark_and_no_formula(invoke: Invoke, tmp_path: Path) -> None:
    output = tmp_path / "sheet.csv"
    _ok(invoke("export", "--excel", "-o", str(output)))
    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(ROW_FIELDS)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)
    assert _ok(invoke("export", "--excel")).stdout == raw.decode("utf-8")


def test_excel_with_another_format_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("export", "--excel", "--format", "jsonl")
    assert result.exit_code == 2
    assert result.stderr == "error: --excel goes with --format csv, not jsonl\n"


def test_html_names_the_report(invoke: Invoke, tmp_path: Path) -> None:
    """`.html` is the report's suffix; until `dprktrack report` is in the build, html says so."""
    import importlib.util

    result = invoke("export", "-o", str(tmp_path / "claims.html"))
    if importlib.util.find_spec("dprktrack.report") is None:
        assert result.exit_code == 2
        assert "--format html needs `dprktrack report`" in result.stderr
        assert list(tmp_path.iterdir()) == []
    else:
        _ok(result)
        assert (tmp_path / "claims.html").read_text("utf-8").lstrip().startswith("<")


def test_export_html_judges_claims_with_the_settings_as_report_does(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`export -o x.html` is the report's page, its claims judged with the settings in force
    (strict here: a typography warning fails), so the two never disagree on what stands."""
    data = json.loads(repo_copy.read_text("utf-8"))
    claim = next(c for c in data["claims"] if "’" in c["quote"])
    claim["quote"] = claim["quote"].replace("’", "'")
    repo_copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    (repo_copy.parent / "dprktrack.toml").write_text("strict = true\n", "utf-8")
    monkeypatch.setenv("DPRKTRACK_CONFIG", str(repo_copy.parent / "dprktrack.toml"))
    exported, reported = repo_copy.parent / "x.html", repo_copy.parent / "r.html"
    assert run_cli(["export", "-o", str(exported)], claims=repo_copy).exit_code == 0
    assert run_cli(["report", "-o", str(reported)], claims=repo_copy).exit_code == 0
    page = exported.read_text("utf-8")
    assert page == reported.read_text("utf-8")
    assert f'<tr id="{claim["id"]}" class="fails' in page or re.search(
        rf'<tr id="{claim["id"]}"[^>]*class="[^"]*fails', page
    )


@pytest.mark.parametrize("fmt", ["html"])
def test_export_to_stdout_is_utf8_whatever_its_encoding(fmt: str) -> None:
    """A cp1252 stdout (Windows' redirection) still gets the page in UTF-8, as its charset
    says: nothing turned into '?' (JSON and CSV escape instead: tests/cli/test_group.py)."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "dprktrack", "--claims", str(CLAIMS), "export", "--format", fmt],
        capture_output=True, env={**os.environ, "PYTHONIOENCODING": "cp1252"}, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    text = run.stdout.decode("utf-8")  # strict: raises on anything else
    assert "’" in text or "\\u2019" in text
