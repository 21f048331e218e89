"""The browser tests' own set-up: which Chromium they find, that they skip saying why where
there is none, that CI makes them fail there instead, and that a page's stray request, dialog
or error is caught (else "none happened" would prove nothing)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from browsing import MISSING, Opener, find_chromium
from support import REPO

NESTED = "DPRKTRACK_NESTED_PYTEST"
"""Set in the pytest runs these tests start, so that none of them starts another."""


def test_the_named_chromium_is_the_only_one_looked_at(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "my-chromium"
    fake.write_text("#!/bin/sh\n", "utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("DPRKTRACK_CHROMIUM", str(fake))
    assert find_chromium() == fake
    monkeypatch.setenv("DPRKTRACK_CHROMIUM", str(tmp_path / "nonexistent"))
    assert find_chromium() is None


def test_without_a_setting_chromium_is_looked_for_on_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DPRKTRACK_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_chromium() is None
    browser = tmp_path / "chromium-browser"
    browser.write_text("#!/bin/sh\n", "utf-8")
    browser.chmod(0o755)
    assert find_chromium() == browser


def run_without_chromium(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """One browser test run in a fresh pytest where no Chromium can be found."""
    settings = {k: v for k, v in os.environ.items() if k != "DPRKTRACK_REQUIRE_BROWSER"}
    settings.update(DPRKTRACK_CHROMIUM=str(tmp_path / "nonexistent"), **env)
    test = "tests/browser/test_report_page.py::test_no_filter_shows_every_claim"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", "-q", test],
        cwd=REPO,
        env=settings,
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_chromium_the_browser_tests_skip_saying_why(tmp_path: Path) -> None:
    run = run_without_chromium(tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 skipped" in run.stdout
    assert MISSING in run.stdout


def test_where_the_browser_is_required_a_missing_chromium_fails(tmp_path: Path) -> None:
    run = run_without_chromium(tmp_path, DPRKTRACK_REQUIRE_BROWSER="1")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "skipped" not in run.stdout
    assert MISSING in run.stdout


def test_ci_installs_chromium_and_requires_the_browser_tests_before_running_them() -> None:
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    tests = ci.index(".venv/bin/pytest")
    assert -1 < ci.index("apt-get install -y chromium") < tests
    assert -1 < ci.index("export DPRKTRACK_REQUIRE_BROWSER=1") < tests


NOISY = """<!DOCTYPE html><html><head><title>noisy</title>
<link rel="stylesheet" href="http://127.0.0.1:9/style.css"></head><body>
<img src="https://example.invalid/pixel.png"><script>
alert("hello"); console.error("broken"); throw new Error("oops");
</script></body></html>"""


def test_a_page_that_calls_out_opens_dialogs_or_errs_is_caught(
    open_report: Opener, tmp_path: Path
) -> None:
    page = tmp_path / "noisy.html"
    page.write_text(NOISY, "utf-8")
    visit = open_report(page)
    visit.page.wait_for_function("() => document.readyState === 'complete'")  # both asked
    assert sorted(visit.left) == [
        "http://127.0.0.1:9/style.css",
        "https://example.invalid/pixel.png",
    ]
    assert visit.dialogs == ["alert: hello"]
    assert any("broken" in error for error in visit.errors)
    assert any("oops" in error for error in visit.errors)
    with pytest.raises(AssertionError):
        visit.assert_quiet()
    visit.left.clear()
    visit.dialogs.clear()
    visit.errors.clear()


@pytest.mark.parametrize(
    "how",
    [
        ["tests/browser", "-k", "no_test_has_this_name"],  # all deselected
        ["tests", "--ignore=tests/browser", "-k", "test_architecture"],
        ["tests/browser/test_setup.py", "-k", "looked_at"],  # only the set-up, no browser
        ["tests/unit/test_architecture.py"],  # other paths asked for (PYTEST_ADDOPTS too)
    ],
    ids=["deselected", "ignored", "set-up-only", "other-paths"],
)
def test_where_required_a_run_of_the_browser_tests_with_none_passing_fails(
    how: list[str],
) -> None:
    """CI (DPRKTRACK_REQUIRE_BROWSER=1) cannot go green with the browser tests turned off."""
    if os.environ.get(NESTED):
        pytest.skip("a pytest run inside this test's own run")
    settings = {**os.environ, "DPRKTRACK_REQUIRE_BROWSER": "1", NESTED: "1"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *how],
        cwd=REPO, env=settings, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode != 0, run.stdout
    assert "no browser test passed" in run.stdout
