"""The CI platforms' formats: SARIF (against the OASIS schema and GitHub's upload limits),
JUnit XML (read by junitparser), GitLab Code Quality; fingerprints that outlive shifted
lines; hostile text that still gives well-formed documents."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from junitparser import Failure, JUnitXml, SystemOut
from support import (
    CLAIM_IDS,
    CLAIMS,
    REPO,
    drift_with_failures,
    load,
    save,
)

from dprktrack import __version__
from dprktrack.check.codequality import SEVERITIES, code_quality
from dprktrack.check.findings import VERDICTS, Finding, Report, SourceText
from dprktrack.check.junit import junit_xml
from dprktrack.check.platforms import FINGERPRINT_KEY, fingerprint, relative_path, xml_text
from dprktrack.check.reporters import build_reporter
from dprktrack.check.run import CheckRun, check_claims
from dprktrack.check.sarif import MAX_RESULTS, RULES, sarif_log
from dprktrack.claimsfile.load import load_catalog

SCHEMA_PATH = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"

# GitHub code scanning's documented limits on an uploaded SARIF file.
GITHUB_MAX_RUNS = 20
GITHUB_MAX_RESULTS = 25_000
GITHUB_MAX_RULES = 25_000
GITHUB_MAX_LOCATIONS = 1_000
GITHUB_MAX_TAGS = 20
GITHUB_MAX_GZIPPED_BYTES = 10 * 1024 * 1024


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: jsonschema.protocols.Validator = cls(schema)
    return validator


def _written(fmt: str, run: CheckRun, *, include_ok: bool = False) -> str:
    out = io.StringIO()
    build_reporter(fmt, out, {}, include_ok=include_ok).report(run)
    return out.getvalue()


def _sarif(run: CheckRun, *, include_ok: bool = False) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(_written("sarif", run, include_ok=include_ok))
    return log


@pytest.fixture
def drifted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's data with failures (changed, ambiguous) and warnings, in
    the current folder (as CI runs `check`); returns its claims file."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copy2(CLAIMS, tmp_path / "claims.json")
    monkeypatch.chdir(tmp_path)
    claims = Path("claims.json")
    drift_with_failures(claims)
    return claims


def _run(claims: Path) -> CheckRun:
    return check_claims(load_catalog(claims))


def _actor_added_at_the_top(claims: Path) -> None:
    data = load(claims)
    actor = {"id": "aardvark", "name": "A. Aardvark", "kind": "person", "country": "Freedonia"}
    data["actors"].insert(0, actor)
    save(claims, data)


def _assert_within_githubs_limits(log: dict[str, Any]) -> None:
    data = json.dumps(log).encode("utf-8")
    assert len(gzip.compress(data)) < GITHUB_MAX_GZIPPED_BYTES
    assert len(log["runs"]) <= GITHUB_MAX_RUNS
    for run in log["runs"]:
        assert len(run["results"]) <= GITHUB_MAX_RESULTS
        assert len(run["tool"]["driver"]["rules"]) <= GITHUB_MAX_RULES
        for rule in run["tool"]["driver"]["rules"]:
            assert len(rule.get("properties", {}).get("tags", [])) <= GITHUB_MAX_TAGS
        for result in run["results"]:
            assert len(result["locations"]) <= GITHUB_MAX_LOCATIONS
            assert len(result.get("relatedLocations", [])) <= GITHUB_MAX_LOCATIONS


# --- SARIF ----------------------------------------------------------------------------------


@pytest.mark.parametrize("include_ok", [False, True])
def test_sarif_of_the_bundled_data_is_schema_valid_and_within_githubs_limits(
    include_ok: bool,
) -> None:
    log = _sarif(_run(CLAIMS), include_ok=include_ok)
    _validator().validate(log)
    _assert_within_githubs_limits(log)
    results = log["runs"][0]["results"]
    assert len(results) == (len(CLAIM_IDS) if include_ok else 0)
    assert {result["level"] for result in results} <= {"note"}


def test_sarif_of_failures_is_schema_valid_with_the_tool_rules_and_places(drifted: Path) -> None:
    log = _sarif(_run(drifted))
    _validator().validate(log)
    _assert_within_githubs_limits(log)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("dprktrack", __version__)
    assert [rule["id"] for rule in driver["rules"]] == list(VERDICTS)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"]
    by_id = {result["properties"]["id"]: result for result in run["results"]}
    changed = by_id["c005"]
    assert (changed["ruleId"], changed["level"]) == ("changed", "error")
    assert driver["rules"][changed["ruleIndex"]]["id"] == "changed"
    assert changed["message"]["text"].startswith("c005 changed: ")
    place = changed["locations"][0]["physicalLocation"]
    assert place["artifactLocation"]["uri"] == "claims.json"
    assert place["region"]["startLine"] > 1
    passage = changed["relatedLocations"][0]["physicalLocation"]
    assert passage["artifactLocation"]["uri"] == "seeds/000_ae58a3e6272e0d5e.txt"
    assert passage["region"]["startLine"] >= 1
    assert {result["level"] for result in run["results"]} == {"error", "warning"}
    levels = [result["level"] for result in run["results"]]
    assert levels == sorted(levels, key=["error", "warning"].index)  # failures first


def test_sarif_passes_are_notes_only_with_include_ok(drifted: Path) -> None:
    run = _run(drifted)
    without = _sarif(run)["runs"][0]["results"]
    with_ok = _sarif(run, include_ok=True)["runs"][0]["results"]
    assert "note" not in {result["level"] for result in without}
    notes = [result for result in with_ok if result["level"] == "note"]
    assert notes
    assert {result["ruleId"] for result in notes} == {"ok"}
    assert len(with_ok) == len(without) + len(notes)


def test_fingerprints_hold_when_an_actor_above_shifts_every_line(drifted: Path) -> None:
    claims = drifted
    before = _sarif(_run(claims))["runs"][0]["results"]
    _actor_added_at_the_top(claims)
    after = _sarif(_run(claims))["runs"][0]["results"]

    def lines(results: list[dict[str, Any]]) -> list[int]:
        claims = [r for r in results if r["properties"]["kind"] == "claim"]  # below the actors
        return [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in claims]

    def prints(results: list[dict[str, Any]]) -> list[str]:
        return [result["partialFingerprints"][FINGERPRINT_KEY] for result in results]

    assert all(old < new for old, new in zip(lines(before), lines(after), strict=True))
    assert prints(before) == prints(after)
    assert len(set(prints(before))) == len(before)


def _record(**changes: Any) -> dict[str, Any]:
    record = {"kind": "claim", "id": "c001", "expected": "the quote", "verdict": "changed"}
    return {**record, **changes}


@pytest.mark.parametrize(
    "changes",
    [{"expected": "another quote"}, {"verdict": "missing"}, {"id": "c002"}, {"kind": "source"}],
    ids=["quote", "verdict", "id", "kind"],
)
def test_a_new_quote_or_verdict_is_a_new_fingerprint(changes: dict[str, Any]) -> None:
    assert fingerprint(_record()) != fingerprint(_record(**changes))
    assert fingerprint(_record(line=1)) == fingerprint(_record(line=900))


def test_sarif_keeps_to_githubs_result_limit_failures_first() -> None:
    records = [
        {
            **_record(id=f"c{number}", verdict="changed" if number % 2 else "ok"),
            "severity": "failure" if number % 2 else "pass",
            "source": "s1",
            "start": None,
            "end": None,
            "line": number + 1,
            "column": 7,
            "message": "m",
            "diff": None,
            "fixed": False,
        }
        for number in range(MAX_RESULTS + 10)
    ]
    totals = {"dry_run": False}
    log = sarif_log("claims.json", records, totals, {})
    _validator().validate(log)
    _assert_within_githubs_limits(log)
    (run,) = log["runs"]
    assert len(run["results"]) == MAX_RESULTS
    assert sum(result["level"] == "error" for result in run["results"]) == (MAX_RESULTS + 10) // 2
    note = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert note.startswith("10 results left out")


def test_every_verdict_has_its_rule() -> None:
    assert set(RULES) == set(VERDICTS)


def test_paths_are_relative_with_forward_slashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert relative_path(str(tmp_path / "data" / "claims.json")) == "data/claims.json"
    assert relative_path("./data//claims.json") == "data/claims.json"


# --- JUnit ----------------------------------------------------------------------------------


def _junit(tmp_path: Path, run: CheckRun) -> JUnitXml:
    path = tmp_path / "check.xml"
    path.write_text(_written("junit", run), "utf-8")
    return JUnitXml.fromfile(str(path))


def test_junit_is_read_by_junitparser_one_case_per_claim(drifted: Path) -> None:
    run = _run(drifted)
    report = _junit(drifted.resolve().parent, run)
    cases = {case.name: case for suite in report for case in suite}
    claims = [f for f in run.report.findings if f.kind == "claim"]
    assert {finding.id for finding in claims} <= set(cases)
    assert {case.classname for case in cases.values()} == {"neo-2024-04-24"}
    failing = {name for name, case in cases.items() if any(isinstance(r, Failure) for r in case)}
    expected = {f.id for f in run.report.findings if f.severity() == "failure"}
    assert failing == expected
    failure = next(r for r in cases["c005"] if isinstance(r, Failure))
    assert failure.type == "changed"
    assert failure.message.startswith("changed: ")
    assert "[-" in (failure.text or "")
    assert "{+" in (failure.text or "")
    warned = {f.id for f in run.report.findings if f.severity() == "warning"}
    assert warned
    for name in warned:
        assert cases[name].is_passed
        assert cases[name].system_out.startswith(("moved: ", "typography: "))
    suite = next(iter(report))
    assert (suite.tests, suite.failures, suite.errors) == (len(cases), len(expected), 0)


def test_junit_of_the_bundled_data_passes_every_case(tmp_path: Path) -> None:
    report = _junit(tmp_path, _run(CLAIMS))
    cases = [case for suite in report for case in suite]
    assert len(cases) == len(CLAIM_IDS)
    assert all(case.is_passed for case in cases)
    assert not any(isinstance(r, SystemOut) for case in cases for r in case)


HOSTILE = st.lists(
    st.one_of(
        st.characters(codec=None),
        st.sampled_from(["\x00", "\x1b[31m", "]]>", "<![CDATA[", "&amp;", "\ud800", "\ufffe"]),
        st.sampled_from(["\r\n::error::x", "##[error]x", '"', "'", "<", ">", "&", "\n"]),
    ),
    max_size=20,
).map("".join)


def _hostile_run(text: str) -> CheckRun:
    failing = Finding(text or "x", "claim", "changed", text, text, ("claims", 0))
    failing.expected, failing.found, failing.diff = text, text + "!", f"[-{text}-] {{+x+}}"
    warning = Finding("c2", "claim", "moved", "s", text, ("claims", 1), start=0, end=len(text))
    passing = Finding("c3", "claim", "ok", "s", text, ("claims", 2))
    report = Report([failing, warning, passing], sources={"s": SourceText(text, text)})
    return CheckRun(report, text or "claims.json", "{}")


@given(HOSTILE)
def test_hostile_text_gives_well_formed_junit(text: str) -> None:
    written = _written("junit", _hostile_run(text))
    written.encode("utf-8")  # no lone surrogate
    root = ElementTree.fromstring(written.encode("utf-8"))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 3
    assert root.get("failures") == "1"
    assert cases[0].get("name") == xml_text(text or "x")
    assert "##[" not in written
    assert not any(line.startswith("::") for line in written.splitlines())


@given(HOSTILE)
def test_hostile_text_gives_encodable_sarif_and_gitlab(text: str) -> None:
    run = _hostile_run(text)
    for fmt in ("sarif", "gitlab"):
        written = _written(fmt, run, include_ok=True)
        written.encode("utf-8")
        json.loads(written)
        assert "##[" not in written


@given(HOSTILE)
def test_hostile_sarif_stays_schema_valid(text: str) -> None:
    _validator().validate(_sarif(_hostile_run(text), include_ok=True))


def test_junit_for_an_ascii_stream_uses_character_references() -> None:
    written = junit_xml(
        "claims.json",
        [
            {
                "id": "c1",
                "source": "s",
                "line": 3,
                "verdict": "changed",
                "severity": "failure",
                "message": "“quoted” — 北",
                "diff": None,
                "expected": None,
                "found": None,
                "fixed": False,
            }
        ],
        {"dry_run": False},
        ascii_only=True,
    )
    assert written.isascii()
    failure = ElementTree.fromstring(written.encode("ascii")).find(".//failure")
    assert failure is not None
    assert failure.get("message") == "changed: “quoted” — 北"


# --- GitLab Code Quality --------------------------------------------------------------------


def test_gitlab_issues_have_the_fields_gitlab_reads(drifted: Path) -> None:
    claims = drifted
    run = _run(claims)
    issues = json.loads(_written("gitlab", run))
    assert issues
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["location"]["path"] == "claims.json"
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["severity"] in {"major", "minor"}
        assert issue["check_name"].startswith("dprktrack/")
    severity = {issue["description"].split(" ")[0]: issue["severity"] for issue in issues}
    assert severity["c005"] == SEVERITIES["failure"] == "major"
    assert "minor" in severity.values()
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    _actor_added_at_the_top(claims)
    shifted = json.loads(_written("gitlab", _run(claims)))
    assert [i["fingerprint"] for i in shifted] == [i["fingerprint"] for i in issues]
    assert [i["location"]["lines"]["begin"] for i in shifted] != [
        i["location"]["lines"]["begin"] for i in issues
    ]


def test_gitlab_of_the_bundled_data_is_empty_or_info_with_include_ok() -> None:
    run = _run(CLAIMS)
    assert json.loads(_written("gitlab", run)) == []
    issues = json.loads(_written("gitlab", run, include_ok=True))
    assert len(issues) == len(CLAIM_IDS)
    assert {issue["severity"] for issue in issues} == {"info"}


def test_code_quality_is_plain_data() -> None:
    assert code_quality("claims.json", [], {"dry_run": False}) == []
