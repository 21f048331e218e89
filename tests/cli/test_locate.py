"""The locate command: where typed text is in the sources, or the closest passages."""

from __future__ import annotations

import json
import re

from support import NEGATED, SEED_TEXT, UNIQUE, Invoke, straightened


def test_locate_shows_place_sentence_and_the_sources_characters(invoke: Invoke) -> None:
    result = invoke("locate", straightened(UNIQUE))
    assert result.exit_code == 0, result.output
    start = SEED_TEXT.index(UNIQUE)
    line = SEED_TEXT.count("\n", 0, start) + 1
    column = start - SEED_TEXT.rfind("\n", 0, start)
    assert f"000_ae58a3e6272e0d5e.txt:{line}:{column}" in result.stdout
    assert f"offsets {start}–{start + len(UNIQUE)}  typography" in result.stdout
    assert f"⟦{UNIQUE}⟧" in result.stdout  # highlighted without colour
    assert f"quote: {json.dumps(UNIQUE, ensure_ascii=False)}" in result.stdout


def test_locate_json_gives_every_occurrence_in_order(invoke: Invoke) -> None:
    result = invoke("locate", "the Panel", "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    starts = [hit["start"] for hit in found["hits"]]
    assert starts == [match.start() for match in re.finditer("the Panel", SEED_TEXT)]
    assert found["occurrences"] == len(starts) > 1
    assert all(SEED_TEXT[hit["start"] : hit["end"]] == hit["quote"] for hit in found["hits"])
    assert all(hit["quote"] in hit["sentence"] for hit in found["hits"])


def test_locate_says_when_the_text_occurs_more_than_once(invoke: Invoke) -> None:
    result = invoke("locate", "the Panel")
    assert "note: found 7 times" in result.stderr
    assert "--occurrence N" in result.stderr


def test_locate_without_a_hit_lists_the_closest_passages_and_exits_1(invoke: Invoke) -> None:
    result = invoke("locate", "Moscows proposal to set a time limt", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found["found"] is False
    assert found["hits"] == []
    best = found["closest"][0]
    assert best["quote"] == UNIQUE
    assert best["match"] == "close"
    assert 0.8 < best["score"] < 1


def test_locate_with_nothing_close_says_so(invoke: Invoke) -> None:
    result = invoke("locate", "qwxz vbnm plkj")
    assert result.exit_code == 1
    assert result.stderr == "note: not in the sources, and nothing there is close\n"


def test_locate_finds_a_quote_with_omissions(invoke: Invoke) -> None:
    quote = "the authors of the document … Moscow's proposal"
    result = invoke("locate", quote, "--format", "json")
    (hit,) = json.loads(result.stdout)["hits"]
    assert hit["quote"] == "the authors of the document … Moscow’s proposal"
    assert SEED_TEXT[hit["start"] : hit["end"]] == NEGATED


def test_locate_refuses_an_unknown_source_and_empty_text(invoke: Invoke) -> None:
    unknown = invoke("locate", "the Panel", "--source", "nope")
    assert unknown.exit_code == 2
    assert "unknown source 'nope'; sources: neo-2024-04-24" in unknown.stderr
    empty = invoke("locate", "  ")
    assert empty.exit_code == 2
    assert "TEXT is empty" in empty.stderr


def test_locate_marks_a_hit_whose_omission_drops_a_negation(invoke: Invoke) -> None:
    text = "Pyongyang has ... recognized either the sanctions"
    result = invoke("locate", text, "--format", "json")
    assert result.exit_code == 1
    (hit,) = json.loads(result.stdout)["hits"]
    assert "'never'" in hit["problem"]
    assert "not quotable as it stands" in invoke("locate", text).stdout


def test_locate_finds_the_closest_passage_blind_to_case(invoke: Invoke) -> None:
    result = invoke("locate", "DEEP REGRET", "--format", "json")
    assert result.exit_code == 1
    best = json.loads(result.stdout)["closest"][0]
    assert (best["quote"], best["score"]) == ("deep regret", 1.0)
    assert "close (score 1.00, letter case differs)" in invoke("locate", "DEEP REGRET").stdout


def test_locate_counts_a_source_named_twice_once(invoke: Invoke) -> None:
    result = invoke("locate", UNIQUE, "--source", "neo-2024-04-24", "--source", "NEO-2024-04-24")
    assert result.exit_code == 0
    assert "found" not in result.stderr


def test_a_sentence_cut_short_is_marked(invoke: Invoke) -> None:
    shown = invoke("locate", "sanctions violations to").stdout
    assert "  … the permanent members" in shown


def test_a_locate_quote_line_is_never_wrapped(invoke: Invoke) -> None:
    sentence = SEED_TEXT[
        SEED_TEXT.index("Under these conditions") : SEED_TEXT.index("American draft.") + 15
    ]
    shown = invoke("locate", sentence, env={"COLUMNS": "40"}).stdout
    assert f"  quote: {json.dumps(sentence, ensure_ascii=False)}" in shown.splitlines()


def test_locate_says_when_a_text_is_too_long_to_look_for_close_passages(invoke: Invoke) -> None:
    text = SEED_TEXT[:1200].replace("sanctions", "sanctiona")
    result = invoke("locate", text)
    assert result.exit_code == 1
    assert "too long to look for close passages (over 1000 characters)" in result.stderr


def test_locate_finds_a_passage_with_departures_quotable(invoke: Invoke) -> None:
    """Its departures are for `add` to show and a person to approve, not a reason to refuse."""
    result = invoke(
        "locate", "[t]he US, UK and France refuse to accept … proposals", "--format", "json"
    )
    assert result.exit_code == 0
    (hit,) = json.loads(result.stdout)["hits"]
    assert hit["problem"] is None
