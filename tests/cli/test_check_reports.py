"""`dprktrack check --format sarif|junit|gitlab`, `--report FORMAT:PATH` and `--include-ok`:
every format exits as the check does, reports are written whole or not at all, a bad
--report is a one-line usage error, and a report that cannot be written is exit 2,
never 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import (
    CLAIM_IDS,
    CLAIMS,
    SOURCE_PATH,
    Invoke,
    drift_warnings_only,
    drift_with_failures,
    run_cli,
)

from dprktrack.cli.checking import CHECK_FORMATS

FORMATS = ("sarif", "junit", "gitlab")


@pytest.fixture
def failing(repo_copy: Path) -> Path:
    """A copy of the repository's data where claims fail."""
    drift_with_failures(repo_copy)
    return repo_copy


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_every_format_exits_1_when_a_claim_fails(invoke: Invoke, failing: Path, fmt: str) -> None:
    assert invoke("check", "--format", fmt, claims=failing).exit_code == 1
    assert invoke("check", "--format", fmt, "--include-ok", claims=failing).exit_code == 1


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_every_format_exits_0_on_the_bundled_data(
    invoke: Invoke, repo_copy: Path, fmt: str
) -> None:
    result = invoke("check", "--format", fmt, claims=repo_copy)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_reports_are_written_beside_the_text_on_stdout(
    invoke: Invoke, failing: Path, tmp_path: Path
) -> None:
    reports = [f"--report={fmt}:{tmp_path / f'out.{fmt}'}" for fmt in (*FORMATS, "json")]
    result = invoke("check", "--format", "text", *reports, claims=failing)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].endswith("warnings.")
    for fmt in (*FORMATS, "json"):
        alone = invoke("check", "--format", fmt, claims=failing)
        assert (tmp_path / f"out.{fmt}").read_text("utf-8") == alone.stdout, fmt
    assert json.loads((tmp_path / "out.sarif").read_text("utf-8"))["version"] == "2.1.0"


def test_include_ok_reaches_the_report_files(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "all.sarif"
    result = invoke("check", "--include-ok", "--report", f"sarif:{target}")
    assert result.exit_code == 0
    results = json.loads(target.read_text("utf-8"))["runs"][0]["results"]
    assert len(results) == len(CLAIM_IDS)
    assert {r["level"] for r in results} == {"note"}


def test_a_report_replaces_an_older_one_whole(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "check.sarif"
    target.write_text("old and longer than nothing " * 1000, "utf-8")
    assert invoke("check", "--report", f"sarif:{target}").exit_code == 0
    json.loads(target.read_text("utf-8"))
    assert [p.name for p in tmp_path.iterdir()] == ["check.sarif"]  # no temporary left


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        ("sarif", "expected FORMAT:PATH"),
        ("sarif:", "expected FORMAT:PATH"),
        (":out.sarif", "unknown format ''"),
        ("xml:out.xml", "unknown format 'xml'"),
        ("sarif:-", "name a file"),
    ],
)
def test_a_bad_report_spec_is_a_one_line_usage_error(
    invoke: Invoke, tmp_path: Path, spec: str, said: str
) -> None:
    result = invoke("check", "--report", spec)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert said in result.stderr
    assert result.stdout == ""


def test_two_reports_to_one_file_are_refused(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "out"
    result = invoke("check", "--report", f"sarif:{target}", "--report", f"junit:{target}")
    assert result.exit_code == 2
    assert "named by another --report" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("which", ["claims", "source"])
def test_a_report_never_replaces_the_claims_file_or_a_source(
    invoke: Invoke, repo_copy: Path, which: str
) -> None:
    target = repo_copy if which == "claims" else repo_copy.parent / SOURCE_PATH
    before = target.read_bytes()
    for fix in ([], ["--fix"]):
        result = invoke("check", *fix, "--report", f"sarif:{target}", claims=repo_copy)
        assert result.exit_code == 2
        assert len(result.stderr.splitlines()) == 1
        assert ("the claims file" if which == "claims" else "source ") in result.stderr
        assert target.read_bytes() == before


@pytest.mark.parametrize("broken", ["missing folder", "a folder"])
def test_a_report_that_cannot_be_written_is_exit_2_never_0(
    invoke: Invoke, failing: Path, tmp_path: Path, broken: str
) -> None:
    target = tmp_path / "nowhere" / "out.sarif" if broken == "missing folder" else tmp_path
    for claims in (CLAIMS, failing):
        result = invoke("check", "--report", f"sarif:{target}", claims=claims)
        assert result.exit_code == 2
        (line,) = result.stderr.splitlines()
        assert line.startswith("error: --report sarif: ")
        assert "cannot write" in line or "nothing written" in line
        assert result.stdout.splitlines()[-1].endswith("warnings.")  # the text is still shown


def test_the_dry_run_writes_reports_too_and_exits_as_check_would(
    invoke: Invoke, failing: Path, tmp_path: Path
) -> None:
    target = tmp_path / "check.xml"
    result = invoke("check", "--fix", "--dry-run", "--report", f"junit:{target}", claims=failing)
    assert result.exit_code == 1
    assert "<failure" in target.read_text("utf-8")


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fmt=st.sampled_from(CHECK_FORMATS),
    reports=st.lists(st.sampled_from(CHECK_FORMATS), max_size=3, unique=True),
    strict=st.booleans(),
    include_ok=st.booleans(),
)
def test_a_failing_check_never_exits_0_whatever_the_formats(
    failing: Path,
    tmp_path: Path,
    *,
    fmt: str,
    reports: list[str],
    strict: bool,
    include_ok: bool,
) -> None:
    args = ["check", "--format", fmt]
    args += [f"--report={name}:{tmp_path / f'r.{name}'}" for name in reports]
    args += ["--strict"] * strict + ["--include-ok"] * include_ok
    assert run_cli(args, claims=failing).exit_code == 1


def test_what_fix_repaired_is_no_longer_reported_to_the_platforms(
    invoke: Invoke, repo_copy: Path
) -> None:
    drift_warnings_only(repo_copy)
    result = invoke("check", "--fix", "--format", "sarif", claims=repo_copy)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["runs"][0]["results"] == []
    again = invoke("check", "--format", "gitlab", claims=repo_copy)
    assert json.loads(again.stdout) == []


def test_a_dry_run_reports_what_it_would_repair_as_still_there(
    invoke: Invoke, repo_copy: Path
) -> None:
    drift_warnings_only(repo_copy)
    result = invoke("check", "--fix", "--dry-run", "--format", "sarif", claims=repo_copy)
    assert result.exit_code == 1  # the source's pin fails until --fix renews it
    levels = {r["level"] for r in json.loads(result.stderr)["runs"][0]["results"]}
    assert levels == {"error", "warning"}


def test_a_source_or_report_that_is_a_loop_of_links_is_no_internal_error(
    invoke: Invoke, repo_copy: Path
) -> None:
    """Python 3.11's Path.resolve raises on a loop of links: it must stay a finding or a
    one-line usage error, never an internal error (exit 70)."""
    seed = next((repo_copy.parent / "seeds").iterdir())
    seed.unlink()
    seed.symlink_to(seed.name)
    report = repo_copy.parent / "report.sarif"
    result = invoke("check", "--quiet", "--report", f"sarif:{report}", claims=repo_copy)
    assert result.exit_code == 1, result.stderr
    assert "source-missing" in result.stdout
    loop = repo_copy.parent / "loop.sarif"
    loop.symlink_to(loop.name)
    refused = invoke("check", "--report", f"sarif:{loop}", claims=repo_copy)
    assert refused.exit_code == 2, refused.stderr
    assert refused.stderr.count("\n") == 1
