"""The check library: verdicts of some claims, and repairs made on plain data."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from support import (
    CLAIM_IDS,
    drift_with_failures,
    moved_by_drift,
)

from dprktrack.check.findings import VERDICTS
from dprktrack.check.repairs import apply_repairs
from dprktrack.check.run import run_check
from dprktrack.claimsfile.load import load_catalog
from dprktrack.claimsfile.rewrite import dump_claims


def test_apply_repairs_leaves_its_input_alone_and_repairs_only_warnings(repo_copy: Path) -> None:
    drift_with_failures(repo_copy)
    catalog = load_catalog(repo_copy)
    report = run_check(catalog)
    assert report.complete
    counts = report.counts()
    assert list(counts) == list(VERDICTS)
    assert (counts["changed"], counts["ambiguous"], counts["source-changed"]) == (1, 1, 1)
    assert counts["moved"] == moved_by_drift()
    assert report.claims_checked() == len(CLAIM_IDS)
    severities = Counter(finding.severity() for finding in report.findings)
    assert (severities["failure"], severities["warning"]) == (3, counts["moved"])
    assert Counter(finding.severity(strict=True) for finding in report.findings)["warning"] == 0
    original = json.loads(catalog.raw)
    snapshot = json.loads(catalog.raw)
    repaired, changed = apply_repairs(original, report)
    assert original == snapshot, "the input is not modified"
    # Every moved claim is repaired; an ok claim just above the new paragraph only has its
    # suffix hint renewed; nothing that fails is touched.
    assert [f.verdict for f in changed if f.verdict != "ok"] == ["moved"] * counts["moved"]
    assert all(f.severity() != "failure" for f in changed)
    assert repaired["sources"] == original["sources"], "a source with a failing claim keeps its pin"
    for finding in report.findings:
        if finding.severity() == "failure":
            assert not finding.repair
            index = finding.path[1]
            assert repaired["claims"][index] == original["claims"][index]
    for finding in changed:
        claim = repaired["claims"][finding.path[1]]
        assert (claim["start"], claim["end"]) == (finding.start, finding.end)
    assert json.loads(dump_claims(repaired)) == repaired


def test_run_check_of_some_claims_is_incomplete(repo_copy: Path) -> None:
    catalog = load_catalog(repo_copy)
    report = run_check(catalog, ["c003", "c001"])
    assert not report.complete
    assert [finding.id for finding in report.findings] == ["c001", "c003"]
    assert all(finding.verdict == "ok" for finding in report.findings)
