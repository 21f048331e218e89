"""Where an export may be written: never over the claims file or a source, nor where a later
command would take it for the claims file or its settings, nor through a symbolic link; and
files replaced whole."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError
from dprktrack.export.formats import Export, Write

if TYPE_CHECKING:
    from dprktrack.config import Settings


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
    check_not_settings_file(output)
    check_not_through_link(output)


def check_not_through_link(output: Path) -> None:
    """Refuse an -o file that is a symbolic link, or (given relative) lies in a folder
    reached through one, as `check --report` does.

    A replace follows the link and overwrites whatever it points at: a repository that
    commits `claims.metadata.json -> ~/.bashrc` would have `export -o claims.db` write
    there. A relative path is the repository's to shape; an absolute one is the user's own.
    """
    try:
        if output.is_symlink():
            raise DprkError(
                f"{output}: is a symbolic link; an export replaces a file, never writes "
                "through a link: not written, choose another -o FILE"
            )
        folder = output.absolute().parent
        if not output.is_absolute() and os.path.realpath(folder) != os.path.normpath(folder):
            raise DprkError(
                f"{output}: in a folder reached through a symbolic link; not written, give "
                "the folder's real path or an absolute -o FILE"
            )
    except OSError as err:  # a name too long, a folder that cannot be read
        raise DprkError(f"{output}: cannot write: {err.strerror}; nothing written") from None


def check_not_settings_file(output: Path) -> None:
    """Refuse an -o file named like a settings file (any case), or that is the one in
    force for its folder: every later command there would read the export as its settings
    and stop on it (not valid TOML)."""
    from dprktrack.config import CONFIG_FILENAME, PYPROJECT

    if output.name.casefold() in (CONFIG_FILENAME, PYPROJECT):
        raise DprkError(
            f"{output}: named like a settings file; commands run in its folder would read the "
            "export as their settings: choose another -o FILE"
        )
    settings = _settings_in_force(output.absolute().parent)
    if settings is not None and settings.file is not None and _same_file(output, settings.file):
        raise DprkError(
            f"{output}: is the settings file in force for its folder; not written, choose "
            "another -o FILE"
        )


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
    folder = output.absolute().parent
    settings = _settings_in_force(folder)
    claims = settings.claims if settings is not None else None
    if settings is not None and claims is not None and _same_file(output, folder / claims):
        raise DprkError(
            f"{output}: is the claims file {settings.file or 'a settings file'} names for "
            "its folder; not written, choose another -o FILE"
        )


def _settings_in_force(folder: Path) -> Settings | None:
    """The settings a command run in `folder` reads; None where it could not read them
    (commands there would stop on them anyway)."""
    from dprktrack.config import load_settings

    try:
        return load_settings(folder)
    except DprkError:
        return None


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

    check_not_through_link(path)  # again: a link made while the export was built
    write_atomically(path, write_utf8)


def write_export(output: Path, export: Export) -> None:
    """Write a built export to -o, then the files beside it, each replaced whole.

    Everything is built before the first file is touched, so a failure to build leaves
    them all as they were.
    """
    from dprktrack.claimsfile.safeio import write_atomically

    for path in (output, *(path for path, _ in export.beside)):
        check_not_through_link(path)  # again: a link made while the export was built
    content = export.content
    if content is not None:
        write_atomically(output, lambda stream: stream.write(content))
    elif export.write is not None:
        write_file(output, export.write)
    for path, write in export.beside:
        write_file(path, write)
