"""`dprktrack edit`: a claim changed in place, checked as `add` checks, told on stderr."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from support import DATA, NEGATED, SEED_TEXT, UNIQUE, Invoke, straightened

FIXTURES = Path(__file__).parents[1] / "docs" / "fixtures"
SINGLE = next(
    claim
    for claim in DATA["claims"]
    if len(claim["stances"]) == 1
    and "reported_via" not in claim
    and "date" in claim
    and claim.get("kind", "statement") == "statement"
)
"""A claim with one stance, no relay and a date: the one most tests edit."""
OTHER_TARGET = next(t["id"] for t in DATA["targets"] if t["id"] != SINGLE["stances"][0]["target"])
OTHER_ACTOR = next(
    actor for actor in DATA["actors"] if actor["id"] != SINGLE["actor"] and actor["aliases"]
)


def claims_of(path: Path) -> dict[str, dict[str, Any]]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return {claim["id"]: claim for claim in data["claims"]}


def other_stance(stance: str) -> str:
    return "mixed" if stance != "mixed" else "oppose"


def test_a_new_summary_is_written_told_and_nothing_else_changes(
    invoke: Invoke, repo_copy: Path
) -> None:
    before = claims_of(repo_copy)
    result = invoke("edit", SINGLE["id"], "--summary", "A new summary.", claims=repo_copy)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{SINGLE['id']}\n"
    old = json.dumps(SINGLE["summary"], ensure_ascii=False)
    assert f'note: {SINGLE["id"]}: summary {old} → "A new summary."' in result.stderr
    after = claims_of(repo_copy)
    assert after[SINGLE["id"]] == {**before[SINGLE["id"]], "summary": "A new summary."}
    assert {key: value for key, value in after.items() if key != SINGLE["id"]} == {
        key: value for key, value in before.items() if key != SINGLE["id"]
    }
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_an_edit_that_changes_nothing_says_so_and_writes_nothing(
    invoke: Invoke, repo_copy: Path
) -> None:
    before = repo_copy.read_bytes()
    entry = SINGLE["stances"][0]
    result = invoke(
        "edit", SINGLE["id"], "--summary", SINGLE["summary"], "--date", SINGLE["date"],
        "--add-stance", f"{entry['target']}={entry['stance']}", "--kind", "statement",
        claims=repo_copy,
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, "")
    assert f"note: {SINGLE['id']}: nothing to change; {repo_copy} not written" in result.stderr
    assert repo_copy.read_bytes() == before


def test_dry_run_prints_a_unified_diff_and_writes_nothing(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    entry = SINGLE["stances"][0]
    new = other_stance(entry["stance"])
    result = invoke(
        "edit", SINGLE["id"], "--add-stance", f"{entry['target']}={new}", "--dry-run",
        claims=repo_copy,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert repo_copy.read_bytes() == before
    lines = result.stdout.splitlines()
    assert lines[0].startswith("--- a/")
    assert lines[0].endswith("claims.json")
    assert lines[1].startswith("+++ b/")
    changed = [line for line in lines[2:] if line[:1] in "+-" and not line.startswith("@@")]
    assert changed == [f'-          "stance": "{entry["stance"]}"', f'+          "stance": "{new}"']
    told = f"note: {SINGLE['id']}: stances {entry['target']} {entry['stance']} → {new}"
    assert told in result.stderr
    assert f"note: --dry-run: {repo_copy} not changed" in result.stderr


def test_stances_are_replaced_added_changed_and_removed(invoke: Invoke, repo_copy: Path) -> None:
    target = SINGLE["stances"][0]["target"]
    added = invoke(
        "edit", SINGLE["id"], "--add-stance", f"{OTHER_TARGET}=support", claims=repo_copy
    )
    assert added.exit_code == 0, added.stderr
    assert f"stances + {OTHER_TARGET} support" in added.stderr
    assert claims_of(repo_copy)[SINGLE["id"]]["stances"][-1] == {
        "target": OTHER_TARGET,
        "stance": "support",
    }
    removed = invoke("edit", SINGLE["id"], "--remove-stance", target.upper(), claims=repo_copy)
    assert removed.exit_code == 0, removed.stderr
    assert f"stances − {target} (was {SINGLE['stances'][0]['stance']})" in removed.stderr
    replaced = invoke(
        "edit", SINGLE["id"], "--stance", f"{target}=neutral", "--stance", f"{OTHER_TARGET}=oppose",
        claims=repo_copy,
    )  # fmt: skip
    assert replaced.exit_code == 0, replaced.stderr
    assert claims_of(repo_copy)[SINGLE["id"]]["stances"] == [
        {"target": target, "stance": "neutral"},
        {"target": OTHER_TARGET, "stance": "oppose"},
    ]
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--remove-stance", "{target}"], "a claim keeps one stance at least"),
        (["--remove-stance", "{other}"], "the claim takes no stance toward it; its targets:"),
        (["--add-stance", "{target}"], "write TARGET=STANCE"),
        (["--add-stance", "nowhere=oppose"], "no target 'nowhere'"),
        (["--stance", "{target}=maybe"], "the stance is one of support, oppose"),
        (["--stance", "{target}=oppose", "--add-stance", "{other}=oppose"], "--stance replaces"),
        (["--date", "2024-13-01"], "--date: "),
        (["--date", "2099-01-01"], "is after the source was published"),
        (["--date", "2024-01-01", "--clear", "date"], "--date and --clear date: give one"),
        (["--summary", "  "], "--summary: empty; give a value, or --clear"),
        (["--summary", "two\nlines"], "--summary: one line, please"),
        (["--quote", ""], "--quote: empty"),
        (["--occurrence", "2"], "--occurrence chooses where a new --quote stands"),
        (["--actor", "nobody at all"], "--actor: no actor 'nobody at all'"),
        (["--via", "{actor}"], "is the claim's actor itself"),
        (["--quote-type", "verbatim"], "'verbatim' is not one of"),
        (["--kind", "vote"], "'vote' is not one of"),
        (["--clear", "summary"], "'summary' is not one of"),
    ],
)
def test_a_refused_edit_names_the_option_and_leaves_the_file_byte_identical(
    invoke: Invoke, repo_copy: Path, args: list[str], message: str
) -> None:
    before = repo_copy.read_bytes()
    values = {"target": SINGLE["stances"][0]["target"], "other": OTHER_TARGET}
    values["actor"] = SINGLE["actor"]
    result = invoke("edit", SINGLE["id"], *(a.format(**values) for a in args), claims=repo_copy)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") <= 2
    assert repo_copy.read_bytes() == before


def test_an_unknown_id_is_refused_with_the_nearest(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("edit", "c9999", "--summary", "x", claims=repo_copy)
    assert result.exit_code == 2
    assert f"no claim 'c9999' in {repo_copy}" in result.stderr
    upper = invoke("edit", SINGLE["id"].upper(), "--summary", "Upper case id.", claims=repo_copy)
    assert upper.stdout == f"{SINGLE['id']}\n"


def test_actor_and_via_resolve_as_list_finds_them(invoke: Invoke, repo_copy: Path) -> None:
    """A name that fits several actors is refused with them listed, as `list` finds them."""
    listed = invoke("list", "--actor", "kim", "--format", "json")
    found = {row["actor_id"] for row in json.loads(listed.stdout)}
    kims = [actor for actor in DATA["actors"] if "kim" in actor["id"]]
    assert len(kims) >= 2
    refused = invoke("edit", SINGLE["id"], "--actor", "kim", claims=repo_copy)
    assert refused.exit_code == 2
    assert "--actor 'kim' names several actors" in refused.stderr
    for actor_id in found | {actor["id"] for actor in kims}:
        assert f"{actor_id} (" in refused.stderr
    kim = kims[0]
    named = invoke("edit", SINGLE["id"], "--actor", kim["name"], claims=repo_copy)
    assert f"note: {SINGLE['id']}: actor {kim['name']} ({kim['id']})" in named.stderr
    relay = invoke("edit", SINGLE["id"], "--reported-via", OTHER_ACTOR["id"], claims=repo_copy)
    assert f"reported via {OTHER_ACTOR['name']} ({OTHER_ACTOR['id']})" in relay.stderr
    assert claims_of(repo_copy)[SINGLE["id"]]["reported_via"] == OTHER_ACTOR["id"]
    slip = invoke("edit", SINGLE["id"], "--via", OTHER_ACTOR["id"][:-1] + "x", claims=repo_copy)
    assert f"did you mean {OTHER_ACTOR['id']}" in slip.stderr
    cleared = invoke("edit", SINGLE["id"], "--clear", "via", claims=repo_copy)
    assert cleared.exit_code == 0
    assert "reported_via" not in claims_of(repo_copy)[SINGLE["id"]]


def test_a_new_quote_is_anchored_as_add_anchors_it(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("edit", SINGLE["id"], "--quote", straightened(UNIQUE), claims=repo_copy)
    assert result.exit_code == 0, result.stderr
    claim = claims_of(repo_copy)[SINGLE["id"]]
    start = SEED_TEXT.index(UNIQUE)
    assert (claim["quote"], claim["start"], claim["end"]) == (UNIQUE, start, start + len(UNIQUE))
    assert claim["prefix"] == SEED_TEXT[start - 32 : start]
    assert claim["suffix"] == SEED_TEXT[start + len(UNIQUE) : start + len(UNIQUE) + 32]
    assert f"quote {json.dumps(UNIQUE, ensure_ascii=False)} at " in result.stderr
    assert "stored in the source's own characters" in result.stderr
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_a_quote_found_several_times_needs_an_occurrence(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    refused = invoke("edit", SINGLE["id"], "--quote", "the Panel", claims=repo_copy)
    assert refused.exit_code == 2
    assert "choose one with --occurrence N" in refused.stderr
    assert repo_copy.read_bytes() == before
    chosen = invoke(
        "edit", SINGLE["id"], "--quote", "the Panel", "--occurrence", "2", claims=repo_copy
    )
    assert chosen.exit_code == 0, chosen.stderr
    second = [i for i in range(len(SEED_TEXT)) if SEED_TEXT.startswith("the Panel", i)][1]
    assert claims_of(repo_copy)[SINGLE["id"]]["start"] == second


@pytest.mark.parametrize(
    "quote",
    [
        "Moscow’s proposal to set a time limit for the Panel",  # not in the source
        NEGATED.replace("did not take", "did … take"),  # drops the source's "not"
        NEGATED.replace("did not take", "did [now] take"),  # a bracket that reverses it
        "x" * 5000,
    ],
)
def test_a_quote_that_check_would_fail_is_refused_and_nothing_written(
    invoke: Invoke, repo_copy: Path, quote: str
) -> None:
    before = repo_copy.read_bytes()
    result = invoke("edit", SINGLE["id"], "--quote", quote, "--approve", claims=repo_copy)
    assert result.exit_code == 2, result.output
    assert repo_copy.read_bytes() == before


def test_a_quote_with_departures_needs_approving(invoke: Invoke, repo_copy: Path) -> None:
    elided = "the group has … uncovered a number of sanctions violations"
    before = repo_copy.read_bytes()
    refused = invoke("edit", SINGLE["id"], "--quote", elided, claims=repo_copy)
    assert refused.exit_code == 2
    assert "departs from the source's words in 1 place" in refused.stderr
    assert "give --approve" in refused.stderr
    assert repo_copy.read_bytes() == before
    approved = invoke("edit", SINGLE["id"], "--quote", elided, "--approve", claims=repo_copy)
    assert approved.exit_code == 0, approved.stderr
    assert "review_pin" in claims_of(repo_copy)[SINGLE["id"]]
    assert "(its departures approved)" in approved.stderr
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0
    # A quote without departures drops the pin again.
    plain = invoke("edit", SINGLE["id"], "--quote", UNIQUE, claims=repo_copy)
    assert plain.exit_code == 0
    assert "review_pin" not in claims_of(repo_copy)[SINGLE["id"]]


def test_kind_date_and_quote_type_are_set_and_cleared_in_the_models_order(
    invoke: Invoke, repo_copy: Path
) -> None:
    acted = invoke(
        "edit", SINGLE["id"], "--kind", "act", "--quote-type", "mixed", "--clear", "date",
        claims=repo_copy,
    )  # fmt: skip
    assert acted.exit_code == 0, acted.stderr
    assert f"note: {SINGLE['id']}: kind statement → act" in acted.stderr
    assert f"note: {SINGLE['id']}: date cleared (was {SINGLE['date']})" in acted.stderr
    claim = claims_of(repo_copy)[SINGLE["id"]]
    keys = list(claim)
    assert keys.index("kind") == keys.index("quote_type") + 1
    assert (claim["kind"], claim["quote_type"], "date" in claim) == ("act", "mixed", False)
    dated = invoke("edit", SINGLE["id"], "--date", SINGLE["date"], "--clear", "kind",
                   claims=repo_copy)  # fmt: skip
    assert dated.exit_code == 0, dated.stderr
    assert list(claims_of(repo_copy)[SINGLE["id"]]) == [key for key in SINGLE if key != "kind"]
    assert claims_of(repo_copy)[SINGLE["id"]]["quote_type"] == "mixed"


def test_an_edit_keeps_the_files_crlf_line_endings(invoke: Invoke, repo_copy: Path) -> None:
    repo_copy.write_bytes(repo_copy.read_bytes().replace(b"\n", b"\r\n"))
    result = invoke("edit", SINGLE["id"], "--summary", "Line endings kept.", claims=repo_copy)
    assert result.exit_code == 0, result.stderr
    raw = repo_copy.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n")


def test_a_claim_that_fails_check_is_only_written_once_its_quote_stands(
    invoke: Invoke, tmp_path: Path
) -> None:
    """In the made-up misquote fixture, m002's omission drops a "not": a new summary alone
    would leave it failing, so it is refused; a quote that stands mends it."""
    shutil.copytree(FIXTURES / "misquote", tmp_path / "misquote")
    claims = tmp_path / "misquote" / "claims.json"
    before = claims.read_bytes()
    refused = invoke("edit", "m002", "--summary", "Still wrong.", claims=claims)
    assert refused.exit_code == 2
    assert "m002: the claim would not pass `dprktrack check` (changed:" in refused.stderr
    assert claims.read_bytes() == before
    mended = invoke(
        "edit", "m002", "--quote", "Freedonia will not sign the treaty", "--stance",
        "lakonia-treaty=oppose", claims=claims,
    )  # fmt: skip
    assert mended.exit_code == 0, mended.stderr
    checked = invoke("check", "--format", "json", claims=claims)
    verdicts = {r["id"]: r["verdict"] for r in json.loads(checked.stdout)["results"]}
    assert verdicts["m002"] == "ok"
