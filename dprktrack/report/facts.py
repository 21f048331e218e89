"""What the page says about each claim, gathered once: names, stances and verdict.

Plain data built from the catalog and the check's placements; the article's tips,
the table's rows and the grid all read it, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dprktrack.report.markup import isolated_in_text
from dprktrack.report.placing import Placement, Placements

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog

STANCE_MARKS = {"support": "▲", "oppose": "▼", "neutral": "●", "mixed": "◆", "none": "○"}
"""The symbol of each stance (the same as `dprktrack stances`): colour never speaks alone."""


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """One claim as the page shows it."""

    id: str
    source: str
    actor_id: str
    actor: str
    role: str | None
    speakers: tuple[str, ...]
    """The actor and, for a group, its members: whose claim it is (as `list --actor` finds)."""
    quote: str
    quote_type: str
    kind: str
    via: str | None
    stances: tuple[tuple[str, str, str], ...]
    """(target id, target label, stance), the main one first."""
    summary: str
    date: str | None
    placement: Placement

    @property
    def main_stance(self) -> str:
        """The stance that colours the claim: the one all its stances share, `mixed` when they
        differ (support one target, oppose another), `none` for a claim without one."""
        taken = {stance for _, _, stance in self.stances}
        if not taken:
            return "none"
        return taken.pop() if len(taken) == 1 else "mixed"

    @property
    def placed(self) -> bool:
        return self.placement.start is not None


def claim_facts(catalog: Catalog, placements: Placements) -> list[ClaimFacts]:
    """Every claim's facts, in the claims file's order."""
    facts = []
    for claim in catalog.claims.values():
        actor = catalog.actors[claim.actor]
        relay = catalog.actors[claim.reported_via].name if claim.reported_via else None
        stances = tuple(
            (entry.target, catalog.targets[entry.target].label, entry.stance)
            for entry in claim.stances
        )
        facts.append(
            ClaimFacts(
                id=claim.id,
                source=claim.source,
                actor_id=actor.id,
                actor=actor.name,
                role=actor.role,
                speakers=(actor.id, *actor.members),
                quote=claim.quote,
                quote_type=claim.quote_type,
                kind=claim.kind,
                via=relay,
                stances=stances,
                summary=claim.summary,
                date=claim.date,
                placement=placements.claims[claim.id],
            )
        )
    return facts


def short_description(facts: ClaimFacts) -> str:
    """One line for a highlight's title: `c014 Vasily Nebenzya — panel: oppose`, each value
    isolated so one's direction marks cannot reorder the others."""
    shown = isolated_in_text
    stances = ", ".join(f"{shown(label)}: {stance}" for _, label, stance in facts.stances)
    return f"{shown(facts.id)} {shown(facts.actor)}" + (f" — {stances}" if stances else "")
