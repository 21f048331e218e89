"""Writing the claims file and outputs whole or not at all, never over a file changed on disk."""

from __future__ import annotations

import json
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
