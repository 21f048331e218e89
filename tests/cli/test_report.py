"""`dprktrack report`: the page on stdout or in a file replaced whole, never over the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from htmlparts import Page
from support import CLAIM_IDS, CLAIMS, Invoke, run_cli


def test_the_page_goes_to_stdout_with_a_row_per_claim(invoke: Invoke) -> None:
    result = invoke("report")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith("<!DOCTYPE html>\n")
    page = Page(result.stdout)
    rows = [e.attrs["id"] for e in page.elements if e.tag == "tr" and "data-claim" in e.attrs]
    assert rows == CLAIM_IDS


def test_o_writes_the_bytes_stdout_would_and_leaves_no_temporary_file(
    invoke: Invoke, tmp_path: Path
) -> None:
    output = tmp_path / "report.html"
    written = invoke("report", "-o", str(output))
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    assert f"report of {len(CLAIM_IDS)} claim(s) to {output}" in written.stderr
    assert output.read_bytes() == invoke("report").stdout_bytes
    assert list(tmp_path.iterdir()) == [output]
    assert invoke("report", "-o", "-").stdout_bytes == output.read_bytes()


def test_an_existing_file_is_replaced_whole_and_keeps_its_permissions(
    invoke: Invoke, tmp_path: Path
) -> None:
    output = tmp_path / "report.html"
    output.write_text("old\n" * 100_000, "utf-8")
    output.chmod(0o640)
    assert invoke("report", "-o", str(output)).exit_code == 0
    assert output.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "old\n" not in output.read_text("utf-8")
    assert output.stat().st_mode & 0o777 == 0o640


def test_a_claims_file_that_does_not_load_leaves_the_output_untouched(
    invoke: Invoke, tmp_path: Path
) -> None:
    broken = tmp_path / "claims.json"
    broken.write_text(json.dumps({"sources": []}), "utf-8")
    output = tmp_path / "report.html"
    output.write_text("kept", "utf-8")
    result = invoke("report", "-o", str(output), claims=broken)
    assert result.exit_code != 0
    assert output.read_text("utf-8") == "kept"
    assert result.stderr.startswith("error: ")


@pytest.mark.parametrize(
    "target", ["claims.json", "seeds/000_ae58a3e6272e0d5e.txt", "link", "seeds/../claims.json"]
)
def test_report_refuses_to_overwrite_the_claims_file_or_a_source(
    invoke: Invoke, repo_copy: Path, target: str
) -> None:
    folder = repo_copy.parent
    (folder / "link").symlink_to(repo_copy)
    before = {path: path.read_bytes() for path in (repo_copy, *folder.glob("seeds/*"))}
    result = invoke("report", "-o", str(folder / target), claims=repo_copy)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {folder / target}: is ")
    assert "not overwritten" in result.stderr
    assert {path: path.read_bytes() for path in before} == before


def test_an_empty_o_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("report", "-o", " ")
    assert result.exit_code == 2
    assert "-o: empty" in result.stderr


def test_a_missing_folder_is_a_one_line_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("report", "-o", str(tmp_path / "missing" / "report.html"))
    assert result.exit_code != 0
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "missing").exists()


def test_the_report_is_never_written_where_a_later_command_would_load_it_as_the_claims_file(
    tmp_path: Path,
) -> None:
    """The export trap, for the report too: `-o claims.json` in a folder without one."""
    target = tmp_path / "claims.json"
    result = run_cli(["report", "-o", str(target)], claims=CLAIMS)
    assert result.exit_code != 0
    assert "named like the claims file" in result.stderr
    assert not target.exists()


def test_export_html_is_the_report_page(tmp_path: Path) -> None:
    """`export -o x.html` takes the format from the suffix and writes the report's page."""
    exported, reported = tmp_path / "x.html", tmp_path / "r.html"
    assert run_cli(["export", "-o", str(exported)], claims=CLAIMS).exit_code == 0
    assert run_cli(["report", "-o", str(reported)], claims=CLAIMS).exit_code == 0
    assert exported.read_bytes() == reported.read_bytes()
