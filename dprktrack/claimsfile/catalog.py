"""A loaded claims file: its records indexed by id, and its sources read when first asked.

The catalog knows nothing of matching: a caller that needs the matcher's view of
a source builds it from `source_text` and `shown_path`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dprktrack.claimsfile.jsonpos import locate
from dprktrack.claimsfile.read import decode_utf8
from dprktrack.claimsfile.safeio import MAX_SOURCE_BYTES, Refused, Unsafe, read_inside
from dprktrack.errors import DprkError, JsonPath, UnsafeInput
from dprktrack.schema.records import Actor, Claim, Source, Target


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


def pick_source(catalog: Catalog, source_id: str | None, how: str = "--source ID") -> str:
    """The source a command should work on: the one named, or the only one there is.

    `how` says how the command takes a source, for the message when one must be named."""
    if source_id is None:
        if len(catalog.sources) == 1:
            return next(iter(catalog.sources))
        raise DprkError(f"name a source ({how}); sources: {', '.join(catalog.sources)}")
    by_fold = {known.casefold(): known for known in catalog.sources}
    if source_id.casefold() not in by_fold:
        raise DprkError(f"unknown source {source_id!r}; sources: {', '.join(catalog.sources)}")
    return by_fold[source_id.casefold()]
