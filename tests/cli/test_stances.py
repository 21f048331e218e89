"""The stances command: the actor-by-target grid."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from support import DATA, Invoke, json_output

from dprktrack.query import CELL_FIELDS


def test_stances_grid_cells_aggregate_an_actors_claims(invoke: Invoke) -> None:
    cells = json_output(invoke("stances", "--format", "json"))
    assert all(tuple(cell) == CELL_FIELDS for cell in cells)
    by_pair = {(cell["actor_id"], cell["target"]): cell for cell in cells}
    assert by_pair["nebenzya", "panel-of-experts"]["stance"] == "oppose"
    russia_panel = by_pair["russia", "panel-of-experts"]
    assert russia_panel["stance"] == "mixed"  # voted for it in 2023, vetoed it in 2024
    taken = [
        (claim["id"], entry["stance"])
        for claim in DATA["claims"]
        if claim["actor"] == "russia"
        for entry in claim["stances"]
        if entry["target"] == "panel-of-experts"
    ]
    assert {"support", "oppose"} <= {stance for _, stance in taken}
    assert russia_panel["counts"] == dict(Counter(stance for _, stance in taken))
    assert set(russia_panel["claims"]) == {claim_id for claim_id, _ in taken}


def test_stances_table_names_targets_or_numbers_them_when_narrow(invoke: Invoke) -> None:
    wide = invoke("stances", env={"COLUMNS": "400"})
    assert "Vasily Nebenzya" in wide.stdout
    header = wide.stdout.split("─")[0]
    assert all(target["id"] in header for target in DATA["targets"])  # whole, never cut
    assert "panel-of-experts:" not in wide.stdout
    narrow = invoke("stances", env={"COLUMNS": "80"})
    assert "Vasily Nebenzya" in narrow.stdout
    key = re.compile(r"^ 1 panel-of-experts: +UN Panel of Experts \(1718 Committee\)$", re.M)
    assert key.search(narrow.stdout)
    only_veto = invoke("stances", "--target", "russia-veto", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(only_veto.stdout)))
    assert {row["target"] for row in rows} == {"russia-veto"}
