"""Hostile batches for `add --from-json`: whatever a batch holds, a slip anywhere writes
nothing (the claims file stays byte for byte) and is told on one line, never a traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import SEED_TEXT, UNIQUE, Invoke, run_cli

from dprktrack.curate.batch import MAX_DRAFTS


def draft(quote: str = UNIQUE, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "actor": "nebenzya",
        "quote": quote,
        "stances": {"sanctions-regime": "oppose"},
        "summary": "A fictional summary.",
    }
    record.update(changes)
    return record


GOOD_QUOTES = [UNIQUE, "long overdue", "an established fact"]
assert all(SEED_TEXT.count(quote) == 1 for quote in GOOD_QUOTES)


def refused_in_one_line(result: Any, claims: Path, before: bytes) -> str:
    """The one line of a refusal, with the file as it was."""
    assert result.exit_code == 2, result.output
    assert claims.read_bytes() == before
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lines[0])
    assert not list(claims.parent.glob(".claims.json.*"))
    line: str = lines[0]
    return line


HOSTILE: dict[str, str | bytes] = {
    "a quote not in the source": json.dumps([draft("the envoy sang a song of peace")]),
    "a record that is a list": json.dumps([draft(), ["nebenzya", UNIQUE]]),
    "a JSON Lines record that is a list": json.dumps(draft()) + "\n" + json.dumps([1, 2]) + "\n",
    "a record that is a string": json.dumps(["nebenzya"]),
    "a document that is a number": "42",
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "deep nesting over lines": "[" * 100_000 + "\n" + "]" * 100_000 + "\n",
    "an array on its first line, then more": json.dumps([draft()]) + "\n" + json.dumps(draft()),
    "deep nesting in a field": json.dumps([draft(stances=[[[[[["x"]]]]]])]),
    "a byte order mark": b"\xef\xbb\xbf" + json.dumps([draft()]).encode(),
    "NaN": '[{"actor": "nebenzya", "quote": "long overdue", "stances": {}, "summary": NaN}]',
    "Infinity": '[{"actor": "nebenzya", "occurrence": Infinity}]',
    "a repeated key": '[{"actor": "nebenzya", "actor": "kim", "quote": "long overdue"}]',
    "a repeated target": json.dumps([draft()]).replace(
        '{"sanctions-regime": "oppose"}', '{"sanctions-regime": "oppose", "sanctions-regime": "x"}'
    ),
    "an id collision": json.dumps([draft(id="c001")]),
    "the claim's anchors given": json.dumps([draft(start=0, end=5)]),
    "not UTF-8": b'[{"actor": "neb\xff"}]',
    "a lone surrogate": '[{"actor": "\\ud800"}]',
    "a cut-off file": json.dumps([draft()])[:-5],
    "a control character in the summary": json.dumps([draft(summary="one\x1b[31mred")]),
    "a bidi override in a target": json.dumps([draft(stances={"\u202esanctions-regime": "x"})]),
    "an escape sequence in an unknown key": json.dumps([{**draft(), "\x1b[2J": 1}]),
    "true as a stance": json.dumps([draft(stances={"sanctions-regime": True})]),
    "an occurrence as a string": json.dumps([draft(occurrence="2")]),
    "an occurrence of true": json.dumps([draft(occurrence=True)]),
    "too many drafts": json.dumps([draft()] * (MAX_DRAFTS + 1)),
    "the same draft 10,000 times": json.dumps([draft()] * MAX_DRAFTS),
    "empty": "  \n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_batch_writes_nothing_and_says_so_in_one_line(
    invoke: Invoke, repo_copy: Path, name: str
) -> None:
    batch = repo_copy.parent / "drafts.json"
    content = HOSTILE[name]
    batch.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = repo_copy.read_bytes()
    result = invoke("add", "--from-json", str(batch), claims=repo_copy)
    line = refused_in_one_line(result, repo_copy, before)
    assert line.startswith(f"error: {batch}:"), line


@pytest.mark.parametrize("hidden", ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u202e", "\x1b"])
def test_a_quote_with_a_hidden_character_is_refused_or_stored_as_the_sources_words(
    invoke: Invoke, repo_copy: Path, hidden: str
) -> None:
    """Either the matcher finds the passage (and the claim holds the source's own words,
    the hidden character gone), or the draft is refused: never a quote the source lacks."""
    quote = UNIQUE[:10] + hidden + UNIQUE[10:]
    batch = repo_copy.parent / "drafts.json"
    batch.write_text(json.dumps([draft(quote)]), "utf-8")
    before = repo_copy.read_bytes()
    result = invoke("add", "--from-json", str(batch), claims=repo_copy)
    if result.exit_code:
        refused_in_one_line(result, repo_copy, before)
        return
    claim = json.loads(repo_copy.read_text("utf-8"))["claims"][-1]
    assert claim["quote"] == SEED_TEXT[claim["start"] : claim["end"]]
    assert hidden not in claim["quote"]
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


SLIPS: list[Any] = [
    ["a list, not a draft"],
    {"stances": {"sanctions-regime": "adore"}},
    {"stances": {}},
    {"summary": ""},
    {"quote": "a passage the article never had"},
    {"actor": "no such speaker"},
    {"unknown": 1},
    {"date": "yesterday"},
    {"quote_type": 7},
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    good=st.lists(st.sampled_from(range(len(GOOD_QUOTES))), unique=True, max_size=3),
    slip=st.sampled_from(SLIPS),
    at=st.integers(min_value=0),
    lines=st.booleans(),
)
def test_a_failing_record_anywhere_leaves_the_file_byte_identical(
    repo_copy: Path, good: list[int], slip: Any, at: int, lines: bool
) -> None:
    records: list[Any] = [draft(GOOD_QUOTES[index]) for index in good]
    bad = {**draft("long overdue"), **slip} if isinstance(slip, dict) else slip
    position = at % (len(records) + 1)
    records.insert(position, bad)
    text = "\n".join(map(json.dumps, records)) if lines else json.dumps(records, indent=2)
    batch = repo_copy.parent / "drafts.json"
    batch.write_text(text, "utf-8")
    before = repo_copy.read_bytes()
    result = run_cli(["add", "--from-json", str(batch)], claims=repo_copy)
    line = refused_in_one_line(result, repo_copy, before)
    assert f": [{position}]" in line
