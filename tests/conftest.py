"""Shared fixtures: the real claims file and seed, and throw-away copies of them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from support import CLAIMS, REPO, Invoke

from dprktrack.cli import main


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A temporary folder holding copies of claims.json and seeds/; returns the claims path."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copy2(CLAIMS, tmp_path / "claims.json")
    return tmp_path / "claims.json"


@pytest.fixture
def claims_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CLAIMS.read_text("utf-8"))
    return data


@pytest.fixture
def write_claims(repo_copy: Path) -> Callable[[Any], Path]:
    """Write a (possibly broken) claims document beside a copy of the seed."""

    def write(data: Any) -> Path:
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
        repo_copy.write_text(text, "utf-8")
        return repo_copy

    return write


@pytest.fixture
def invoke() -> Invoke:
    """Run the command line in-process; `claims` defaults to the repo's own file."""

    def run(*args: str, claims: Path | None = CLAIMS, env: dict[str, str] | None = None) -> Result:
        prefix = ["--claims", str(claims)] if claims is not None else []
        return CliRunner().invoke(
            main, [*prefix, *args], env=env, catch_exceptions=False, prog_name="dprktrack"
        )

    return run
