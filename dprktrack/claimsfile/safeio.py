"""Reading and replacing files that may be hostile, or be changed by someone else meanwhile.

Claims files and sources arrive in pull requests from anyone. Reading is bounded
in size and confined to regular files inside a given folder, so a symbolic link
cannot make the tool print a secret file and a device or a pipe cannot make it
hang. Writing is atomic, under a lock, and refused on a read-only file or folder,
so a crash, a second writer or a permission slip never leaves half a file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from dprktrack.errors import EXIT_INTERRUPTED, DprkError

MAX_CLAIMS_BYTES = 128 * 1024 * 1024
"""The largest claims file read: 100,000 claims take about 60 MB."""
MAX_SOURCE_BYTES = 16 * 1024 * 1024
"""The largest source read: an article is tens of kilobytes, a long report a few megabytes."""


class Refused(Exception):
    """Why a file was not read; the caller says where it was named."""


class Unsafe(Refused):
    """A file refused for what it is or where it leads, not for a slip like a missing file."""


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a file the user named, refused above `limit` without reading it all.

    A pipe or a device is read too (`--claims <(…)` is a pipe), but never past the limit.
    """
    try:
        with open(path, "rb") as stream:
            if os.fstat(stream.fileno()).st_size > limit:
                raise Unsafe(_too_large(limit))
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise Refused("not found") from None
    except IsADirectoryError:
        raise Unsafe("is a directory, not a file") from None
    except OSError as err:
        raise Refused(f"cannot read: {err.strerror}") from None
    if len(data) > limit:
        raise Unsafe(_too_large(limit))
    return data


def read_inside(folder: Path, relative: str, limit: int) -> bytes:
    """The bytes of a regular file at `relative` that really lies inside `folder`.

    Every symbolic link on the way is followed first and the result must still lie
    inside the folder; devices, pipes, sockets and folders are refused before they
    are opened, and the file opened must be the one that was checked.
    """
    try:
        inside = os.path.realpath(folder)
        real = os.path.realpath(folder / relative)
    except (OSError, ValueError) as err:  # a NUL byte, a loop of links
        raise Unsafe(f"cannot be resolved: {err}") from None
    if os.path.commonpath([inside, real]) != inside:
        raise Unsafe("leads outside the folder of the claims file through a symbolic link")
    if any(part.startswith(".") for part in Path(os.path.relpath(real, inside)).parts):
        raise Unsafe("leads to a hidden file or folder (such as .git) through a symbolic link")
    try:
        checked = os.stat(real)
    except FileNotFoundError:
        raise Refused("not found") from None
    except OSError as err:
        raise Refused(f"cannot read: {err.strerror}") from None
    _require_regular(checked, limit)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(real, flags | getattr(os, "O_BINARY", 0))
    except OSError as err:
        raise Refused(f"cannot read: {err.strerror}") from None
    with os.fdopen(descriptor, "rb") as stream:
        opened = os.fstat(descriptor)
        if (opened.st_dev, opened.st_ino) != (checked.st_dev, checked.st_ino):
            raise Unsafe("was replaced while it was being opened")
        if _opened_at(descriptor) not in (None, real):  # a folder on the way swapped for a link
            raise Unsafe("was moved while it was being opened")
        _require_regular(opened, limit)
        try:
            data = stream.read(limit + 1)
        except OSError as err:  # a failing disk: said here, not taken for a failing stdout
            raise Refused(f"cannot read: {err.strerror}") from None
    if len(data) > limit:
        raise Unsafe(_too_large(limit))
    return data


def _opened_at(descriptor: int) -> str | None:
    """Where an open file really lies, as Linux's /proc says; None where it cannot say."""
    try:
        return os.path.realpath(f"/proc/self/fd/{descriptor}", strict=True)
    except OSError:  # no /proc here
        return None


def _require_regular(status: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise Unsafe("is a directory, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise Unsafe("is a device, a pipe or a socket, not a regular file")
    if status.st_size > limit:
        raise Unsafe(_too_large(limit))


def _too_large(limit: int) -> str:
    return f"is larger than the limit of {limit // (1024 * 1024)} MiB"


def write_atomically(
    path: Path,
    write: Callable[[BinaryIO], object],
    *,
    expected: bytes | None = None,
    follow_links: bool = True,
) -> None:
    """Replace (or create) a file so that a crash leaves it whole: old or new, never half.

    `write` fills a temporary file in the same folder, which is flushed to disk and
    renamed over `path`; the file keeps its owner, group and permissions (a new one
    gets the usual ones). With `expected`, the file is locked against other dprktrack
    writers and must still hold exactly that, or nothing is written. On any failure
    (Ctrl-C included) `path` is untouched and no temporary file is left. Only a
    regular file is replaced: a rename over a device or a pipe would destroy it.

    The claims file may be a symbolic link, whose target is written (`follow_links`); an
    export's output is renamed onto as named (`follow_links=False`), so that a link made
    there after every check is replaced, never followed to a file elsewhere.
    """
    name = str(path)
    try:
        target = path.resolve() if follow_links else path.absolute()
        if target.exists() and not target.is_file():
            raise DprkError(f"{name}: not a regular file; nothing written")
        _refuse_read_only(target, name)
    except (OSError, RuntimeError) as err:  # RuntimeError: a loop of links, on Python 3.11
        reason = "a loop of symbolic links"
        if isinstance(err, OSError) and err.errno != errno.ELOOP:
            reason = err.strerror or str(err)
        raise DprkError(f"{name}: cannot write: {reason}; nothing written") from None
    with contextlib.ExitStack() as cleanup:
        if expected is not None:
            cleanup.enter_context(_writer_lock(target, name))
            _remove_stale_temporaries(target)
        try:
            staged = cleanup.enter_context(_staged(target, name))
            write(staged.stream)
            staged.stream.flush()
            existing = _existing_status(target)
            if existing is not None:
                staged.keep_owner(existing.st_uid, existing.st_gid)
                staged.keep_mode(stat.S_IMODE(existing.st_mode))
            os.fsync(staged.stream.fileno())
            _publish(staged, target, name, expected)
        except OSError as err:
            raise DprkError(f"{name}: cannot write: {err.strerror}; nothing written") from None


def _publish(staged: _Staged, target: Path, name: str, expected: bytes | None) -> None:
    """The last check and the rename, with Ctrl-C held back until both are done: an
    interrupt then stops the write before the rename (nothing written) or is reported
    after it, with the file whole and its folder synced, never in between."""
    published = False
    try:
        with _interrupts_held():
            if expected is not None and target.read_bytes() != expected:
                raise DprkError(
                    f"{name}: changed on disk since it was read; nothing written, run again"
                )
            staged.publish()
            published = True
            _sync_folder(target.parent)
    except KeyboardInterrupt:
        if not published:
            raise
        raise DprkError(f"{name}: interrupted once it was written", EXIT_INTERRUPTED) from None


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Block SIGINT inside the block; one that came meanwhile is raised as it ends.

    Only the main thread receives signals in Python, so elsewhere (and where there is
    no pthread_sigmask, as on Windows) this holds nothing back.
    """
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask") or (
        threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _Staged:
    """A new file's content, written where `path` will be, not yet visible under its name.

    Where the system allows (Linux), the content has no name at all until
    `publish`, so a process killed while writing leaves nothing behind; elsewhere it
    is a hidden temporary file beside `path`, removed on failure.
    """

    def __init__(self, path: Path, stream: BinaryIO, temporary: str | None) -> None:
        self.path = path
        self.stream = stream
        self.temporary = temporary

    def keep_owner(self, uid: int, gid: int) -> None:
        """Give the new content the owner and group of the file it replaces, as far as
        the system lets this user: root keeps both, others the group where they are in
        it; where neither is allowed, the file is still written. Called before
        `keep_mode`, since a change of owner clears the set-id bits."""
        if not hasattr(os, "fchown"):  # Windows: no owners to keep
            return
        descriptor = self.stream.fileno()
        current = os.fstat(descriptor)
        if (current.st_uid, current.st_gid) == (uid, gid):
            return
        for owner in (uid, -1):
            try:
                os.fchown(descriptor, owner, gid)
            except OSError:
                continue
            return

    def keep_mode(self, mode: int) -> None:
        """Give the new content the permissions of the file it replaces."""
        if os.chmod in os.supports_fd:
            os.chmod(self.stream.fileno(), mode)
        elif self.temporary is not None:
            os.chmod(self.temporary, mode)

    def publish(self) -> None:
        """Give the content the file's name in one step: a reader sees old or new."""
        if self.temporary is None:
            self.temporary = _free_temporary_name(self.path)
            _name_unnamed_file(self.stream.fileno(), Path(self.temporary))
        os.replace(self.temporary, self.path)
        self.temporary = None


@contextlib.contextmanager
def _staged(path: Path, name: str) -> Iterator[_Staged]:
    folder = path.parent
    try:
        descriptor, temporary = _unnamed_file(folder), None
        if descriptor is None:
            temporary = _free_temporary_name(path)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as err:
        raise DprkError(f"{name}: cannot write in {folder}: {err.strerror}") from None
    staged = _Staged(path, os.fdopen(descriptor, "wb"), temporary)
    try:
        yield staged
    finally:
        with contextlib.suppress(OSError):  # a full disk fails the close too: the write's
            staged.stream.close()  # own error is the one to tell
        if staged.temporary is not None and os.path.exists(staged.temporary):
            os.unlink(staged.temporary)


def _unnamed_file(folder: Path) -> int | None:
    """A file with no name yet in `folder` (Linux's O_TMPFILE), or None where there is none.

    It can be given a name only through /proc, so /proc must be there too.
    """
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o666)
    except OSError:
        return None  # a file system without unnamed files: use a named one


def _name_unnamed_file(descriptor: int, path: Path) -> None:
    """Link an O_TMPFILE file to `path`: linkat through /proc, following the magic link.

    A folder descriptor is passed so that os.link calls linkat with
    AT_SYMLINK_FOLLOW; plain link() would try to link the /proc entry itself.
    """
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{descriptor}", path.name, dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)


def _free_temporary_name(path: Path) -> str:
    """A hidden name beside `path` that no file has; the kernel applies the umask later."""
    import secrets

    while True:
        temporary = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
        if not os.path.lexists(temporary):
            return temporary


def _remove_stale_temporaries(path: Path) -> None:
    """Remove what a killed writer left: under the lock, no live writer has a temporary."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{8}}\.tmp")
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


@contextlib.contextmanager
def _writer_lock(path: Path, name: str) -> Iterator[None]:
    """Hold the file's lock for the write, refusing at once if another writer holds it.

    An advisory lock (flock) on the file itself: the kernel releases it when its
    holder dies, so a killed writer never blocks the next one. Where there is no
    flock (Windows), the check that the file is unchanged still guards the write.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        raise DprkError(
            f"{name}: changed on disk since it was read (it is gone); nothing written"
        ) from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DprkError(
                f"{name}: another dprktrack command is writing it right now; "
                "nothing written, run again"
            ) from None
        yield
    finally:
        os.close(descriptor)


def _refuse_read_only(path: Path, name: str) -> None:
    """A read-only file or folder is a statement: leave it alone, even when root could write.

    A rename would replace a read-only file whenever its folder is writable, so the
    file's own permission is checked first.
    """
    for checked, what in ((path, "the file"), (path.parent, "its folder")):
        try:
            mode = checked.stat().st_mode
        except FileNotFoundError:
            continue
        writable_bits = mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        if not writable_bits or not os.access(checked, os.W_OK):
            raise DprkError(f"{name}: {what} is read-only; nothing written")


def _existing_status(path: Path) -> os.stat_result | None:
    """The status of the file about to be replaced; None for a new file."""
    try:
        return path.stat()
    except OSError:
        return None


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform lets a folder be synced)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def resolved(path: Path) -> Path:
    """The path with its links followed; where a loop of links stops that (RuntimeError on
    Python 3.11, OSError elsewhere), the absolute path as given, so comparing paths never
    fails on a hostile link."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
