"""`dprktrack check`: each verdict on an edited copy of the seed, the three report formats,
exit codes and arguments, through the command line (--fix has test_check_fix.py).

Every test that changes something works on `repo_copy` (claims.json and seeds/ copied into
a temporary folder); the repository's own files are only read.
"""

from __future__ import annotations

import gc
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from support import (
    C005_SENTENCE,
    CLAIM_IDS,
    CLAIMS,
    DASHED,
    DATA,
    DUPLICATE,
    NEXT_PARAGRAPH,
    QUOTE,
    RAW,
    REPO,
    SEED_BYTES,
    SEED_TEXT,
    Invoke,
    WriteClaims,
    add_claim,
    check_json,
    claim_of,
    claim_results,
    digest,
    drift_warnings_only,
    drift_with_failures,
    edit_seed,
    load,
    moved_by_drift,
    save,
    seed_copy,
    strip_hints,
)

from dprktrack.check.findings import VERDICTS

SOURCE_ID = DATA["sources"][0]["id"]
RESULT_KEYS = (
    "id",
    "verdict",
    "severity",
    "source",
    "start",
    "end",
    "line",
    "column",
    "expected",
    "found",
    "diff",
)
"""The keys the issue asks of every JSON result."""


# --- helpers ------------------------------------------------------------------


def source_results(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [record for record in report["results"] if record["kind"] == "source"]


def text_position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def claim_positions(claims_text: str, claim_id: str) -> set[tuple[int, int]]:
    """Where a report may place a claim: the `{` that opens it, or its `"id"` key."""
    at = claims_text.index(f'"id": "{claim_id}"')
    return {
        text_position(claims_text, claims_text.rfind("{", 0, at)),
        text_position(claims_text, at),
    }


def sha256_position(claims_text: str) -> tuple[int, int]:
    key = '"sha256": '
    return text_position(claims_text, claims_text.index(key) + len(key))


# --- ok ---------------------------------------------------------------------------


def test_every_claim_of_the_repo_data_is_ok(invoke: Invoke) -> None:
    code, report = check_json(invoke, CLAIMS)
    assert code == 0
    count = len(CLAIM_IDS)
    assert report["summary"] == {
        "claims": count,
        "verdicts": {verdict: count if verdict == "ok" else 0 for verdict in VERDICTS},
        "failures": 0,
        "warnings": 0,
        "ignored": 0,
        "fixed": 0,
        "dry_run": False,
        "strict": False,
    }
    assert [record["id"] for record in report["results"]] == CLAIM_IDS
    for record, claim in zip(report["results"], DATA["claims"], strict=True):
        assert set(RESULT_KEYS) <= set(record)
        assert (record["verdict"], record["severity"], record["diff"]) == ("ok", "pass", None)
        assert (record["start"], record["end"]) == (claim["start"], claim["end"])
        assert SEED_TEXT[record["start"] : record["end"]] == claim["quote"]
        assert record["expected"] == record["found"] == claim["quote"]
        assert (record["line"], record["column"]) in claim_positions(RAW, claim["id"])
    strict = invoke("check", "--strict", env={"GITHUB_ACTIONS": "false"})
    assert strict.exit_code == 0
    assert strict.stdout == f"{count} claims checked: {count} ok. 0 failures, 0 warnings.\n"


# --- moved ------------------------------------------------------------------------


def test_a_paragraph_inserted_above_moves_the_quotes_below_it(
    invoke: Invoke, repo_copy: Path
) -> None:
    inserted = "An editor's note, added later.\n\n"
    boundary = SEED_TEXT.index(NEXT_PARAGRAPH)
    text = edit_seed(repo_copy, NEXT_PARAGRAPH, inserted + NEXT_PARAGRAPH)
    code, report = check_json(invoke, repo_copy)
    assert code == 1, "the source is off its pin"
    results = claim_results(report)
    for claim in DATA["claims"]:
        record = results[claim["id"]]
        if claim["start"] < boundary:
            assert record["verdict"] == "ok", claim["id"]
            assert record["start"] == claim["start"]
        else:
            assert (record["verdict"], record["severity"]) == ("moved", "warning"), claim["id"]
            assert record["start"] == claim["start"] + len(inserted)
            assert text[record["start"] : record["end"]] == claim["quote"]
            assert f"{claim['start']}–{claim['end']}" in record["message"]
    (pin,) = source_results(report)
    assert (pin["verdict"], pin["severity"], pin["id"]) == ("source-changed", "failure", SOURCE_ID)
    assert report["summary"]["failures"] == 1
    assert report["summary"]["warnings"] == report["summary"]["verdicts"]["moved"]
    strict = invoke("check", "--strict", "--format", "json", claims=repo_copy)
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)["summary"]["failures"] == report["summary"]["warnings"] + 1
    assert invoke("check", "--fix", claims=repo_copy).exit_code == 0, "pin renewed, all moved"
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


# --- typography ---------------------------------------------------------------------


def test_straightened_quotes_in_the_source_are_typography_and_fix_takes_them(
    invoke: Invoke, repo_copy: Path
) -> None:
    assert "“sunset”" in QUOTE["c003"]
    edit_seed(repo_copy, "adding “sunset” clauses", 'adding "sunset" clauses')
    code, report = check_json(invoke, repo_copy)
    assert (code, report["summary"]["failures"]) == (1, 1), "only the pin fails"
    record = claim_results(report)["c003"]
    c003 = claim_of(DATA, "c003")
    assert (record["verdict"], record["severity"]) == ("typography", "warning")
    assert (record["start"], record["end"]) == (c003["start"], c003["end"])
    assert record["found"] == QUOTE["c003"].replace("“sunset”", '"sunset"')
    assert '[-“sunset”-] {+"sunset"+}' in record["diff"]
    others = [r["verdict"] for r in claim_results(report).values() if r["id"] != "c003"]
    assert set(others) == {"ok"}
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 1
    fixed = invoke("check", "--fix", claims=repo_copy)
    assert fixed.exit_code == 0
    after = claim_of(load(repo_copy), "c003")
    assert after["quote"] == record["found"]
    assert seed_copy(repo_copy).read_text("utf-8")[after["start"] : after["end"]] == after["quote"]
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@pytest.mark.parametrize(
    ("claim_id", "original", "typed"),
    [
        pytest.param("c003", QUOTE["c003"], QUOTE["c003"].translate(STRAIGHT), id="quotes"),
        pytest.param("c020", QUOTE["c020"], QUOTE["c020"].translate(STRAIGHT), id="apostrophes"),
        pytest.param("c900", DASHED, DASHED.replace("–", "-"), id="hyphen"),
        pytest.param(
            "c001", QUOTE["c001"], QUOTE["c001"].replace(" 2024, ", "\n2024,  "), id="spaces"
        ),
        pytest.param("c034", QUOTE["c034"], QUOTE["c034"].replace("…", "..."), id="three-dots"),
        pytest.param(
            "c034",
            QUOTE["c034"],
            QUOTE["c034"].replace("…", "...").translate(STRAIGHT),
            id="three-dots-and-quotes",
        ),
    ],
)
def test_a_quote_typed_plainly_is_typography_at_the_sources_real_characters(
    invoke: Invoke,
    write_claims: WriteClaims,
    claim_id: str,
    original: str,
    typed: str,
) -> None:
    assert typed != original
    data = json.loads(RAW)
    if claim_id in QUOTE:
        claim_of(data, claim_id)["quote"] = typed
    else:
        add_claim(data, claim_id, typed)
    claims = write_claims(data)
    code, report = check_json(invoke, claims, claim_id)
    assert code == 0, report
    (record,) = report["results"]
    assert (record["id"], record["verdict"], record["severity"]) == (
        claim_id,
        "typography",
        "warning",
    )
    assert record["expected"] == typed
    assert record["found"] == original
    assert SEED_TEXT[record["start"] : record["end"]] == original
    assert SEED_TEXT.index(original) == record["start"]
    fixed = invoke("check", "--fix", claim_id, claims=claims)
    assert fixed.exit_code == 0
    assert claim_of(load(claims), claim_id)["quote"] == original
    assert invoke("check", "--strict", claim_id, claims=claims).exit_code == 0


# --- changed ------------------------------------------------------------------------


def test_a_word_changed_inside_a_quote_is_changed_with_a_word_diff(
    invoke: Invoke, repo_copy: Path
) -> None:
    text = edit_seed(repo_copy, "proposed reducing the frequency", "proposed cutting the frequency")
    result = invoke("check", "--format", "text", claims=repo_copy)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    findings = [
        f"{repo_copy}:{line}:{column}: c005 changed: the source reads differently"
        for line, column in claim_positions(RAW, "c005")
    ]
    (index,) = [i for i, text_line in enumerate(lines) if text_line.startswith(tuple(findings))]
    start = text.index("Russia also proposed cutting")
    seed_line, seed_column = text_position(text, start)
    assert f"closest passage at {seed_copy(repo_copy)}:{seed_line}:{seed_column}" in lines[index]
    assert lines[index + 1].startswith("    ")
    assert "Russia also proposed [-reducing-] {+cutting+} the frequency" in lines[index + 1]
    assert "1 changed" in lines[-1]
    assert "2 failures," in lines[-1], "c005 and the pin"
    code, report = check_json(invoke, repo_copy)
    assert code == 1
    record = claim_results(report)["c005"]
    assert (record["verdict"], record["severity"]) == ("changed", "failure")
    assert record["expected"] == QUOTE["c005"]
    assert record["found"] == text[record["start"] : record["end"]]
    assert record["found"].startswith("Russia also proposed cutting the frequency")
    assert lines[index].startswith(f"{repo_copy}:{record['line']}:{record['column']}: ")
    assert record["diff"] == "Russia also proposed [-reducing-] {+cutting+} the frequency of the …"


def test_a_deleted_passage_is_missing(invoke: Invoke, repo_copy: Path) -> None:
    edit_seed(repo_copy, C005_SENTENCE, "")
    code, report = check_json(invoke, repo_copy)
    assert code == 1
    record = claim_results(report)["c005"]
    assert (record["verdict"], record["severity"]) == ("missing", "failure")
    assert (record["start"], record["end"], record["found"]) == (None, None, None)
    assert "not in the source" in record["message"]
    verdicts = Counter(r["verdict"] for r in claim_results(report).values())
    assert verdicts["missing"] == 1
    assert set(verdicts) == {"ok", "moved", "missing"}


# --- ambiguous ------------------------------------------------------------------------


def test_a_duplicated_quote_without_hints_is_ambiguous(
    invoke: Invoke, write_claims: WriteClaims, repo_copy: Path
) -> None:
    text = edit_seed(repo_copy, "What is the 1718", DUPLICATE + "What is the 1718")
    data = json.loads(RAW)
    strip_hints(data, "c002")
    claims = write_claims(data)
    result = invoke("check", "--format", "text", "c002", claims=claims)
    assert result.exit_code == 1
    first = text.index(QUOTE["c002"])
    second = text.index(QUOTE["c002"], first + 1)
    places = [
        f"{seed_copy(claims)}:{':'.join(map(str, text_position(text, at)))}"
        for at in (first, second)
    ]
    (finding,) = [line for line in result.stdout.splitlines() if " c002 " in line]
    assert "c002 ambiguous: the quote occurs 2 times" in finding
    assert all(place in finding for place in places)
    code, report = check_json(invoke, claims, "c002")
    record = claim_results(report)["c002"]
    assert (code, record["verdict"], record["severity"]) == (1, "ambiguous", "failure")
    assert (record["start"], record["end"]) == (None, None)
    invoke("check", "--fix", claims=claims)
    assert claim_of(load(claims), "c002") == claim_of(data, "c002"), "never anchored by a guess"


@pytest.mark.parametrize("above", [True, False], ids=["duplicate-above", "duplicate-below"])
def test_with_its_hints_a_duplicated_quote_selects_its_own_passage(
    invoke: Invoke, repo_copy: Path, above: bool
) -> None:
    c002 = claim_of(DATA, "c002")
    if above:
        text = edit_seed(repo_copy, "What is the 1718", DUPLICATE + "What is the 1718")
    else:
        text = edit_seed(repo_copy, "Does all this mean", DUPLICATE + "Does all this mean")
    assert text.count(QUOTE["c002"]) == 2
    code, report = check_json(invoke, repo_copy, "c002")
    assert code == 1, "the source is off its pin"
    record = claim_results(report)["c002"]
    shift = len(DUPLICATE) if above else 0
    assert record["verdict"] == ("moved" if above else "ok")
    assert record["start"] == c002["start"] + shift
    assert text[record["start"] - len(c002["prefix"]) : record["start"]] == c002["prefix"]


# --- source-missing, source-changed ---------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "reason"),
    [("remove", "not found"), ("latin-1", "not valid UTF-8")],
)
def test_an_unreadable_source_fails_every_claim_on_it(
    invoke: Invoke, repo_copy: Path, damage: str, reason: str
) -> None:
    seed = seed_copy(repo_copy)
    seed.unlink()
    if damage == "latin-1":
        seed.write_bytes(SEED_TEXT.replace("’", "'").encode("utf-8") + "façade".encode("latin-1"))
    code, report = check_json(invoke, repo_copy)
    assert code == 1
    assert [record["id"] for record in report["results"]] == CLAIM_IDS
    first, *others = report["results"]
    assert reason in first["message"]
    for record in [first, *others]:
        assert (record["verdict"], record["severity"]) == ("source-missing", "failure")
        assert record["expected"] == QUOTE[record["id"]]
    # The reason once, then a pointer to it: a removed file is not 59 copies of one message.
    assert all(record["message"].endswith(f"(see {first['id']})") for record in others)
    assert report["summary"]["failures"] == len(CLAIM_IDS)
    before = repo_copy.read_bytes()
    fixed = invoke("check", "--fix", claims=repo_copy)
    assert fixed.exit_code == 1
    assert "nothing to fix" in fixed.stderr
    assert repo_copy.read_bytes() == before


def test_any_byte_changed_in_a_source_is_one_failure_then_quotes_are_checked(
    invoke: Invoke, repo_copy: Path
) -> None:
    seed_copy(repo_copy).write_bytes(SEED_BYTES + b"\n")
    code, report = check_json(invoke, repo_copy)
    assert code == 1
    (pin,) = source_results(report)
    assert (pin["id"], pin["source"], pin["verdict"], pin["severity"]) == (
        SOURCE_ID,
        SOURCE_ID,
        "source-changed",
        "failure",
    )
    assert (pin["line"], pin["column"]) == sha256_position(RAW)
    assert DATA["sources"][0]["sha256"][:12] in pin["message"]
    assert digest(seed_copy(repo_copy))[:12] in pin["message"]
    assert {record["verdict"] for record in claim_results(report).values()} == {"ok"}
    assert report["results"][0]["kind"] == "source"
    assert len(claim_results(report)) == len(CLAIM_IDS)
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 1
    assert invoke("check", "--fix", claims=repo_copy).exit_code == 0
    assert load(repo_copy)["sources"][0]["sha256"] == digest(seed_copy(repo_copy))
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_the_pin_is_kept_while_a_claim_on_the_source_fails(invoke: Invoke, repo_copy: Path) -> None:
    text = edit_seed(repo_copy, "proposed reducing the frequency", "proposed cutting the frequency")
    result = invoke("check", "--fix", "--format", "json", claims=repo_copy)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    (pin,) = source_results(report)
    assert "pin kept until 1 failing claim(s) are settled" in pin["message"]
    assert not pin["fixed"]
    after = load(repo_copy)
    assert after["sources"] == DATA["sources"]
    assert claim_of(after, "c005") == claim_of(DATA, "c005")
    for claim in after["claims"]:
        if claim["id"] != "c005":
            assert text[claim["start"] : claim["end"]] == claim["quote"], "moved ones repaired"


def test_the_pin_is_kept_when_only_some_claims_are_checked(invoke: Invoke, repo_copy: Path) -> None:
    text = edit_seed(repo_copy, "What is the 1718", "A new paragraph.\n\nWhat is the 1718")
    result = invoke("check", "--fix", "c006", claims=repo_copy)
    assert result.exit_code == 1, "the pin, kept, still fails"
    assert "pin kept because only some claims were checked" in result.stdout
    after = load(repo_copy)
    assert after["sources"] == DATA["sources"]
    c006 = claim_of(after, "c006")
    assert text[c006["start"] : c006["end"]] == c006["quote"]
    assert [c for c in after["claims"] if c["id"] != "c006"] == [
        c for c in DATA["claims"] if c["id"] != "c006"
    ]


# --- look-alikes, omissions, negations ----------------------------------------------------


def test_an_edited_passage_is_not_reattached_to_a_look_alike_elsewhere(
    invoke: Invoke, repo_copy: Path
) -> None:
    """c002's own words are edited; the same words stand elsewhere, between other text."""
    edit_seed(repo_copy, QUOTE["c002"], "in 2023 Russia voted against the extension")
    seed = seed_copy(repo_copy)
    look_alike = f"\n\nSome say {QUOTE['c002']}, others disagree.\n"
    seed.write_bytes(seed.read_bytes() + look_alike.encode("utf-8"))
    code, report = check_json(invoke, repo_copy)
    assert code == 1
    record = claim_results(report)["c002"]
    assert (record["verdict"], record["severity"]) == ("changed", "failure")
    invoke("check", "--fix", claims=repo_copy)
    assert claim_of(load(repo_copy), "c002") == claim_of(DATA, "c002")


ELIDED = [
    "Russia also proposed reducing the frequency … from twice to once a year.",
    "Russia also proposed reducing the frequency ... from twice to once a year.",
    "Russia also proposed reducing the frequency . . . from twice to once a year.",
    "Russia also proposed reducing the frequency […] from twice to once a year.",
    "The NK News article noted that the US, UK and France refuse to accept these proposals, […]"
    " Moscow will be likely to veto the extension",
    "[t]he US, UK and France refuse to accept these proposals",
    "[T]he NK News article noted that [Washington, London and Paris] refuse to accept",
]


def approve(invoke: Invoke, claims: Path, *claim_ids: str) -> None:
    result = invoke("approve", "--yes", *claim_ids, claims=claims)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == list(claim_ids)


@pytest.mark.parametrize("quote", ELIDED)
def test_an_elided_quote_from_one_paragraph_is_ok_once_approved(
    invoke: Invoke, write_claims: WriteClaims, quote: str
) -> None:
    data = json.loads(RAW)
    add_claim(data, "c900", quote)
    claims = write_claims(data)
    code, report = check_json(invoke, claims, "c900")
    (record,) = report["results"]
    assert (code, record["verdict"], record["severity"]) == (1, "altered", "failure")
    assert "dprktrack approve c900" in record["message"]
    approve(invoke, claims, "c900")
    code, report = check_json(invoke, claims, "c900")
    assert code == 0
    (record,) = report["results"]
    assert (record["verdict"], record["severity"]) == ("ok", "pass"), record["message"]
    assert "approved departure" in record["message"]
    found = SEED_TEXT[record["start"] : record["end"]]
    assert record["found"] == found
    kept = re.split(r"\s*(?:\[[^\]]*\]|…|\.\.\.|\. \. \.)\s*", quote)
    position = 0
    for piece in filter(None, kept):
        position = found.index(piece, position) + len(piece)
    assert invoke("check", "--fix", "c900", claims=claims).exit_code == 0
    anchored = claim_of(load(claims), "c900")
    assert (anchored["start"], anchored["end"]) == (record["start"], record["end"])
    assert anchored["quote"] == quote
    assert invoke("check", "--strict", "c900", claims=claims).exit_code == 0


@pytest.mark.parametrize(
    ("quote", "word"),
    [
        ("Under these conditions, we do … see any ‘added value’ in the work", "not"),
        ("the Council can […] longer act according to its established patterns", "no"),
        ("Kim recalled that Pyongyang has … recognized either the sanctions", "never"),
    ],
)
def test_an_omission_that_drops_a_negation_is_reported(
    invoke: Invoke, write_claims: WriteClaims, quote: str, word: str
) -> None:
    data = json.loads(RAW)
    add_claim(data, "c900", quote)
    claims = write_claims(data)
    code, report = check_json(invoke, claims, "c900")
    assert code == 1
    (record,) = report["results"]
    assert (record["verdict"], record["severity"]) == ("changed", "failure")
    assert repr(word) in record["message"]
    invoke("check", "--fix", claims=claims)
    assert claim_of(load(claims), "c900") == claim_of(data, "c900")


# --- exit codes and arguments ---------------------------------------------------------------


def test_check_takes_claim_ids_and_checks_only_those(invoke: Invoke, repo_copy: Path) -> None:
    edit_seed(repo_copy, NEXT_PARAGRAPH, "Inserted.\n\n" + NEXT_PARAGRAPH)
    code, report = check_json(invoke, repo_copy, "c040", "c001", "c040")
    assert code == 1, "the source is off its pin"
    assert [record["id"] for record in report["results"]] == [SOURCE_ID, "c001", "c040"]
    assert report["summary"]["claims"] == 2
    assert [r["verdict"] for r in report["results"]] == ["source-changed", "ok", "moved"]


def test_an_unknown_claim_id_exits_2_with_a_suggestion(invoke: Invoke) -> None:
    result = invoke("check", "c001", "c0x5")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no claim 'c0x5'" in result.stderr
    assert "did you mean" in result.stderr


def test_claim_ids_on_the_command_line_are_not_case_sensitive(invoke: Invoke) -> None:
    """The README: claim ids typed on the command line are not case-sensitive (as in show)."""
    assert invoke("show", "C014", "--format", "json").exit_code == 0
    result = invoke("check", "--format", "json", "C014")
    assert result.exit_code == 0, result.stderr
    assert [record["id"] for record in json.loads(result.stdout)["results"]] == ["c014"]


def test_check_run_in_process_leaves_the_cycle_collector_as_it_was(invoke: Invoke) -> None:
    """The command line is also called in-process (tests, scripts): global state is restored."""
    gc.enable()
    try:
        assert invoke("check", "c001").exit_code == 0
        assert gc.isenabled()
    finally:
        gc.enable()


def test_dry_run_without_fix_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("check", "--dry-run")
    assert result.exit_code == 2
    assert "--dry-run goes with --fix" in result.stderr
    assert "dprktrack check --help" in result.stderr


def test_strict_turns_warnings_into_failures(invoke: Invoke, repo_copy: Path) -> None:
    drift_warnings_only(repo_copy)
    code, plain = check_json(invoke, repo_copy)
    assert (code, plain["summary"]["failures"]) == (1, 1), "only the pin fails by default"
    result = invoke("check", "--strict", "--format", "json", claims=repo_copy)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"]["warnings"] == 0
    assert report["summary"]["failures"] == plain["summary"]["warnings"] + 1
    severities = {r["verdict"]: r["severity"] for r in report["results"]}
    assert severities == {
        "source-changed": "failure",
        "ok": "pass",
        "moved": "failure",
        "typography": "failure",
    }


# --- output formats --------------------------------------------------------------------


def test_text_lists_each_finding_with_its_place_in_the_claims_file(
    invoke: Invoke, repo_copy: Path
) -> None:
    drift_with_failures(repo_copy)
    claims_text = repo_copy.read_text("utf-8")
    # --verbose: each moved claim on its own line (by default, a run of them is one line).
    result = invoke("check", "--format", "text", "--verbose", claims=repo_copy)
    assert result.exit_code == 1
    finding = re.compile(
        rf"{re.escape(str(repo_copy))}:(\d+):(\d+): (\S+) ({'|'.join(VERDICTS)}): (.+)"
    )
    *body, last = result.stdout.splitlines()
    seen: dict[str, str] = {}
    previous = ""
    for line in body:
        if line.startswith("    "):
            assert previous in ("changed", "typography"), "a diff stands under its finding"
            continue
        match = finding.fullmatch(line)
        assert match, line
        line_number, column, record_id, verdict, _ = match.groups()
        expected = (
            {sha256_position(claims_text)}
            if record_id == SOURCE_ID
            else claim_positions(claims_text, record_id)
        )
        assert (int(line_number), int(column)) in expected
        seen[record_id] = previous = verdict
    assert seen[SOURCE_ID] == "source-changed"
    assert (seen["c002"], seen["c005"]) == ("ambiguous", "changed")
    assert "c001" not in seen, "ok claims are not listed"
    count = len(CLAIM_IDS)
    moved = moved_by_drift()
    assert last == (
        f"{count} claims checked: {count - moved - 2} ok, {moved} moved, 1 changed, 1 ambiguous, "
        f"1 source-changed. 3 failures, {moved} warnings."
    )


def test_json_gives_a_summary_and_one_result_per_claim_checked(
    invoke: Invoke, repo_copy: Path
) -> None:
    drift_with_failures(repo_copy)
    code, report = check_json(invoke, repo_copy)
    assert code == 1
    results = report["results"]
    assert [r["id"] for r in results if r["kind"] == "claim"] == CLAIM_IDS
    keys = {tuple(record) for record in results}
    assert len(keys) == 1
    assert set(RESULT_KEYS) <= set(next(iter(keys)))
    tally = Counter(record["verdict"] for record in results)
    assert report["summary"]["verdicts"] == {verdict: tally[verdict] for verdict in VERDICTS}
    assert list(report["summary"]["verdicts"]) == list(VERDICTS)
    assert report["summary"]["failures"] == 3, "c002, c005 and the pin"
    assert report["summary"]["claims"] == len(CLAIM_IDS)
    severities = Counter(record["severity"] for record in results)
    assert report["summary"]["warnings"] == severities["warning"]


GITHUB_LINE = re.compile(
    r"::(?P<level>error|warning) file=(?P<file>[^,]*),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=(?P<title>[^:,]*)::(?P<message>.*)"
)


def unescape_property(value: str) -> str:
    for escaped, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def test_github_annotates_warnings_and_failures_and_is_chosen_on_github(
    invoke: Invoke, repo_copy: Path
) -> None:
    drift_with_failures(repo_copy)
    claims_text = repo_copy.read_text("utf-8")
    result = invoke("check", "--format", "github", "--verbose", claims=repo_copy)
    assert result.exit_code == 1
    *annotations, last = result.stdout.splitlines()
    assert last.endswith(f"3 failures, {moved_by_drift()} warnings.")
    titles = {}
    for line in annotations:
        match = GITHUB_LINE.fullmatch(line)
        assert match, line
        assert unescape_property(match["file"]) == str(repo_copy)
        record_id, verdict = match["title"].split(" ")
        expected_level = "error" if VERDICTS[verdict] == "failure" else "warning"
        assert match["level"] == expected_level
        where = (
            {sha256_position(claims_text)}
            if record_id == SOURCE_ID
            else claim_positions(claims_text, record_id)
        )
        assert (int(match["line"]), int(match["col"])) in where
        titles[record_id] = verdict
    assert len(annotations) == len(titles)
    assert (titles["c005"], titles["c002"], titles[SOURCE_ID]) == (
        "changed",
        "ambiguous",
        "source-changed",
    )
    assert "c001" not in titles, "a pass is not annotated"
    (changed,) = [line for line in annotations if "title=c005 changed" in line]
    assert "%0A" in changed
    assert changed.endswith("Russia also proposed [-reducing-] {+cutting+} the frequency of the …")
    on_github = invoke("check", "--verbose", claims=repo_copy, env={"GITHUB_ACTIONS": "true"})
    assert on_github.stdout == result.stdout
    assert on_github.exit_code == 1


def test_github_escapes_text_from_the_data_so_it_cannot_start_a_command(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "we,ird:dir%41"
    shutil.copytree(REPO / "seeds", folder / "seeds")
    data = json.loads(RAW)
    # Changed: the word diff carries the quote's words into the annotation.
    injected = "50%0A::error::x, y:"
    claim_of(data, "c005")["quote"] = QUOTE["c005"].replace("reducing", f"reducing {injected}")
    # Missing: the quote is reported (not found), whatever it holds.
    injected = "50%0A::error::pwned, with: colons\r\n::warning::again"
    add_claim(data, "c900", f"Nothing like this stands in the article {injected} at all.")
    claims = folder / "claims.json"
    save(claims, data)
    code, report = check_json(invoke, claims, "c005", "c900")
    assert code == 1
    assert {r["id"]: r["verdict"] for r in report["results"]} == {
        "c005": "changed",
        "c900": "missing",
    }
    result = invoke("check", "--format", "github", "c005", "c900", claims=claims)
    assert result.exit_code == 1
    lines = result.stdout.split("\n")
    assert lines[-1] == ""
    *annotations, last = lines[:-1]
    assert not last.startswith("::")
    assert len(annotations) == 2
    assert "\r" not in result.stdout
    for line in annotations:
        match = GITHUB_LINE.fullmatch(line)
        assert match, line
        assert "," not in match["file"]
        assert ":" not in match["file"]
        assert unescape_property(match["file"]) == str(claims)
        assert "::" not in match["title"]
        assert "%0A::" not in match["message"].replace("%250A::", "")
    assert "%250A::error::x," in annotations[0]


def test_github_escapes_a_source_path_with_command_characters(
    invoke: Invoke, write_claims: WriteClaims
) -> None:
    data = json.loads(RAW)
    data["sources"][0]["path"] = "seeds/gone%0A,x:y::error::injected.txt"
    claims = write_claims(data)
    result = invoke("check", "--format", "github", "c001", "c002", claims=claims)
    assert result.exit_code == 1
    annotations = result.stdout.splitlines()[:-1]
    assert len(annotations) == 2
    assert all(line.startswith("::error file=") for line in annotations)
    assert "gone%250A,x:y::error::injected.txt" in annotations[0]


# --- what a first user ran into ---------------------------------------------------------------


def test_check_never_falls_back_on_the_bundled_claims_file(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check that passed on the bundled copy would say nothing about the user's own file."""
    monkeypatch.chdir(tmp_path)
    for args in (("check",), ("check", "--fix")):
        result = invoke(*args, claims=None)
        assert result.exit_code == 2
        assert "no claims.json in this folder" in result.stderr
    assert invoke("list", "--format", "json", claims=None).exit_code == 0, "lookups may"


def test_every_unknown_claim_id_is_named(invoke: Invoke) -> None:
    result = invoke("check", "c998", "c001", "c999")
    assert result.exit_code == 2
    assert "'c998'" in result.stderr
    assert "'c999'" in result.stderr


def test_a_quote_at_its_anchors_stays_placed_when_the_source_repeats_it(
    invoke: Invoke, repo_copy: Path
) -> None:
    """check, list and show agree: the anchors select the occurrence."""
    quote = QUOTE["c039"]
    edit_seed(repo_copy, quote, f"{quote} {quote}")
    code, report = check_json(invoke, repo_copy, "c039")
    assert (code, claim_results(report)["c039"]["verdict"]) == (1, "ok"), "off its pin"
    record = json.loads(invoke("show", "c039", "--format", "json", claims=repo_copy).stdout)
    text = seed_copy(repo_copy).read_text("utf-8")
    assert text[record["start"] : record["end"]] == quote
    assert "not shown" not in invoke("read", "--no-pager", claims=repo_copy).stderr


def test_an_omission_across_paragraphs_fails_even_in_other_typography(
    invoke: Invoke, write_claims: WriteClaims
) -> None:
    data = json.loads(RAW)
    quote = (
        "Maria Zakharova's second statement was a response ... "
        "In turn, the DPRK expressed its gratitude to Russia."
    )
    add_claim(data, "c900", quote)
    claims = write_claims(data)
    code, report = check_json(invoke, claims, "c900")
    result = claim_results(report)["c900"]
    assert (code, result["verdict"]) == (1, "changed")
    assert "inside one paragraph" in result["message"]


def test_an_alteration_inside_a_word_at_the_edge_covers_the_sources_letters(
    invoke: Invoke, write_claims: WriteClaims
) -> None:
    data = json.loads(RAW)
    add_claim(data, "c900", "[t]he US, UK and France")
    add_claim(data, "c901", "[u]nfortunately not.")
    claims = write_claims(data)
    approve(invoke, claims, "c900", "c901")
    code, report = check_json(invoke, claims, "c900", "c901")
    results = claim_results(report)
    assert code == 0
    assert results["c900"]["found"] == "the US, UK and France"
    assert results["c901"]["found"] == "Unfortunately not."
    assert invoke("check", "--fix", claims=claims).exit_code == 0
    code, report = check_json(invoke, claims, "c900", "c901")
    assert [r["verdict"] for r in claim_results(report).values()] == ["ok", "ok"]
    assert all("at its recorded offsets" in r["message"] for r in claim_results(report).values())


def test_a_missing_quote_says_where_it_was_recorded(invoke: Invoke, repo_copy: Path) -> None:
    edit_seed(repo_copy, C005_SENTENCE, "")
    code, report = check_json(invoke, repo_copy, "c005")
    result = claim_results(report)["c005"]
    assert (code, result["verdict"]) == (1, "missing")
    c005 = claim_of(DATA, "c005")
    assert f"it was recorded at offsets {c005['start']}–{c005['end']}" in result["message"]


def test_converted_line_endings_are_named_and_not_repaired(invoke: Invoke, repo_copy: Path) -> None:
    seed_copy(repo_copy).write_bytes(SEED_BYTES.replace(b"\n", b"\r\n"))
    _, report = check_json(invoke, repo_copy)
    (source,) = [r for r in report["results"] if r["kind"] == "source"]
    assert (
        "its line endings are now CRLF, unlike when its quotes were anchored" in source["message"]
    )
    before = repo_copy.read_bytes()
    invoke("check", "--fix", claims=repo_copy)
    assert repo_copy.read_bytes() == before, "offsets into a converted copy are not written"
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 1


# --- what a review found --------------------------------------------------------------------


def test_a_look_alike_is_not_taken_when_the_recorded_place_was_edited_in_place(
    invoke: Invoke, write_claims: WriteClaims
) -> None:
    """Only offsets recorded, the recorded sentence reworded, its words elsewhere: changed."""
    data = json.loads(RAW)
    seed = seed_copy(write_claims(data))
    text = seed.read_text("utf-8")
    sentence = "The Panel of Experts failed in its duty, Nebenzya said flatly."
    text = text.replace("\n\n", f"\n\n{sentence}\n\n", 1) + f"\n{sentence}\n"
    seed.write_text(text, "utf-8")
    start = text.index(sentence)
    add_claim(data, "c900", sentence)
    claim_of(data, "c900").update(start=start, end=start + len(sentence))
    claims = write_claims(data)
    seed.write_text(text.replace(sentence, sentence.replace("failed", "did not fail"), 1), "utf-8")
    code, report = check_json(invoke, claims, "c900")
    result = claim_results(report)["c900"]
    assert (code, result["verdict"]) == (1, "changed")
    assert "look-alike" in result["message"]
    assert "[-failed-] {+did not fail+}" in result["diff"]


def test_a_source_that_no_claim_quotes_is_still_read(
    invoke: Invoke, write_claims: WriteClaims
) -> None:
    data = json.loads(RAW)
    data["sources"].append({**data["sources"][0], "id": "spare", "path": "seeds/gone.txt"})
    code, report = check_json(invoke, write_claims(data))
    (finding,) = [r for r in report["results"] if r["kind"] == "source"]
    assert (code, finding["id"], finding["verdict"]) == (1, "spare", "source-missing")


def test_lookups_place_a_quote_where_check_does_and_nowhere_else(
    invoke: Invoke, repo_copy: Path
) -> None:
    # c003 retyped plainly: check says typography, lookups show the source's spelling.
    data = json.loads(RAW)
    claim_of(data, "c003")["quote"] = QUOTE["c003"].replace("“", '"').replace("”", '"')
    # c046's recorded place reworded, its words kept elsewhere: a look-alike, placed nowhere.
    text = seed_copy(repo_copy).read_text("utf-8")
    quote = QUOTE["c046"]
    text = text.replace(quote, quote.replace(" ", "  ", 1)) + f"\n{quote}\n"
    seed_copy(repo_copy).write_text(text, "utf-8")
    save(repo_copy, data)
    verdicts = {
        r["id"]: r["verdict"] for r in check_json(invoke, repo_copy, "c003", "c046")[1]["results"]
    }
    assert verdicts == {"neo-2024-04-24": "source-changed", "c003": "typography", "c046": "changed"}
    records = {
        record["id"]: record
        for record in json.loads(invoke("list", "--format", "json", claims=repo_copy).stdout)
    }
    c003 = records["c003"]
    assert text[c003["start"] : c003["end"]] == QUOTE["c003"]
    assert records["c046"]["start"] is None


def test_a_changed_opening_is_diffed_within_the_quotes_own_paragraph(
    invoke: Invoke, repo_copy: Path
) -> None:
    quote = QUOTE["c016"]
    assert quote.startswith("Unfortunately,")
    edit_seed(repo_copy, quote, quote.replace("Unfortunately", "Sadly", 1))
    _, report = check_json(invoke, repo_copy, "c016")
    result = claim_results(report)["c016"]
    assert result["verdict"] == "changed"
    assert result["found"].startswith("Sadly,")
    assert result["diff"].startswith("[-Unfortunately,-] {+Sadly,+} ")


def test_a_changed_last_character_stays_in_the_passage_found(
    invoke: Invoke, write_claims: WriteClaims
) -> None:
    data = json.loads(RAW)
    add_claim(data, "c900", "Unfortunately not, said the author.")
    claims = write_claims(data)
    edit_seed(claims, "Unfortunately not.", "Unfortunately not, said the author!")
    _, report = check_json(invoke, claims, "c900")
    result = claim_results(report)["c900"]
    assert (result["verdict"], result["found"]) == (
        "changed",
        "Unfortunately not, said the author!",
    )


def test_converted_line_endings_with_an_edit_are_still_not_repaired(
    invoke: Invoke, repo_copy: Path
) -> None:
    edited = SEED_BYTES.replace(b"24.04.2024", b"24 April 2024", 1).replace(b"\n", b"\r\n")
    seed_copy(repo_copy).write_bytes(edited)
    _, report = check_json(invoke, repo_copy)
    (source,) = [r for r in report["results"] if r["kind"] == "source"]
    assert "line endings are now CRLF" in source["message"]
    before = repo_copy.read_bytes()
    invoke("check", "--fix", claims=repo_copy)
    assert repo_copy.read_bytes() == before


def test_a_byte_order_mark_added_to_a_source_is_named(invoke: Invoke, repo_copy: Path) -> None:
    seed_copy(repo_copy).write_bytes(b"\xef\xbb\xbf" + SEED_BYTES)
    _, report = check_json(invoke, repo_copy)
    (source,) = [r for r in report["results"] if r["kind"] == "source"]
    assert "only a byte order mark was added" in source["message"]


@pytest.mark.parametrize(
    ("quote", "reason"),
    [
        ("Many experts [do not] agree with this assessment.", "the quote adds 'not'"),
        ("Unfortunately [yes].", "the source's 'not' is left out or altered away"),
        (
            "[Everyone backs the sanctions regime, and Russia supports the Panel; m]any experts",
            "holds more than an alteration may",
        ),
    ],
)
def test_brackets_that_reverse_or_rewrite_the_source_fail(
    invoke: Invoke, write_claims: WriteClaims, quote: str, reason: str
) -> None:
    data = json.loads(RAW)
    add_claim(data, "c900", quote)
    code, report = check_json(invoke, write_claims(data), "c900")
    result = claim_results(report)["c900"]
    assert (code, result["verdict"]) == (1, "changed"), result
    assert reason in result["message"]


def test_a_bracket_that_keeps_the_sources_negation_passes(
    invoke: Invoke, write_claims: WriteClaims
) -> None:
    data = json.loads(RAW)
    add_claim(data, "c900", "Unfortunately [it is] not.")
    claims = write_claims(data)
    code, report = check_json(invoke, claims, "c900")
    # Words the source does not have there: a person must read them.
    assert (code, claim_results(report)["c900"]["verdict"]) == (1, "altered")
    add_claim(data, "c901", "[U]nfortunately [not].")
    claims = write_claims(data)
    code, report = check_json(invoke, claims, "c901")
    assert (code, claim_results(report)["c901"]["verdict"]) == (1, "altered")
    approve(invoke, claims, "c901")
    code, report = check_json(invoke, claims, "c901")
    assert (code, claim_results(report)["c901"]["verdict"]) == (0, "ok")


def test_a_verbatim_copy_at_the_recorded_place_is_no_look_alike(
    invoke: Invoke, repo_copy: Path
) -> None:
    """A paragraph pasted twice and an edit above it: the copy context selects is the one."""
    quote = QUOTE["c027"]
    text = seed_copy(repo_copy).read_text("utf-8")
    start = text.index(quote)
    begin = text.rindex("\n\n", 0, start) + 2
    end = text.index("\n\n", start)
    para = text[begin:end]
    text = text[:begin] + para + "\n\n" + para + text[end:]
    seed_copy(repo_copy).write_text(text.replace("24.04.2024", "24 April 2024", 1), "utf-8")
    _, report = check_json(invoke, repo_copy, "c027")
    assert claim_results(report)["c027"]["verdict"] in ("moved", "ambiguous")
