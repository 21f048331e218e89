"""The list command: filters, formats and what it says when nothing matches."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import CLAIM_IDS, DATA, SEED_TEXT, Invoke, json_output, write_chronicle

from dprktrack.query import CLAIM_FIELDS


def _ids(records: list[dict[str, Any]]) -> list[str]:
    return [record["id"] for record in records]


def _claim_ids(where: Callable[[dict[str, Any]], bool]) -> list[str]:
    """The expected answer, computed straight from the JSON file, in article order (each
    source in the file's order, then the quote's anchored offset: `check --fix` keeps it)."""
    rank = {source["id"]: number for number, source in enumerate(DATA["sources"])}
    chosen = [claim for claim in DATA["claims"] if where(claim)]
    chosen.sort(key=lambda claim: (rank[claim["source"]], claim["start"]))
    return [claim["id"] for claim in chosen]


# --- list -----------------------------------------------------------------


def test_list_json_records_have_the_documented_keys_and_slice_the_seed(invoke: Invoke) -> None:
    records = json_output(invoke("list", "--format", "json"))
    assert sorted(_ids(records)) == sorted(claim["id"] for claim in DATA["claims"])
    lines = SEED_TEXT.split("\n")
    for record in records:
        assert tuple(record) == CLAIM_FIELDS
        assert SEED_TEXT[record["start"] : record["end"]] == record["quote"]
        line = lines[record["line"] - 1]
        assert line[record["column"] - 1 :].startswith(record["quote"].split("\n")[0])


def test_nebenzya_lists_his_claims_with_offsets_of_his_exact_words(invoke: Invoke) -> None:
    records = json_output(invoke("list", "--actor", "nebenzya", "--format", "json"))
    assert _ids(records) == _claim_ids(lambda claim: claim["actor"] == "nebenzya")
    assert len(records) == 8
    assert all(record["actor"] == "Vasily Nebenzya" for record in records)
    assert any("“long overdue”" in SEED_TEXT[r["start"] : r["end"]] for r in records)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nebenzya", {"nebenzya"}),
        ("Zakharova", {"zakharova"}),
        ("kim song", {"kim-song"}),
        ("KIM-SONG", {"kim-song"}),
        ("Nébenzya", {"nebenzya"}),
        ("nebenz", {"nebenzya"}),
        ("Nebenzia", {"nebenzya"}),
        ("kim", {"kim-song", "kim-eun-hye"}),
        ("korea", {"rok-foreign-ministry", "us-rok-officials", "dprk"}),
        # an id selects exactly that actor, and the groups it made claims with
        ("russia", {"russia", "russia-china"}),
        ("russian", {"russia", "russia-china", "nebenzya", "zakharova"}),
        ("the Russian representative", {"nebenzya"}),
        ("Moscow", {"russia", "russia-china"}),
        (
            "us",
            {"united-states", "us-uk-france", "us-rok-officials", "miller", "us-state-department"},
        ),
        ("west", {"the-west", "western-analysts", "us-uk-france"}),
    ],
)
def test_actor_filter_is_partial_and_blind_to_case_and_accents(
    invoke: Invoke, query: str, expected: set[str]
) -> None:
    records = json_output(invoke("list", "--actor", query, "--format", "json"))
    assert {record["actor_id"] for record in records} == expected


def test_via_finds_statements_relayed_by_an_actor(invoke: Invoke) -> None:
    records = json_output(invoke("list", "--via", "nk news", "--format", "json"))
    assert _ids(records) == _claim_ids(lambda claim: claim.get("reported_via") == "nk-news")
    assert len(records) >= 5
    table = invoke("list", "--via", "nk-news", env={"COLUMNS": "120"})
    assert "via nk-news" in table.stdout


def test_an_actor_that_matches_nothing_gets_a_suggestion(invoke: Invoke) -> None:
    result = invoke("list", "--actor", "zakharowa")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: no actor matches --actor 'zakharowa'; did you mean zakharova?\n"
        "note: no claims match\n"
    )
    unknown = invoke("actors", "--via", "tass", "--format", "json")
    assert unknown.stdout == "[]\n"
    assert "no actor matches --via 'tass'; `dprktrack actors` lists them" in unknown.stderr


def test_same_filter_twice_ors_and_different_filters_and(invoke: Invoke) -> None:
    both = json_output(
        invoke("list", "--actor", "nebenzya", "--actor", "zakharova", "--format", "json")
    )
    assert _ids(both) == _claim_ids(lambda c: c["actor"] in ("nebenzya", "zakharova"))
    narrowed = json_output(
        invoke("list", "--actor", "nebenzya", "--quote-type", "direct", "--format", "json")
    )
    expected = _claim_ids(lambda c: c["actor"] == "nebenzya" and c["quote_type"] == "direct")
    assert _ids(narrowed) == expected
    assert 0 < len(expected) < 8


def test_target_and_stance_match_the_same_stance_entry(invoke: Invoke) -> None:
    records = json_output(
        invoke("list", "--target", "panel-of-experts", "--stance", "oppose", "--format", "json")
    )
    expected = _claim_ids(
        lambda c: {"target": "panel-of-experts", "stance": "oppose"} in c["stances"]
    )
    assert _ids(records) == expected
    assert "c001" in expected  # the veto: panel oppose, veto support
    supporting_veto = json_output(invoke("list", "--stance", "SUPPORT", "--format", "json"))
    assert "c001" in _ids(supporting_veto)


def test_grep_searches_quote_and_summary_ignoring_case_and_punctuation(invoke: Invoke) -> None:
    assert _ids(json_output(invoke("list", "--grep", "ADDED VALUE", "--format", "json"))) == [
        "c020"
    ]
    by_summary = json_output(invoke("list", "--grep", "fear-mongering", "--format", "json"))
    assert _ids(by_summary) == _claim_ids(lambda c: "fear-mongering" in c["summary"])


def test_source_filter_takes_a_source_id(invoke: Invoke) -> None:
    records = json_output(invoke("list", "--source", "neo-2024-04-24", "--format", "json"))
    assert len(records) == len(DATA["claims"])


def test_no_match_is_an_empty_result_with_a_note(invoke: Invoke) -> None:
    result = invoke("list", "--quote-type", "direct", "--grep", "sunset", "--format", "json")
    assert result.exit_code == 0
    assert result.stdout == "[]\n"
    assert result.stderr == "note: no claims match\n"
    table = invoke("list", "--grep", "no such words anywhere")
    assert (table.exit_code, table.stdout, table.stderr) == (0, "", "note: no claims match\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "moon"], "unknown target 'moon' for --target; valid: panel-of-experts,"),
        (["--source", "tass"], "unknown source 'tass' for --source; valid: neo-2024-04-24"),
        (["--stance", "maybe"], "'maybe' is not one of 'support', 'oppose', 'neutral', 'mixed'"),
        (["--quote-type", "rumour"], "'rumour' is not one of 'direct', 'indirect', 'mixed'"),
    ],
)
def test_unknown_filter_values_are_usage_errors_listing_valid_ones(
    invoke: Invoke, args: list[str], message: str
) -> None:
    result = invoke("list", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_unplaced_quotes_get_null_offsets_and_a_note(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    claims_data["claims"][1]["quote"] = "words the article never wrote"
    path = write_claims(claims_data)
    records = json_output(invoke("list", "--format", "json", claims=path))
    assert [r["id"] for r in records if r["start"] is None] == ["c002"]
    listing = invoke("list", "--format", "json", claims=path)
    note = (
        "note: 1 quote(s) not placed in their source, so their offsets are null "
        "(`dprktrack check` says why): c002\n"
    )
    assert listing.stderr == note
    shown = invoke("show", "c002", claims=path)
    assert shown.stderr == note
    assert "quote not placed in the source" in shown.stdout


def test_list_table_shows_every_word_of_every_quote(invoke: Invoke) -> None:
    result = invoke("list", "--actor", "south korea")
    assert result.exit_code == 0
    words = re.findall(r"\S+", result.stdout)
    for claim in DATA["claims"]:
        if claim["actor"] == "rok-foreign-ministry":
            for word in claim["quote"].split():
                assert any(word in w or w in word for w in words), word
    assert "…" not in result.stdout.replace("which…", "")


def test_list_csv_has_a_header_and_flattened_stances(invoke: Invoke) -> None:
    result = invoke("list", "--actor", "miller", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CLAIM_FIELDS
    assert [row["id"] for row in rows] == _claim_ids(lambda c: c["actor"] == "miller")
    assert rows[0]["stances"] == "russia-veto=oppose"
    assert SEED_TEXT[int(rows[1]["start"]) : int(rows[1]["end"])] == rows[1]["quote"]


def test_list_markdown_is_a_table_with_escaped_cells(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    claims_data["claims"][0]["summary"] = "a | b\nc"
    result = invoke("list", "--format", "markdown", claims=write_claims(claims_data))
    lines = result.stdout.splitlines()
    assert lines[0] == "| " + " | ".join(CLAIM_FIELDS) + " |"
    assert lines[1].startswith("|---|")
    assert len(lines) == 2 + len(claims_data["claims"])
    assert "a \\| b<br>c" in lines[2]


# --- list --sort ------------------------------------------------------------


def test_list_reads_in_article_order_by_default(invoke: Invoke) -> None:
    """Each source in the file's order, then the quote's place in it, not the order the
    claims were added in."""
    records = json_output(invoke("list", "--format", "json"))
    assert _ids(records) == _claim_ids(lambda claim: True)
    assert _ids(records) == _ids(
        json_output(invoke("list", "--sort", "position", "--format", "json"))
    )


def test_list_sorts_by_date_the_claims_own_else_its_sources(invoke: Invoke) -> None:
    records = json_output(invoke("list", "--sort", "date", "--format", "json"))
    published = {source["id"]: source["published"] for source in DATA["sources"]}
    dates = [record["date"] or published[record["source"]] for record in records]
    assert dates == sorted(dates)
    assert sorted(_ids(records)) == sorted(CLAIM_IDS)


def test_list_sorts_by_actor_name_then_article_order(invoke: Invoke) -> None:
    records = json_output(invoke("list", "--sort", "ACTOR", "--format", "json"))
    names = [record["actor"].casefold() for record in records]
    assert names == sorted(names)
    in_article_order = _ids(json_output(invoke("list", "--format", "json")))
    for name in set(names):
        same = [r["id"] for r in records if r["actor"].casefold() == name]
        assert same == [i for i in in_article_order if i in same]


def test_list_sorts_ids_by_their_numbers(invoke: Invoke, tmp_path: Path) -> None:
    claims = write_chronicle(tmp_path)
    data = json.loads(claims.read_text("utf-8"))
    for claim, new_id in zip(data["claims"], ["k10", "k2", "k1x", "k1"], strict=True):
        claim["id"] = new_id
    write_chronicle(tmp_path, data)
    records = json_output(invoke("list", "--sort", "id", "--format", "json", claims=claims))
    assert _ids(records) == ["k1", "k1x", "k2", "k10"]


def test_an_unknown_sort_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("list", "--sort", "stance")
    assert result.exit_code == 2
    assert "'stance' is not one of 'position', 'date', 'actor', 'id'" in result.stderr


def test_the_chronicles_claims_read_source_by_source(invoke: Invoke, tmp_path: Path) -> None:
    """The gazette is the file's first source: its claims come first, each source's claims
    in the order its article reads, whatever order the file lists them in."""
    claims = write_chronicle(tmp_path)
    records = json_output(invoke("list", "--format", "json", claims=claims))
    assert _ids(records) == ["k2", "k4", "k1", "k3"]
