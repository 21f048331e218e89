"""What a first hostile trial found: hidden characters un-escaped by a rewrite, patches
without a final newline, workflow commands in CI logs, and searches without a budget."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support import SEED, Invoke

from dprktrack.check.reporters import check_findings
from dprktrack.cli.group import one_line_message
from dprktrack.matching.matcher import APPROXIMATE_WORK, Document, Hints, match_quote
from dprktrack.output.safetext import inert_in_logs


def _without_anchors(claims: Path, *, final_newline: bool = True) -> None:
    data = json.loads(claims.read_text("utf-8"))
    for claim in data["claims"][:3]:
        for key in ("start", "end", "prefix", "suffix"):
            claim.pop(key, None)
    data["claims"][0]["summary"] = "Hidden \u202e override, \x9b CSI and \u2028 separator."
    text = json.dumps(data, indent=2, ensure_ascii=True)  # every one of them escaped
    claims.write_text(text + ("\n" if final_newline else ""), "utf-8")


def test_fix_keeps_what_a_terminal_would_obey_escaped(invoke: Invoke, repo_copy: Path) -> None:
    _without_anchors(repo_copy)
    assert invoke("check", "--fix", claims=repo_copy).exit_code == 0
    text = repo_copy.read_text("utf-8")
    assert not any(char in text for char in "\u202e\x9b\u2028")
    assert "\\u202e" in text
    assert "\\u009b" in text
    summary = json.loads(text)["claims"][0]["summary"]
    assert summary == "Hidden \u202e override, \x9b CSI and \u2028 separator."


def test_the_dry_run_patch_applies_to_a_file_without_a_final_newline(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_anchors(repo_copy, final_newline=False)
    monkeypatch.chdir(repo_copy.parent)
    result = invoke("check", "--fix", "--dry-run", claims=Path("claims.json"))
    assert "\\ No newline at end of file\n" in result.stdout
    (repo_copy.parent / "fix.diff").write_text(result.stdout, "utf-8")
    applied = subprocess.run(
        ["git", "apply", "fix.diff"],
        check=False,
        cwd=repo_copy.parent,
        capture_output=True,
        text=True,
    )
    assert applied.returncode == 0, applied.stderr
    assert invoke("check", "--strict", claims=Path("claims.json")).exit_code == 0


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("::error::pwned", "\\x3a:error::pwned"),
        ("   ::notice title=ok::all verified", "   \\x3a:notice title=ok::all verified"),
        ("quote ##[stop-commands]token", "quote ##\\x5bstop-commands]token"),
        ("a plain :: colon pair", "a plain :: colon pair"),
    ],
)
def test_a_line_from_data_cannot_be_a_workflow_command(line: str, shown: str) -> None:
    assert inert_in_logs(line) == shown
    assert one_line_message(line) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "first\n::error::second\n  ::warning::third",
            "first\n\\x3a:error::second\n  \\x3a:warning::third",
        ),
        ("\x1b[1;31m::error::x\x1b[0m", "\x1b[1;31m\\x3a:error::x\x1b[0m"),
        (" \x1b[2m :\x1b[0m:notice::x", " \x1b[2m \\x3a\x1b[0m:notice::x"),
        ("##\x1b[31m[group]", "##\x1b[31m\\x5bgroup]"),
        ("a\u3000::b", "a\u3000::b"),
        ("\u3000::b", "\u3000\\x3a:b"),
    ],
)
def test_lines_laid_out_with_colour_cannot_be_workflow_commands(text: str, shown: str) -> None:
    """What a console prints: several lines, colour codes a log viewer may strip."""
    assert inert_in_logs(text) == shown
    assert inert_in_logs(shown) == shown, "inert text stays as it is"


def test_a_check_diff_line_cannot_be_a_workflow_command() -> None:
    record = {
        "verdict": "changed",
        "severity": "failure",
        "line": 3,
        "column": 7,
        "id": "c001",
        "message": "reads differently ##[warning]x",
        "fixed": False,
        "diff": "::notice title=All claims verified::ok [-NOW-] {+now+}",
    }
    lines = [line.plain for line in check_findings("claims.json", [record], "1 claim checked")]
    assert all(not line.lstrip().startswith("::") for line in lines)
    assert all("##[" not in line for line in lines)


def test_a_near_miss_quote_against_a_long_source_is_not_searched_for_ever() -> None:
    seed = SEED.read_text("utf-8")
    long_source = seed * (APPROXIMATE_WORK // (900 * len(seed)) + 2)
    quote = seed[3000:3900].replace("e", "é")  # close to the source, nowhere verbatim
    match = match_quote(Document(long_source, "long.txt"), quote, Hints())
    assert (match.stage, match.too_long) == ("none", True)
    near = match_quote(Document(seed, "seed.txt"), quote, Hints())
    assert near.stage != "none"  # the same quote in the article itself is still looked for


def test_fix_on_a_file_without_claims_renews_the_pin(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the fuzz test: a file without claims made --fix fail (exit 70)."""
    data = json.loads(repo_copy.read_text("utf-8"))
    data["claims"] = []
    data["sources"][0]["sha256"] = "0" * 64
    repo_copy.write_text(json.dumps(data, indent=2), "utf-8")
    result = invoke("check", "--fix", claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert json.loads(repo_copy.read_text("utf-8"))["sources"][0]["sha256"] != "0" * 64


def test_a_file_without_its_claims_key_is_refused_not_taken_as_empty(
    invoke: Invoke, repo_copy: Path
) -> None:
    """A merge that drops the whole list must not pass as a file with nothing to check."""
    data = json.loads(repo_copy.read_text("utf-8"))
    del data["claims"]
    repo_copy.write_text(json.dumps(data, indent=2), "utf-8")
    before = repo_copy.read_bytes()
    for args in (["check"], ["check", "--fix"], ["list"], ["export"]):
        result = invoke(*args, claims=repo_copy)
        assert result.exit_code == 2, args
        assert result.stderr == f"error: {repo_copy}:1:1: $.claims: Field required\n"
        assert result.stdout == ""
    assert repo_copy.read_bytes() == before
