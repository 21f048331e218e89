"""Ignore entries: what they cover, what they report when they cover nothing, and that no
list of them can turn a run with a failure they do not name green."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import checked_findings, ignore_rules

from dprktrack.check.findings import VERDICTS, Finding, Report
from dprktrack.check.ignores import IgnoreRule, apply_ignores
from dprktrack.check.run import summary


def claim(claim_id: str, verdict: str, index: int = 0) -> Finding:
    return Finding(claim_id, "claim", verdict, "s1", "", ("claims", index))


def test_a_rule_for_a_claim_and_a_verdict_covers_that_verdict_only() -> None:
    rule = IgnoreRule(reason="source rewrapped upstream", claim="c012", verdict="moved")
    assert rule.covers(claim("c012", "moved"))
    assert not rule.covers(claim("c012", "changed"))
    assert not rule.covers(claim("c013", "moved"))


def test_a_changed_source_is_covered_by_no_rule() -> None:
    """Its quotes are checked one by one; the pin itself must be renewed, not excused."""
    pin = Finding("c012", "source", "source-changed", "c012", "", ("sources", 0))
    assert not IgnoreRule(reason="r", claim="c012").covers(pin)
    assert not IgnoreRule(reason="r", verdict="source-changed").covers(pin)
    assert not IgnoreRule(reason="r", claim="c012", verdict="source-changed").covers(pin)


@pytest.mark.parametrize(
    "verdict", [v for v, severity in VERDICTS.items() if severity == "failure"]
)
def test_a_failure_is_covered_only_by_a_rule_naming_its_claim_and_its_verdict(verdict: str) -> None:
    """A hostile edit must not ride on a broad rule: one for the claim's warnings, or one
    for a verdict across the file, would let a new misquote of that kind through."""
    failing = claim("c002", verdict, 1)
    assert not IgnoreRule(reason="r", claim="c002").covers(failing)
    assert not IgnoreRule(reason="r", verdict=verdict).covers(failing)
    assert IgnoreRule(reason="r", claim="c002", verdict=verdict).covers(failing)
    assert not IgnoreRule(reason="r", claim="c003", verdict=verdict).covers(failing)


def test_ignored_findings_are_counted_apart_and_fail_nothing() -> None:
    report = Report([claim("c001", "ok"), claim("c002", "missing", 1), claim("c003", "moved", 2)])
    ignored = apply_ignores(
        report.findings, [IgnoreRule(reason="r", claim="c002", verdict="missing")], complete=True
    ).reasons
    totals = summary(report, strict=True, ignored=ignored)
    assert (totals["failures"], totals["warnings"], totals["ignored"]) == (1, 0, 1)
    assert totals["verdicts"]["missing"] == 1  # still counted among the verdicts


def test_a_rule_that_covers_nothing_is_reported_with_its_index() -> None:
    findings = [claim("c001", "ok"), claim("c002", "changed", 1)]
    rules = [
        IgnoreRule(reason="r", claim="c002", verdict="moved"),  # c002 now fails otherwise
        IgnoreRule(reason="r", claim="c099"),  # no such claim
        IgnoreRule(reason="r", claim="c001"),  # passes: needs no exception
        IgnoreRule(reason="r", claim="c002", verdict="changed"),
    ]
    found = apply_ignores(findings, rules, complete=True)
    assert [index for index, _ in found.unmatched] == [0, 1, 2]
    assert found.reasons == {("claim", "c002"): "r"}
    assert rules[0].describe() == "claim c002, verdict moved"


def test_in_a_run_of_some_claims_only_rules_naming_them_can_be_unmatched() -> None:
    rules = [IgnoreRule(reason="r", claim="c005"), IgnoreRule(reason="r", claim="c001")]
    found = apply_ignores([claim("c001", "ok")], rules, complete=False)
    assert [index for index, _ in found.unmatched] == [1]


def test_two_rules_covering_one_finding_are_both_used_the_first_gives_the_reason() -> None:
    rules = [IgnoreRule(reason="first", claim="c001"), IgnoreRule(reason="2nd", verdict="moved")]
    found = apply_ignores([claim("c001", "moved")], rules, complete=True)
    assert found.unmatched == ()
    assert found.reasons == {("claim", "c001"): "first"}


@given(checked_findings(), ignore_rules(), st.booleans())
def test_a_run_fails_iff_a_failure_no_rule_covers_remains(
    findings: list[Finding], rules: list[IgnoreRule], strict: bool
) -> None:
    report = Report(findings)
    ignored = apply_ignores(findings, rules, complete=True)
    totals = summary(report, strict=strict, ignored=ignored.reasons)
    uncovered = [
        finding
        for finding in findings
        if finding.severity(strict) == "failure" and not any(r.covers(finding) for r in rules)
    ]
    assert bool(totals["failures"]) == bool(uncovered)
    assert totals["claims"] == sum(1 for finding in findings if finding.kind == "claim")
    assert totals["ignored"] == len(ignored.reasons)
    # nothing vanishes: every finding is a pass, a failure, a warning or ignored
    passing = sum(1 for finding in findings if finding.severity() == "pass")
    counted = totals["failures"] + totals["warnings"] + totals["ignored"]
    assert passing + counted == len(findings)
