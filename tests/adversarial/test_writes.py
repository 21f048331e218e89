"""Writing the claims file when things go wrong: kills mid-write, two writers, read-only places.

The promise: claims.json is always the complete old file or the complete new one,
no temporary file survives to be mistaken for data, a second writer is refused
rather than allowed to lose the first one's change, and a read-only file or
folder is left alone with a clear message.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import UNIQUE, Invoke, add_args

from dprktrack.claimsfile.safeio import write_atomically

OTHER = "the decision to extend the term of office"
TEMPORARY = re.compile(r"\.claims\.json\.[0-9a-f]{8}\.tmp")
LOCKED = "another dprktrack command is writing it right now; nothing written, run again"
CHANGED = "changed on disk since it was read; nothing written, run again"


def _add_args(quote: str) -> list[str]:
    return add_args(quote, "--no-prompt")


def _executable() -> str:
    return str(Path(sys.executable).with_name("dprktrack"))


def _start(claims: Path, args: list[str]) -> subprocess.Popen[bytes]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DPRKTRACK")}
    return subprocess.Popen(
        [_executable(), "--claims", str(claims), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def _unanchored(claims: Path) -> bytes:
    """The claims file without its anchors, so `check --fix` rewrites every claim."""
    data = json.loads(claims.read_text("utf-8"))
    for claim in data["claims"]:
        for key in ("start", "end", "prefix", "suffix"):
            claim.pop(key, None)
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@pytest.mark.parametrize("command", ["check --fix", "add"])
def test_a_writer_killed_at_any_moment_leaves_the_old_file_or_the_new_one(
    repo_copy: Path, command: str
) -> None:
    if not Path(_executable()).exists():
        pytest.skip("needs the installed dprktrack")
    args = ["check", "--fix"] if command == "check --fix" else _add_args(UNIQUE)
    old = _unanchored(repo_copy) if command == "check --fix" else repo_copy.read_bytes()
    runs = []
    for _ in range(3):  # the quickest of three: a first run on a busy machine is slow
        repo_copy.write_bytes(old)
        began = time.perf_counter()
        finished = _start(repo_copy, args)
        assert finished.wait(timeout=60) == 0, finished.stderr.read() if finished.stderr else ""
        runs.append(time.perf_counter() - began)
    whole_run = min(runs)
    new = repo_copy.read_bytes()
    assert new != old
    rng = random.Random(5)
    outcomes = {"old": 0, "new": 0}
    for attempt in range(16):
        repo_copy.write_bytes(old)
        process = _start(repo_copy, args)
        # Start-up and loading come first; the write is at the very end of the run. Every
        # fourth kill comes early, so that a slow moment cannot leave only new files.
        early = attempt % 4 == 0
        time.sleep(
            rng.uniform(0.0, 0.3) * whole_run if early else rng.uniform(0.4, 1.1) * whole_run
        )
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        content = repo_copy.read_bytes()
        assert content in (old, new)
        outcomes["old" if content == old else "new"] += 1
        assert all(TEMPORARY.fullmatch(name) for name in _leftovers(repo_copy.parent))
    assert outcomes["old"], outcomes
    assert outcomes["new"], outcomes
    # Whatever a kill left is removed by the next write, and nothing else is.
    repo_copy.write_bytes(old)
    assert _start(repo_copy, args).wait(timeout=60) == 0
    assert repo_copy.read_bytes() == new
    assert _leftovers(repo_copy.parent) == []


def test_two_writers_at_once_one_wins_and_nothing_is_lost(repo_copy: Path) -> None:
    if not Path(_executable()).exists():
        pytest.skip("needs the installed dprktrack")
    original = repo_copy.read_bytes()
    for _ in range(4):
        repo_copy.write_bytes(original)
        writers = {
            quote: _start(repo_copy, _add_args(quote)) for quote in (UNIQUE, OTHER)
        }  # started together: both read the file before either writes
        codes = {quote: process.wait(timeout=60) for quote, process in writers.items()}
        quotes = [claim["quote"] for claim in json.loads(repo_copy.read_text("utf-8"))["claims"]]
        for quote, process in writers.items():
            stderr = process.stderr.read().decode("utf-8") if process.stderr else ""
            if codes[quote] == 0:
                assert quote in quotes
            else:
                assert codes[quote] == 2
                assert CHANGED in stderr or LOCKED in stderr, stderr
                assert quotes.count(quote) == 0
        assert 0 in codes.values()
        assert _leftovers(repo_copy.parent) == []
    # Whether the two overlap depends on the scheduler, so a refusal is not required here:
    # the lock test below and test_curate's edit-while-asking test pin the refusals down.


def test_a_writer_holding_the_lock_makes_the_other_refuse(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    with repo_copy.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        result = invoke(*_add_args(UNIQUE), claims=repo_copy)
    assert (result.exit_code, result.stderr) == (2, f"error: {repo_copy}: {LOCKED}\n")
    assert repo_copy.read_bytes() == before
    assert invoke(*_add_args(UNIQUE), claims=repo_copy).exit_code == 0


def test_a_temporary_file_left_by_a_killed_writer_is_removed_by_the_next(
    invoke: Invoke, repo_copy: Path
) -> None:
    stale = repo_copy.parent / ".claims.json.0badc0de.tmp"
    stale.write_text('{"half": ', "utf-8")
    unrelated = repo_copy.parent / ".claims.json.notours.tmp"
    unrelated.write_text("keep me", "utf-8")
    assert invoke(*_add_args(UNIQUE), claims=repo_copy).exit_code == 0
    assert not stale.exists()
    assert unrelated.read_text("utf-8") == "keep me"


@pytest.mark.parametrize("what", ["file", "folder"])
@pytest.mark.parametrize("command", ["add", "check --fix"])
def test_a_read_only_claims_file_or_folder_is_left_alone(
    invoke: Invoke, repo_copy: Path, what: str, command: str
) -> None:
    if command == "check --fix":
        repo_copy.write_bytes(_unanchored(repo_copy))
    args = _add_args(UNIQUE) if command == "add" else ["check", "--fix"]
    before = repo_copy.read_bytes()
    read_only = repo_copy if what == "file" else repo_copy.parent
    mode = read_only.stat().st_mode
    read_only.chmod(0o444 if what == "file" else 0o555)
    try:
        result = invoke(*args, claims=repo_copy)
    finally:
        read_only.chmod(mode)
    named = "the file" if what == "file" else "its folder"
    assert result.exit_code == 2
    assert result.stderr.endswith(f"error: {repo_copy}: {named} is read-only; nothing written\n")
    assert repo_copy.read_bytes() == before
    assert _leftovers(repo_copy.parent) == []


def test_a_failed_write_leaves_the_file_and_the_folder_as_they_were(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", "utf-8")

    def fail_halfway(stream: object) -> None:
        assert hasattr(stream, "write")
        stream.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(Exception, match="No space left on device; nothing written"):
        write_atomically(target, fail_halfway)
    assert target.read_text("utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
@pytest.mark.parametrize("command", ["add", "check --fix", "export -o"])
def test_a_rewritten_file_keeps_its_owner_group_and_mode(
    invoke: Invoke, repo_copy: Path, command: str
) -> None:
    """The new file is made by whoever runs the command; it must still belong to the old
    file's owner and group, or a shared checkout's file would change hands on every write."""
    target = repo_copy
    if command == "check --fix":
        repo_copy.write_bytes(_unanchored(repo_copy))
    if command == "export -o":
        target = repo_copy.parent / "claims.csv"
        target.write_text("old\n", "utf-8")
    os.chown(target, 12345, 12345)
    target.chmod(0o640)
    before = target.read_bytes()
    args = {
        "add": _add_args(UNIQUE),
        "check --fix": ["check", "--fix"],
        "export -o": ["export", "-o", str(target)],
    }[command]
    result = invoke(*args, claims=repo_copy)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() != before, "the file was rewritten"
    status = target.stat()
    assert (status.st_uid, status.st_gid) == (12345, 12345)
    assert stat.S_IMODE(status.st_mode) == 0o640
    assert _leftovers(repo_copy.parent) == []


def test_ctrl_c_while_the_new_file_is_written_leaves_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "claims.json"
    target.write_text("old", "utf-8")

    def interrupted(stream: object) -> None:
        assert hasattr(stream, "write")
        stream.write(b"half")
        os.kill(os.getpid(), signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, interrupted, expected=b"old")
    assert target.read_text("utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["claims.json"]


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="needs pthread_sigmask")
def test_ctrl_c_during_the_rename_waits_until_it_is_done() -> None:
    """Between the last check and the folder's sync, an interrupt is held back: it comes
    after, so the command can say truthfully whether the file was written."""
    from dprktrack.claimsfile.safeio import _interrupts_held

    reached = []

    def held() -> None:
        with _interrupts_held():
            os.kill(os.getpid(), signal.SIGINT)
            reached.append("the end of the block")

    with pytest.raises(KeyboardInterrupt):
        held()
    assert reached == ["the end of the block"]


def test_reading_a_revision_never_runs_a_partial_clones_fetch(
    invoke: Invoke, repo_copy: Path, tmp_path: Path
) -> None:
    """A hostile checkout (a partial clone whose claims.json blob is missing, its remote's
    ssh command a program): reading HEAD must fail, never run that program."""
    from support import commit_all, git

    folder = repo_copy.parent
    commit_all(folder, "Base")
    blob = git(folder, "rev-parse", "HEAD:claims.json").strip()
    (folder / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    ran = tmp_path / "ran"
    for key, value in (
        ("extensions.partialClone", "origin"),
        ("remote.origin.promisor", "true"),
        ("remote.origin.url", "ssh://example.invalid/x"),
        ("core.sshCommand", f"sh -c 'touch {ran}'; false"),
        ("core.repositoryformatversion", "1"),
    ):
        git(folder, "config", key, value)
    for command in (("diff",), ("check", "--base", "HEAD")):
        result = invoke(*command, claims=repo_copy)
        assert result.exit_code == 2, (command, result.output)
        assert not ran.exists(), command
