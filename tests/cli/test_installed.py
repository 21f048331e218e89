"""The installed `dprktrack` executable, run as a user would, from a folder with no data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import CLAIM_IDS, CLAIMS, SEED


def _executable() -> str:
    beside_python = Path(sys.executable).with_name("dprktrack")
    found = str(beside_python) if beside_python.exists() else shutil.which("dprktrack")
    if found is None:
        pytest.fail("dprktrack is not installed: pip install '.[test]' first")
    return found


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DPRKTRACK")}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [_executable(), *args],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_installed_tool_works_from_any_folder_on_its_bundled_data(tmp_path: Path) -> None:
    result = _run("list", "--actor", "nebenzya", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    seed = SEED.read_text("utf-8")
    assert len(records) == 8
    for record in records:
        assert seed[record["start"] : record["end"]] == record["quote"]


def test_installed_tool_reports_a_broken_file_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "claims.json").write_text('{"sources": [}', "utf-8")
    result = _run("actors", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "error: claims.json:1:14: invalid JSON: Expecting value\n"
    assert "Traceback" not in result.stderr


def test_python_dash_m_runs_the_same_command_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dprktrack", "show", "c001", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout)["actor_id"] == "russia"


def test_a_reader_closing_the_pipe_early_ends_the_run_quietly(
    tmp_path: Path, claims_data: dict[str, object]
) -> None:
    claims = claims_data["claims"]
    assert isinstance(claims, list)
    claims_data["claims"] = [dict(c, id=f"x{i}") for i, c in enumerate(claims * 20)]
    shutil.copytree(SEED.parent, tmp_path / "seeds")
    (tmp_path / "claims.json").write_text(json.dumps(claims_data), "utf-8")
    with subprocess.Popen(
        [_executable(), "list", "--format", "json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.read(100).startswith(b"[")
        process.stdout.close()  # output is ~1 MB, far beyond the pipe's buffer
        errors = process.stderr.read()
        assert process.wait(timeout=60) == 0
    assert errors == b""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_actor_names_to_ids_with_the_installed_script(tmp_path: Path) -> None:
    """The README's bash setup, end to end: the script click writes, then a completion."""
    folder = Path(_executable()).parent
    script = f"""
        export PATH={folder}:$PATH
        eval "$(_DPRKTRACK_COMPLETE=bash_source dprktrack)"
        COMP_WORDS=(dprktrack list --actor Vasily); COMP_CWORD=3
        _dprktrack_completion dprktrack
        printf '%s\\n' "${{COMPREPLY[@]}}"
        COMPREPLY=(); COMP_WORDS=(dprktrack show c05); COMP_CWORD=2
        _dprktrack_completion dprktrack
        printf '%s\\n' "${{COMPREPLY[@]}}"
        # As bash splits `--stance sunset-clauses=o` (at the =), with the line as typed.
        COMPREPLY=(); COMP_WORDS=(dprktrack --claims {CLAIMS} add --stance sunset-clauses = o)
        COMP_CWORD=7; COMP_LINE="dprktrack --claims {CLAIMS} add --stance sunset-clauses=o"
        COMP_POINT=${{#COMP_LINE}}
        _dprktrack_completion dprktrack
        printf '%s\\n' "${{COMPREPLY[@]}}"
        COMPREPLY=(); COMP_WORDS=(dprktrack list --actor = mos); COMP_CWORD=4
        COMP_LINE="dprktrack list --actor=mos"; COMP_POINT=${{#COMP_LINE}}
        _dprktrack_completion dprktrack
        printf '%s\\n' "${{COMPREPLY[@]}}"
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("DPRKTRACK")}
    result = subprocess.run(
        ["bash", "-c", script], check=False, cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    claims = [claim_id for claim_id in CLAIM_IDS if claim_id.startswith("c05")]
    assert result.stdout.split() == ["nebenzya", *claims, "oppose", "russia"]
