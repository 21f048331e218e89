"""No id is ever broken across lines, whatever the terminal's width and however long the
ids and names: what a person copies from a table is what `--actor`, `--target` or `show`
take. Tables wrap their other columns; too narrow for that, records come one block each.

Checked on the bundled data through the command line, and on made-up records with ids
up to 64 characters and long names straight through the views.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import DATA, Invoke, json_output

from dprktrack.render import (
    MOST_TARGETS_LISTED,
    actors_table,
    claim_view,
    claims_table,
    make_console,
    rendered,
    stance_grid,
    targets_table,
)

WIDTHS = (40, 60, 80, 100, 120, 200)


def whole(text: str, identifier: str) -> int:
    """How often `identifier` stands whole in `text`, on one line, not inside a longer id."""
    return len(re.findall(rf"(?<![\w-]){re.escape(identifier)}(?![\w-])", text))


def assert_whole(text: str, expected: Counter[str]) -> None:
    """Each id at least as often as the records hold it, and never cut short with an …"""
    for identifier, count in expected.items():
        assert whole(text, identifier) >= count, f"{identifier!r} broken:\n{text}"
        cuts = (identifier[:end] + "…" for end in range(1, len(identifier) + 1))
        assert not any(cut in text for cut in cuts), f"{identifier!r} cut:\n{text}"


def _shown(invoke: Invoke, width: int, *args: str) -> str:
    result = invoke(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


# --- the bundled data, through the command line -------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_list_keeps_claim_target_and_relay_ids_whole(invoke: Invoke, width: int) -> None:
    text = _shown(invoke, width, "list")
    records = json_output(invoke("list", "--format", "json"))
    expected = Counter(record["id"] for record in records)
    expected.update(entry["target"] for record in records for entry in record["stances"])
    expected.update(record["reported_via"] for record in records if record["reported_via"])
    assert_whole(text, expected)
    table = text.startswith(" id ")
    assert table == (width >= 80), "a table from 80 columns up, blocks below where ids fit"
    assert table or text.startswith("id:")


@pytest.mark.parametrize("width", WIDTHS)
def test_actors_keep_actor_and_target_ids_whole_and_label_the_country(
    invoke: Invoke, width: int
) -> None:
    text = _shown(invoke, width, "actors")
    records = json_output(invoke("actors", "--format", "json"))
    expected = Counter(record["id"] for record in records)
    for record in records:
        if len(record["stances"]) <= MOST_TARGETS_LISTED:
            expected.update(list(record["stances"]))
    assert_whole(text, expected)
    countries = [record["country"] for record in records if record["country"]]
    assert countries
    assert all(f"country: {country.split()[0]}" in text for country in countries)
    assert text.startswith(" actor ") == (width >= 80)


@pytest.mark.parametrize("width", WIDTHS)
def test_targets_keep_target_ids_whole(invoke: Invoke, width: int) -> None:
    text = _shown(invoke, width, "targets")
    assert_whole(text, Counter(target["id"] for target in DATA["targets"]))
    assert text.startswith(" target ") == (width >= 60)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_stance_grid_names_its_targets_whole(invoke: Invoke, width: int) -> None:
    text = _shown(invoke, width, "stances")
    cells = json_output(invoke("stances", "--format", "json"))
    assert_whole(text, Counter({cell["target"]: 1 for cell in cells}))


@pytest.mark.parametrize("width", WIDTHS)
def test_show_keeps_its_ids_whole(invoke: Invoke, width: int) -> None:
    claim = max(DATA["claims"], key=lambda claim: max(len(e["target"]) for e in claim["stances"]))
    text = _shown(invoke, width, "show", claim["id"])
    expected = Counter([claim["id"], *(entry["target"] for entry in claim["stances"])])
    assert_whole(text, expected)


@pytest.mark.parametrize("width", WIDTHS)
def test_locate_keeps_the_place_whole(invoke: Invoke, width: int) -> None:
    text = _shown(invoke, width, "locate", "alternative mechanism")
    assert re.search(r"^seeds/000_ae58a3e6272e0d5e\.txt:\d+:\d+ ", text, re.MULTILINE)


# --- made-up records: long ids, long names -----------------------------------------------

_PART = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=14)
SLUGS = st.lists(_PART, min_size=1, max_size=8).map(lambda parts: "-".join(parts)[:64].strip("-"))
"""Slugs of up to 64 characters, as the schema's ids are."""
WORDS = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=70)
PROSE = st.lists(WORDS, min_size=1, max_size=25).map(" ".join)
"""Names and text in capitals: never mistaken for the ids being counted."""
STANCE = st.sampled_from(["support", "oppose", "neutral", "mixed"])


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


@st.composite
def listings(draw: st.DrawFn) -> dict[str, Any]:
    """Claims, actors and targets with long ids and names, consistent with each other."""
    targets = _unique(draw(st.lists(SLUGS, min_size=1, max_size=4)))
    actors = _unique(draw(st.lists(SLUGS, min_size=1, max_size=3)))
    claims = _unique(draw(st.lists(SLUGS, min_size=1, max_size=3)))
    stance_lists = [
        [
            {"target": target, "stance": draw(STANCE)}
            for target in draw(st.lists(st.sampled_from(targets), min_size=1, unique=True))
        ]
        for _ in claims
    ]
    return {
        "claims": [
            {
                "id": claim,
                "actor": draw(PROSE),
                "reported_via": draw(st.none() | st.sampled_from(actors)),
                "stances": stances,
                "quote": draw(PROSE),
            }
            for claim, stances in zip(claims, stance_lists, strict=True)
        ],
        "actors": [
            {
                "id": actor,
                "name": draw(PROSE),
                "kind": "person",
                "role": draw(st.none() | PROSE),
                "country": draw(st.none() | PROSE),
                "claims": draw(st.integers(0, 10**6)),
                "stances": {target: {draw(STANCE): 1} for target in targets},
            }
            for actor in actors
        ],
        "targets": [
            {
                "id": target,
                "label": draw(PROSE),
                "description": draw(PROSE),
                "claims": 1,
                "counts": {"support": 1},
            }
            for target in targets
        ],
    }


def _at(width: int, view: Any) -> str:
    console = make_console(io.StringIO(), colour=False)
    console.width = width
    return rendered(console, view)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(listings())
def test_made_up_long_ids_stay_whole_in_every_view_at_every_width(data: dict[str, Any]) -> None:
    claims, actors, targets = data["claims"], data["actors"], data["targets"]
    claim_ids = Counter(claim["id"] for claim in claims)
    stance_ids = Counter(entry["target"] for claim in claims for entry in claim["stances"])
    relays = Counter(claim["reported_via"] for claim in claims if claim["reported_via"])
    actor_ids = Counter(actor["id"] for actor in actors)
    actor_targets = Counter(target for actor in actors for target in actor["stances"])
    target_ids = Counter(target["id"] for target in targets)
    cells = [
        {"actor_id": a["id"], "actor": a["name"], "target": t, "stance": "support"}
        | {"counts": {"support": 1}, "claims": []}
        for a in actors
        for t in a["stances"]
    ]
    labels = {target["id"]: target["label"] for target in targets}
    first = {**claims[0], "start": 0, "end": 1}
    for width in WIDTHS:
        assert_whole(_at(width, claims_table(claims, width)), claim_ids + stance_ids + relays)
        actors_view = actors_table(actors, width=width, colour=False)
        assert_whole(_at(width, actors_view), actor_ids + actor_targets)
        assert_whole(_at(width, targets_table(targets, width)), target_ids)
        grid = stance_grid(cells, labels, width, colour=False)
        assert_whole(_at(width, grid), Counter(set(actor_targets)))
        shown = claim_view(first, [("role", first["actor"])], first["quote"], 0, colour=False)
        assert_whole(_at(width, shown), Counter([first["id"], *first_targets(first)]))


def first_targets(claim: dict[str, Any]) -> list[str]:
    return [entry["target"] for entry in claim["stances"]]
