"""The schema command: the JSON Schema of the claims file, as committed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import SCHEMA_FILE, Invoke


def test_the_committed_schema_is_what_the_command_prints(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # no claims file here: the command needs none
    result = invoke("schema", claims=None)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout_bytes == SCHEMA_FILE.read_bytes(), (
        "claims.schema.json is out of date with the models; regenerate it from the "
        "repository root with: dprktrack schema > claims.schema.json"
    )


def test_schema_help_shows_how_to_write_the_file_without_loading_pydantic() -> None:
    script = (
        "import sys\n"
        "from dprktrack.cli import main\n"
        "try:\n"
        "    main(['schema', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pydantic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert "Example:\n    dprktrack schema > claims.schema.json\n" in result.stdout
    assert result.stdout.endswith("False\n")
