"""`timeline`: claims in date order, with where an actor's stance on a target turns.

Built on the claim records and filter `list` uses, so both select the same claims.
Each entry says which date placed it (the claim's own, or its source's publication)
and, per target, whether the stance differs from that actor's previous claim on that
target among the entries shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

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
    with"): Russia's stance in a joint claim is compared with Russia's previous one. A
    claim dated by its source is compared only with other sources' claims (`_comparable`).
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
    lines: dict[tuple[str, str], Line] = {}
    """(actor, target) → what the timeline has seen of that actor's line on it."""
    entries: list[Record] = []
    for record in map(records.__getitem__, order):
        when, dated_by = dated(catalog, record)
        entry = {"when": when, "dated_by": dated_by, **record, "changes": []}
        now = Taken("", record["id"], len(entries), record["source"], dated_by, when)
        whose = sorted(speakers(record["actor_id"], members))
        for stance in record["stances"]:
            for speaker in whose:  # a group's claim turns each member's line on its own
                line = lines.setdefault((speaker, stance["target"]), Line())
                change = _change(stance, line.previous(now))
                if change is not None and change not in entry["changes"]:
                    entry["changes"].append(change)
                line.add(now._replace(stance=stance["stance"]))
        entries.append(entry)
    return entries


class Taken(NamedTuple):
    """A stance an actor took on a target, and where the timeline has it."""

    stance: str
    claim: str
    place: int
    source: str
    dated_by: str
    when: str


@dataclass
class Line:
    """One actor's stances toward one target as the timeline meets them (oldest first), kept
    as just what `previous` needs, so each claim costs the same however many came before.

    A claim surely came after another of its own source when both are dated by
    themselves (a claim dated only by its source has no known place among its source's
    others: an article recalls a 2023 vote beside the 2024 veto); after another
    source's claim only when that one's date is earlier (two articles of one day come
    in no known order).
    """

    day: str = ""
    """The date of the stances in `today`."""
    today: list[Taken] = field(default_factory=list)
    earlier: tuple[Taken | None, Taken | None] = (None, None)
    """Of the stances of earlier days: the latest, and the latest of another source."""
    dated_in: dict[str, Taken] = field(default_factory=dict)
    """Per source, its latest stance from a claim dated by itself."""

    def previous(self, now: Taken) -> Taken | None:
        """The latest stance that surely came before `now`, if any."""
        self._settle(now.when)
        same = self.dated_in.get(now.source) if now.dated_by != "source" else None
        latest, other = self.earlier
        across = latest if latest is not None and latest.source != now.source else other
        found = [taken for taken in (same, across) if taken is not None]
        return max(found, key=lambda taken: taken.place) if found else None

    def add(self, taken: Taken) -> None:
        self._settle(taken.when)
        self.today.append(taken)
        if taken.dated_by != "source":
            self.dated_in[taken.source] = taken

    def _settle(self, when: str) -> None:
        """A new day: today's stances become earlier ones."""
        if when == self.day:
            return
        for taken in self.today:
            latest, other = self.earlier
            if latest is None or taken.source != latest.source:
                self.earlier = (taken, latest)
            else:
                self.earlier = (taken, other)
        self.today, self.day = [], when


def _change(stance: Record, before: Taken | None) -> Record | None:
    """The turn this stance makes from the one before it on its target, if any."""
    if before is None or before.stance == stance["stance"]:
        return None
    return {"target": stance["target"], "from": before.stance, "to": stance["stance"],
            "since": before.claim}  # fmt: skip


def change_text(change: Record) -> str:
    """One change in words: `panel-of-experts: support → oppose (since c012)`."""
    return f"{change['target']}: {change['from']} → {change['to']} (since {change['since']})"


def flat_entries(entries: Sequence[Record]) -> list[Record]:
    """The entries for CSV and Markdown: each change one phrase, as `change_text` writes it."""
    return [
        {**entry, "changes": [change_text(change) for change in entry["changes"]]}
        for entry in entries
    ]
