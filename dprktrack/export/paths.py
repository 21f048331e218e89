"""Where an export may be written: never over the claims file or a source; files replaced whole."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError
from dprktrack.export.formats import Write


def check_output(catalog: Catalog, output: Path) -> None:
    """Refuse to export over the claims file or one of its sources: data, not output."""
    protected = {catalog.path: f"the claims file {catalog.name}"}
    for source_id in catalog.sources:
        protected[catalog.source_path(source_id)] = f"source {source_id!r} of {catalog.name}"
    for path, what in protected.items():
        if _same_file(output, path):
            raise DprkError(f"{output}: is {what}; not overwritten, choose another -o FILE")


def _same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file: the same path, a symbolic link or a hard link."""
    try:
        return first.resolve() == second.resolve() or (
            first.exists() and second.exists() and first.samefile(second)
        )
    except (OSError, RuntimeError):  # unreadable, or a loop of links (RuntimeError on 3.11)
        return False


def write_file(path: Path, write: Write) -> None:
    """Replace the file at `path` whole, or not at all, with what `write` writes, in UTF-8."""
    import io

    from dprktrack.claimsfile.safeio import write_atomically

    def write_utf8(stream: BinaryIO) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        write(text)
        text.flush()
        text.detach()  # the stream stays open: the caller syncs it to disk

    write_atomically(path, write_utf8)
