"""The suggest command: candidate claims as a table, JSON drafts or CSV; the drafts round
trip through `add --from-json`; `--review` accepts, edits and skips on a terminal.

The writing tests work on the fictional Harbour articles (tests/harbour.py) laid beside a
copy of the repository's data; the bundled article is only read.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from harbour import LEDGER, LEDGER_SOURCE, harbour_repo
from support import CLAIMS, DATA, Invoke, interrupted, json_output

from dprktrack.suggest.drafts import CSV_FIELDS

DRAFT_KEYS = {
    "source",
    "actor",
    "quote",
    "quote_type",
    "kind",
    "reported_via",
    "stances",
    "summary",
    "date",
    "occurrence",
    "suggestion",
}
FINDING_KEYS = {"start", "end", "line", "column", "cue", "speakers", "covered_by"}


@pytest.fixture
def harbour(repo_copy: Path) -> Path:
    """The repository's data with the two fictional Harbour articles registered and quoted."""
    harbour_repo(repo_copy)
    return repo_copy


def drafts_of(invoke: Invoke, claims: Path, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json_output(
        invoke("suggest", *args, "--format", "json", claims=claims)
    )
    return found


def claims_of(claims: Path) -> dict[str, dict[str, Any]]:
    return {claim["id"]: claim for claim in json.loads(claims.read_text("utf-8"))["claims"]}


# --- listing ---------------------------------------------------------------------------


def test_json_drafts_name_exact_spans_of_the_source(invoke: Invoke, harbour: Path) -> None:
    drafts = drafts_of(invoke, harbour, LEDGER_SOURCE)
    assert drafts
    for draft in drafts:
        assert set(draft) == DRAFT_KEYS
        assert set(draft["suggestion"]) == FINDING_KEYS
        found = draft["suggestion"]
        assert LEDGER[found["start"] : found["end"]] == draft["quote"]
        assert (draft["stances"], draft["summary"], draft["date"]) == ({}, "", None)
        top = found["speakers"][0]["actor"] if found["speakers"] else None
        assert draft["actor"] == top


def test_a_speaker_no_actor_names_is_offered_with_the_add_actor_command(
    invoke: Invoke, harbour: Path
) -> None:
    drafts = drafts_of(invoke, harbour, LEDGER_SOURCE)
    new = [
        guess
        for draft in drafts
        for guess in draft["suggestion"]["speakers"]
        if guess["actor"] is None
    ]
    assert new, "the ledger's ferry operator is no actor of the file"
    result = invoke("suggest", LEDGER_SOURCE, claims=harbour, env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    surname = new[0]["name"].split()[-1]  # named by it after the first mention
    command = f"dprktrack add-actor --name '{new[0]['name']}' --kind person --alias {surname}"
    assert f"note: a new actor? {command}\n" in result.stderr
    assert "(new actor: " in result.stdout


def test_csv_has_one_flat_row_a_suggestion(invoke: Invoke, harbour: Path) -> None:
    result = invoke("suggest", LEDGER_SOURCE, "--format", "csv", claims=harbour)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(CSV_FIELDS)
    assert len(lines) - 1 == len(drafts_of(invoke, harbour, LEDGER_SOURCE))


def test_the_only_source_is_the_default_and_several_need_one_named(
    invoke: Invoke, harbour: Path
) -> None:
    assert invoke("suggest", "--format", "json").exit_code == 0  # the bundled file: one source
    result = invoke("suggest", claims=harbour)
    assert result.exit_code == 2
    assert "name a SOURCE; sources: neo-2024-04-24, hl-2024-05-02, ng-2024-05-09" in result.stderr
    unknown = invoke("suggest", "nowhere", claims=harbour)
    assert unknown.exit_code == 2
    assert "unknown source 'nowhere'" in unknown.stderr


def test_all_adds_the_covered_suggestions_with_the_claims_that_cover_them(invoke: Invoke) -> None:
    fresh = drafts_of(invoke, CLAIMS)
    everything = drafts_of(invoke, CLAIMS, "--all")
    covered = [draft for draft in everything if draft["suggestion"]["covered_by"]]
    assert covered
    assert len(everything) == len(fresh) + len(covered)
    ids = {claim["id"] for claim in DATA["claims"]}
    assert all(set(draft["suggestion"]["covered_by"]) <= ids for draft in covered)
    assert not any(draft["suggestion"]["covered_by"] for draft in fresh)


def test_the_table_marks_covered_suggestions(invoke: Invoke) -> None:
    result = invoke("suggest", "--all", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "covered by c0" in result.stdout
    assert result.stderr.startswith("note: ")


# --- the round trip ----------------------------------------------------------------------


def test_drafts_filled_in_go_back_through_add_from_json_and_check_passes(
    invoke: Invoke, harbour: Path
) -> None:
    drafts = drafts_of(invoke, harbour, LEDGER_SOURCE)
    known = [draft for draft in drafts if draft["actor"] is not None]
    assert known
    for number, draft in enumerate(known):
        draft["stances"] = {"quay": "support"}
        draft["summary"] = f"The ledger's statement {number}."
    batch = harbour.parent / "drafts.json"
    batch.write_text(json.dumps(known, indent=2), "utf-8")
    before = set(claims_of(harbour))
    result = invoke("add", "--from-json", str(batch), claims=harbour)
    assert result.exit_code == 0, result.output
    added = result.stdout.split()
    assert len(added) == len(known)
    claims = claims_of(harbour)
    assert set(claims) - before == set(added)
    assert [claims[claim_id]["quote"] for claim_id in added] == [d["quote"] for d in known]
    assert invoke("check", "--strict", claims=harbour).exit_code == 0
    # The suggestions are covered now: suggest no longer lists them.
    left = drafts_of(invoke, harbour, LEDGER_SOURCE)
    assert not {d["quote"] for d in left} & {d["quote"] for d in known}


# --- review ------------------------------------------------------------------------------


def test_review_off_a_terminal_points_to_json_and_add_from_json(
    invoke: Invoke, harbour: Path
) -> None:
    before = harbour.read_bytes()
    result = invoke("suggest", LEDGER_SOURCE, "--review", claims=harbour, input="a\n")
    assert result.exit_code == 2
    assert "--format json" in result.stderr
    assert "add --from-json FILE" in result.stderr
    assert harbour.read_bytes() == before


def _accept(stance: str = "quay=support", summary: str = "Accepted in review.") -> list[str]:
    """The answers that accept a suggestion: its first speaker, a stance, a summary, the
    suggested quote type and kind, no date."""
    return ["a", "", stance, summary, "", "", ""]


def review(invoke: Invoke, claims: Path, answers: list[str]) -> Any:
    return invoke(
        "suggest", LEDGER_SOURCE, "--review", "--prompt", claims=claims, input="\n".join(answers)
    )


def test_review_accepts_skips_and_writes_each_accepted_claim(invoke: Invoke, harbour: Path) -> None:
    drafts = drafts_of(invoke, harbour, LEDGER_SOURCE)
    before = set(claims_of(harbour))
    result = review(invoke, harbour, [*_accept(), "s", "q", ""])
    assert result.exit_code == 0, result.output
    (new,) = result.stdout.split()
    claim = claims_of(harbour)[new]
    assert set(claims_of(harbour)) - before == {new}
    assert claim["quote"] == drafts[0]["quote"]
    assert claim["actor"] == drafts[0]["actor"]
    assert claim["stances"] == [{"target": "quay", "stance": "support"}]
    assert claim["quote_type"] == drafts[0]["quote_type"]
    assert "Suggestion 1 of" in result.stderr
    assert "⟦" in result.stderr  # the span marked in its context (no colour here)
    assert "note: accepted 1 claim of" in result.stderr
    assert invoke("check", "--strict", claims=harbour).exit_code == 0


def test_review_edits_the_span_and_the_speaker_before_accepting(
    invoke: Invoke, harbour: Path
) -> None:
    answers = ["e", "the ferries will sail again in May", "p", "nebenzya", *_accept()]
    answers[4 + 1] = ""  # the speaker question offers the chosen one first
    result = review(invoke, harbour, [*answers, "q", ""])
    assert result.exit_code == 0, result.output
    (new,) = result.stdout.split()
    claim = claims_of(harbour)[new]
    assert (claim["quote"], claim["actor"]) == ("the ferries will sail again in May", "nebenzya")
    assert "chosen in review" in result.stderr


def test_review_refuses_a_span_not_in_the_source_and_asks_again(
    invoke: Invoke, harbour: Path
) -> None:
    answers = ["e", "the ferries will fly", "The quay is closed", "2", "q", ""]
    result = review(invoke, harbour, answers)
    assert result.exit_code == 0, result.output
    assert "error: " in result.stderr
    assert "Which occurrence" in result.stderr


def test_input_ending_in_review_keeps_what_was_accepted_whole(
    invoke: Invoke, harbour: Path
) -> None:
    before = set(claims_of(harbour))
    result = review(invoke, harbour, [*_accept(), "a", "1"])  # ends while asking the stances
    assert result.exit_code == 130
    (kept,) = result.stdout.split()
    assert f"interrupted: nothing half-written; kept {kept}" in result.stderr
    assert set(claims_of(harbour)) - before == {kept}
    assert invoke("check", "--strict", claims=harbour).exit_code == 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT as a terminal sends it")
def test_ctrl_c_in_review_keeps_the_claim_accepted_and_writes_nothing_more(
    harbour: Path,
) -> None:
    """A real process: the first claim accepted and written, then Ctrl-C while it waits
    for the next answer."""
    before = set(claims_of(harbour))
    command = [sys.executable, "-m", "dprktrack", "--claims", str(harbour), "suggest"]
    with subprocess.Popen(
        [*command, LEDGER_SOURCE, "--review", "--prompt"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    ) as process:
        assert process.stdin is not None
        process.stdin.write(("\n".join(_accept()) + "\n").encode())
        process.stdin.flush()
        assert process.stdout is not None
        kept = process.stdout.readline().decode().strip()  # the id, once the claim is written
        assert set(claims_of(harbour)) - before == {kept}
        out, errors = interrupted(process)
    assert process.returncode == 130, errors
    assert out == b""
    assert set(claims_of(harbour)) - before == {kept}
    assert f"interrupted: nothing half-written; kept {kept}".encode() in errors
    assert not list(harbour.parent.glob(".claims.json.*"))


ODD = (
    "The Odd Post\n\n"
    "The harbour master Mira Osk said: “The \x1b[2Jquay is \u202eready\u202c now.”\n"
)
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_control_characters_of_the_source_are_shown_as_escapes(
    invoke: Invoke, harbour: Path
) -> None:
    (harbour.parent / "articles" / "odd.txt").write_text(ODD, "utf-8")
    added = invoke(
        "add-source", str(harbour.parent / "articles" / "odd.txt"), "--id", "odd",
        "--title", "Odd", "--author", "A. Writer", "--outlet", "The Odd Post",
        "--published", "2024-05-10", claims=harbour,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    table = invoke("suggest", "odd", claims=harbour)
    assert table.exit_code == 0, table.output
    assert "\\x1b[2J" in table.stdout
    reviewed = invoke("suggest", "odd", "--review", "--prompt", claims=harbour, input="q\n")
    assert reviewed.exit_code == 0, reviewed.output
    for output in (table.output, reviewed.output):
        assert not UNSAFE.search(output)


def test_review_asks_to_approve_the_departures_of_an_edited_span(
    invoke: Invoke, repo_copy: Path
) -> None:
    quote = "[t]he US, UK and France refuse to accept … proposals"
    answers = ["e", quote, "a", "nebenzya", "sanctions-regime=oppose", "Refused.", "", "", ""]
    result = invoke(
        "suggest", "--review", "--prompt", claims=repo_copy, input="\n".join([*answers, "y", "q"])
    )
    assert result.exit_code == 0, result.output
    assert "quote departs from the source's words in 2 places:" in result.stderr
    (new,) = result.stdout.split()
    claim = claims_of(repo_copy)[new]
    assert claim["quote"] == quote
    assert "review_pin" in claim
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_review_declined_departures_write_nothing(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    quote = "[t]he US, UK and France refuse to accept … proposals"
    answers = ["e", quote, "a", "nebenzya", "sanctions-regime=oppose", "Refused.", "", "", ""]
    result = invoke(
        "suggest", "--review", "--prompt", claims=repo_copy, input="\n".join([*answers, "n", "q"])
    )
    assert result.exit_code == 0, result.output
    assert "departures not approved; not written" in result.stderr
    assert repo_copy.read_bytes() == before


def test_a_new_speaker_must_be_added_before_it_can_be_chosen(invoke: Invoke, harbour: Path) -> None:
    drafts = drafts_of(invoke, harbour, LEDGER_SOURCE)
    at = next(n for n, d in enumerate(drafts) if d["suggestion"]["speakers"][0]["actor"] is None)
    answers = [*["s"] * at, "a", "1", "osk", "quay=support", "Fictional.", "", "", "", "q"]
    result = review(invoke, harbour, answers)
    assert result.exit_code == 0, result.output
    assert "is no actor of the claims file yet; add it first (dprktrack add-actor" in result.stderr
    (new,) = result.stdout.split()
    assert claims_of(harbour)[new]["actor"] == "osk"
