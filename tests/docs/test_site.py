"""The documentation site builds without a warning, and its command reference is current."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from support import REPO

PAGES = (
    "index",
    "lookups",
    "changes",
    "check-and-ci",
    "curating",
    "second-article",
    "export",
    "sharing",
    "claims-file",
    "codebook",
    "security",
    "performance",
    "development",
    "reference",
)


def test_the_site_builds_in_strict_mode_without_a_warning(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="mkdocs is not installed: pip install '.[test]'")
    pytest.importorskip(
        "material", reason="mkdocs-material is not installed: pip install '.[test]'"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(REPO / "mkdocs.yml"),
        "--site-dir",
        str(tmp_path / "site"),
    ]
    built = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    log = built.stdout + built.stderr
    assert built.returncode == 0, log
    assert "WARNING" not in log, log
    for page in PAGES:
        where = "index.html" if page == "index" else f"{page}/index.html"
        assert (tmp_path / "site" / where).is_file(), page


def test_every_page_is_in_the_nav_and_linked_from_the_readme() -> None:
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    readme = (REPO / "README.md").read_text("utf-8")
    assert sorted(path.stem for path in (REPO / "docs").glob("*.md")) == sorted(PAGES)
    for page in PAGES:
        assert f" {page}.md" in config, page
        if page != "index":
            assert f"(docs/{page}.md)" in readme, page


def test_the_command_reference_is_what_cog_writes_from_the_help() -> None:
    cogapp = pytest.importorskip("cogapp", reason="cogapp is not installed: pip install '.[test]'")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = cogapp.Cog().main(["cog", "--check", str(REPO / "docs" / "reference.md")])
    assert status == 0, f"{out.getvalue()}{err.getvalue()}run: cog -r docs/reference.md"


def test_ci_checks_the_command_reference_after_the_tests() -> None:
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert ".venv/bin/cog --check docs/reference.md" in ci
    assert ci.index(".venv/bin/pytest") < ci.index("cog --check docs/reference.md")
