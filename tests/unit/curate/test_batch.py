"""The batch of `add --from-json` as a library: records read and placed, claims made with
fresh ids, appended in one rewrite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import CATALOG, CLAIM_IDS, RAW, UNIQUE

from dprktrack.claimsfile.load import catalog_from_text
from dprktrack.curate.batch import checked_claims, drafts_text, read_drafts, with_claims
from dprktrack.errors import DprkError

DRAFT = {
    "actor": "nebenzya",
    "quote": UNIQUE,
    "stances": {"sanctions-regime": "oppose"},
    "summary": "A fictional summary.",
}


def test_an_array_is_read_with_each_records_line_and_column() -> None:
    text = '[\n  {"a": 1},\n    {"b": 2}\n]\n'
    drafts = read_drafts(text, "d.json")
    assert [(d.index, d.line, d.column, d.values) for d in drafts] == [
        (0, 2, 3, {"a": 1}),
        (1, 3, 5, {"b": 2}),
    ]


def test_json_lines_skip_blank_lines_and_keep_line_numbers() -> None:
    drafts = read_drafts('{"a": 1}\n\n  {"b": 2}\n', "d.jsonl")
    assert [(d.index, d.line, d.column) for d in drafts] == [(0, 1, 1), (1, 3, 3)]


def test_a_bad_json_line_is_named_by_its_line() -> None:
    with pytest.raises(DprkError, match=r"^d.jsonl:2:2: invalid JSON"):
        read_drafts('{"a": 1}\n{oops}\n', "d.jsonl")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xef\xbb\xbf[]", "d.json:1:1: starts with a byte order mark"),
        (b" \n", "d.json:1:1: empty"),
        (b"[\xff]", "d.json:1:2: not valid UTF-8"),
    ],
)
def test_the_bytes_are_strict_utf8(data: bytes, message: str) -> None:
    with pytest.raises(DprkError, match="^" + message.replace(".", r"\.")):
        drafts_text(data, "d.json")


def test_ids_follow_the_files_and_each_other() -> None:
    drafts = read_drafts(json.dumps([DRAFT, {**DRAFT, "quote": "long overdue"}]), "d.json")
    made = checked_claims(CATALOG, drafts, "d.json")
    highest = max(int(claim_id[1:]) for claim_id in CLAIM_IDS)
    assert [new.record["id"] for new in made] == [f"c{highest + 1:03d}", f"c{highest + 2:03d}"]


def test_the_claims_are_appended_in_one_rewrite_that_loads(tmp_path: Path) -> None:
    drafts = read_drafts(json.dumps([DRAFT, {**DRAFT, "quote": "long overdue"}]), "d.json")
    records = [new.record for new in checked_claims(CATALOG, drafts, "d.json")]
    crlf = RAW.replace("\n", "\r\n")
    text = with_claims(crlf, records)
    assert "\r\n" in text
    assert "\n" not in text.replace("\r\n", "")
    loaded = catalog_from_text(tmp_path / "claims.json", with_claims(RAW, records))
    assert list(loaded.claims)[-2:] == [record["id"] for record in records]


def test_json_lines_split_only_at_line_feeds() -> None:
    """A line separator is allowed raw inside a JSON string: it does not end the line."""
    drafts = read_drafts('{"a": "one\u2028two"}\r\n{"b": "\x85"}\n', "d.jsonl")
    assert [d.values for d in drafts] == [{"a": "one\u2028two"}, {"b": "\x85"}]
