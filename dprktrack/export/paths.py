"""Where an export may be written: never over the claims file or a source, nor where a later
command would take it for the claims file or its settings, nor through a symbolic link; and
files replaced whole."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import EXIT_INTERRUPTED, DprkError
from dprktrack.export.formats import Export, Write

if TYPE_CHECKING:
    from dprktrack.config import Settings

WriteBytes = Callable[[BinaryIO], object]
"""Writes a file's content to a binary stream."""


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
    replace_together([(path, utf8(write))])


def utf8(write: Write) -> WriteBytes:
    """`write`, writing UTF-8 to a binary stream."""
    import io

    def write_utf8(stream: BinaryIO) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        write(text)
        text.flush()
        text.detach()  # the stream stays open: the caller syncs it to disk

    return write_utf8


def write_export(output: Path, export: Export) -> None:
    """Write a built export to -o and the files beside it: all of them, or none.

    Everything is built before the first file is touched, so a failure to build leaves
    them all as they were; a failure to write one puts back those already replaced.
    """
    content = export.content
    if content is not None:
        first: WriteBytes = lambda stream: stream.write(content)  # noqa: E731
    else:
        assert export.write is not None  # an export is text or bytes
        first = utf8(export.write)
    replace_together([(output, first), *((path, utf8(write)) for path, write in export.beside)])


def replace_together(files: Sequence[tuple[Path, WriteBytes]]) -> None:
    """Replace each file whole (atomically, one after the other) or, as far as the system
    lets, none: every destination is checked before the first is touched, and if one
    fails, those already replaced are put back from a hard link to their old content.
    The error then says what is on disk: nothing written, or which files were."""
    from dprktrack.claimsfile.safeio import write_atomically

    for path, _ in files:
        check_not_through_link(path)
        check_replaceable(path)
    kept: list[_Kept] = []
    try:
        for number, (path, write) in enumerate(files):
            is_last = number == len(files) - 1
            kept.append(_keep_old(path, link=not is_last))
            check_not_through_link(path)  # again: a link made while the export was built
            write_atomically(path, write, follow_links=False)  # and one made after: replaced
    except DprkError as err:
        interrupted_once_written = err.exit_code == EXIT_INTERRUPTED
        if interrupted_once_written and len(kept) == len(files):
            raise  # the last one: every file is written
        written = kept if interrupted_once_written else kept[:-1]
        raise DprkError(_put_back(written, str(err)), err.exit_code) from None
    except BaseException:  # Ctrl-C before the file's rename: that file was not written
        _put_back(kept[:-1], "")
        raise
    finally:
        for each in kept:
            each.forget()


def check_replaceable(path: Path) -> None:
    """Refuse, before anything is written, a destination that is no regular file, or a
    read-only file or folder (as `write_atomically` would, but for every file at once)."""
    import stat

    for checked, what in ((path, "the file"), (path.parent, "its folder")):
        try:
            mode = checked.stat().st_mode
        except FileNotFoundError:
            continue
        except OSError as err:
            raise DprkError(f"{path}: cannot write: {err.strerror}; nothing written") from None
        if checked == path and stat.S_ISDIR(mode):
            raise DprkError(f"{path}: is a folder, not a file; nothing written")
        if checked == path and not stat.S_ISREG(mode):
            raise DprkError(f"{path}: not a regular file; nothing written")
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
            checked, os.W_OK
        ):
            raise DprkError(f"{path}: {what} is read-only; nothing written")


class _Kept(NamedTuple):
    """A file about to be replaced, whether it existed, and a hidden hard link to its old
    content (None for a new file, the last file, or where no link can be made)."""

    path: Path
    existed: bool
    old: Path | None

    def put_back(self) -> None:
        """The file as it was: its old content under its name, or (a new file) none."""
        if self.old is not None:
            os.replace(self.old, self.path)
        elif self.existed:
            raise OSError("no copy of the old file")
        else:
            os.unlink(self.path)

    def forget(self) -> None:
        """Remove the link to the old content (gone already once put back)."""
        if self.old is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.old)


def _keep_old(path: Path, *, link: bool) -> _Kept:
    """What is at `path` before it is replaced; with `link`, a hard link to it."""
    import secrets

    existed = path.exists()
    if not (existed and link):
        return _Kept(path, existed, None)
    old = path.parent / f".{path.name}.{secrets.token_hex(4)}.old"
    try:
        os.link(path, old)
    except OSError:  # a file system without hard links: it cannot be put back
        return _Kept(path, existed, None)
    return _Kept(path, existed, old)


def _put_back(written: list[_Kept], error: str) -> str:
    """Put the files `written` back as they were; the error, saying what is on disk."""
    restored, stuck = [], []
    for kept in reversed(written):
        try:
            kept.put_back()
            restored.append(str(kept.path))
        except OSError:
            stuck.append(str(kept.path))
    said = error.removesuffix("; nothing written")
    if stuck:
        stuck_files = ", ".join(reversed(stuck))
        return f"{said}; {stuck_files} written all the same (not put back): export again"
    if restored:
        return f"{said}; nothing written ({', '.join(reversed(restored))} put back as it was)"
    return error
