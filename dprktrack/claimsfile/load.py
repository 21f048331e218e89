"""Finding and loading the claims file and the sources it quotes.

Loading is all-or-nothing: the file is decoded, parsed, validated against the
schema and cross-checked, and every problem found is reported at once with its
line:column and JSON path. Sources are read lazily, once each.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dprktrack.claimsfile.collector import paused
from dprktrack.claimsfile.jsonparse import RepeatedKeys, parse_json
from dprktrack.claimsfile.jsonpos import locate
from dprktrack.claimsfile.safeio import (
    MAX_CLAIMS_BYTES,
    MAX_SOURCE_BYTES,
    Refused,
    Unsafe,
    read_bounded,
    read_inside,
    write_atomically,
)
from dprktrack.errors import DprkError, JsonPath, Problem, UnsafeInput, format_json_path
from dprktrack.output.safetext import escape_json
from dprktrack.schema.quickcheck import holds
from dprktrack.schema.records import Actor, Claim, Records, Source, Target, records_of
from dprktrack.schema.rules import PATTERN_MESSAGES, cross_reference_problems

if TYPE_CHECKING:
    from dprktrack.matching.matcher import Document

CLAIMS_FILENAME = "claims.json"
MAX_PROBLEMS_SHOWN = 100


def bundled_claims_path() -> Path:
    """The claims file shipped with the package (or, in a source checkout, the repo's)."""
    package = Path(__file__).resolve().parents[1]
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
        from dprktrack.matching.matcher import Document

        return Document(self.source_text(source_id), self.shown_path(source_id))

    def pin_holds(self, source_id: str) -> bool:
        """Whether the source's bytes still match its sha256 pin."""
        import hashlib

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
        """The source file's bytes; a clear error naming the claims file's line if refused.

        The source must be a regular file inside the claims file's folder, symbolic
        links followed, and no larger than MAX_SOURCE_BYTES: a claims file from anyone
        cannot make the tool read a secret, a device or a pipe.
        """
        source = self.sources[source_id]
        try:
            return read_inside(self.path.parent, source.path, MAX_SOURCE_BYTES)
        except Refused as refusal:
            index = list(self.sources).index(source_id)
            where = self.where(("sources", index, "path"))
            message = f"{where}: source {source_id!r}: {self.shown_path(source_id)} {refusal}"
            raise (UnsafeInput if isinstance(refusal, Unsafe) else DprkError)(message) from None

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


def _repeated_key_problems(data: Any) -> list[Problem]:
    """Every key named twice in one object: a merge slip that would silently lose a value."""
    problems = []
    pending: list[tuple[JsonPath, Any]] = [((), data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, RepeatedKeys):
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


def _parse_catalog(path: Path, name: str, raw: str) -> Catalog:
    data, repeats = parse_json(raw, name)
    if repeats:
        raise DprkError(format_problems(name, raw, _repeated_key_problems(data)))
    if holds(data) and not cross_reference_problems(data):  # the usual case, no pydantic
        records = records_of(data)
    else:  # the models, and their messages: one message per slip
        records = _validated_by_the_models(name, raw, data)
    return Catalog(
        path=path,
        raw=raw,
        sources={source.id: source for source in records.sources},
        actors={actor.id: actor for actor in records.actors},
        targets={target.id: target for target in records.targets},
        claims={claim.id: claim for claim in records.claims},
    )


def _validated_by_the_models(name: str, raw: str, data: Any) -> Records:
    """Records by way of the pydantic models, or every problem they and the cross-checks
    find (the quick check said no: the file is broken, or unusual in a way they accept)."""
    models, problems, stopped = _validated(data)
    if len(problems) <= MAX_PROBLEMS_SHOWN:
        # One slip, one message: a value the schema refuses is not also reported as unknown.
        refused = {problem.path for problem in problems}
        problems += [p for p in cross_reference_problems(data) if p.path not in refused]
    if problems or models is None:
        lines = format_problems(name, raw, problems)
        if stopped:
            lines[-1] = f"{name}: … and more problems not shown; mend these first"
        raise DprkError(lines)
    dumped = {key: [model.model_dump() for model in value] for key, value in models.items()}
    return records_of(dumped)


_CHUNK = 1_000


def _list_of(record_type: type) -> Any:
    """`list[record_type]` for a type chosen at run time (a type checker takes it for a value)."""
    return list.__class_getitem__(record_type)


def _validated(data: Any) -> tuple[dict[str, list[Any]] | None, list[Problem], bool]:
    """The four lists of models, validated; or None, the problems and whether it stopped early.

    The document is validated with each list cut to its first chunk, then the rest
    chunk by chunk, stopping soon after MAX_PROBLEMS_SHOWN problems: a file of a
    million broken records costs a few chunks, not a million error reports.
    """
    from pydantic import TypeAdapter, ValidationError

    from dprktrack.schema import models as model

    sections = {
        "sources": model.Source,
        "actors": model.Actor,
        "targets": model.Target,
        "claims": model.Claim,
    }
    lists = {key: data.get(key) for key in sections} if isinstance(data, dict) else {}
    chunked = {key: value for key, value in lists.items() if isinstance(value, list)}
    head = {**data, **{key: value[:_CHUNK] for key, value in chunked.items()}} if lists else data
    problems: list[Problem] = []
    doc: model.ClaimsFile | None = None
    try:
        doc = model.ClaimsFile.model_validate(head)
    except ValidationError as err:
        problems = [problem_from_pydantic(error, data) for error in err.errors(include_url=False)]
    rest: dict[str, list[Any]] = {key: [] for key in sections}
    for key, value in chunked.items():
        adapter: TypeAdapter[list[Any]] = TypeAdapter(_list_of(sections[key]))
        for start in range(_CHUNK, len(value), _CHUNK):
            if len(problems) > MAX_PROBLEMS_SHOWN:
                return None, problems, True
            try:
                rest[key] += adapter.validate_python(value[start : start + _CHUNK])
            except ValidationError as err:
                for error in err.errors(include_url=False):
                    index, *inner = error["loc"]
                    error["loc"] = (key, start + int(index), *inner)
                    problems.append(problem_from_pydantic(error, data))
    if problems or doc is None:
        return None, problems, False
    return {key: [*getattr(doc, key), *rest[key]] for key in sections}, problems, False


def _read_claims_text(path: Path, name: str) -> str:
    try:
        data = read_bounded(path, MAX_CLAIMS_BYTES)
    except Refused as refusal:
        raise DprkError(f"{name}: claims file {refusal}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        raise DprkError(f"{name}:1:1: starts with a byte order mark; save it as UTF-8 without BOM")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise DprkError(f"{name}:1:1: is UTF-32 (it starts with a UTF-32 mark); save as UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DprkError(f"{name}:1:1: is UTF-16 (it starts with a UTF-16 mark); save as UTF-8")
    if not data.strip():
        raise DprkError(f"{name}:1:1: claims file is empty")
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
    only what it must. JSON strings hold no raw line breaks, so this is safe. What a
    terminal would obey (bidi overrides, C1 controls, line separators) is written as
    a `\\u` escape, so a rewrite never turns an escaped character into a hidden one.
    """
    text = escape_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
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
