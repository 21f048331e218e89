"""`timeline`: claims in date order, with where an actor's stance on a target turns.

Built on the claim records and filter `list` uses, so both select the same claims.
Each entry says which date placed it (the claim's own, or its source's publication)
and, per target, whether the stance differs from that actor's previous claim on that
target among the entries shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.order import dated
from dprktrack.query import (
    CLAIM_FIELDS,
    ClaimFilter,
    Record,
    asked_actors,
    claim_records,
    group_members,
    select_claims,
    speakers,
)

TIMELINE_FIELDS = ("when", "dated_by", *CLAIM_FIELDS, "changes")
"""An entry's keys: the date it is placed at and whose it is (`claim` or `source`), the
claim record as `list` gives it, and its stance changes."""


def timeline(catalog: Catalog, wanted: ClaimFilter, *, links: bool = True) -> list[Record]:
    """The claims `wanted` selects, oldest first, each with the stance changes it makes.

    Claims of one date keep article order (the source's place in the file, then the
    quote's in the source). A change is a target on which the actor's stance differs
    from its previous entry on that target: `{"target", "from", "to", "since"}`,
    `since` naming that previous claim. A group's claim is each member's too ("jointly
    with"): Russia's stance in a joint claim is compared with Russia's previous one.
    """
    selected = select_claims(catalog, wanted)
    records = claim_records(catalog, selected, asked_actors(catalog, wanted), links=links)
    members = group_members(catalog)
    published = {key: str(source.published) for key, source in catalog.sources.items()}
    rank = {key: number for number, key in enumerate(catalog.sources)}
    order = sorted(  # by date, then article order (as order.position_key): keys of plain values
        range(len(records)),
        key=lambda n: (
            records[n]["date"] or published[records[n]["source"]],
            rank[records[n]["source"]],
            records[n]["start"] is None,
            records[n]["start"] or 0,
        ),
    )
    latest: dict[tuple[str, str], tuple[str, str, int]] = {}
    """(actor, target) → (the last stance taken, by which claim, at which entry)."""
    entries: list[Record] = []
    for record in map(records.__getitem__, order):
        when, dated_by = dated(catalog, record)
        entry = {"when": when, "dated_by": dated_by, **record, "changes": []}
        whose = sorted(speakers(record["actor_id"], members))
        for stance in record["stances"]:
            pairs = [(speaker, stance["target"]) for speaker in whose]
            turned = [
                latest[pair]
                for pair in pairs
                if pair in latest and latest[pair][0] != stance["stance"]
            ]
            if turned:
                before = max(turned, key=lambda taken: taken[2])  # the latest of them
                entry["changes"].append(
                    {"target": stance["target"], "from": before[0], "to": stance["stance"],
                     "since": before[1]}
                )  # fmt: skip
            for pair in pairs:
                latest[pair] = (stance["stance"], record["id"], len(entries))
        entries.append(entry)
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
