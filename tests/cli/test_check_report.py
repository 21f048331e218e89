"""`check`'s report for people: failures first in source order, --quiet, --verbose, runs of
moved claims told in one line, the summary, and the quote a failing claim looked for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import (
    CLAIM_IDS,
    DATA,
    QUOTE,
    Invoke,
    claim_of,
    edit_seed,
    load,
    save,
)

from dprktrack.check.findings import VERDICTS

SOURCE_ID = DATA["sources"][0]["id"]
FINDING = re.compile(
    r".*?:\d+:\d+: (?P<id>\S+(?: and \d+ more)?) (?P<verdict>[a-z-]+): (?P<msg>.*)"
)
GONE = "Nothing like these words stands anywhere in the article, not even nearly so."


def _mixed(claims: Path) -> None:
    """Failures, warnings and passes across the article: a line inserted after c001 (the
    claims below it move), c057's passage reworded (changed, late in the source), c005's
    quote replaced by words found nowhere (missing: no place), c003's quotes straightened."""
    edit_seed(claims, "mandate, and in 2023 Ru", "mandate, and (as noted) in 2023 Ru")
    edit_seed(claims, "long accepted in the West", "long doubted in the West")
    data = load(claims)
    claim_of(data, "c005")["quote"] = GONE
    claim_of(data, "c003")["quote"] = QUOTE["c003"].replace("“", '"').replace("”", '"')
    save(claims, data)


def _listed(output: str) -> list[tuple[str, str]]:
    """(id, verdict) of each finding line, in order (diff lines and the summary skipped)."""
    return [(m["id"], m["verdict"]) for m in map(FINDING.fullmatch, output.splitlines()) if m]


def test_failures_come_first_then_warnings_each_in_the_order_of_the_source(
    invoke: Invoke, repo_copy: Path
) -> None:
    _mixed(repo_copy)
    result = invoke("check", "--verbose", claims=repo_copy)
    assert result.exit_code == 1
    listed = _listed(result.stdout)
    severities = [VERDICTS[verdict] for _, verdict in listed]
    assert severities == sorted(severities, key=["failure", "warning"].index)
    failures = [claim_id for claim_id, verdict in listed if VERDICTS[verdict] == "failure"]
    assert failures == [SOURCE_ID, "c057", "c005"], "the pin, then by place; no place last"
    results = _json(invoke, repo_copy)["results"]
    assert isinstance(results, list)
    starts = {record["id"]: record["start"] for record in results}
    warnings = [claim_id for claim_id, verdict in listed if VERDICTS[verdict] == "warning"]
    assert "c003" in warnings
    assert [starts[claim_id] for claim_id in warnings] == sorted(starts[c] for c in warnings)
    assert "c001" not in dict(listed), "a pass is not listed"


def _json(invoke: Invoke, claims: Path, *args: str) -> dict[str, object]:
    import json

    result = invoke("check", "--format", "json", *args, claims=claims)
    assert result.exit_code == 1
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_json_keeps_the_claims_file_order_and_lists_everything(
    invoke: Invoke, repo_copy: Path
) -> None:
    _mixed(repo_copy)
    plain = _json(invoke, repo_copy)
    results = plain["results"]
    assert isinstance(results, list)
    assert [r["id"] for r in results if r["kind"] == "claim"] == CLAIM_IDS
    assert _json(invoke, repo_copy, "--quiet") == plain
    assert _json(invoke, repo_copy, "--verbose") == plain


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_quiet_shows_the_failures_only_and_the_whole_summary(
    invoke: Invoke, repo_copy: Path, fmt: str
) -> None:
    _mixed(repo_copy)
    full = invoke("check", "--format", fmt, "--verbose", claims=repo_copy)
    quiet = invoke("check", "--format", fmt, "-q", claims=repo_copy)
    assert quiet.exit_code == full.exit_code == 1
    assert quiet.stdout.splitlines()[-1] == full.stdout.splitlines()[-1]
    if fmt == "github":
        lines = quiet.stdout.splitlines()[:-1]
        assert lines
        assert all(line.startswith("::error ") for line in lines)
        assert len(lines) == 3
    else:
        assert [verdict for _, verdict in _listed(quiet.stdout)] == [
            "source-changed",
            "changed",
            "missing",
        ]


def test_quiet_with_nothing_failing_prints_the_summary_alone(
    invoke: Invoke, repo_copy: Path
) -> None:
    edit_seed(repo_copy, "mandate, and in 2023 Ru", "mandate, and (as noted) in 2023 Ru")
    result = invoke("check", "--quiet", claims=repo_copy)
    assert result.exit_code == 1, "the changed pin fails"
    strict = invoke("check", "--quiet", "--strict", claims=repo_copy)
    assert strict.exit_code == 1
    assert len(strict.stdout.splitlines()) > len(result.stdout.splitlines()), (
        "--strict makes the moved claims failures, and --quiet shows them"
    )


def test_quiet_and_verbose_do_not_go_together(invoke: Invoke) -> None:
    result = invoke("check", "-q", "-v")
    assert result.exit_code == 2
    assert "--quiet and --verbose" in result.stderr


def test_a_paragraph_added_near_the_top_is_one_line_and_fix_still_repairs_every_claim(
    invoke: Invoke, repo_copy: Path
) -> None:
    added = "Updated on April 25: a paragraph added.\n\n"
    edit_seed(
        repo_copy, "On March 28, 2024, Russia vetoed", added + "On March 28, 2024, Russia vetoed"
    )
    result = invoke("check", claims=repo_copy)
    assert result.exit_code == 1, "the pin fails"
    count = len(CLAIM_IDS)
    moved = [line for line in result.stdout.splitlines() if " moved: " in line]
    assert len(moved) == 1
    (claim_id, verdict) = _listed(moved[0])[0]
    assert (claim_id, verdict) == (f"c001 and {count - 1} more", "moved")
    assert re.search(
        rf": {count} claims moved by \+{len(added)} characters from \S+seeds/\S+\.txt:\d+:\d+ on ",
        moved[0],
    )
    assert result.stdout.splitlines()[-1] == (
        f"{count} claims checked: {count} moved, 1 source-changed. 1 failure, {count} warnings."
    )
    verbose = invoke("check", "--verbose", claims=repo_copy)
    assert sum(verdict == "moved" for _, verdict in _listed(verbose.stdout)) == count
    fixed = invoke("check", "--fix", claims=repo_copy)
    assert fixed.exit_code == 0
    assert re.search(rf"c001 and {count - 1} more moved: .* \(fixed\)$", fixed.stdout, re.M)
    again = invoke("check", "--strict", claims=repo_copy)
    assert (again.exit_code, again.stdout) == (
        0,
        f"{count} claims checked: {count} ok. 0 failures, 0 warnings.\n",
    )


def test_the_summary_counts_every_verdict_found(invoke: Invoke, repo_copy: Path) -> None:
    _mixed(repo_copy)
    report = _json(invoke, repo_copy)
    summary = report["summary"]
    assert isinstance(summary, dict)
    counts = ", ".join(f"{n} {verdict}" for verdict, n in summary["verdicts"].items() if n)
    failures, warnings = summary["failures"], summary["warnings"]
    assert (failures, warnings) == (3, summary["verdicts"]["moved"] + 1)
    expected = (
        f"{len(CLAIM_IDS)} claims checked: {counts}. {failures} failures, {warnings} warnings."
    )
    assert invoke("check", claims=repo_copy).stdout.splitlines()[-1] == expected


def test_a_claims_file_with_no_claims_says_nothing_was_checked(
    invoke: Invoke, repo_copy: Path
) -> None:
    data = load(repo_copy)
    data["claims"] = []
    save(repo_copy, data)
    for fmt in ("text", "github"):
        result = invoke("check", "--format", fmt, claims=repo_copy)
        assert result.exit_code == 0, "as before: no failure"
        assert result.stdout == "no claims checked. Nothing was verified.\n"
        assert "0 failures" not in result.stdout
    strict = invoke("check", "--strict", claims=repo_copy)
    assert strict.exit_code == 1, "a strict CI verifies something or fails"
    assert strict.stdout.endswith("Nothing was verified, which --strict counts as a failure.\n")


def test_missing_and_changed_name_the_quote_they_looked_for(
    invoke: Invoke, repo_copy: Path
) -> None:
    _mixed(repo_copy)
    lines = {
        m["id"]: m["msg"]
        for m in map(FINDING.fullmatch, invoke("check", claims=repo_copy).stdout.splitlines())
        if m
    }
    assert lines["c005"].endswith(
        f"; looked for “Nothing like these words stands anywhere in the article, not…” "
        f"({len(GONE)} characters)"
    )
    assert lines["c057"].endswith(
        f"; looked for “{QUOTE['c057']}” ({len(QUOTE['c057'])} characters)"
    )


OPTIONS = [
    ["--format", fmt, *view, *fix, *strict]
    for fmt in ("text", "json", "github")
    for view in ([], ["--quiet"], ["--verbose"])
    for fix in ([], ["--fix"], ["--fix", "--dry-run"])
    for strict in ([], ["--strict"])
]


@pytest.mark.parametrize("options", OPTIONS, ids=" ".join)
def test_a_failure_exits_1_whatever_the_view_format_or_repair(
    invoke: Invoke, repo_copy: Path, options: list[str]
) -> None:
    _mixed(repo_copy)
    result = invoke("check", *options, claims=repo_copy)
    assert result.exit_code == 1, result.output
    assert invoke("check", claims=repo_copy).exit_code == 1, "--fix never settles a failure"
