"""The sources of a claims file as `dprktrack sources` lists them: where each came from, how
many claims quote it, and whether its file still matches its pin.

A missing or changed file is a status here, not an error: the listing is how a curator
finds it (`dprktrack check` says what it means for each claim).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError, UnsafeInput

SOURCE_FIELDS = (
    "id",
    "title",
    "author",
    "outlet",
    "published",
    "path",
    "claims",
    "pin",
    "url",
    "archived_url",
    "retrieved",
    "language",
)
"""Keys of `sources --format json` and columns of its CSV, in this order."""
PIN_STATES = ("holds", "changed", "missing", "refused")
"""holds: the file's bytes match the sha256 pin; changed: they do not; missing: the file is
gone or unreadable; refused: it cannot be read safely (a link out of the folder, a device)."""


def pin_state(catalog: Catalog, source_id: str) -> str:
    """Whether the source's file still holds its pin, as one word of PIN_STATES."""
    try:
        data = catalog.source_bytes(source_id)
    except UnsafeInput:
        return "refused"
    except DprkError:
        return "missing"
    return (
        "holds"
        if hashlib.sha256(data).hexdigest() == catalog.sources[source_id].sha256
        else "changed"
    )


def source_records(catalog: Catalog) -> list[dict[str, Any]]:
    """Every source in file order, with its claim count and pin state (SOURCE_FIELDS)."""
    counts = Counter(claim.source for claim in catalog.claims.values())
    return [
        {
            "id": source.id,
            "title": source.title,
            "author": source.author,
            "outlet": source.outlet,
            "published": source.published.isoformat(),
            "path": source.path,
            "claims": counts[source.id],
            "pin": pin_state(catalog, source.id),
            "url": source.url,
            "archived_url": source.archived_url,
            "retrieved": source.retrieved.isoformat() if source.retrieved else None,
            "language": source.language,
        }
        for source in catalog.sources.values()
    ]
