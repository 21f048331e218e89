"""The show command: one claim in its paragraph, in every format."""

from __future__ import annotations

import csv
import io
import re

import pytest
from support import DATA, SEED_TEXT, Invoke, json_output

from dprktrack.render import CLOSE_MARK, OPEN_MARK


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


def _paragraphs() -> list[str]:
    """The bundled article's paragraphs (text between blank lines), spaces made single."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", SEED_TEXT) if part.strip()]


def _agreeing_claim() -> tuple[str, int]:
    """The author's "I agree with this statement" claim, found by its quote, and the index
    of its paragraph: it makes sense only with the paragraph before it."""
    (claim,) = [c for c in DATA["claims"] if "agree with this statement" in c["quote"]]
    paragraphs = _paragraphs()
    (index,) = [i for i, text in enumerate(paragraphs) if " ".join(claim["quote"].split()) in text]
    return claim["id"], index


def _shown(invoke: Invoke, *args: str) -> str:
    result = invoke("show", *args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    return " ".join(result.stdout.replace(OPEN_MARK, "").replace(CLOSE_MARK, "").split())


def test_context_one_shows_the_paragraph_the_claim_answers(invoke: Invoke) -> None:
    claim_id, index = _agreeing_claim()
    paragraphs = _paragraphs()
    alone = _shown(invoke, claim_id)
    assert paragraphs[index] in alone
    assert paragraphs[index - 1] not in alone
    assert _shown(invoke, claim_id, "--context", "0") == alone
    one = _shown(invoke, claim_id, "--context", "1")
    assert paragraphs[index - 1] in one, "the statement the author agrees with"
    assert one.index(paragraphs[index - 1]) < one.index(paragraphs[index])
    assert paragraphs[index + 1] in one
    assert paragraphs[index - 2] not in one
    assert paragraphs[index + 2] not in one
    two = _shown(invoke, claim_id, "--context", "2")
    assert paragraphs[index - 2] in two
    assert paragraphs[index + 2] in two


def test_context_larger_than_the_article_shows_all_of_it(invoke: Invoke) -> None:
    claim_id, _ = _agreeing_claim()
    everything = _shown(invoke, claim_id, "--context", "100000")
    assert all(paragraph in everything for paragraph in _paragraphs())


def test_context_changes_only_the_view_for_people(invoke: Invoke) -> None:
    claim_id, _ = _agreeing_claim()
    plain = invoke("show", claim_id, "--format", "json").stdout
    assert invoke("show", claim_id, "--context", "3", "--format", "json").stdout == plain


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_context_that_is_not_a_count_is_a_usage_error(invoke: Invoke, value: str) -> None:
    result = invoke("show", "c014", "--context", value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert "--context" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
