"""`add`, `add-actor`, `add-target`: new records built from checked answers, and the write
that keeps the file whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.curate.anchoring import Anchored, source_document, verdict_problem
from dprktrack.curate.approving import departures_to_approve
from dprktrack.curate.fields import (
    build_record,
    name_clashes,
    next_claim_id,
    same_passage,
)
from dprktrack.errors import DprkError
from dprktrack.matching.departures import Review
from dprktrack.matching.matcher import (
    Document,
)
from dprktrack.schema.records import claim_of

CLAIM_OPTIONS = {
    "actor": "--actor",
    "quote": "--quote",
    "stances": "--stance",
    "quote_type": "--quote-type",
    "kind": "--kind",
    "summary": "--summary",
    "reported_via": "--reported-via",
    "date": "--date",
    "source": "--source",
}
"""The option of `add` that supplies each field of a new claim, for its messages."""
ACTOR_OPTIONS = {
    "id": "--id",
    "name": "--name",
    "aliases": "--alias",
    "kind": "--kind",
    "role": "--role",
    "country": "--country",
    "members": "--member",
}
TARGET_OPTIONS = {"id": "--id", "label": "--label", "description": "--description"}


def quotable_source(catalog: Catalog, source_id: str) -> Document:
    """The source a new claim quotes, refused when its bytes no longer match their pin."""
    if not catalog.pin_holds(source_id):
        raise DprkError(
            f"{catalog.shown_path(source_id)} no longer matches its sha256 pin, so offsets "
            "taken from it may not hold; run `dprktrack check` and settle that first"
        )
    return source_document(catalog, source_id)


@dataclass(frozen=True)
class ClaimAnswers:
    """A new claim as the curator gave it, each answer already checked on its own
    (`resolve_actor`, `anchor_quote`, `parse_stances`, `check_date`)."""

    source: str
    actor: str
    anchored: Anchored
    stances: list[dict[str, str]]
    summary: str
    quote_type: str | None = None
    reported_via: str | None = None
    date: str | None = None
    kind: str | None = None
    """statement or act; left out of the record (a statement) unless given."""


@dataclass(frozen=True)
class NewClaim:
    """A new claim's record, and what a curator must see or settle before it is written."""

    record: dict[str, Any]
    """The record to write; with its review pin when its quote departs from the source."""
    review: Review
    """The departures a person must approve first (none: nothing to approve)."""
    places: tuple[str, ...]
    """Each departure's `path:LINE:COL` in the source."""
    problem: str | None
    """Why `check` would not pass the claim, if it would not."""
    twins: list[str]
    """Claims of the same actor already quoting exactly this passage."""


def new_claim(catalog: Catalog, document: Document, answers: ClaimAnswers) -> NewClaim:
    """The claim the answers make, with the next free id, valid or refused."""
    from dprktrack.schema.models import Claim as ClaimModel

    if answers.reported_via == answers.actor:
        raise DprkError("--reported-via: that is the actor itself; leave --reported-via out")
    anchored = answers.anchored
    values = {
        "id": next_claim_id(catalog.claims),
        "source": answers.source,
        "actor": answers.actor,
        "quote": anchored.quote,
        "start": anchored.start,
        "end": anchored.end,
        "prefix": anchored.prefix,
        "suffix": anchored.suffix,
        "quote_type": (answers.quote_type or "direct").lower(),
        "kind": answers.kind.lower() if answers.kind else None,
        "reported_via": answers.reported_via or None,
        "stances": answers.stances,
        "summary": answers.summary,
        "date": answers.date,
    }
    record = build_record(ClaimModel, values, CLAIM_OPTIONS)
    review = departures_to_approve(document, record)
    if review.departures:
        record = build_record(ClaimModel, {**values, "review_pin": review.pin}, CLAIM_OPTIONS)
    places = tuple(document.where(departure.at) for departure in review.departures)
    problem = verdict_problem(document, claim_of(record))
    return NewClaim(record, review, places, problem, same_passage(catalog, record))


def new_actor(
    catalog: Catalog,
    *,
    actor_id: str,
    name: str,
    aliases: Sequence[str],
    kind: str,
    role: str | None,
    country: str | None,
    members: Sequence[str] = (),
) -> tuple[dict[str, Any], list[str]]:
    """A new actor's record, valid or refused, and the actors it shares a name with.

    Aliases are kept once each, in order; a blank one or the name itself is dropped.
    Members (ids of actors, for a group) are kept once each.
    """
    if members and kind.lower() != "group":
        raise DprkError(f"--member: only a group (--kind group) has members, not a {kind}")
    from dprktrack.schema.models import Actor as ActorModel
    from dprktrack.schema.records import actor_of

    values = {
        "id": actor_id,
        "name": name,
        "aliases": list(dict.fromkeys(alias for alias in aliases if alias and alias != name)),
        "kind": kind.lower(),
        "role": role,
        "country": country,
        "members": list(dict.fromkeys(members)),
    }
    record = build_record(ActorModel, values, ACTOR_OPTIONS)
    return record, name_clashes(catalog, actor_of(record))


def new_target(target_id: str, label: str, description: str) -> dict[str, Any]:
    """A new target's record, valid or refused."""
    from dprktrack.schema.models import Target as TargetModel

    values = {"id": target_id, "label": label, "description": description}
    return build_record(TargetModel, values, TARGET_OPTIONS)


def save(catalog: Catalog, text: str, *, dry_run: bool) -> None:
    """Replace the claims file with `text` once it loads whole; a dry run only checks it.

    The write is atomic and refused if the file changed on disk since it was read.
    """
    from dprktrack.claimsfile.load import catalog_from_text
    from dprktrack.claimsfile.rewrite import replace_claims_file

    catalog_from_text(catalog.path, text)
    if not dry_run:
        replace_claims_file(catalog.path, text, catalog.raw)


def appended(catalog: Catalog, section: str, record: dict[str, Any]) -> str:
    """The claims file's text with `record` added at the end of `section`."""
    from dprktrack.claimsfile.rewrite import with_record

    return with_record(catalog.raw, section, record)
