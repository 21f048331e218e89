"""`export.paths.replace_together`: the database and its metadata are replaced both or
neither, and the error says what is on disk in every failure path. Failures are real
conditions of the file system, made while the export is being written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

from dprktrack.errors import DprkError
from dprktrack.export.paths import replace_together


def _content(data: bytes, then: Callable[[], object] = lambda: None) -> Callable[[BinaryIO], None]:
    """Writes `data`, then does `then` (a change on disk while the export is written)."""

    def write(stream: BinaryIO) -> None:
        stream.write(data)
        then()

    return write


def _folder_in_place_of(path: Path) -> Callable[[], None]:
    """Make a non-empty folder where `path` should go: no file can be renamed over it."""

    def make() -> None:
        path.mkdir()
        (path / "kept.txt").write_text("not ours", "utf-8")

    return make


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_both_files_are_replaced(tmp_path: Path) -> None:
    database, metadata = tmp_path / "p.db", tmp_path / "p.metadata.json"
    database.write_bytes(b"old db")
    replace_together([(database, _content(b"new db")), (metadata, _content(b"{}"))])
    assert (database.read_bytes(), metadata.read_bytes()) == (b"new db", b"{}")
    assert _names(tmp_path) == ["p.db", "p.metadata.json"]


def test_a_failure_between_the_renames_puts_the_first_file_back(tmp_path: Path) -> None:
    """The metadata's place becomes a folder after the checks, while the database is being
    written: the database is renamed, the metadata cannot be, so the old database returns."""
    database, metadata = tmp_path / "p.db", tmp_path / "p.metadata.json"
    database.write_bytes(b"old db")
    with pytest.raises(DprkError) as raised:
        replace_together(
            [
                (database, _content(b"new db", _folder_in_place_of(metadata))),
                (metadata, _content(b"{}")),
            ]
        )
    assert str(raised.value) == (
        f"{metadata}: not a regular file; nothing written ({database} put back as it was)"
    )
    assert database.read_bytes() == b"old db"
    assert _names(tmp_path) == ["p.db", "p.metadata.json"]  # no temporary or old copy left
    assert metadata.is_dir()


def test_a_new_first_file_is_removed_when_the_second_fails(tmp_path: Path) -> None:
    database, metadata = tmp_path / "p.db", tmp_path / "p.metadata.json"
    with pytest.raises(DprkError) as raised:
        replace_together(
            [
                (database, _content(b"new db", _folder_in_place_of(metadata))),
                (metadata, _content(b"{}")),
            ]
        )
    assert str(raised.value).endswith(f"; nothing written ({database} put back as it was)")
    assert _names(tmp_path) == ["p.metadata.json"]


def test_when_the_first_file_cannot_be_put_back_the_error_says_it_was_written(
    tmp_path: Path,
) -> None:
    """The hidden copy of the old database is deleted meanwhile (by someone else): the new
    database stays, and the error says so instead of "nothing written"."""
    database, metadata = tmp_path / "p.db", tmp_path / "p.metadata.json"
    database.write_bytes(b"old db")

    def break_both() -> None:
        _folder_in_place_of(metadata)()
        for old in tmp_path.glob(".p.db.*.old"):
            old.unlink()

    with pytest.raises(DprkError) as raised:
        replace_together([(database, _content(b"new db", break_both)), (metadata, _content(b"{}"))])
    assert str(raised.value) == (
        f"{metadata}: not a regular file; {database} written all the same (not put back): "
        "export again"
    )
    assert database.read_bytes() == b"new db"
    assert "nothing written" not in str(raised.value)


def test_a_failure_of_the_first_file_touches_neither(tmp_path: Path) -> None:
    database, metadata = tmp_path / "p.db", tmp_path / "p.metadata.json"
    database.write_bytes(b"old db")

    def fail(stream: BinaryIO) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(DprkError) as raised:
        replace_together([(database, fail), (metadata, _content(b"{}"))])
    assert (
        str(raised.value) == f"{database}: cannot write: No space left on device; nothing written"
    )
    assert database.read_bytes() == b"old db"
    assert _names(tmp_path) == ["p.db"]


@pytest.mark.parametrize("broken", ["folder", "read-only file", "read-only folder"])
def test_every_destination_is_checked_before_the_first_is_written(
    tmp_path: Path, broken: str
) -> None:
    database, metadata = tmp_path / "p.db", tmp_path / "p.metadata.json"
    database.write_bytes(b"old db")
    expected = {
        "folder": f"{metadata}: is a folder, not a file; nothing written",
        "read-only file": f"{metadata}: the file is read-only; nothing written",
        "read-only folder": f"{database}: its folder is read-only; nothing written",
    }[broken]
    if broken == "folder":
        _folder_in_place_of(metadata)()
    else:
        metadata.write_bytes(b"old metadata")
        (metadata if broken == "read-only file" else tmp_path).chmod(0o555)
    try:
        with pytest.raises(DprkError) as raised:
            replace_together([(database, _content(b"new db")), (metadata, _content(b"{}"))])
    finally:
        tmp_path.chmod(0o755)
    assert str(raised.value) == expected
    assert database.read_bytes() == b"old db"
    assert _names(tmp_path) == ["p.db", "p.metadata.json"]
