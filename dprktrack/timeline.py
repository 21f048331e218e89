"""`timeline`: claims in date order, with where an actor's stance on a target turns.

Built on the claim records and filter `list` uses, so both select the same claims.
Each entry says which date placed it (the claim's own, or its source's publication)
and, per target, whether the stance differs from that actor's previous claim on that
target among the entries shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.order import dated, position_key
from dprktrack.query import CLAIM_FIELDS, ClaimFilter, Record, claim_records, select_claims

TIMELINE_FIELDS = ("when", "dated_by", *CLAIM_FIELDS, "changes")
"""An entry's keys: the date it is placed at and whose it is (`claim` or `source`), the
claim record as `list` gives it, and its stance changes."""


def timeline(catalog: Catalog, wanted: ClaimFilter) -> list[Record]:
    """The claims `wanted` selects, oldest first, each with the stance changes it makes.

    Claims of one date keep article order (the source's place in the file, then the
    quote's in the source). A change is a target on which the actor's stance differs
    from its previous entry on that target: `{"target", "from", "to", "since"}`,
    `since` naming that previous claim.
    """
    position = position_key(catalog)
    placed = [(dated(catalog, record), record) for record in claim_records(
        catalog, select_claims(catalog, wanted)
    )]  # fmt: skip
    placed.sort(key=lambda item: (item[0][0], position(item[1])))
    latest: dict[tuple[str, str], tuple[str, str]] = {}
    """(actor, target) → (the last stance taken, by which claim)."""
    entries = []
    for (when, dated_by), record in placed:
        changes = []
        for entry in record["stances"]:
            pair = (record["actor_id"], entry["target"])
            before = latest.get(pair)
            if before is not None and before[0] != entry["stance"]:
                changes.append(
                    {"target": entry["target"], "from": before[0], "to": entry["stance"],
                     "since": before[1]}
                )  # fmt: skip
            latest[pair] = (entry["stance"], record["id"])
        entries.append({"when": when, "dated_by": dated_by, **record, "changes": changes})
    return entries


def change_text(change: Record) -> str:
    """One change in words: `panel-of-experts: support → oppose (since c012)`."""
    return f"{change['target']}: {change['from']} → {change['to']} (since {change['since']})"


def flat_entries(entries: Sequence[Record]) -> list[Record]:
    """The entries for CSV and Markdown: each change one phrase, as `change_text` writes it."""
    return [
        {**entry, "changes": [change_text(change) for change in entry["changes"]]}
        for entry in entries
    ]
