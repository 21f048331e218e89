"""The command group, whatever the command: global options, --version and --help, usage
errors, the examples; and where the output goes, and what happens when it cannot go there,
or the run is stopped.

CI runs `dprktrack check | head` under `set -o pipefail`, logs in odd encodings,
disks fill up, and people press Ctrl-C. The promises: a reader closing the pipe
early never turns a failing check into success; output a channel cannot encode
is written with escapes; a full or closed stdout is one line and exit 2; Ctrl-C
anywhere is one line, exit 130, and leaves the claims file as it was. Each is
tested on a real process, as a shell would run it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
import pytest
from support import ANCHORS, CLAIMS, DATA, REPO, Invoke, commit_all, interrupted, json_output

from dprktrack import __version__
from dprktrack.cli import main


@pytest.mark.parametrize(
    ("args", "message", "help_for"),
    [
        (
            ["list", "--stance", "opposes"],
            "Invalid value for '--stance': 'opposes'",
            "dprktrack list",
        ),
        (["lst"], "No such command 'lst'.", "dprktrack"),
        (["show"], "Missing argument 'CLAIM_ID'.", "dprktrack show"),
        (["list", "--format", "yaml"], "Invalid value for '--format': 'yaml'", "dprktrack list"),
        (["--colour"], "No such option", "dprktrack"),
    ],
)
def test_usage_errors_are_one_line_with_a_pointer_to_help(
    invoke: Invoke, args: list[str], message: str, help_for: str
) -> None:
    result = invoke(*args, claims=None)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {message}")
    assert result.stderr.endswith(f" (see '{help_for} --help')\n")
    assert result.stderr.count("\n") == 1


def test_claims_after_the_command_says_where_it_goes(invoke: Invoke) -> None:
    result = invoke("list", "--claims", "x.json", claims=None)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "(--claims goes before the command: dprktrack --claims PATH list)\n"
    )


def test_bare_command_prints_help_and_succeeds(invoke: Invoke) -> None:
    result = invoke(claims=None)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")


@pytest.mark.parametrize("command", ["list", "actors", "stances", "targets"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_every_listing_takes_every_format(invoke: Invoke, command: str, fmt: str) -> None:
    result = invoke(command, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout, "no colour when not writing to a terminal"


def test_colour_only_when_asked_and_no_color_is_respected(invoke: Invoke) -> None:
    coloured = invoke("list", "--actor", "kim song", env={"FORCE_COLOR": "1"})
    assert "\x1b[32m" in coloured.stdout  # support in green
    plain = invoke("list", "--actor", "kim song", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[32m" not in plain.stdout


def test_claims_file_comes_from_option_then_env_then_cwd_then_bundle(
    invoke: Invoke,
    write_claims: Callable[[Any], Path],
    claims_data: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    claims_data["claims"] = claims_data["claims"][:3]
    small = write_claims(claims_data)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert len(json_output(invoke("list", "--format", "json", claims=None))) == len(DATA["claims"])
    env = {"DPRKTRACK_CLAIMS": str(small)}
    assert len(json_output(invoke("list", "--format", "json", claims=None, env=env))) == 3
    assert len(json_output(invoke("list", "--format", "json", claims=CLAIMS, env=env))) > 3
    monkeypatch.chdir(small.parent)
    assert len(json_output(invoke("list", "--format", "json", claims=None))) == 3


def test_version_and_help(invoke: Invoke) -> None:
    assert invoke("--version").stdout == f"dprktrack, version {__version__}\n"
    help_text = invoke("--help").stdout
    for command in ("list", "actors", "stances", "targets", "show", "read"):
        assert command in help_text
        assert "Example" in invoke(command, "--help").stdout


def test_repo_layout_is_as_the_design_card_says() -> None:
    for name in ("dprktrack", "seeds", "claims.json", "tests", "pyproject.toml", "README.md"):
        assert (REPO / name).exists(), name


def _help_examples() -> list[tuple[str, str, int]]:
    """Each command line in the Example blocks of the commands' --help, continuations joined,
    with the exit code its comment gives ("# refused ... (exit 2)"), else 0."""
    examples = []
    context = click.Context(main)
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None
        help_text = command.help or ""
        if "Example" not in help_text:
            continue
        block = help_text.split("Example", 1)[1].split("\n", 1)[1]
        joined = re.sub(r"\\\n\s*", "", block)
        for text in joined.splitlines():
            # Without its comment, and without what a pipe or redirect does with the output.
            line = re.split(r"\s[|>]\s", text.split("  #", 1)[0])[0].strip()
            code = re.search(r"\(exit (\d+)\)", text.partition("  #")[2])
            if line.startswith("dprktrack "):
                examples.append((name, line, int(code[1]) if code else 0))
    return examples


@pytest.mark.parametrize("example", _help_examples(), ids=lambda example: example[1])
def test_every_help_example_runs_on_a_copy_of_the_data(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch, example: tuple[str, str, int]
) -> None:
    name, line, code = example
    monkeypatch.chdir(repo_copy.parent)
    if name == "diff" or "--base" in line:  # revisions: the copy becomes a repository
        commit_all(repo_copy.parent, "First")
        commit_all(repo_copy.parent, "Second")
    _prepare_for_example(invoke, repo_copy, name)
    before = repo_copy.read_bytes()
    result = invoke(*shlex.split(line)[1:], claims=None)
    assert result.exit_code == code, f"{line}\n{result.output}"
    if code:
        assert repo_copy.read_bytes() == before


def _prepare_for_example(invoke: Invoke, repo_copy: Path, name: str) -> None:
    """What a source command's example needs beside the data: a made-up second article,
    saved (add-source) or registered as well (edit-source, remove-source)."""
    from harbour import LEDGER

    if name not in ("add-source", "remove-source"):
        return
    article = repo_copy.parent / "sources" / "ledger.txt"
    article.parent.mkdir()
    article.write_text(LEDGER, "utf-8")
    if name == "remove-source":
        fields = ["--title", "T", "--author", "A", "--outlet", "The Harbour Ledger"]
        added = invoke("add-source", str(article), *fields, "--published", "2024-05-02",
                       claims=repo_copy)  # fmt: skip
        assert added.exit_code == 0, added.output


def test_every_command_has_an_example() -> None:
    assert {example[0] for example in _help_examples()} == set(
        main.list_commands(click.Context(main))
    )


def test_every_command_module_is_listed_and_every_listed_command_exists() -> None:
    """Commands load lazily by COMMAND_MODULES; a command missing from it would vanish."""
    import importlib
    import pkgutil

    import dprktrack.cli
    from dprktrack.cli.group import COMMAND_MODULES

    modules = [
        importlib.import_module(f"dprktrack.cli.{found.name}")
        for found in pkgutil.iter_modules(dprktrack.cli.__path__)
    ]  # every module of the command line, so that a new one cannot be left out
    defined = {
        value.name
        for module in modules
        for value in vars(module).values()
        if isinstance(value, click.Command) and value is not main
    }
    assert defined == set(COMMAND_MODULES)
    for name, (where, _) in COMMAND_MODULES.items():
        command = main.get_command(click.Context(main), name)
        assert command is not None
        assert command.callback is not None
        assert command.callback.__module__ == where.split(":")[0]


# --- exit codes and channels, on a real process ------------------------------------------

FAILING = "c014"
"""The claim whose quote the failing copy alters."""


INTERRUPTED = b"error: interrupted; nothing written\n"


def _environment(**extra: str | None) -> dict[str, str]:
    """The environment of a plain run: no claims file named, no colour, UTF-8 unless told."""
    unset = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "GITHUB_ACTIONS", "PAGER", "COLUMNS")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DPRKTRACK", "PYTHON", "LC_")) and key not in unset
    }
    env |= {"LANG": "C.UTF-8", "TERM": "dumb"}
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _command(claims: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "dprktrack", "--claims", str(claims), *args]


def _lay_out(folder: Path, data: dict[str, Any]) -> Path:
    shutil.copytree(REPO / "seeds", folder / "seeds")
    claims = folder / "claims.json"
    claims.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return claims


@pytest.fixture
def passing(tmp_path: Path) -> Path:
    """A copy of the repository's claims file and seeds: every quote holds."""
    return _lay_out(tmp_path, json.loads(CLAIMS.read_text("utf-8")))


def _failing_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CLAIMS.read_text("utf-8"))
    (claim,) = [claim for claim in data["claims"] if claim["id"] == FAILING]
    assert "failed to perform" in claim["quote"]
    claim["quote"] = claim["quote"].replace("failed to perform", "was glad to perform")
    return data


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    """The same, but one quote now says what the article does not."""
    return _lay_out(tmp_path, _failing_data())


@pytest.fixture(scope="module")
def shared_failing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The failing copy, for the tests that only read it."""
    return _lay_out(tmp_path_factory.mktemp("failing"), _failing_data())


@pytest.fixture(scope="module")
def utf8_answers() -> dict[tuple[str, ...], subprocess.CompletedProcess[bytes]]:
    """What each command printed on a UTF-8 channel, kept for comparison."""
    return {}


CHECK_FORMATS = [
    pytest.param(["--format", "text"], {}, id="text"),
    pytest.param(["--format", "text"], {"FORCE_COLOR": "1"}, id="text-colour"),
    pytest.param(["--format", "json"], {}, id="json"),
    pytest.param(["--format", "github"], {}, id="github"),
    pytest.param(["--fix", "--dry-run"], {}, id="fix-dry-run"),
]


def _closed_at_once(command: Sequence[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run with stdout a pipe whose reader has gone before the first byte is written."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        errors = process.stderr.read()
        return process.wait(timeout=120), errors


@pytest.mark.parametrize(("args", "extra"), CHECK_FORMATS)
@pytest.mark.parametrize(("copy", "code"), [("failing", 1), ("passing", 0)])
def test_check_exits_with_its_verdict_when_the_reader_closes_at_once(
    request: pytest.FixtureRequest, copy: str, code: int, args: list[str], extra: dict[str, str]
) -> None:
    claims: Path = request.getfixturevalue(copy)
    if "--fix" in args:
        data = json.loads(claims.read_text("utf-8"))
        del data["claims"][0]["start"], data["claims"][0]["end"]  # something to print a diff of
        claims.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    returned, errors = _closed_at_once(_command(claims, "check", *args), _environment(**extra))
    assert returned == code, errors
    assert b"Traceback" not in errors
    assert b"Exception ignored" not in errors
    if "--fix" not in args:  # --dry-run puts its report on stderr, which is read
        assert errors == b""


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
@pytest.mark.parametrize(("copy", "code"), [("failing", 1), ("passing", 0)])
def test_check_piped_into_head_under_pipefail_fails_only_when_claims_fail(
    request: pytest.FixtureRequest, copy: str, code: int, fmt: str
) -> None:
    if shutil.which("bash") is None or shutil.which("head") is None:
        pytest.skip("needs bash and head")
    claims: Path = request.getfixturevalue(copy)
    line = shlex.join(_command(claims, "check", "--format", fmt))
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {line} | head -c 1"],
        capture_output=True,
        env=_environment(),
        timeout=120,
        check=False,
    )
    assert result.returncode == code, result.stderr
    assert len(result.stdout) == 1
    assert result.stderr == b""


@pytest.mark.parametrize("extra", [[], ["--strict"], ["--dry-run"], ["--strict", "--dry-run"]])
def test_check_fix_keeps_its_verdict_when_nobody_reads_stderr(
    failing: Path, extra: list[str]
) -> None:
    """`--fix` notes what it wrote on stderr before its report: a reader gone from both
    streams must not turn the failing claim into success."""
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    line = shlex.join(_command(failing, "check", "--fix", *extra))
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {line} 2>&1 | true"],
        capture_output=True,
        env=_environment(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    closed = subprocess.run(
        ["bash", "-c", f"{line} 2>&-"], capture_output=True, env=_environment(), check=False
    )
    assert closed.returncode != 0


COLOUR = {"FORCE_COLOR": "1"}


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        pytest.param(["list"], {}, id="list"),
        pytest.param(["list"], COLOUR, id="list-colour"),
        pytest.param(["list", "--format", "json"], {}, id="list-json"),
        pytest.param(["stances"], COLOUR, id="stances-colour"),
        pytest.param(["show", "c001"], {}, id="show"),
        pytest.param(["read", "--no-pager"], {}, id="read"),
        pytest.param(["read", "--no-pager"], COLOUR, id="read-colour"),
        pytest.param(["export"], {}, id="export"),
        pytest.param(["schema"], {}, id="schema"),
    ],
)
def test_other_commands_end_quietly_with_success_when_the_reader_closes(
    failing: Path, args: list[str], extra: dict[str, str]
) -> None:
    """They asked for no more; the failing claim is check's business, not theirs."""
    returned, errors = _closed_at_once(_command(failing, *args), _environment(**extra))
    assert returned == 0, errors
    assert all(line.startswith(b"note: ") for line in errors.splitlines()), errors


def test_locate_keeps_its_answer_when_the_reader_closes(passing: Path) -> None:
    """locate decided 'nothing to quote' (exit 1) before it printed the closest passages."""
    command = _command(passing, "locate", "the Panel was never asked to leave the building")
    assert _closed_at_once(command, _environment()) == (
        1,
        b"note: not in the sources; the closest passages (case ignored):\n",
    )


HUMAN_COMMANDS = [
    ["list"],
    ["list", "--format", "markdown"],
    ["list", "--format", "csv"],
    ["show", "c020"],
    ["actors"],
    ["stances"],
    ["targets"],
    ["read", "--no-pager"],
    ["locate", "Moscow's proposal to set a time limit"],
    ["check", "--strict"],
    ["check", "--format", "github"],
    ["--help"],
    ["add", "--help"],
]


JSON_COMMANDS = [
    ["list", "--format", "json"],
    ["show", "c020", "--format", "json"],
    ["check", "--format", "json"],
    ["locate", "Moscow's proposal to set a time limit", "--format", "json"],
    ["export"],
]


ENCODINGS = ["ascii", "latin-1", "cp1252"]


def _run(
    claims: Path, args: Sequence[str], **extra: str | None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        _command(claims, *args),
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=_environment(**extra),
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("args", HUMAN_COMMANDS, ids=" ".join)
def test_output_a_channel_cannot_encode_is_written_with_escapes(
    shared_failing: Path, args: list[str], encoding: str
) -> None:
    result = _run(shared_failing, args, PYTHONIOENCODING=encoding)
    expected = 1 if args[0] == "check" else 0
    assert result.returncode == expected, result.stderr
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode(encoding)  # every byte is the channel's own
    assert text.strip()
    if args[0] in ("list", "show", "read", "locate"):
        assert re.search(r"\\u20(19|1c|1d)|’|“|”", text), "curly quotes, as escapes or as is"
    result.stderr.decode("utf-8")


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("args", JSON_COMMANDS, ids=" ".join)
def test_json_through_a_narrow_channel_is_the_same_data(
    shared_failing: Path,
    utf8_answers: dict[tuple[str, ...], subprocess.CompletedProcess[bytes]],
    args: list[str],
    encoding: str,
) -> None:
    """JSON escapes what the channel cannot carry as `\\u` escapes, so it still parses to
    exactly the data a UTF-8 channel gets."""
    key = tuple(args)
    if key not in utf8_answers:
        utf8_answers[key] = _run(shared_failing, args)
    expected = utf8_answers[key]
    narrow = _run(shared_failing, args, PYTHONIOENCODING=encoding)
    assert narrow.returncode == expected.returncode, narrow.stderr
    assert json.loads(narrow.stdout.decode(encoding)) == json.loads(expected.stdout)


@pytest.mark.parametrize(
    "locale",
    [
        {"LANG": "C", "LC_ALL": "C"},
        {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    ],
    ids=["C", "C-uncoerced"],
)
@pytest.mark.parametrize("args", [["list"], ["show", "c020"], ["read", "--no-pager"], ["check"]])
def test_a_c_locale_is_no_error(
    shared_failing: Path, args: list[str], locale: dict[str, str]
) -> None:
    result = _run(shared_failing, args, **locale)
    assert result.returncode == (1 if args == ["check"] else 0), result.stderr
    assert b"Traceback" not in result.stderr
    result.stdout.decode("utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "json"],
        ["show", "c001"],
        ["read", "--no-pager"],
        ["export"],
        ["schema"],
        ["check"],
        ["check", "--format", "json"],
    ],
    ids=" ".join,
)
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(failing: Path, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            _command(failing, *args),
            stdout=full,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=_environment(),
            timeout=120,
            check=False,
        )
    assert result.returncode == 2, result.stderr
    *notes, error = result.stderr.splitlines()
    assert error == b"error: cannot write the output (stdout): No space left on device"
    assert all(note.startswith(b"note: ") for note in notes), notes  # c014 cannot be placed


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("args", [["list"], ["list", "--format", "json"], ["check"]], ids=" ".join)
def test_a_closed_stdout_is_one_line_and_exit_2(failing: Path, args: list[str]) -> None:
    line = shlex.join(_command(failing, *args))
    result = subprocess.run(
        ["bash", "-c", f"{line} >&-"],
        capture_output=True,
        env=_environment(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        b"error: stdout is closed; give the output somewhere to go (> FILE, > /dev/null)\n"
    )


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_a_closed_stdin_means_nobody_to_ask(passing: Path) -> None:
    args = ["add-target", "--label", "Arms deals", "--dry-run"]
    result = subprocess.run(
        ["bash", "-c", f"{shlex.join(_command(passing, *args))} <&-"],
        capture_output=True,
        env=_environment(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(b"error: missing --description (give it, or run on a terminal")


def _large_copy(folder: Path, copies: int = 200) -> Path:
    """The repository's claims many times over, without anchors: minutes of nothing but
    work for `check --fix`, once the file is read."""
    data = json.loads(CLAIMS.read_text("utf-8"))
    claims = []
    for number in range(copies):
        for claim in data["claims"]:
            record = {key: value for key, value in claim.items() if key not in ANCHORS}
            claims.append({**record, "id": f"x{number}-{claim['id']}"})
    return _lay_out(folder, {**data, "claims": claims})


def _bytes_read(pid: int) -> int:
    """How much the process has read so far (Linux's /proc), or -1 once it is gone."""
    try:
        text = Path(f"/proc/{pid}/io").read_text("ascii")
    except OSError:
        return -1
    return int(re.search(r"^rchar: (\d+)$", text, re.MULTILINE)[1])  # type: ignore[index]


def _interrupted_after_reading(command: list[str], size: int, cwd: Path) -> tuple[int, bytes]:
    """Start the command, wait until it has read `size` bytes (the claims file: it is
    past start-up, at work), then press Ctrl-C."""
    with subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=_environment(),
        cwd=cwd,
    ) as process:
        while 0 <= _bytes_read(process.pid) < size and process.poll() is None:
            time.sleep(0.01)  # not a measure of anything: just not a busy loop
        assert process.poll() is None, "the command ended before it could be interrupted"
        process.send_signal(signal.SIGINT)
        assert process.stderr is not None
        errors = process.stderr.read()
        return process.wait(timeout=120), errors


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--fix"],
        ["export", "-o", "annotations.jsonld"],
        [
            "add",
            *("--actor", "nebenzya", "--quote", "Moscow’s proposal to set a time limit"),
            *("--stance", "sunset-clauses=support", "--summary", "Says so.", "--no-prompt"),
        ],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_ctrl_c_at_work_exits_130_and_writes_nothing(tmp_path: Path, args: list[str]) -> None:
    claims = _large_copy(tmp_path)
    before = claims.read_bytes()
    returned, errors = _interrupted_after_reading(_command(claims, *args), len(before), tmp_path)
    assert (returned, errors) == (130, INTERRUPTED)
    assert claims.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["claims.json", "seeds"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_ctrl_c_while_the_claims_file_is_still_arriving(tmp_path: Path) -> None:
    """`--claims <(…)`: the file comes through a pipe, half of it so far."""
    fifo = tmp_path / "claims.json"
    os.mkfifo(fifo)
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    with (
        subprocess.Popen(
            _command(fifo, "list"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=_environment(),
        ) as process,
        fifo.open("wb") as writer,
    ):  # opens once the command opens it to read
        writer.write(CLAIMS.read_bytes()[:1000])
        writer.flush()
        out, errors = interrupted(process)
    assert (process.returncode, errors, out) == (130, INTERRUPTED, b"")


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux's /proc")
def test_ctrl_c_while_writing_a_long_report(tmp_path: Path) -> None:
    """The report fills the pipe and waits for a reader; Ctrl-C comes meanwhile."""
    claims = _large_copy(tmp_path, copies=50)
    with subprocess.Popen(
        _command(claims, "check", "--format", "json"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=_environment(),
    ) as process:
        assert process.stdout is not None
        assert process.stdout.read(1) == b"{"  # writing now; far more than a pipe holds
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=120)
    assert (process.returncode, errors) == (130, INTERRUPTED)
