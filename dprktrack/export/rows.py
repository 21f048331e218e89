"""Flat claim rows for CSV and JSON Lines: each claim with its actor and source joined in."""

from __future__ import annotations

from collections.abc import Sequence

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.query import CLAIM_FIELDS, Record, claim_records

ROW_FIELDS = (
    *CLAIM_FIELDS,
    "actor_kind",
    "actor_role",
    "actor_country",
    "reported_via_name",
    "source_title",
    "source_author",
    "source_outlet",
    "source_published",
    "source_path",
)
"""Columns of `export --format csv` and keys of `--format jsonl`, in this order: the
record of `list --format json`, then the actor's and the source's fields joined in."""


def claim_rows(catalog: Catalog, records: Sequence[Record] | None = None) -> list[Record]:
    """One flat record per claim, with its actor, relay and source joined in (ROW_FIELDS).

    `records` are the claims' `query.claim_records`, when the caller has them already.
    """
    if records is None:
        records = claim_records(catalog, catalog.claims.values())
    rows = []
    for record in records:
        actor = catalog.actors[record["actor_id"]]
        relay = record["reported_via"]
        source = catalog.sources[record["source"]]
        joined = {
            "actor_kind": actor.kind,
            "actor_role": actor.role,
            "actor_country": actor.country,
            "reported_via_name": catalog.actors[relay].name if relay else None,
            "source_title": source.title,
            "source_author": source.author,
            "source_outlet": source.outlet,
            "source_published": source.published.isoformat(),
            "source_path": source.path,
        }
        row = {**record, **joined}
        rows.append({field: row[field] for field in ROW_FIELDS})
    return rows
