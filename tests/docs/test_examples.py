"""Every console example in README.md and docs/*.md prints what it shows, none skipped.

A ```console block is one session: `$ ` and a command line, then what a terminal shows,
stdout and stderr as they interleave, run with `COLUMNS=100 NO_COLOR=1`. Shown lines are
compared with the real ones after trailing spaces are dropped, in order and side by side:

- a line that is only `…` stands for lines left out (none or more);
- a line ending in `…` stands for a real line that begins with the text before it;
- any other line must equal its real line, line and column numbers included.

Without a `…` at its start or end, the block shows the first or last line of the output.
An HTML comment just before the block (`<!-- fixture: misquote, exit: 1 -->`, invisible on
the site) names a folder of tests/docs/fixtures/ to run in and the exit code expected
(0 unless given); a fixture's edit.toml may copy the repository's data in, commit the
folder to a new git repository (`commit = "message"`) and then edit files. Without a
fixture, the example runs in the repository on the bundled data, which it must leave
unchanged.
"""

from __future__ import annotations

import contextlib
import re
import shlex
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click import formatting
from click.testing import CliRunner, Result
from support import REPO, commit_all

from dprktrack.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = (REPO / "README.md", *sorted((REPO / "docs").glob("*.md")))
BLOCK = re.compile(
    r"(?:<!--(?P<note>[^>]*)-->\n)?```console\n(?P<body>.*?)```", re.DOTALL | re.MULTILINE
)
GAP = "…"


@dataclass(frozen=True)
class Example:
    """One console block: where it is, what it runs, in which fixture, what it shows."""

    page: str
    line: int
    command: str
    fixture: str | None
    exit_code: int
    shown: tuple[str, ...]
    lead: str
    """The paragraph the block follows, which a reader of the site sees."""

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


def parse_note(note: str | None) -> tuple[str | None, int]:
    """The fixture and exit code an HTML comment names (`fixture: NAME, exit: N`)."""
    pairs = (part.split(":", 1) for part in (note or "").split(",") if ":" in part)
    fields = {key.strip(): value.strip() for key, value in pairs}
    assert set(fields) <= {"fixture", "exit"}, f"unknown keys in <!--{note}-->"
    return fields.get("fixture"), int(fields.get("exit", "0"))


def examples_of(page: Path) -> list[Example]:
    """The console blocks of one page, each with its single command."""
    text = page.read_text("utf-8")
    found = []
    for match in BLOCK.finditer(text):
        lines = match["body"].rstrip("\n").split("\n")
        commands = [line for line in lines if line.startswith("$ ")]
        name, line = str(page.relative_to(REPO)), text.count("\n", 0, match.start("body"))
        assert lines[0].startswith("$ "), f"{name}:{line}: a block begins with `$ COMMAND`"
        assert len(commands) == 1, f"{name}:{line}: one command a block"
        fixture, exit_code = parse_note(match["note"])
        shown = tuple(line.rstrip() for line in lines[1:])
        lead = text[: match.start()].rstrip().rsplit("\n\n", 1)[-1]
        found.append(Example(name, line, lines[0][2:], fixture, exit_code, shown, lead))
    return found


EXAMPLES = [example for page in PAGES for example in examples_of(page)]


def prepare_fixture(name: str, folder: Path) -> None:
    """Copy the fixture's files into `folder` and make the edits its edit.toml describes."""
    source = FIXTURES / name
    assert source.is_dir(), f"no fixture {source}"
    shutil.copytree(source, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("edit.toml"))
    plan_file = source / "edit.toml"
    if not plan_file.exists():
        return
    plan = tomllib.loads(plan_file.read_text("utf-8"))
    if "copy_repo_into" in plan:
        into = folder / plan["copy_repo_into"]
        shutil.copytree(REPO / "seeds", into / "seeds", dirs_exist_ok=True)
        shutil.copy2(REPO / "claims.json", into / "claims.json")
    if "commit" in plan:  # a git repository whose one commit is the files as copied
        commit_all(folder, plan["commit"])
    for edit in plan.get("replace", []):
        path = folder / edit["file"]
        text = path.read_text("utf-8")
        assert text.count(edit["old"]) == 1, f"{name}: {edit['old']!r} must occur once"
        path.write_bytes(text.replace(edit["old"], edit["new"]).encode("utf-8"))


def split_command(command: str) -> tuple[dict[str, str], list[str]]:
    """The environment a command line sets (`NO_COLOR=1 dprktrack …`) and dprktrack's args."""
    words = shlex.split(command)
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    while words and "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    assert words[:1] == ["dprktrack"], f"an example runs dprktrack alone, not {command!r}"
    assert not {"|", ">", "<", "&&", ";"} & set(words), f"no shell syntax in {command!r}"
    return env, words[1:]


def matches(shown: str, actual: str) -> bool:
    """Whether a shown line stands for a real one (a trailing `…` shows a beginning)."""
    if shown.endswith(GAP) and shown != actual:
        return actual.startswith(shown[: -len(GAP)].rstrip())
    return shown == actual


def segments(shown: tuple[str, ...]) -> list[list[str]]:
    """The runs of shown lines between `…` lines (an empty run where a `…` begins or ends)."""
    runs: list[list[str]] = [[]]
    for line in shown:
        if line.strip() == GAP:
            runs.append([])
        else:
            runs[-1].append(line)
    return runs


def stands_at(run: list[str], actual: list[str], at: int) -> bool:
    """Whether `run` stands side by side in `actual` from line `at`."""
    if at < 0 or at + len(run) > len(actual):
        return False
    return all(map(matches, run, actual[at : at + len(run)]))


def mismatch(shown: tuple[str, ...], actual: list[str]) -> str | None:
    """Why the real output does not show what the example shows, or None when it does."""
    runs = segments(shown)
    if len(runs) == 1:
        whole = len(runs[0]) == len(actual) and stands_at(runs[0], actual, 0)
        return None if whole else "the output differs"
    first, *middle, last = runs
    if not stands_at(first, actual, 0):
        return f"the output does not begin with {first[0]!r}"
    cursor = len(first)
    for run in middle:
        at = next((at for at in range(cursor, len(actual)) if stands_at(run, actual, at)), None)
        if at is None:
            return f"not found in order after what comes before it: {run[0]!r}"
        cursor = at + len(run)
    end = len(actual) - len(last)
    if end < cursor or not stands_at(last, actual, end):
        return f"the output does not end with {last[-1]!r}"
    return None


class Terminal(CliRunner):
    """A runner whose help is as wide as COLUMNS says, as on a terminal (CliRunner forces 80);
    docs/reference.md's cog block runs the same."""

    @contextlib.contextmanager
    def isolation(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        with super().isolation(*args, **kwargs) as streams:
            formatting.FORCED_WIDTH = None
            yield streams


def run(args: list[str], env: dict[str, str]) -> Result:
    """dprktrack in-process, its stdout and stderr interleaved as a terminal shows them."""
    return Terminal().invoke(main, args, env=env, catch_exceptions=False, prog_name="dprktrack")


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_example_prints_what_it_shows(
    example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env, args = split_command(example.command)
    before = _bundled_data()
    monkeypatch.delenv("DPRKTRACK_CONFIG")  # as a reader runs it: the settings file found
    if example.fixture is None:
        monkeypatch.chdir(REPO)  # as a reader in the repository would run it
    else:
        prepare_fixture(example.fixture, tmp_path)
        monkeypatch.chdir(tmp_path)
    result = run(args, env)
    actual = [line.rstrip() for line in result.output.rstrip("\n").split("\n")]
    problem = mismatch(example.shown, actual)
    assert problem is None, f"{example}: {problem}; real output:\n" + "\n".join(actual)
    assert result.exit_code == example.exit_code, f"{example}: exit {result.exit_code}"
    assert _bundled_data() == before, f"{example} changed the repository's data: use a fixture"


def _bundled_data() -> tuple[bytes, ...]:
    return tuple(p.read_bytes() for p in (REPO / "claims.json", *sorted(REPO.glob("seeds/*"))))


def test_every_page_is_searched_and_has_examples() -> None:
    pages_with_examples = {example.page for example in EXAMPLES}
    assert "README.md" in pages_with_examples
    assert len(pages_with_examples) >= 6, pages_with_examples


def test_every_fixture_is_used_by_an_example() -> None:
    used = {example.fixture for example in EXAMPLES}
    assert {path.name for path in FIXTURES.iterdir() if path.is_dir()} <= used


@pytest.mark.parametrize(
    ("shown", "actual", "agrees"),
    [
        (("a", "b"), ["a", "b"], True),
        (("a", "b"), ["a", "b", "c"], False),  # the end is shown unless a `…` says otherwise
        (("a", "…"), ["a", "b", "c"], True),
        (("…", "c"), ["a", "b", "c"], True),
        (("a", "…", "c"), ["a", "c"], True),
        (("a", "c"), ["a", "b", "c"], False),  # side by side unless a `…` is between them
        (("…", "c", "b", "…"), ["a", "b", "c"], False),  # in order
        (("x:1:7: ok", "…"), ["x:2:7: ok"], False),  # a stale line number fails
        (("On March …", "…"), ["On March 28, 2024"], True),
        (("  …",), ["anything"], True),
    ],
)
def test_the_matching_rule(shown: tuple[str, ...], actual: list[str], agrees: bool) -> None:
    assert (mismatch(shown, actual) is None) is agrees


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.fixture], ids=str)
def test_an_example_in_a_fixture_says_where_a_reader_can_run_it(example: Example) -> None:
    """The fixture comment is invisible on the site: the paragraph before the block names the
    folder, or a reader runs the command in the repository and gets another answer."""
    assert f"tests/docs/fixtures/{example.fixture}/" in example.lead, example
