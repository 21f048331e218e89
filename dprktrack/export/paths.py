"""Where an export may be written: never over the claims file or a source, nor where a later
command would take it for the claims file; and files replaced whole."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError
from dprktrack.export.formats import Export, Write


def check_output(catalog: Catalog, output: Path) -> None:
    """Refuse to export over the claims file or one of its sources (data, not output), or
    to a file that later commands would take for the claims file."""
    protected = {catalog.path: f"the claims file {catalog.name}"}
    for source_id in catalog.sources:
        protected[catalog.source_path(source_id)] = f"source {source_id!r} of {catalog.name}"
    for path, what in protected.items():
        if _same_file(output, path):
            raise DprkError(f"{output}: is {what}; not overwritten, choose another -o FILE")
    check_not_claims_file(output)


def check_not_claims_file(output: Path) -> None:
    """Refuse an -o file that is, or would become, the claims file found from its folder.

    A command run there loads `claims.json` (or what a settings file from there up names):
    an export written under that name would be taken for the claims file by every later
    command. The name is compared without case (some file systems ignore it).
    """
    from dprktrack.claimsfile.find import CLAIMS_FILENAME

    if output.name.casefold() == CLAIMS_FILENAME.casefold():
        raise DprkError(
            f"{output}: named like the claims file; commands run in its folder would load the "
            f"export as their {CLAIMS_FILENAME}: choose another -o FILE"
        )
    configured = _configured_claims(output.absolute().parent)
    if configured is not None and _same_file(output, configured[0]):
        raise DprkError(
            f"{output}: is the claims file {configured[1]} names for its folder; not "
            "written, choose another -o FILE"
        )


def _configured_claims(folder: Path) -> tuple[Path, str] | None:
    """The claims file a settings file found from `folder` up names, and that file's name.

    A settings file that cannot be read names none: commands there would stop on it anyway.
    """
    from dprktrack.config import load_settings

    try:
        settings = load_settings(folder)
    except DprkError:
        return None
    if settings.claims is None:
        return None
    return folder / settings.claims, str(settings.file or "a settings file")


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


def write_export(output: Path, export: Export) -> None:
    """Write a built export to -o, then the files beside it, each replaced whole.

    Everything is built before the first file is touched, so a failure to build leaves
    them all as they were.
    """
    from dprktrack.claimsfile.safeio import write_atomically

    content = export.content
    if content is not None:
        write_atomically(output, lambda stream: stream.write(content))
    elif export.write is not None:
        write_file(output, export.write)
    for path, write in export.beside:
        write_file(path, write)
