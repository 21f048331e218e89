"""Shared fixtures: the real claims file and seed, and throw-away copies of them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import Result
from support import CLAIMS, REPO, Invoke, run_cli


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

    def run(
        *args: str,
        claims: Path | None = CLAIMS,
        env: Mapping[str, str | None] | None = None,
        input: str | bytes | IO[Any] | None = None,
    ) -> Result:
        return run_cli(args, claims=claims, env=env, input=input)

    return run
