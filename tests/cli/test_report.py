"""`dprktrack report`: the page on stdout or in a file replaced whole, never over the data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from htmlparts import Page
from support import CLAIM_IDS, CLAIMS, SEED, Invoke, run_cli


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


@pytest.mark.parametrize("target", ["link.html", "seeds/../link.HTM", "seeds/source-link.html"])
def test_report_refuses_to_overwrite_the_claims_file_or_a_source(
    invoke: Invoke, repo_copy: Path, target: str
) -> None:
    folder = repo_copy.parent
    (folder / "link.html").symlink_to(repo_copy)
    (folder / "link.HTM").symlink_to(repo_copy)
    (folder / "seeds" / "source-link.html").symlink_to(SEED.name)
    before = {path: path.read_bytes() for path in (repo_copy, *folder.glob("seeds/*"))}
    result = invoke("report", "-o", str(folder / target), claims=repo_copy)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {folder / target}: is ")
    assert "not overwritten" in result.stderr
    assert {path: path.read_bytes() for path in before} == before


@pytest.mark.parametrize(
    ("target", "suffix"),
    [
        ("findings.csv", ".csv"),
        ("claims.json", ".json"),
        ("seeds/x.txt", ".txt"),
        ("page", "(none)"),
    ],
)
def test_o_refuses_a_suffix_other_than_an_html_pages(
    invoke: Invoke, repo_copy: Path, target: str, suffix: str
) -> None:
    """`-o findings.csv` would be HTML opened as a spreadsheet: refused before anything is read
    or written, naming the suffixes that fit."""
    output = repo_copy.parent / target
    result = invoke("report", "-o", str(output), claims=repo_copy)
    assert result.exit_code == 2
    assert f"the suffix {suffix} is not an HTML page's; name the file .html or .htm" in (
        result.stderr
    )
    assert not output.exists() or output == repo_copy


@pytest.mark.parametrize("name", ["r.html", "r.HTML", "r.Htm"])
def test_o_takes_html_and_htm_in_any_case(invoke: Invoke, tmp_path: Path, name: str) -> None:
    assert invoke("report", "-o", str(tmp_path / name)).exit_code == 0
    assert (tmp_path / name).read_text("utf-8").startswith("<!DOCTYPE html>")


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
    """The export trap, for the report too: `-o claims.json` in a folder without one (its
    suffix already refuses it)."""
    target = tmp_path / "claims.json"
    result = run_cli(["report", "-o", str(target)], claims=CLAIMS)
    assert result.exit_code != 0
    assert "suffix .json" in result.stderr
    assert not target.exists()


def test_export_html_is_the_report_page(tmp_path: Path) -> None:
    """`export -o x.html` takes the format from the suffix and writes the report's page."""
    exported, reported = tmp_path / "x.html", tmp_path / "r.html"
    assert run_cli(["export", "-o", str(exported)], claims=CLAIMS).exit_code == 0
    assert run_cli(["report", "-o", str(reported)], claims=CLAIMS).exit_code == 0
    assert exported.read_bytes() == reported.read_bytes()


def _report_process(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """`dprktrack report` run as a process, stdout a pipe, with `env` added."""
    return subprocess.run(
        [sys.executable, "-m", "dprktrack", "--claims", str(CLAIMS), "report", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
def test_stdout_gets_the_utf8_page_whatever_its_encoding(encoding: str) -> None:
    """The page declares charset=utf-8: it must be UTF-8 bytes, never `?` for what the
    terminal's encoding lacks."""
    result = _report_process(PYTHONIOENCODING=encoding)
    assert result.returncode == 0, result.stderr
    assert result.stdout == _report_process().stdout
    assert result.stdout.decode("utf-8").startswith("<!DOCTYPE html>")
    assert b"?" * 3 not in result.stdout


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_the_page_is_never_written_to_a_terminal() -> None:
    """A page can carry raw control characters (C1, from a source): never sent to a terminal."""
    master, slave = os.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "dprktrack", "--claims", str(CLAIMS), "report"],
            stdout=slave,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
    finally:
        os.close(slave)
        os.close(master)
    assert result.returncode == 2
    assert b"the report is an HTML page: give -o report.html or redirect it" in result.stderr


def _typography_repo(repo_copy: Path) -> str:
    """Retype one claim's quote with straight quotes or apostrophes the source curls (a
    typography warning); its id."""
    data = json.loads(repo_copy.read_text("utf-8"))
    for claim in data["claims"]:
        plain = claim["quote"].translate(str.maketrans("’‘“”", "''\"\""))
        if plain != claim["quote"]:
            claim["quote"] = plain
            repo_copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
            return str(claim["id"])
    raise AssertionError("no quote with curly quotes to retype")


@pytest.mark.parametrize(
    ("settings", "args", "fails"),
    [
        ("", (), False),
        ("strict = true\n", (), True),
        ("strict = true\n", ("--no-strict",), False),
        ("", ("--strict",), True),
        (
            'strict = true\n[[ignore]]\nclaim = "ID"\nverdict = "typography"\nreason = "ok"\n',
            (),
            False,
        ),
    ],
)
def test_the_report_judges_claims_as_check_does_with_the_settings_in_force(
    repo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings: str,
    args: tuple[str, ...],
    fails: bool,
) -> None:
    claim_id = _typography_repo(repo_copy)
    folder = repo_copy.parent
    (folder / "dprktrack.toml").write_text(settings.replace("ID", claim_id), "utf-8")
    monkeypatch.setenv("DPRKTRACK_CONFIG", str(folder / "dprktrack.toml"))
    check = run_cli(["check", *args, claim_id], claims=repo_copy)
    report = run_cli(["report", *args], claims=repo_copy)
    assert (check.exit_code == 1) is fails, check.output
    assert report.exit_code == 0, report.output
    (row,) = Page(report.stdout).by_id(claim_id)
    assert ("fails" in row.attrs["class"].split()) is fails
    assert (claim_id in report.stderr) is fails
    assert bool(Page(report.stdout).highlighted(claim_id)) is not fails


def test_an_ignored_failure_is_told_as_ignored_and_neither_highlighted_nor_counted(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ignore entry lets `check` pass a claim whose quote stands nowhere: the report says
    so in its row ("ignored: changed"), highlights nothing and counts it in no grid cell,
    the grid being the one of the file without that claim."""
    data = json.loads(repo_copy.read_text("utf-8"))
    claim = data["claims"][0]
    claim["quote"] = claim["quote"].replace(" the ", " a ", 1)
    repo_copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    settings = repo_copy.parent / "dprktrack.toml"
    settings.write_text(
        f'[[ignore]]\nclaim = "{claim["id"]}"\nverdict = "changed"\nreason = "a test"\n', "utf-8"
    )
    monkeypatch.setenv("DPRKTRACK_CONFIG", str(settings))
    assert run_cli(["check"], claims=repo_copy).exit_code == 0
    page = run_cli(["report"], claims=repo_copy).stdout
    (row,) = Page(page).by_id(claim["id"])
    assert "fails" not in row.attrs["class"].split()
    assert "ignored: changed" in page.split(f'id="{claim["id"]}"')[1].split("</tr>")[0]
    assert Page(page).highlighted(claim["id"]) == ""
    del data["claims"][0]
    repo_copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    without = run_cli(["report"], claims=repo_copy).stdout

    def grid(html: str) -> str:
        return html.split('<table id="stance_grid">')[1].split("</table>", maxsplit=1)[0]

    assert grid(page) == grid(without)
