"""The order a person reads a check in: failures first, by source and place; --quiet."""

from __future__ import annotations

import io
import re

from hypothesis import given
from hypothesis import strategies as st
from strategies import check_findings

from dprktrack.check.findings import Finding, Report
from dprktrack.check.layout import (
    SEVERITY_RANK,
    SHORTEST_MOVED_RUN,
    View,
    failures_only,
    moved_runs,
    reading_order,
)
from dprktrack.check.reporters import GithubReporter, TextReporter
from dprktrack.check.run import CheckRun

RAW = '{\n  "sources": [],\n  "claims": []\n}\n'
LINE = re.compile(r"claims\.json:\d+:\d+: (?P<id>\S+(?: and \d+ more)?) (?P<verdict>\S+): .*")


def _place(finding: Finding) -> tuple[int, int]:
    if finding.kind == "source":
        return (0, 0)
    return (1, finding.start) if finding.start is not None else (2, 0)


@given(check_findings(), st.booleans())
def test_the_order_is_a_stable_sort_by_severity_source_and_place(
    findings: list[Finding], strict: bool
) -> None:
    ordered = reading_order(findings, strict=strict)
    assert sorted(map(id, ordered)) == sorted(map(id, findings)), "each finding once"
    sources = list(dict.fromkeys(finding.source for finding in findings))
    index = {id(finding): number for number, finding in enumerate(findings)}

    def key(finding: Finding) -> tuple[int, int, tuple[int, int], int]:
        rank = SEVERITY_RANK[finding.severity(strict)]
        return (rank, sources.index(finding.source), _place(finding), index[id(finding)])

    keys = [key(finding) for finding in ordered]
    assert keys == sorted(keys)


def _text(findings: list[Finding], view: View, *, strict: bool = False) -> list[str]:
    out = io.StringIO()
    TextReporter(out).report(CheckRun(Report(findings), "claims.json", RAW, strict=strict), view)
    return out.getvalue().splitlines()


@given(check_findings(), st.booleans())
def test_quiet_shows_exactly_the_failures_in_order_then_the_same_summary(
    findings: list[Finding], strict: bool
) -> None:
    # One line per failure (the library allows quiet and verbose together; the CLI does not).
    *lines, summary = _text(findings, View(quiet=True, verbose=True), strict=strict)
    shown = [match["id"] for match in map(LINE.fullmatch, lines) if match]
    failing = failures_only(reading_order(findings, strict=strict), strict=strict)
    assert shown == [finding.id for finding in failing]
    assert summary == _text(findings, View(), strict=strict)[-1]
    *grouped, _ = _text(findings, View(quiet=True), strict=strict)
    told = [re.search(r" and (\d+) more$", m["id"]) for m in map(LINE.fullmatch, grouped) if m]
    assert sum(1 + (int(more[1]) if more else 0) for more in told) == len(failing)


@given(check_findings())
def test_every_finding_not_ok_is_listed_alone_or_in_one_run_of_moved_claims(
    findings: list[Finding],
) -> None:
    *lines, _ = _text(findings, View())
    told = 0
    for match in map(LINE.fullmatch, lines):
        assert match
        more = re.search(r" and (\d+) more$", match["id"])
        if more:
            assert match["verdict"] == "moved"
            assert int(more[1]) + 1 >= SHORTEST_MOVED_RUN
        told += 1 + (int(more[1]) if more else 0)
    assert told == sum(1 for finding in findings if finding.verdict != "ok")
    verbose = _text(findings, View(verbose=True))
    assert len(verbose) == told + 1, "--verbose: one line per finding"


def _moved(claim_id: str, start: int, shift: int, source: str = "s1") -> Finding:
    finding = Finding(claim_id, "claim", "moved", source, "found elsewhere", ("claims", 0))
    finding.start, finding.shift, finding.place = start, shift, f"{source}:{start}:1"
    return finding


def test_a_run_of_claims_moved_alike_is_one_line_naming_the_shift_and_where_it_starts() -> None:
    findings = [_moved(f"c{n}", 10 * n, 37) for n in range(1, 5)]
    findings.append(_moved("c9", 90, 5))
    assert moved_runs(findings, frozenset()) == [[0, 1, 2, 3]]
    lines = _text(findings, View())
    assert lines[0].split(": ", 1)[1] == (
        "c1 and 3 more moved: 4 claims moved by +37 characters from s1:10:1 "
        "on (text was added or removed before there); --verbose lists each"
    )
    assert lines[1].split(": ", 1)[1] == "c9 moved: found elsewhere"
    assert lines[2] == "5 claims checked: 5 moved. 0 failures, 5 warnings."


def test_two_claims_moved_alike_or_a_broken_run_are_listed_one_by_one() -> None:
    pair = [_moved("c1", 1, 4), _moved("c2", 2, 4)]
    broken = [_moved("c1", 1, 4), _moved("c2", 2, 4), _moved("c3", 3, 9), _moved("c4", 4, 4)]
    other_source = [_moved("c1", 1, 4), _moved("c2", 2, 4), _moved("c3", 3, 4, source="s2")]
    for findings in (pair, broken, other_source):
        assert moved_runs(reading_order(findings), frozenset()) == []


def test_github_annotations_come_failures_first() -> None:
    warning = _moved("c1", 1, 4)
    failure = Finding("c2", "claim", "missing", "s1", "not in the source", ("claims", 1))
    out = io.StringIO()
    GithubReporter(out).report(CheckRun(Report([warning, failure]), "claims.json", RAW))
    lines = out.getvalue().splitlines()
    assert [line.split("::")[1][:5] for line in lines[:2]] == ["error", "warni"]


def test_a_run_that_checked_no_claim_does_not_read_like_a_pass() -> None:
    assert _text([], View()) == ["no claims checked. Nothing was verified."]
    pin = Finding("s1", "source", "source-changed", "s1", "pin", ("sources", 0))
    assert _text([pin], View())[-1] == "no claims checked: 1 source-changed. 1 failure, 0 warnings."
