"""Finding and loading the claims file and the sources it quotes.

Loading is all-or-nothing: the file is decoded, parsed, validated against the
schema and cross-checked, and every problem found is reported at once with its
line:column and JSON path. Sources are read lazily, once each.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from pydantic import ValidationError

from dprktrack.anchor import LineIndex
from dprktrack.collector import paused
from dprktrack.errors import DprkError, JsonPath, Problem, format_json_path
from dprktrack.jsonpos import locate
from dprktrack.model import (
    PATTERN_MESSAGES,
    Actor,
    Claim,
    ClaimsFile,
    Source,
    Target,
    cross_reference_problems,
)

if TYPE_CHECKING:
    from dprktrack.matcher import Document

CLAIMS_FILENAME = "claims.json"
MAX_PROBLEMS_SHOWN = 100


def bundled_claims_path() -> Path:
    """The claims file shipped with the package (or, in a source checkout, the repo's)."""
    package = Path(__file__).resolve().parent
    installed = package / "data" / CLAIMS_FILENAME
    return installed if installed.is_file() else package.parent / CLAIMS_FILENAME


def find_claims_file(
    explicit: Path | None, *, bundled_ok: bool = True, command: str = "check"
) -> Path:
    """`--claims` (or DPRKTRACK_CLAIMS), else ./claims.json, else the bundled copy.

    Checking and writing never fall back on the bundled copy (`bundled_ok=False`): a
    check that passed on it would say nothing about the claims file the user meant, and
    an installed package is no place to add claims. `command` names the command in
    the hint.
    """
    if explicit is not None:
        return explicit
    local = Path(CLAIMS_FILENAME)
    if local.exists():
        return local
    if not bundled_ok:
        raise DprkError(
            f"no {CLAIMS_FILENAME} in this folder; name the one to use: "
            f"dprktrack --claims PATH {command} (or set DPRKTRACK_CLAIMS)"
        )
    bundled = bundled_claims_path()
    if not bundled.is_file():
        raise DprkError(f"no {CLAIMS_FILENAME} here and no bundled copy; pass --claims PATH")
    return bundled


@dataclass
class Catalog:
    """A validated claims file with its records indexed by id, and lazy access to sources."""

    path: Path
    raw: str
    sources: dict[str, Source]
    actors: dict[str, Actor]
    targets: dict[str, Target]
    claims: dict[str, Claim]
    _texts: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        """The claims file's path as the user gave it (or as it was found), for messages."""
        return str(self.path)

    def source_path(self, source_id: str) -> Path:
        return self.path.parent / self.sources[source_id].path

    def shown_path(self, source_id: str) -> str:
        """The source's path as a reader here would open it (relative to the current folder)."""
        path = self.source_path(source_id)
        try:
            relative = os.path.relpath(path)
        except ValueError:  # on another drive (Windows)
            return str(path)
        return str(path) if relative.startswith("..") else relative

    def document(self, source_id: str) -> Document:
        """The source as the matcher takes it, named by its path from the current folder."""
        from dprktrack.matcher import Document

        return Document(self.source_text(source_id), self.shown_path(source_id))

    def pin_holds(self, source_id: str) -> bool:
        """Whether the source's bytes still match its sha256 pin."""
        digest = hashlib.sha256(self.source_bytes(source_id)).hexdigest()
        return digest == self.sources[source_id].sha256

    def source_text(self, source_id: str) -> str:
        """The source's text, read and decoded once; a clear error if it cannot be."""
        if source_id not in self._texts:
            self._texts[source_id] = self._read_source(source_id)
        return self._texts[source_id]

    def where(self, path: JsonPath) -> str:
        """`claims.json:LINE:COL` for a JSON path of this file."""
        line, column = locate(self.raw, [path]).get(path, (1, 1))
        return f"{self.name}:{line}:{column}"

    def source_bytes(self, source_id: str) -> bytes:
        """The source file's bytes; a clear error naming the claims file's line if unreadable."""
        path = self.source_path(source_id)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            reason = f"file {path!s} not found"
        except IsADirectoryError:
            reason = f"{path!s} is a directory, not a file"
        except OSError as err:
            reason = f"cannot read {path!s}: {err.strerror}"
        index = list(self.sources).index(source_id)
        where = self.where(("sources", index, "path"))
        raise DprkError(f"{where}: source {source_id!r}: {reason}")

    def _read_source(self, source_id: str) -> str:
        return decode_utf8(self.source_bytes(source_id), str(self.source_path(source_id)))


def decode_utf8(data: bytes, name: str) -> str:
    """Strict UTF-8 decoding, with the line:column of the first bad byte on failure."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        line = data.count(b"\n", 0, err.start) + 1
        column = len(data[line_start : err.start].decode("utf-8", errors="replace")) + 1
        raise DprkError(
            f"{name}:{line}:{column}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset "
            f"{err.start}); save the file as UTF-8"
        ) from None


def load_catalog(path: Path) -> Catalog:
    """Read, parse, validate and cross-check a claims file; every problem is reported at once."""
    name = str(path)
    raw = _read_claims_text(path, name)
    return catalog_from_text(path, raw)


def catalog_from_text(path: Path, raw: str) -> Catalog:
    """The catalog of claims text not yet on disk at `path`: a change is checked before writing."""
    with paused():
        return _parse_catalog(path, str(path), raw)


class _RepeatedKeys(dict[str, Any]):
    """A JSON object that named some key twice; `json.loads` would keep only the last."""

    repeated: tuple[str, ...] = ()


def _load_json(raw: str) -> tuple[Any, bool]:
    """The parsed document, and whether some object in it named a key twice."""
    repeats = False

    def keeping_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeats
        record = dict(pairs)
        if len(record) == len(pairs):
            return record
        repeats = True
        marked = _RepeatedKeys(record)
        keys = [key for key, _ in pairs]
        marked.repeated = tuple(sorted({key for key in keys if keys.count(key) > 1}))
        return marked

    return json.loads(raw, object_pairs_hook=keeping_repeats), repeats


def _repeated_key_problems(data: Any) -> list[Problem]:
    """Every key named twice in one object: a merge slip that would silently lose a value."""
    problems = []
    pending: list[tuple[JsonPath, Any]] = [((), data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, _RepeatedKeys):
            for key in value.repeated:
                message = (
                    f"the key {key!r} is given twice in this object; only the last would count"
                )
                problems.append(Problem((*path, key), message, _claim_id_at(data, path)))
        if isinstance(value, dict):
            pending += [((*path, key), child) for key, child in value.items()]
        elif isinstance(value, list):
            pending += [((*path, index), child) for index, child in enumerate(value)]
    return problems


_SURROGATE_ESCAPE = re.compile(r"\\u(d[89a-f][0-9a-f]{2})", re.IGNORECASE)


def _lone_surrogate(raw: str) -> int | None:
    """The offset of a `\\uXXXX` escape that is half of a UTF-16 pair, which no text can hold."""
    paired_low = -1
    for match in _SURROGATE_ESCAPE.finditer(raw):
        at = before = match.start()
        while before > 0 and raw[before - 1] == "\\":
            before -= 1
        if (at - before) % 2 == 1 or at == paired_low:
            continue  # an escaped backslash and a plain "u", or the low half of a pair
        high = match.group(1)[1].lower() in "89ab"
        following = _SURROGATE_ESCAPE.match(raw, match.end())
        if high and following and following.group(1)[1].lower() in "cdef":
            paired_low = following.start()
            continue
        return at
    return None


def _parse_catalog(path: Path, name: str, raw: str) -> Catalog:
    try:
        data, repeats = _load_json(raw)
    except json.JSONDecodeError as err:
        raise DprkError(f"{name}:{err.lineno}:{err.colno}: invalid JSON: {err.msg}") from None
    except RecursionError:
        raise DprkError(f"{name}: invalid JSON: nested too deeply") from None
    surrogate = _lone_surrogate(raw)
    if surrogate is not None:
        line, column = LineIndex(raw).position(surrogate)
        raise DprkError(
            f"{name}:{line}:{column}: a \\u escape of a lone surrogate (half of a UTF-16 pair) "
            "is not a character; remove it or give the whole pair"
        )
    if repeats:
        raise DprkError(format_problems(name, raw, _repeated_key_problems(data)))
    doc: ClaimsFile | None = None
    problems: list[Problem] = []
    try:
        doc = ClaimsFile.model_validate(data)
    except ValidationError as err:
        problems = [problem_from_pydantic(error, data) for error in err.errors(include_url=False)]
    # One slip, one message: a value the schema refuses is not also reported as unknown.
    refused = {problem.path for problem in problems}
    problems += [p for p in cross_reference_problems(data) if p.path not in refused]
    if problems or doc is None:
        raise DprkError(format_problems(name, raw, problems))
    return Catalog(
        path=path,
        raw=raw,
        sources={source.id: source for source in doc.sources},
        actors={actor.id: actor for actor in doc.actors},
        targets={target.id: target for target in doc.targets},
        claims={claim.id: claim for claim in doc.claims},
    )


def _read_claims_text(path: Path, name: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DprkError(f"{name}: claims file not found") from None
    except IsADirectoryError:
        raise DprkError(f"{name}: is a directory, not a claims file") from None
    except OSError as err:
        raise DprkError(f"{name}: cannot read: {err.strerror}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        raise DprkError(f"{name}:1:1: starts with a byte order mark; save it as UTF-8 without BOM")
    return decode_utf8(data, name)


def problem_from_pydantic(error: Any, data: Any) -> Problem:
    """A pydantic error said to a curator: the JSON path, a plain message and what was given."""
    path: JsonPath = tuple(error["loc"])
    if not path and error["type"] == "model_type":
        return Problem(path, "must be a JSON object with sources, actors, targets and claims")
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "string_pattern_mismatch":
        message = PATTERN_MESSAGES.get(error["ctx"]["pattern"], message)
    given = error.get("input")
    if error["type"] not in ("missing", "extra_forbidden") and _is_scalar(given):
        shown = repr(given)
        message += f" (got {shown[:60] + '…' if len(shown) > 60 else shown})"
    return Problem(path, message, _claim_id_at(data, path))


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _claim_id_at(data: Any, path: JsonPath) -> str | None:
    """The id of the claim a path points into, read from the raw data, when it has one."""
    if len(path) < 2 or path[0] != "claims" or not isinstance(path[1], int):
        return None
    try:
        claim_id = data["claims"][path[1]]["id"]
    except (KeyError, IndexError, TypeError):
        return None
    return claim_id if isinstance(claim_id, str) else None


def format_problems(name: str, raw: str, problems: list[Problem]) -> list[str]:
    """One line per problem, in file order: `FILE:LINE:COL: $.json.path (claim ID): message`."""
    positions = locate(raw, [problem.path for problem in problems])
    ordered = sorted(problems, key=lambda problem: positions.get(problem.path, (0, 0)))
    lines = []
    for problem in ordered[:MAX_PROBLEMS_SHOWN]:
        line, column = positions.get(problem.path, (1, 1))
        claim = f" (claim {problem.claim_id})" if problem.claim_id else ""
        lines.append(
            f"{name}:{line}:{column}: {format_json_path(problem.path)}{claim}: {problem.message}"
        )
    if len(ordered) > MAX_PROBLEMS_SHOWN:
        lines.append(f"{name}: … and {len(ordered) - MAX_PROBLEMS_SHOWN} more problems not shown")
    return lines


def dump_claims(data: Any, *, newline: str = "\n") -> str:
    """The claims file's one canonical layout: key order kept, 2-space indent, UTF-8 as is.

    `newline` keeps a file's own line endings (CRLF on Windows), so a rewrite changes
    only what it must. JSON strings hold no raw line breaks, so this is safe.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return text if newline == "\n" else text.replace("\n", newline)


def with_record(raw: str, section: str, record: dict[str, Any]) -> str:
    """The claims file's text with `record` appended to one of its lists.

    Written in the layout `check --fix` writes (2-space indent, UTF-8 as is), from the
    raw JSON so key order and fields the schema does not know stay as the curator
    wrote them; line endings are the file's own.
    """
    data = json.loads(raw)
    data[section] = [*data.get(section, []), record]
    return dump_claims(data, newline="\r\n" if "\r\n" in raw else "\n")


def replace_claims_file(path: Path, text: str, expected: str) -> None:
    """Atomically replace the claims file with `text`, unless it changed since it was read.

    `expected` is the content the change was based on; it is compared with the file
    last, just before the rename, to leave the least time for another change.
    """
    data = text.encode("utf-8")
    write_atomically(path, lambda stream: stream.write(data), expected=expected.encode("utf-8"))


def write_atomically(
    path: Path, write: Callable[[BinaryIO], object], *, expected: bytes | None = None
) -> None:
    """Replace (or create) a file so that a crash leaves it whole: old or new, never half.

    `write` fills a temporary file in the same folder, which is flushed to disk and
    renamed over `path`; the file keeps its permissions (a new one gets the usual
    ones). With `expected`, the file must still hold exactly that, or nothing is
    written. On any failure the temporary file is removed and `path` is untouched.
    Only a regular file is replaced: a rename over a device or a pipe would destroy it.
    """
    name = str(path)
    target = path.resolve()
    if target.exists() and not target.is_file():
        raise DprkError(f"{name}: not a regular file; nothing written")
    folder = target.parent
    try:
        handle, temporary = _temporary_file(folder, path.name)
    except OSError as err:
        raise DprkError(f"{name}: cannot write in {folder}: {err.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        mode = _existing_mode(target)
        if mode is not None:
            os.chmod(temporary, mode)
        if expected is not None and path.read_bytes() != expected:
            raise DprkError(
                f"{name}: changed on disk since it was read; nothing written, run again"
            )
        os.replace(temporary, target)
    except OSError as err:
        raise DprkError(f"{name}: cannot write: {err.strerror}; nothing written") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    _sync_folder(folder)


def _existing_mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return None


def _temporary_file(folder: Path, name: str) -> tuple[int, str]:
    """A new hidden file beside the one it will replace; the kernel applies the umask to
    its permissions, as for any new file."""
    while True:
        temporary = str(folder / f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temporary
        except FileExistsError:
            continue


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
