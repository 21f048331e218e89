"""The timeline command: date order, where each date comes from, stance turns, formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from support import DATA, Invoke, chronicle_data, json_output, write_chronicle

from dprktrack.timeline import TIMELINE_FIELDS


@pytest.fixture
def chronicle(tmp_path: Path) -> Path:
    return write_chronicle(tmp_path)


def _ids(records: list[dict[str, Any]]) -> list[str]:
    return [record["id"] for record in records]


def test_claims_come_oldest_first_and_ties_in_article_order(
    invoke: Invoke, chronicle: Path
) -> None:
    entries = json_output(invoke("timeline", "--format", "json", claims=chronicle))
    assert _ids(entries) == ["k2", "k4", "k1", "k3"]  # k1 before k3: earlier in the courier
    assert [(e["when"], e["dated_by"]) for e in entries] == [
        ("2024-03-30", "claim"),
        ("2024-04-01", "source"),
        ("2024-05-02", "source"),
        ("2024-05-02", "source"),
    ]
    assert all(tuple(entry) == TIMELINE_FIELDS for entry in entries)


def test_a_turn_names_the_target_both_stances_and_the_claim_before(
    invoke: Invoke, chronicle: Path
) -> None:
    entries = json_output(invoke("timeline", "--format", "json", claims=chronicle))
    changes = {entry["id"]: entry["changes"] for entry in entries}
    assert changes["k1"] == [
        {"target": "lakonia-treaty", "from": "support", "to": "oppose", "since": "k2"}
    ]
    assert changes["k2"] == changes["k3"] == changes["k4"] == []  # others' stances are theirs


def test_the_same_stance_again_is_no_turn(invoke: Invoke, tmp_path: Path) -> None:
    data = chronicle_data()
    data["claims"][1]["stances"][0]["stance"] = "support"  # k1 now agrees with k2
    claims = write_chronicle(tmp_path, data)
    entries = json_output(invoke("timeline", "--format", "json", claims=claims))
    assert all(entry["changes"] == [] for entry in entries)


def test_the_text_marks_source_dates_and_turns_and_explains_both(
    invoke: Invoke, chronicle: Path
) -> None:
    result = invoke("timeline", claims=chronicle, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2024-03-30   k2     Tomas Reel")
    assert lines[2].startswith("2024-05-02*  k1  Δ  Tomas Reel  support → oppose lakonia-treaty")
    assert "* the claim has no date: its source's is shown" in lines
    assert "Δ a stance differs from the actor's previous claim on it" in lines


def test_the_legend_says_only_what_occurs(invoke: Invoke, chronicle: Path) -> None:
    result = invoke("timeline", "--actor", "kol", claims=chronicle)
    assert "Δ" not in result.stdout
    assert "* the claim has no date" in result.stdout


def test_filters_are_lists_own(invoke: Invoke) -> None:
    """The same claims as `list` for the same filters, whatever the data holds."""
    for args in (["--actor", "nebenzya"], ["--target", "russia-veto"], ["--grep", "veto"]):
        listed = json_output(invoke("list", *args, "--format", "json"))
        shown = json_output(invoke("timeline", *args, "--format", "json"))
        assert sorted(_ids(shown)) == sorted(_ids(listed)), args
        assert [e["when"] for e in shown] == sorted(e["when"] for e in shown)
        for entry in shown:
            assert {key: entry[key] for key in listed[0]} in listed


def test_every_bundled_claim_is_dated_by_itself_or_its_source(invoke: Invoke) -> None:
    entries = json_output(invoke("timeline", "--format", "json"))
    assert sorted(_ids(entries)) == sorted(claim["id"] for claim in DATA["claims"])
    published = {source["id"]: source["published"] for source in DATA["sources"]}
    by_id = {claim["id"]: claim for claim in DATA["claims"]}
    for entry in entries:
        claim = by_id[entry["id"]]
        expected = claim.get("date") or published[claim["source"]]
        assert entry["when"] == expected
        assert entry["dated_by"] == ("claim" if claim.get("date") else "source")


def test_csv_and_markdown_write_each_turn_as_a_phrase(invoke: Invoke, chronicle: Path) -> None:
    written = invoke("timeline", "--format", "csv", claims=chronicle).stdout
    rows = list(csv.DictReader(io.StringIO(written)))
    assert list(rows[0]) == list(TIMELINE_FIELDS)
    assert rows[2]["changes"] == "lakonia-treaty: support → oppose (since k2)"
    markdown = invoke("timeline", "--format", "markdown", claims=chronicle).stdout
    assert "lakonia-treaty: support → oppose (since k2)" in markdown


def test_no_match_is_an_empty_answer_and_a_note(invoke: Invoke, chronicle: Path) -> None:
    result = invoke("timeline", "--actor", "nobody", "--format", "json", claims=chronicle)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "no claims match" in result.stderr
    assert "no actor matches --actor 'nobody'" in result.stderr


def test_an_unknown_target_is_a_usage_error(invoke: Invoke, chronicle: Path) -> None:
    result = invoke("timeline", "--target", "nope", claims=chronicle)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown target 'nope' for --target")


def test_hostile_text_in_a_quote_is_shown_inert(invoke: Invoke, tmp_path: Path) -> None:
    data = chronicle_data()
    data["actors"][0]["name"] = "Tomas \x1b[31mReel"
    claims = write_chronicle(tmp_path, data)
    result = invoke("timeline", claims=claims, env={"COLUMNS": "120"})
    assert "\x1b" not in result.stdout
    assert "\\x1b[31mReel" in result.stdout


def test_a_groups_claim_is_each_members_and_turns_count_across_it(
    invoke: Invoke, write_claims: Any
) -> None:
    """Russia's stance in a joint Russia–China claim is Russia's: asked for Russia, the
    timeline shows it (marked joint) and compares Russia's next claim on that target with it."""
    data = json.loads(json.dumps(DATA))
    group = next(
        a["id"] for a in data["actors"] if {"russia", "china"} <= set(a.get("members", []))
    )
    joint = next(c for c in data["claims"] if c["actor"] == group)
    joint["date"] = "2024-01-01"
    target, stance = joint["stances"][0]["target"], joint["stances"][0]["stance"]
    other = next(s for s in ("support", "oppose") if s != stance)
    later = next(c for c in data["claims"] if c["actor"] == "russia" and c.get("date"))
    later["stances"] = [{"target": target, "stance": other}]
    claims = write_claims(data)
    entries = json_output(
        invoke("timeline", "--actor", "russia", "--format", "json", claims=claims)
    )
    by_id = {entry["id"]: entry for entry in entries}
    assert by_id[joint["id"]]["jointly_with"] == ["China"]
    turn = {"target": target, "from": stance, "to": other, "since": joint["id"]}
    assert turn in by_id[later["id"]]["changes"]
    text = invoke("timeline", "--actor", "russia", claims=claims, env={"COLUMNS": "120"}).stdout
    assert "Russia and China (joint)" in text


def test_a_claim_dated_by_its_source_turns_nothing_within_that_source(invoke: Invoke) -> None:
    """The article recalls Russia's 2023 vote for the Panel (no day given: dated by the
    article) after the 2024 veto: no turn may be drawn between the two."""
    entries = json_output(
        invoke("timeline", "--actor", "russia", "--target", "panel-of-experts", "--format", "json")
    )
    undated = [entry for entry in entries if entry["dated_by"] == "source"]
    assert undated, "the bundled data has claims dated by the article alone"
    assert all(entry["changes"] == [] for entry in entries)


def test_a_groups_claim_turns_each_member_on_its_own(invoke: Invoke, tmp_path: Path) -> None:
    """Reel opposed (k2), Kol supported later (k4); their group supports (k3): Reel turned,
    though the latest member's stance (Kol's) is the same."""
    data = chronicle_data()
    data["actors"].append(
        {"id": "reel-kol", "name": "Reel and Kol", "kind": "group", "members": ["reel", "kol"]}
    )
    claims = {claim["id"]: claim for claim in data["claims"]}
    claims["k2"]["stances"] = [{"target": "lakonia-treaty", "stance": "oppose"}]
    claims["k3"]["actor"] = "reel-kol"
    entries = {e["id"]: e for e in json_output(
        invoke("timeline", "--format", "json", claims=write_chronicle(tmp_path, data))
    )}  # fmt: skip
    assert entries["k3"]["changes"] == [
        {"target": "lakonia-treaty", "from": "oppose", "to": "support", "since": "k2"}
    ]


def test_two_articles_of_one_day_come_in_no_known_order(invoke: Invoke, tmp_path: Path) -> None:
    """Both sources published the same day, their claims undated: no turn between them."""
    data = chronicle_data()
    for source in data["sources"]:
        source["published"] = "2024-05-02"
    for claim in data["claims"]:
        claim.pop("date", None)
    entries = json_output(
        invoke("timeline", "--format", "json", claims=write_chronicle(tmp_path, data))
    )
    assert all(entry["changes"] == [] for entry in entries)
