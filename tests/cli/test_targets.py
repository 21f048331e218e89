"""The targets command: what each target takes, with stance counts."""

from __future__ import annotations

import csv
import io

from support import DATA, Invoke, json_output

from dprktrack.query import TARGET_FIELDS


def test_targets_lists_what_target_takes_with_stance_counts(invoke: Invoke) -> None:
    records = json_output(invoke("targets", "--format", "json"))
    assert [record["id"] for record in records] == [target["id"] for target in DATA["targets"]]
    assert all(tuple(record) == TARGET_FIELDS for record in records)
    entries = [entry for claim in DATA["claims"] for entry in claim["stances"]]
    assert sum(record["claims"] for record in records) == len(entries)
    veto = next(record for record in records if record["id"] == "russia-veto")
    assert veto["counts"]["oppose"] == sum(
        e == {"target": "russia-veto", "stance": "oppose"} for e in entries
    )
    table = invoke("targets", env={"COLUMNS": "120"}).stdout
    assert "Russia's veto" in table
    csv_rows = list(csv.DictReader(io.StringIO(invoke("targets", "--format", "csv").stdout)))
    assert csv_rows[0]["counts"].startswith("support ")
