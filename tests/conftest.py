"""Shared fixtures: the real claims file and seed, and throw-away copies of them; and the
hypothesis profiles ("dev" by default, "ci" when CI is set, or as HYPOTHESIS_PROFILE says)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, settings
from support import CLAIMS, REPO, Invoke, run_cli


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis profiles, loaded before any test module builds its settings."""
    settings.register_profile("dev", settings.get_profile("default"))
    settings.register_profile(
        "ci",
        derandomize=True,  # the same examples on every run: a red build can be reproduced
        database=None,
        deadline=None,  # shared runners are slow now and then; speed is measured in bench/
        print_blob=True,
        max_examples=100,  # hypothesis's own default: the suite takes as long as on a desk
        suppress_health_check=[HealthCheck.too_slow],
    )
    chosen = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    settings.load_profile(chosen)


def _drives_chromium(nodeid: str) -> bool:
    """A browser test proper (tests/browser/test_setup.py tests how Chromium is found)."""
    return nodeid.startswith("tests/browser/") and not nodeid.startswith(
        "tests/browser/test_setup.py"
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Where the browser tests are required (DPRKTRACK_REQUIRE_BROWSER=1, as CI sets it), a
    run in which none of them passed fails, whatever it was asked for: a deselection, an
    `--ignore`, a marker or paths slipped into the settings or PYTEST_ADDOPTS cannot turn them
    off while CI stays green. (A run of some other tests alone unsets the variable.)"""
    if os.environ.get("DPRKTRACK_REQUIRE_BROWSER") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    passed = reporter.stats.get("passed", []) if reporter is not None else []
    if any(_drives_chromium(report.nodeid) for report in passed):
        return
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if reporter is not None:
        reporter.write_line(
            "error: DPRKTRACK_REQUIRE_BROWSER=1 but no browser test passed "
            "(tests/browser did not run: deselected, ignored, or no browser)",
            red=True,
        )


@pytest.fixture(scope="session")
def empty_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty settings file: what every test runs with unless it asks for another."""
    path = tmp_path_factory.mktemp("settings") / "dprktrack.toml"
    path.write_text("", "utf-8")
    return path


@pytest.fixture(autouse=True)
def _isolated_from_the_repositorys_settings(
    empty_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repository's own `[tool.dprktrack]` (strict = true) is for checking its claims
    file, not for the tests' throw-away ones: each test reads an empty settings file,
    unless it drops DPRKTRACK_CONFIG (the settings tests, the documentation's examples)."""
    monkeypatch.setenv("DPRKTRACK_CONFIG", str(empty_settings))


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
