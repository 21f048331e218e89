"""A source's text is fixed once registered: the pins of a base revision (`check --base`).

A source's sha256 pin sits in the claims file a pull request may also edit, so a pull
request could change the article and its pin together and every quote would still
stand. Against the claims file of a base revision (the pull request's target branch),
each source that revision registered must keep its pin, and a file it registered may
not come back under another pin as a new source. New sources with new files pass: a
second article is a new file.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

from dprktrack.check.findings import Finding
from dprktrack.errors import DprkError

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog


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


def repinned_sources(catalog: Catalog, base: list[Pin], base_name: str) -> list[Finding]:
    """A `source-repinned` failure for each source whose pin differs from the base's: by
    id, or by file (a registered file under a new id and another pin)."""
    by_id = {pin.id: pin for pin in base}
    base_paths = {pin.path: pin for pin in base}
    findings = []
    for index, source in enumerate(catalog.sources.values()):
        before = by_id.get(source.id) or base_paths.get(source.path)
        if before is None or before.sha256 == source.sha256:
            continue
        was = f"source {before.id!r}" if before.id != source.id else "it"
        message = (
            f"pinned {source.sha256[:12]}…, but at {base_name} {was} pinned "
            f"{before.path} to {before.sha256[:12]}…: a registered source's text does not "
            "change; restore the file and its pin, or register new text as a new file"
        )
        path = ("sources", index, "sha256")
        findings.append(Finding(source.id, "source", "source-repinned", source.id, message, path))
    return findings
