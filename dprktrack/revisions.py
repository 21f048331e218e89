"""A claims file as a git revision holds it, read with the `git` command (no git library).

A revision comes from the command line, so it is checked before git sees it: one
that begins with `-` would be read as an option (`--output=x` writes a file), and
git is asked in forms that cannot take it for one (`--end-of-options`, `REV:PATH`).
The file's bytes are read with `git cat-file blob`, untouched by filters.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.claimsfile.load import catalog_from_text
from dprktrack.claimsfile.read import claims_text
from dprktrack.claimsfile.safeio import MAX_CLAIMS_BYTES
from dprktrack.errors import DprkError
from dprktrack.output.safetext import one_line

GIT_TIMEOUT = 60


def _git(
    folder: Path, *args: str, given: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`git -C folder ARGS`, its output as bytes; git missing is a one-line error.

    Only plumbing that reads objects is run (no pager, no hooks, no index refresh); a
    repository's fsmonitor command is switched off, and so is every transport, so that a
    partial clone's missing object is never fetched (its remote's ssh command would run):
    a repository's settings must not run programs when its history is read."""
    environment = {
        **os.environ,
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_NO_LAZY_FETCH": "1",  # git 2.45 on
        "GIT_ALLOW_PROTOCOL": "none",  # older ones: no transport, whatever the repository says
        "GIT_TERMINAL_PROMPT": "0",
        "LC_ALL": "C",
    }
    switched_off = ["-c", "core.fsmonitor=false", "-c", "protocol.allow=never"]
    try:
        return subprocess.run(
            ["git", *switched_off, "-C", str(folder), *args],
            capture_output=True,
            input=given,
            stdin=None if given is not None else subprocess.DEVNULL,
            env=environment,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except FileNotFoundError:
        raise DprkError(
            "git is not installed (or not on PATH): it is needed to read a revision"
        ) from None
    except subprocess.TimeoutExpired:
        raise DprkError(f"git did not answer within {GIT_TIMEOUT} s in {folder}") from None


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's first line of complaint, shown safely."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return f" (git: {one_line(lines[0])})" if lines else ""


def repository_path(claims: Path) -> tuple[Path, str]:
    """The repository holding `claims` and the file's path in it (`/`-separated)."""
    folder = claims.resolve().parent
    found = _git(folder, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise DprkError(f"{claims}: not in a git repository{_said(found)}")
    top = Path(os.fsdecode(found.stdout.rstrip(b"\n")))
    try:
        inside = claims.resolve().relative_to(top.resolve())
    except ValueError:
        raise DprkError(f"{claims}: not inside the repository at {top}") from None
    return top, inside.as_posix()


def checked_revision(revision: str) -> str:
    """The revision as given, if git could only take it for one; else a one-line refusal."""
    if not revision:
        raise DprkError("refused revision '': name a commit, branch or tag (HEAD~1, main)")
    if revision.startswith("-"):
        raise DprkError(
            f"refused revision {one_line(revision)!r}: a revision cannot begin with '-'"
        )
    if any(char in revision for char in ":\n\r\0") or revision != revision.strip():
        raise DprkError(
            f"refused revision {one_line(revision)!r}: give a commit, branch or tag "
            "(HEAD~1, main), without ':', spaces at its ends or line breaks"
        )
    return revision


def read_revision(claims: Path, revision: str) -> tuple[str, str]:
    """The claims file's text at `revision` and its name for messages (`HEAD~1:claims.json`).

    Each failure is one line: no repository, an unknown revision, no such file in it,
    too large, or text the claims file's own reading refuses (a byte order mark, bad UTF-8).
    """
    top, inside = repository_path(claims)
    name = f"{revision}:{inside}"
    blob_name = f"{_commit(top, revision)}:{inside}"  # the commit, resolved once
    size = _git(top, "cat-file", "-s", blob_name)
    if size.returncode != 0:
        raise DprkError(f"{one_line(name)}: {inside} is not in revision {one_line(revision)!r}")
    if int(size.stdout) > MAX_CLAIMS_BYTES:
        raise DprkError(f"{one_line(name)}: claims file larger than {MAX_CLAIMS_BYTES:,} bytes")
    blob = _git(top, "cat-file", "blob", blob_name)
    if blob.returncode != 0:
        raise DprkError(f"{one_line(name)}: git could not read it{_said(blob)}")
    return claims_text(blob.stdout, name), name


def _commit(top: Path, revision: str) -> str:
    """The commit `revision` names in the repository at `top`, as its full hash."""
    commit = _git(
        top,
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        f"{checked_revision(revision)}^{{commit}}",
    )
    if commit.returncode != 0:
        raise DprkError(
            f"unknown revision {one_line(revision)!r} in {top}, nor a file of that name"
        )
    return commit.stdout.decode("ascii").strip()


def hashes_at(claims: Path, revision: str, files: Mapping[str, Path]) -> dict[str, str | None]:
    """For each named file (by a key of the caller's), the sha256 of the file at the same
    place in `revision`, or None where that revision has no such file.

    The place is the file's real path in the repository (folders and links followed, so
    `seeds//x`, `./seeds/x` or a link to it are the file itself), matched blind to letter
    case as a case-blind file system would open it. One `git cat-file --batch` reads them all.
    """
    top, _ = repository_path(claims)
    commit = _commit(top, revision)
    listed = _git(top, "ls-tree", "-r", "-z", commit)
    if listed.returncode != 0:
        raise DprkError(f"git could not list revision {one_line(revision)!r}{_said(listed)}")
    by_fold = {name.casefold(): name for name in _plain_files(listed.stdout)}
    real_top = Path(os.path.realpath(top))
    places: dict[str, str] = {}
    for key, path in files.items():
        try:
            inside = Path(os.path.realpath(path)).relative_to(real_top).as_posix()
        except ValueError:
            continue  # outside the repository: no revision holds it
        name = by_fold.get(inside.casefold())
        if name is not None and "\n" not in name:
            places[key] = name
    return dict.fromkeys(files) | _blob_hashes(top, commit, places)


def _plain_files(listing: bytes) -> list[str]:
    """The paths of `git ls-tree -r -z` that are plain files (mode 100644 or 100755): a link,
    whose blob is its target's name, or a submodule, whose entry is a commit, is no text."""
    files = []
    for entry in listing.split(b"\0"):
        info, _, name = entry.partition(b"\t")
        if info.split(b" ")[0] in (b"100644", b"100755") and name:
            files.append(os.fsdecode(name))
    return files


def _blob_hashes(top: Path, commit: str, places: Mapping[str, str]) -> dict[str, str | None]:
    """sha256 of each blob `commit:name`, read in one `git cat-file --batch`."""
    import hashlib

    if not places:
        return {}
    asked = b"".join(
        commit.encode("ascii") + b":" + os.fsencode(name) + b"\n" for name in places.values()
    )
    answer = _git(top, "cat-file", "--batch", given=asked)
    if answer.returncode != 0:
        raise DprkError(f"git could not read the sources at {commit[:12]}{_said(answer)}")
    out, at = answer.stdout, 0
    found: dict[str, str | None] = {}
    for key in places:
        header_end = out.index(b"\n", at)
        header = out[at:header_end]
        at = header_end + 1
        if header.endswith((b" missing", b" ambiguous")):
            found[key] = None  # no content follows
            continue
        _, kind, size = header.rsplit(b" ", 2)
        content = out[at : at + int(size)]
        at += int(size) + 1  # whatever it is, its content is stepped over whole
        found[key] = hashlib.sha256(content).hexdigest() if kind == b"blob" else None
    return found


def catalog_at(claims: Path, revision: str) -> tuple[Catalog, str]:
    """The claims file at `revision`, loaded and validated exactly as the file on disk is
    (a broken version is a one-line error naming the revision), and its name `REV:PATH`."""
    raw, name = read_revision(claims, revision)
    return catalog_from_text(claims, raw, name=name), name


def names_a_file(version: str) -> bool:
    """Whether a diff's OLD or NEW is a path to a claims file rather than a revision."""
    if not version or version.startswith("-"):
        return False
    try:
        return Path(version).is_file()
    except OSError:  # a name too long for a path, a folder that cannot be entered
        return False


def load_version(version: str | None, claims: Path | None) -> tuple[Catalog, str]:
    """One side of a diff and its name: a path to an existing file is that claims file;
    None is the claims file `claims` as it is now; anything else a revision of it.

    A name that is both a file and a revision (a pull request can add a file called
    `origin/main`) is refused, as git refuses one: `./NAME` is the file, `NAME^0` the
    revision.
    """
    from dprktrack.claimsfile.load import load_catalog

    if version is not None and names_a_file(version):
        where = claims if claims is not None else Path.cwd() / "claims.json"
        if not _plainly_a_path(version) and _is_revision(where, version):
            raise DprkError(
                f"{one_line(version)!r} is both a file and a revision: write ./{one_line(version)} "
                f"for the file or {one_line(version)}^0 for the revision"
            )
        return load_catalog(Path(version)), version
    if claims is None:
        raise DprkError("no claims file to compare: name one with --claims")
    if version is None:
        return load_catalog(claims), str(claims)
    return catalog_at(claims, version)


def _plainly_a_path(version: str) -> bool:
    """`./x`, `../x`, `/x`: no revision is written so."""
    return version.startswith(("./", "../", "/")) or os.path.isabs(version)


def _is_revision(claims: Path, version: str) -> bool:
    """Whether git takes `version` for a commit in the repository holding `claims`."""
    try:
        top, _ = repository_path(claims)
        checked = checked_revision(version)
    except DprkError:
        return False
    found = _git(
        top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{checked}^{{commit}}"
    )
    return found.returncode == 0
