"""The library side of editing: records replaced and dropped in the file's own layout, new
keys in the models' order, and who still names a record."""

from __future__ import annotations

import json

import pytest
from support import CATALOG, DATA, RAW

from dprktrack.curate import editing
from dprktrack.errors import DprkError


@pytest.mark.parametrize("section", ["sources", "actors", "targets", "claims"])
def test_replacing_a_record_by_itself_gives_the_file_back_byte_for_byte(section: str) -> None:
    for record in DATA[section][:3]:
        assert editing.replaced(RAW, section, record) == RAW
    assert editing.dropped(RAW, section, []) == RAW


def test_a_replaced_record_keeps_its_place_and_a_dropped_one_only_goes() -> None:
    last = DATA["claims"][-1]
    changed = json.loads(editing.replaced(RAW, "claims", {**last, "summary": "New."}))
    assert [claim["id"] for claim in changed["claims"]] == [c["id"] for c in DATA["claims"]]
    assert changed["claims"][-1]["summary"] == "New."
    dropped = json.loads(editing.dropped(RAW, "claims", [last["id"]]))
    assert dropped == {**DATA, "claims": DATA["claims"][:-1]}


def test_crlf_files_stay_crlf() -> None:
    crlf = RAW.replace("\n", "\r\n")
    assert editing.replaced(crlf, "targets", DATA["targets"][0]) == crlf


def test_new_keys_go_where_the_model_lists_them_and_none_removes() -> None:
    order = ["id", "quote", "quote_type", "kind", "reported_via", "stances", "summary", "date"]
    old = {"id": "c1", "summary": "s", "quote": "q", "quote_type": "direct", "stances": []}
    new = editing.with_values(old, {"kind": "act", "date": "2024-01-01", "summary": None}, order)
    assert list(new) == ["id", "quote", "quote_type", "kind", "stances", "date"]
    curator_order = {"summary": "s", "id": "c1"}
    assert list(editing.with_values(curator_order, {"quote": "q"}, order)) == [
        "summary",
        "id",
        "quote",
    ]


def test_referrers_name_claims_by_role_and_groups_by_membership() -> None:
    claim = DATA["claims"][0]
    found = editing.referrers(CATALOG, "actors", claim["actor"])
    assert f"{claim['id']} (actor)" in found
    target = claim["stances"][0]["target"]
    assert f"{claim['id']} (stance)" in editing.referrers(CATALOG, "targets", target)
    assert f"{claim['id']} (source)" in editing.referrers(CATALOG, "sources", claim["source"])


def test_known_id_forgives_case_and_suggests_the_nearest() -> None:
    assert editing.known_id(["c001", "c002"], "C001", "claim", "claims.json") == "c001"
    with pytest.raises(DprkError, match="did you mean c001"):
        editing.known_id(["c001", "c002"], "c1", "claim", "claims.json")
