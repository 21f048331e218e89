"""The show command: one claim in its paragraph, in every format."""

from __future__ import annotations

import csv
import io

from support import SEED_TEXT, Invoke, json_output


def test_show_prints_the_claim_in_its_paragraph_with_its_position(invoke: Invoke) -> None:
    result = invoke("show", "c014", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    record = json_output(invoke("show", "c014", "--format", "json"))
    out = " ".join(result.stdout.split())  # undo the terminal's line wrapping
    assert f"000_ae58a3e6272e0d5e.txt:{record['line']}:{record['column']}" in out
    assert "Russia’s permanent representative to the UN" in out
    assert "⟦The 1718 Committee’s Panel of Experts" in out
    assert "sanctions regime,”⟧ and as a result" in out, "the quote sits in its paragraph"


def test_show_formats_and_case(invoke: Invoke) -> None:
    record = json_output(invoke("show", "C040", "--format", "json"))
    assert record["id"] == "c040"
    assert SEED_TEXT[record["start"] : record["end"]] == record["quote"]
    rows = list(csv.DictReader(io.StringIO(invoke("show", "c040", "--format", "csv").stdout)))
    assert rows[0]["actor_id"] == "kim-song"
    markdown = invoke("show", "c040", "--format", "markdown").stdout
    assert markdown.splitlines()[2].startswith("| c040 | kim-song |")


def test_show_unknown_id_suggests_the_closest(invoke: Invoke) -> None:
    result = invoke("show", "c0144")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no claim 'c0144' in ")
    assert "did you mean " in result.stderr
    assert "c014" in result.stderr.split("did you mean ")[1]
    padded = invoke("show", "c20")
    assert "did you mean c020," in padded.stderr, "the same number comes first"
