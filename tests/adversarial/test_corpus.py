"""The broken-file corpus: every hostile or malformed claims file and source, and its answer.

Each case in corpus/cases/ (beside this file) is a claims file beside a copy of
corpus/source.txt (or of corpus/sources/CASE.txt where the source is the broken
part). `dprktrack check` must give exactly the exit code, stderr and stdout in
corpus/expected.json: a one-line error naming file and place with exit 2,
or the check's own verdicts where the file is valid. Cases that cannot live in git
(symbolic links, pipes, files of 50 MB and more) are built here in a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from support import REPO, Invoke, set_at

from dprktrack.claimsfile.safeio import MAX_CLAIMS_BYTES, MAX_SOURCE_BYTES

CORPUS = REPO / "tests" / "adversarial" / "corpus"
CASES = sorted(path.stem for path in (CORPUS / "cases").glob("*.json"))
EXPECTED: dict[str, dict[str, Any]] = json.loads((CORPUS / "expected.json").read_text("utf-8"))
MIB = 1024 * 1024


def _lay_out(case: str, folder: Path) -> None:
    """The case's claims file and source, as a curator's checkout would hold them."""
    shutil.copyfile(CORPUS / "cases" / f"{case}.json", folder / "claims.json")
    broken_source = CORPUS / "sources" / f"{case}.txt"
    source = broken_source if broken_source.exists() else CORPUS / "source.txt"
    shutil.copyfile(source, folder / "source.txt")


def _check(invoke: Invoke, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(folder)
    return invoke("check", claims=Path("claims.json"))


def _answer(result: Result) -> dict[str, Any]:
    return {
        "exit": result.exit_code,
        "stderr": result.stderr.splitlines(),
        "stdout": result.stdout.splitlines(),
    }


def test_the_corpus_is_large_and_every_case_has_an_answer() -> None:
    assert len(CASES) + len(BUILT_CASES) >= 40
    assert set(CASES) == set(EXPECTED)


@pytest.mark.parametrize("case", CASES)
def test_each_broken_file_gets_its_exact_answer(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    _lay_out(case, tmp_path)
    result = _check(invoke, tmp_path, monkeypatch)
    assert _answer(result) == EXPECTED[case]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "case", [case for case in CASES if EXPECTED[case]["stderr"][:1] and EXPECTED[case]["exit"] == 2]
)
def test_a_file_that_cannot_be_loaded_is_refused_alike_by_every_command(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    _lay_out(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    expected = EXPECTED[case]["stderr"]
    if any("source 'article'" in line for line in expected):
        pytest.skip("a source is read by check, show and read only")
    for command in (["list"], ["list", "--format", "json"], ["actors"], ["show", "c1"]):
        result = invoke(*command, claims=Path("claims.json"))
        assert (result.exit_code, result.stderr.splitlines(), result.stdout) == (2, expected, "")


# --- cases built at run time ----------------------------------------------------------


def _edit_claims(
    folder: Path, edit: Callable[[dict[str, Any]], object], *, indent: int | None = 2
) -> None:
    """Change the laid-out claims file in place; millions of records go on one line."""
    data = json.loads((folder / "claims.json").read_text("utf-8"))
    edit(data)
    (folder / "claims.json").write_text(json.dumps(data, indent=indent), "utf-8")


def _fifty_megabyte_quote(folder: Path) -> None:
    _edit_claims(
        folder, set_at(("claims", 0, "quote"), "detached from reality " * (50 * MIB // 22))
    )
    assert (folder / "claims.json").stat().st_size > 50 * MIB


def _a_million_broken_claims(folder: Path) -> None:
    _edit_claims(folder, set_at(("claims",), [{}] * 900_000), indent=None)


def _five_million_values(folder: Path) -> None:
    _edit_claims(folder, set_at(("claims",), [0] * 5_000_000), indent=None)


def _claims_over_the_limit(folder: Path) -> None:
    with (folder / "claims.json").open("r+b") as stream:
        stream.truncate(MAX_CLAIMS_BYTES + 1)  # sparse: no disk is spent on it


def _hundred_megabyte_source(folder: Path) -> None:
    with (folder / "source.txt").open("r+b") as stream:
        stream.truncate(100 * MIB)


def _source_linked_outside(folder: Path) -> None:
    secret = folder.parent / f"{folder.name}-secret.txt"
    secret.write_text("password=hunter2\n", "utf-8")
    (folder / "source.txt").unlink()
    (folder / "source.txt").symlink_to(secret)


def _folder_linked_outside(folder: Path) -> None:
    outside = folder.parent / f"{folder.name}-outside"
    outside.mkdir()
    (outside / "source.txt").write_text("password=hunter2\n", "utf-8")
    _set_source_path(folder, "texts/source.txt")
    (folder / "texts").symlink_to(outside, target_is_directory=True)


def _source_linked_to_a_hidden_file(folder: Path) -> None:
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("extraheader = password=hunter2\n", "utf-8")
    (folder / "source.txt").unlink()
    (folder / "source.txt").symlink_to(Path(".git") / "config")


def _source_linked_inside(folder: Path) -> None:
    (folder / "texts").mkdir()
    (folder / "source.txt").rename(folder / "texts" / "article.txt")
    (folder / "source.txt").symlink_to(Path("texts") / "article.txt")


def _source_is_a_pipe(folder: Path) -> None:
    (folder / "source.txt").unlink()
    os.mkfifo(folder / "source.txt")


def _source_is_a_folder(folder: Path) -> None:
    (folder / "source.txt").unlink()
    (folder / "source.txt").mkdir()


def _source_is_a_device(folder: Path) -> None:
    (folder / "source.txt").unlink()
    try:
        os.mknod(folder / "source.txt", 0o644 | stat.S_IFCHR, os.makedev(1, 3))  # /dev/null
    except PermissionError:
        pytest.skip("making a device file needs privileges")


def _set_source_path(folder: Path, path: str) -> None:
    _edit_claims(folder, set_at(("sources", 0, "path"), path))


QUOTE_TOO_LONG = (
    "error: claims.json:40:16: $.claims[0].quote (claim c1): String should have at most 10000 "
    "characters (got 'detached from reality detached from reality detached from r…)"
)
OUTSIDE = (
    "error: claims.json:5:15: source 'article': {} leads outside the folder of the claims file"
)
NOT_REGULAR = "is a device, a pipe or a socket, not a regular file"
BUILT_CASES: dict[str, tuple[Any, str]] = {
    "claims-of-five-million-values": (
        _five_million_values,
        "error: claims.json: holds more than 4,000,000 JSON values; not read",
    ),
    "claims-of-fifty-megabytes": (_fifty_megabyte_quote, QUOTE_TOO_LONG),
    "claims-over-the-size-limit": (
        _claims_over_the_limit,
        "error: claims.json: claims file is larger than the limit of "
        f"{MAX_CLAIMS_BYTES // MIB} MiB",
    ),
    "source-of-a-hundred-megabytes": (
        _hundred_megabyte_source,
        "error: claims.json:5:15: source 'article': source.txt is larger than the limit of "
        f"{MAX_SOURCE_BYTES // MIB} MiB",
    ),
    "source-linked-outside": (
        _source_linked_outside,
        OUTSIDE.format("source.txt") + " through a symbolic link",
    ),
    "folder-linked-outside": (
        _folder_linked_outside,
        OUTSIDE.format("texts/source.txt") + " through a symbolic link",
    ),
    "source-linked-to-a-hidden-file": (
        _source_linked_to_a_hidden_file,
        "error: claims.json:5:15: source 'article': source.txt leads to a hidden file or folder "
        "(such as .git) through a symbolic link",
    ),
    "source-is-a-pipe": (
        _source_is_a_pipe,
        f"error: claims.json:5:15: source 'article': source.txt {NOT_REGULAR}",
    ),
    "source-is-a-device": (
        _source_is_a_device,
        f"error: claims.json:5:15: source 'article': source.txt {NOT_REGULAR}",
    ),
    "source-is-a-folder": (
        _source_is_a_folder,
        "error: claims.json:5:15: source 'article': source.txt is a directory, not a file",
    ),
}


@pytest.mark.parametrize("case", BUILT_CASES)
def test_each_built_case_is_refused_in_one_line_before_reading(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    build, message = BUILT_CASES[case]
    _lay_out("valid", tmp_path)
    build(tmp_path)
    result = _check(invoke, tmp_path, monkeypatch)
    assert (result.exit_code, result.stderr, result.stdout) == (2, message + "\n", "")
    assert "hunter2" not in result.output


def test_a_million_broken_claims_cost_a_hundred_lines_not_a_million(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _lay_out("valid", tmp_path)
    _a_million_broken_claims(tmp_path)
    result = _check(invoke, tmp_path, monkeypatch)
    lines = result.stderr.splitlines()
    assert (result.exit_code, len(lines)) == (2, 101)
    assert lines[0].startswith("error: claims.json:1:")
    assert "$.claims[0].id: Field required" in lines[0]
    assert lines[-1] == "error: claims.json: … and more problems not shown; mend these first"


def test_a_link_that_stays_inside_the_folder_is_followed(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _lay_out("valid", tmp_path)
    _source_linked_inside(tmp_path)
    result = _check(invoke, tmp_path, monkeypatch)
    assert (result.exit_code, result.stdout) == (0, EXPECTED["valid"]["stdout"][0] + "\n")


def test_a_refused_source_is_refused_by_show_and_read_too(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _lay_out("valid", tmp_path)
    _source_linked_outside(tmp_path)
    monkeypatch.chdir(tmp_path)
    for command in (["show", "c1"], ["read"], ["locate", "hunter2"]):
        result = invoke(*command, claims=Path("claims.json"))
        assert result.exit_code == 2, command
        assert "leads outside the folder" in result.stderr
        assert "hunter2" not in result.output


def test_a_claims_file_read_from_an_endless_device_stops_at_the_limit(invoke: Invoke) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    result = invoke("list", claims=Path("/dev/zero"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: /dev/zero: claims file is larger than the limit of {MAX_CLAIMS_BYTES // MIB} MiB\n"
    )
