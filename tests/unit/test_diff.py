"""The diff of two claims files as a pure function: it never hides a change of meaning."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import look_alike_edits, record_edits
from support import CATALOG, CLAIMS, DATA

from dprktrack.claimsfile.load import catalog_from_text
from dprktrack.diff import (
    ANCHORS,
    diff_catalogs,
    diff_document,
    diff_markdown,
    stance_changes,
    summary_line,
    word_ops,
)
from dprktrack.schema.records import records_of

KIND_OF = {"claims": "claim", "actors": "actor", "targets": "target", "sources": "source"}


def _catalog_of(data: dict[str, Any]) -> Any:
    """A catalog straight from records (not validated: the diff must not rely on it)."""
    from dataclasses import replace

    records = records_of(data)
    return replace(
        CATALOG,
        sources={record.id: record for record in records.sources},
        actors={record.id: record for record in records.actors},
        targets={record.id: record for record in records.targets},
        claims={record.id: record for record in records.claims},
    )


def test_a_file_against_itself_has_no_changes() -> None:
    assert diff_catalogs(CATALOG, CATALOG) == []
    assert summary_line([]) == "no changes"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_field_of_any_record_changed_is_named(data: st.DataObject) -> None:
    name, index, field, value = data.draw(record_edits(DATA))
    edited = copy.deepcopy(DATA)
    edited[name][index][field] = value
    record_id = DATA[name][index]["id"]
    try:
        after = _catalog_of(edited)
    except (TypeError, ValueError, KeyError, AttributeError):  # a value no record can hold
        return
    changes = diff_catalogs(CATALOG, after)
    assert len(changes) == 1, changes
    (change,) = changes
    assert (change.kind, change.id) == (KIND_OF[name], record_id)
    # Offsets (the bundled quotes stand once each), or a prefix or suffix written where
    # there was none: a re-anchoring; a recorded one changed or gone may point elsewhere.
    recorded = DATA[name][index].get(field) is not None
    anchor = name == "claims" and field in ANCHORS
    anchor = anchor and not (field in ("prefix", "suffix") and recorded)
    named = change.anchors if anchor else change.fields
    assert [field_change.field for field_change in named] == [field]
    assert change.status == ("re-anchored" if anchor else "changed")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_look_alike_character_loaded_from_a_file_is_a_change(data: st.DataObject) -> None:
    """Through the file as `diff` reads it: loaded and validated, then compared."""
    name, index, field, text = data.draw(look_alike_edits(DATA))
    edited = copy.deepcopy(DATA)
    edited[name][index][field] = text
    after = catalog_from_text(CLAIMS, json.dumps(edited, ensure_ascii=False), name="edited")
    (change,) = diff_catalogs(CATALOG, after)
    assert (change.kind, change.id, change.status) == (
        KIND_OF[name],
        DATA[name][index]["id"],
        "changed",
    )
    assert [(f.field, f.before, f.after) for f in change.fields] == [
        (field, DATA[name][index][field], text)
    ]


def test_anchors_moving_alone_is_a_re_anchoring_and_beside_a_change_both_are_said() -> None:
    edited = copy.deepcopy(DATA)
    edited["claims"][0]["start"] = (edited["claims"][0].get("start") or 0) + 1
    edited["claims"][0]["end"] = (edited["claims"][0].get("end") or 0) + 1
    edited["claims"][1]["end"] = 3
    edited["claims"][1]["summary"] = "Another reading."
    changes = diff_catalogs(CATALOG, _catalog_of(edited))
    assert [(c.id, c.status) for c in changes] == [
        (DATA["claims"][0]["id"], "re-anchored"),
        (DATA["claims"][1]["id"], "changed"),
    ]
    assert {f.field for f in changes[0].anchors} == {"start", "end"}
    assert changes[0].fields == ()
    assert [f.field for f in changes[1].fields] == ["summary"]
    assert [f.field for f in changes[1].anchors] == ["end"]


def test_records_added_and_removed_carry_the_whole_record() -> None:
    edited = copy.deepcopy(DATA)
    gone = edited["claims"].pop(0)
    edited["claims"].append({**gone, "id": "z999"})
    edited["targets"].append({"id": "new-target", "label": "New", "description": "New."})
    changes = diff_catalogs(CATALOG, _catalog_of(edited))
    assert [(c.kind, c.id, c.status) for c in changes] == [
        ("claim", gone["id"], "removed"),
        ("claim", "z999", "added"),
        ("target", "new-target", "added"),
    ]
    assert changes[0].record is not None
    assert changes[0].record["quote"] == gone["quote"]
    document = diff_document("a", "b", changes)
    assert document["summary"] == {
        "claim": {"added": 1, "removed": 1},
        "target": {"added": 1},
    }
    json.dumps(document)  # plain JSON: dates as text


def test_defaults_written_out_are_no_change() -> None:
    """`"kind": "statement"` written or left out, `aliases: []` or none: the same record."""
    edited = copy.deepcopy(DATA)
    statement = next(claim for claim in edited["claims"] if "kind" not in claim)
    statement["kind"] = "statement"
    edited["claims"][0].pop("date", None)
    edited["claims"][0]["date"] = DATA["claims"][0].get("date")
    edited["actors"][0]["members"] = []
    assert diff_catalogs(CATALOG, _catalog_of(edited)) == []


@given(st.text(max_size=60), st.text(max_size=60))
def test_a_word_diff_keeps_both_texts_whole(before: str, after: str) -> None:
    ops = word_ops(before, after)
    assert "".join(text for tag, text in ops if tag != "+") == before
    assert "".join(text for tag, text in ops if tag != "-") == after


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        ([("a", "support")], [("a", "oppose")], ["a: support → oppose"]),
        ([("a", "support")], [("a", "support"), ("b", "mixed")], ["b: added (mixed)"]),
        ([("a", "support"), ("b", "mixed")], [("a", "support")], ["b: removed (mixed)"]),
        (
            [("a", "support"), ("b", "mixed")],
            [("b", "mixed"), ("a", "support")],
            ["order: a, b → b, a"],
        ),
    ],
)
def test_stances_are_told_target_by_target(
    before: list[tuple[str, str]], after: list[tuple[str, str]], said: list[str]
) -> None:
    def entries(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
        return [{"target": target, "stance": stance} for target, stance in pairs]

    assert stance_changes(entries(before), entries(after)) == said


def test_markdown_of_hostile_text_stays_text(tmp_path: Path) -> None:
    edited = copy.deepcopy(DATA)
    edited["claims"][0]["quote"] = "<img src=x onerror=alert(1)> @everyone ![x](http://e) #1\n## Hi"
    edited["actors"][0]["name"] = "**Bold** `code` [link](http://e) ~~gone~~ |pipe|"
    text = diff_markdown(
        "HEAD:claims.json", "claims.json", diff_catalogs(CATALOG, _catalog_of(edited))
    )
    for raw in (
        "<img",
        "@everyone",
        "![x]",
        "**Bold**",
        "`code`",
        "[link]",
        "~~gone~~",
        "|pipe|",
        "\n## Hi",
    ):
        assert re.search(r"(?<!\\)" + re.escape(raw), text) is None, raw
    assert "\\<img" in text
    assert "\\@everyone" in text
    assert "#### Claims" in text
    assert "#### Actors" in text


def test_a_quote_moved_to_its_other_place_is_a_change_not_a_re_anchoring() -> None:
    """Words found twice (a speaker's statement, another's question): moving the anchors
    to the other place changes whose words the claim cites, and must show."""
    edited = copy.deepcopy(DATA)
    claim = edited["claims"][0]
    claim["prefix"], claim["suffix"] = "someone else asked: ", " she wondered."
    (change,) = diff_catalogs(CATALOG, _catalog_of(edited))
    assert change.status == "changed"
    assert [f.field for f in change.fields] == ["prefix", "suffix"]
    first = copy.deepcopy(DATA)
    first["claims"][0].pop("prefix")
    written = diff_catalogs(_catalog_of(first), CATALOG)  # a first anchoring
    assert [(c.status, [f.field for f in c.anchors]) for c in written] == [
        ("re-anchored", ["prefix"])
    ]


def test_markdown_never_writes_a_raw_line_end_or_control_from_a_quote() -> None:
    """A blank run of a quote (a carriage return, a line separator) shown as an escape, as
    the text view shows it: raw, it would rewrite a terminal's line or a comment's layout."""
    from dprktrack.diff import FieldChange, RecordChange, diff_markdown

    for blank in ("\r", "\u2028", "\n", "\u0085"):
        kept = "the words kept on both sides of the change "
        change = FieldChange("quote", f"{kept}alpha{blank}beta", f"{kept}gamma{blank}delta")
        text = diff_markdown("a", "b", [RecordChange("claim", "c1", "changed", (change,))])
        lines = text.split("\n")
        assert not any(line.startswith(("beta", "delta")) for line in lines), repr(blank)
        if blank != "\n":
            assert blank not in text, repr(blank)


def test_a_twice_found_quote_moved_by_its_offsets_alone_is_a_change(tmp_path: Path) -> None:
    """Words a minister says and a critic later asks about: a claim anchored without
    context, its offsets moved to the critic's question, cites other words."""
    from dprktrack.claimsfile.load import load_catalog

    text = (
        "Minister Ana Vell said the embargo should end now. Critic Ivo Strand asked: "
        "does anyone really believe the embargo should end now?\n"
    )
    (tmp_path / "article.txt").write_text(text, "utf-8")
    quote = "the embargo should end now"
    first, second = text.index(quote), text.rindex(quote)
    data = copy.deepcopy({**DATA, "claims": DATA["claims"][:1]})
    data["sources"] = [{**DATA["sources"][0], "path": "article.txt",
                        "sha256": hashlib.sha256(text.encode()).hexdigest()}]  # fmt: skip
    claim = data["claims"][0]
    for key in ("prefix", "suffix", "review_pin"):
        claim.pop(key, None)
    claim.update(quote=quote, start=first, end=first + len(quote), date=None)
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps(data), "utf-8")
    before = load_catalog(claims)
    claim.update(start=second, end=second + len(quote))
    claims.write_text(json.dumps(data), "utf-8")
    (change,) = diff_catalogs(before, load_catalog(claims))
    assert change.status == "changed"
    assert [f.field for f in change.fields] == ["start", "end"]


def test_a_recorded_prefix_removed_is_a_change() -> None:
    edited = copy.deepcopy(DATA)
    edited["claims"][0].pop("prefix")
    (change,) = diff_catalogs(CATALOG, _catalog_of(edited))
    assert change.status == "changed"
    assert [f.field for f in change.fields] == ["prefix"]
