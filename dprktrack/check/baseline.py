"""A source's text is fixed once registered: a base revision's files (`check --base`).

A source's sha256 pin sits in the claims file a pull request may also edit, so a pull
request could change the article and its pin together and every quote would still
stand. Against a base revision (the pull request's target branch), two things must hold,
whichever claims file the settings point at: each source the base's claims file
registered keeps its pin (by id, or by path under a new id), and each source file that
the base revision holds (at the same real place, links and letter case aside) has the
bytes the source's pin says. New sources with new files pass: a second article is a
new file, and a pull request shows it whole.
"""

from __future__ import annotations

import json
import posixpath
from typing import TYPE_CHECKING, Any, NamedTuple

from dprktrack.check.findings import Finding
from dprktrack.errors import DprkError

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog


class Baseline(NamedTuple):
    """What a base revision says of the sources: its name, its claims file's pins, and the
    sha256 of each current source's file as the revision holds it (None: it has none)."""

    name: str
    pins: list[Pin]
    files: dict[str, str | None]


class Pin(NamedTuple):
    """A source as the base revision registered it."""

    id: str
    path: str
    sha256: str


def base_pins(raw: str, name: str) -> list[Pin]:
    """The sources' pins of the base's claims file, read from its JSON alone: a base the
    models of today would refuse (an older format) still says what it pinned."""
    try:
        data: Any = json.loads(raw)
    except ValueError as err:
        raise DprkError(f"{name}: not JSON ({err})") from None
    sources = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(sources, list):
        return []
    return [
        Pin(source["id"], source["path"], source["sha256"])
        for source in sources
        if isinstance(source, dict)
        and all(isinstance(source.get(key), str) for key in ("id", "path", "sha256"))
    ]


def repinned_sources(catalog: Catalog, base: Baseline) -> list[Finding]:
    """A `source-repinned` failure for each source whose pin differs from the base's (by id,
    or by path under a new id), or whose file differs from the base revision's file."""
    by_id = {pin.id: pin for pin in base.pins}
    by_path = {_place(pin.path): pin for pin in base.pins}
    findings = []
    for index, source in enumerate(catalog.sources.values()):
        before = by_id.get(source.id) or by_path.get(_place(source.path))
        message = None
        if before is not None and before.sha256 != source.sha256:
            was = f"source {before.id!r}" if before.id != source.id else "it"
            message = (
                f"pinned {source.sha256[:12]}…, but at {base.name} {was} pinned "
                f"{before.path} to {before.sha256[:12]}…"
            )
        held = base.files.get(source.id)
        if message is None and held is not None and held != source.sha256:
            message = (
                f"pinned {source.sha256[:12]}…, but its file {source.path} at "
                f"{base.name.partition(':')[0]} has sha256 {held[:12]}…"
            )
        if message is not None:
            message += (
                ": a registered source's text does not change; restore the file and its "
                "pin, or register new text as a new file"
            )
            path = ("sources", index, "sha256")
            findings.append(
                Finding(source.id, "source", "source-repinned", source.id, message, path)
            )
    return findings


def _place(path: str) -> str:
    """A source path as one place: `./seeds//x` is `seeds/x`, letter case aside."""
    return posixpath.normpath(path).casefold()
