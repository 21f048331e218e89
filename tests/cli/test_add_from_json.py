"""`add --from-json`: a batch of claim drafts, each checked as `add` checks one, all before
anything is written; the first slip named by file, line:column and record.

A test that writes works on `repo_copy`; the repository's own files are only read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import CLAIM_IDS, SEED_TEXT, UNIQUE, Invoke

NEXT = max(int(claim_id[1:]) for claim_id in CLAIM_IDS) + 1


def draft(quote: str = UNIQUE, **changes: Any) -> dict[str, Any]:
    """A draft `add` would take, as `suggest --format json` writes one once filled in."""
    record = {
        "source": None,
        "actor": "nebenzya",
        "quote": quote,
        "quote_type": "indirect",
        "kind": "statement",
        "reported_via": None,
        "stances": {"sanctions-regime": "oppose"},
        "summary": "Says the proposal was ignored.",
        "date": None,
        "suggestion": {"start": 0, "end": 1, "cue": "said", "speakers": []},
    }
    record.update(changes)
    return record


def write_batch(folder: Path, records: Any, name: str = "drafts.json") -> Path:
    path = folder / name
    text = records if isinstance(records, str) else json.dumps(records, indent=2)
    path.write_text(text, "utf-8")
    return path


def test_a_batch_is_added_in_order_with_the_next_ids(invoke: Invoke, repo_copy: Path) -> None:
    batch = write_batch(
        repo_copy.parent,
        [draft(), draft("long overdue", stances=["sanctions-regime=oppose"], date="2024-03-28")],
    )
    result = invoke("add", "--from-json", str(batch), claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [f"c{NEXT:03d}", f"c{NEXT + 1:03d}"]
    assert f"note: added 2 claims to {repo_copy}" in result.stderr
    claims = json.loads(repo_copy.read_text("utf-8"))["claims"]
    first, second = claims[-2:]
    assert SEED_TEXT[first["start"] : first["end"]] == UNIQUE
    assert (first["quote_type"], second["date"]) == ("indirect", "2024-03-28")
    assert "suggestion" not in first
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_json_lines_from_stdin_are_taken_too(invoke: Invoke, repo_copy: Path) -> None:
    lines = "\n".join(json.dumps(record) for record in [draft(), draft("long overdue")])
    result = invoke("add", "--from-json", "-", claims=repo_copy, input=lines + "\n")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.split()) == 2


@pytest.mark.parametrize(
    "stances",
    [
        {"sanctions-regime": "oppose", "Panel-of-Experts": "Support"},
        ["sanctions-regime=oppose", "panel-of-experts=support"],
        ["sanctions-regime=oppose, panel-of-experts=support"],
        [
            {"target": "sanctions-regime", "stance": "oppose"},
            {"target": "panel-of-experts", "stance": "support"},
        ],
    ],
)
def test_stances_in_the_forms_add_and_the_claims_file_use(
    invoke: Invoke, repo_copy: Path, stances: Any
) -> None:
    batch = write_batch(repo_copy.parent, [draft(stances=stances)])
    result = invoke("add", "--from-json", str(batch), "--dry-run", claims=repo_copy)
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert record["stances"] == [
        {"target": "sanctions-regime", "stance": "oppose"},
        {"target": "panel-of-experts", "stance": "support"},
    ]


def test_dry_run_prints_the_claims_and_writes_nothing(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    batch = write_batch(repo_copy.parent, [draft()])
    result = invoke("add", "--from-json", str(batch), "--dry-run", claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["id"] == f"c{NEXT:03d}"
    assert "--dry-run" in result.stderr
    assert repo_copy.read_bytes() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"stances": {}}, "[1].stances: empty; give at least one target and its stance"),
        ({"summary": " "}, "[1].summary: empty; give a value"),
        ({"summary": "two\nlines"}, "[1].summary: one line, please"),
        ({"actor": None}, "[1].actor: empty; give a value"),
        ({"actor": "nobody at all"}, "[1].actor: no actor 'nobody at all'"),
        ({"quote": "words the article never had"}, "[1].quote: "),
        ({"stances": {"sanctions-regime": "opose"}}, "[1].stances: 'sanctions-regime=opose':"),
        ({"stances": {"nowhere": "oppose"}}, "[1].stances: 'nowhere=oppose': no target"),
        ({"stances": "sanctions-regime=oppose"}, "[1].stances: an object of target: stance"),
        ({"quote_type": "verbatim"}, "[1].quote_type: one of direct, indirect, mixed"),
        ({"kind": 3}, "[1].kind: a string, not a number"),
        ({"date": "2030-01-01"}, "[1].date: 2030-01-01 is after the source was published"),
        ({"reported_via": "nebenzya"}, "[1].reported_via: that is the actor itself"),
        ({"source": "elsewhere"}, "[1].source: unknown source 'elsewhere'"),
        ({"id": "c001"}, "[1]: unknown key 'id'"),
        ({"occurrence": 0}, "[1].quote: occurrence: a whole number from 1"),
        ({"quote": "the Panel"}, "[1].quote: the quote occurs"),
    ],
)
def test_a_slip_in_any_record_writes_nothing_and_names_it(
    invoke: Invoke, repo_copy: Path, changes: dict[str, Any], message: str
) -> None:
    before = repo_copy.read_bytes()
    batch = write_batch(repo_copy.parent, [draft(), {**draft("long overdue"), **changes}])
    result = invoke("add", "--from-json", str(batch), claims=repo_copy)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {batch}:")
    assert message in line
    assert result.stdout == ""
    assert repo_copy.read_bytes() == before


def test_the_slip_is_placed_at_its_records_line_and_column(invoke: Invoke, repo_copy: Path) -> None:
    batch = write_batch(repo_copy.parent, [draft(), draft("long overdue", summary="")])
    result = invoke("add", "--from-json", str(batch), claims=repo_copy)
    text = batch.read_text("utf-8")
    line = text[: text.index("{", text.index("}\n"))].count("\n") + 1
    assert f"error: {batch}:{line}:3: [1].summary: empty" in result.stderr


def test_a_passage_quoted_for_the_actor_already_is_refused(invoke: Invoke, repo_copy: Path) -> None:
    """Feeding the same batch twice would repeat every claim."""
    batch = write_batch(repo_copy.parent, [draft()])
    assert invoke("add", "--from-json", str(batch), claims=repo_copy).exit_code == 0
    before = repo_copy.read_bytes()
    again = invoke("add", "--from-json", str(batch), claims=repo_copy)
    assert again.exit_code == 2
    assert (
        f"[0].quote: claim c{NEXT:03d} already quotes this passage for this actor" in again.stderr
    )
    assert repo_copy.read_bytes() == before
    twice = write_batch(repo_copy.parent, [draft("long overdue"), draft("long overdue")])
    result = invoke("add", "--from-json", str(twice), claims=repo_copy)
    assert f"[1].quote: claim c{NEXT + 1:03d} already quotes" in result.stderr


def test_departures_need_approve_as_add_off_a_terminal(invoke: Invoke, repo_copy: Path) -> None:
    quote = "[t]he US, UK and France refuse to accept … proposals"
    batch = write_batch(repo_copy.parent, [draft(quote)])
    refused = invoke("add", "--from-json", str(batch), claims=repo_copy)
    assert refused.exit_code == 2
    assert "[0].quote: departs from the source's words (alteration at" in refused.stderr
    assert "give --approve" in refused.stderr
    approved = invoke("add", "--from-json", str(batch), "--approve", claims=repo_copy)
    assert approved.exit_code == 0, approved.output
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


@pytest.mark.parametrize(
    "extra", [["--actor", "nebenzya"], ["--stance", "x=support"], ["--occurrence", "2"]]
)
def test_field_options_with_from_json_are_a_usage_error(
    invoke: Invoke, repo_copy: Path, extra: list[str]
) -> None:
    batch = write_batch(repo_copy.parent, [draft()])
    result = invoke("add", "--from-json", str(batch), *extra, claims=repo_copy)
    assert result.exit_code == 2
    assert f"--from-json takes every field from {batch}; leave out {extra[0]}" in result.stderr


def test_an_empty_batch_writes_nothing(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    result = invoke("add", "--from-json", "-", claims=repo_copy, input="[]")
    assert result.exit_code == 0, result.output
    assert "holds no drafts; nothing written" in result.stderr
    assert repo_copy.read_bytes() == before


def test_a_missing_file_is_named(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("add", "--from-json", "nowhere.json", claims=repo_copy)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: nowhere.json: ")
