"""Writing the claims file and outputs whole or not at all, never over a file changed on disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import pytest
from support import SEED_BYTES, seed_copy

from dprktrack.check.repairs import apply_repairs
from dprktrack.check.run import run_check
from dprktrack.claimsfile.load import load_catalog
from dprktrack.claimsfile.rewrite import dump_claims, replace_claims_file
from dprktrack.claimsfile.safeio import write_atomically
from dprktrack.errors import DprkError


def test_replace_claims_file_refuses_when_the_file_changed_on_disk(repo_copy: Path) -> None:
    seed_copy(repo_copy).write_bytes(b"A new first paragraph.\n\n" + SEED_BYTES)
    catalog = load_catalog(repo_copy)
    report = run_check(catalog)
    data, changed = apply_repairs(json.loads(catalog.raw), report)
    assert changed
    meanwhile = catalog.raw.replace("Russia vetoes", "Russia vetoed", 1)
    assert meanwhile != catalog.raw
    repo_copy.write_text(meanwhile, "utf-8")
    with pytest.raises(DprkError, match="changed on disk since it was read"):
        replace_claims_file(repo_copy, dump_claims(data), catalog.raw)
    assert repo_copy.read_text("utf-8") == meanwhile
    assert sorted(path.name for path in repo_copy.parent.iterdir()) == ["claims.json", "seeds"]


def test_replace_claims_file_writes_atomically_and_keeps_the_mode(repo_copy: Path) -> None:
    repo_copy.chmod(0o640)
    catalog = load_catalog(repo_copy)
    data = json.loads(catalog.raw)
    data["claims"][0]["summary"] = "Edited."
    text = dump_claims(data)
    replace_claims_file(repo_copy, text, catalog.raw)
    assert repo_copy.read_text("utf-8") == text
    assert repo_copy.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in repo_copy.parent.iterdir()) == ["claims.json", "seeds"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    output = tmp_path / "claims.jsonl"
    output.write_text("old\n", "utf-8")

    def half_then_fail(out: BinaryIO) -> None:
        out.write(b"new, half written\n")
        raise OSError(28, "No space left on device")

    with pytest.raises(DprkError, match="No space left on device; nothing written"):
        write_atomically(output, half_then_fail)
    assert output.read_text("utf-8") == "old\n"
    assert list(tmp_path.iterdir()) == [output]


def test_an_output_written_without_following_links_replaces_the_link_not_its_target(
    tmp_path: Path,
) -> None:
    """An export's output is renamed onto as named: a link that appears there after every
    check (a race) is replaced, and the file it pointed to elsewhere is left alone."""
    victim = tmp_path / "elsewhere.txt"
    victim.write_text("keep me", "utf-8")
    output = tmp_path / "out" / "report.html"
    output.parent.mkdir()
    output.symlink_to(victim)
    write_atomically(output, lambda stream: stream.write(b"<!DOCTYPE html>"), follow_links=False)
    assert victim.read_text("utf-8") == "keep me"
    assert not output.is_symlink()
    assert output.read_bytes() == b"<!DOCTYPE html>"


def test_a_full_disk_is_told_as_the_write_failing_not_hidden_by_the_close(tmp_path: Path) -> None:
    """When the disk fills, closing the staged file fails too; the error told is the
    write's ("nothing written"), never a second one from the close (which the command line
    then blamed on stdout). A file-size limit stands in for the full disk, in a child."""
    script = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from dprktrack.claimsfile.safeio import write_atomically\n"
        "from dprktrack.errors import DprkError\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "try:\n"
        "    write_atomically(Path(sys.argv[1]), lambda s: s.write(b'x' * 5000))\n"
        "except DprkError as err:\n"
        "    print(err)\n"
    )
    target = tmp_path / "big.bin"
    target.write_bytes(b"old")
    run = subprocess.run(
        [sys.executable, "-c", script, str(target)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "nothing written" in run.stdout
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.bin"]
