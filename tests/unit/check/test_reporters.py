"""The check reporters: one per `check --format`, chosen by `build_reporter`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from typing import Any

import pytest

from dprktrack.check.findings import Finding, Report
from dprktrack.check.reporters import (
    FORMATS,
    GithubReporter,
    JsonReporter,
    Reporter,
    RichReporter,
    TextReporter,
    build_reporter,
)
from dprktrack.check.run import CheckRun
from dprktrack.cli.checking import CHECK_FORMATS

PLAIN: dict[str, str] = {}
COLOUR = {"FORCE_COLOR": "1"}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_every_format_check_takes_has_a_reporter() -> None:
    assert set(FORMATS) == set(CHECK_FORMATS)
    for fmt in CHECK_FORMATS:
        assert isinstance(build_reporter(fmt, io.StringIO(), PLAIN), Reporter)


@pytest.mark.parametrize(
    ("fmt", "stream", "environ", "kind"),
    [
        pytest.param("json", io.StringIO(), COLOUR, JsonReporter, id="json"),
        pytest.param("github", _Terminal(), PLAIN, GithubReporter, id="github"),
        pytest.param("text", io.StringIO(), PLAIN, TextReporter, id="text-piped"),
        pytest.param("text", io.StringIO(), COLOUR, RichReporter, id="text-forced-colour"),
        pytest.param("text", _Terminal(), PLAIN, RichReporter, id="text-terminal"),
        pytest.param(None, io.StringIO(), PLAIN, TextReporter, id="default"),
        pytest.param(None, io.StringIO(), {"GITHUB_ACTIONS": "true"}, GithubReporter, id="ci"),
    ],
)
def test_the_format_and_the_stream_choose_the_reporter(
    fmt: str | None, stream: io.StringIO, environ: dict[str, str], kind: type[Reporter]
) -> None:
    assert type(build_reporter(fmt, stream, environ)) is kind


@pytest.mark.parametrize("fmt", ["xml", "rich", "JSON "])
def test_an_unknown_format_is_an_error(fmt: str) -> None:
    with pytest.raises(ValueError, match="unknown check format"):
        build_reporter(fmt, io.StringIO(), PLAIN)


RAW = '{\n  "sources": [],\n  "claims": [\n    {\n      "id": "c001"\n    }\n  ]\n}\n'


def _run() -> CheckRun:
    """A run with one failing claim and one passing claim, written as RAW."""
    failing = Finding("c001", "claim", "changed", "s1", "reads differently", ("claims", 0))
    failing.diff = "[-was-] {+is+}"
    passing = Finding("c002", "claim", "ok", "s1", "at its recorded offsets", ("claims", 1))
    return CheckRun(Report([failing, passing]), "claims.json", RAW)


def _written(fmt: str) -> str:
    out = io.StringIO()
    build_reporter(fmt, out, PLAIN).report(_run())
    return out.getvalue()


def test_text_lists_the_failure_where_it_stands_with_its_diff() -> None:
    assert _written("text").splitlines() == [
        "claims.json:5:7: c001 changed: reads differently",
        "    [-was-] {+is+}",
        "2 claims checked: 1 ok, 1 changed. 1 failure, 0 warnings.",
    ]


def test_json_lists_every_claim_and_the_summary() -> None:
    written: dict[str, Any] = json.loads(_written("json"))
    assert [record["id"] for record in written["results"]] == ["c001", "c002"]
    assert written["summary"]["failures"] == 1


def test_github_annotates_the_failure_only() -> None:
    assert _written("github").splitlines() == [
        "::error file=claims.json,line=5,col=7,title=c001 changed::reads differently%0A"
        "[-was-] {+is+}",
        "2 claims checked: 1 ok, 1 changed. 1 failure, 0 warnings.",
    ]


def test_machine_and_plain_reporters_never_import_rich() -> None:
    script = (
        "import io, sys\n"
        "from dprktrack.check.reporters import build_reporter\n"
        "from dprktrack.check.findings import Report\n"
        "from dprktrack.check.run import CheckRun\n"
        "run = CheckRun(Report(), 'claims.json', '{}')\n"
        "for fmt in ('json', 'github', 'text', 'sarif', 'junit', 'gitlab'):\n"
        "    build_reporter(fmt, io.StringIO(), {}).report(run)\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'rich'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"
