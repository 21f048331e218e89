"""`approve`: a claim's omissions and alterations, shown to a person and pinned once read."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dprktrack.check.repairs import with_fields
from dprktrack.check.verdicts import judged
from dprktrack.claimsfile.catalog import Catalog
from dprktrack.curate.anchoring import source_document
from dprktrack.errors import DprkError
from dprktrack.matching.departures import Review
from dprktrack.matching.matcher import (
    Document,
)
from dprktrack.schema.records import Claim, claim_of


@dataclass(frozen=True)
class Approval:
    """A claim's departures from its source, as a person is asked to approve them."""

    claim: Claim
    index: int
    review: Review
    places: tuple[str, ...]
    """Each departure's `path:LINE:COL` in the source."""
    done: bool
    """Whether the claim's review pin already approves exactly these departures."""


def approval(catalog: Catalog, claim_id: str) -> Approval:
    """A claim's departures ready for approval, or a refusal saying why they cannot be.

    Only departures that `check` fails as `altered` alone may be approved: a quote
    not found, found in several places, or whose departures turn the source around
    is refused, whatever a person would say.
    """
    claim = catalog.claims[claim_id]
    if not catalog.pin_holds(claim.source):
        raise DprkError(
            f"{claim_id}: {catalog.shown_path(claim.source)} no longer matches its sha256 pin; "
            "run `dprktrack check` and settle that first"
        )
    document = source_document(catalog, claim.source)
    index = list(catalog.claims).index(claim_id)
    finding, review = judged(document, claim, index)
    if finding.verdict != "altered" and finding.severity() == "failure":
        raise DprkError(f"{claim_id} cannot be approved: {finding.verdict}: {finding.message}")
    places = tuple(document.where(departure.at) for departure in review.departures)
    return Approval(claim, index, review, places, done=finding.verdict != "altered")


def approved_text(raw: str, approvals: Sequence[Approval]) -> str:
    """The claims file's text with each claim's review pin set to its departures' hash."""
    from dprktrack.claimsfile.rewrite import dump_claims, newline_of

    data = json.loads(raw)
    for approved in approvals:
        record = data["claims"][approved.index]
        data["claims"][approved.index] = with_fields(record, {"review_pin": approved.review.pin})
    return dump_claims(data, newline=newline_of(raw))


def departures_to_approve(document: Document, record: Mapping[str, Any]) -> Review:
    """A new claim's departures, for `add` to show before the curator confirms them."""
    finding, review = judged(document, claim_of(dict(record)), 0)
    return review if finding.verdict == "altered" else Review((), ())


def approvals(catalog: Catalog, claim_ids: Sequence[str]) -> list[Approval]:
    """Each named claim's departures ready for approval (see `approval`), once each;
    unknown ids are refused together, one line each."""
    unknown = [claim_id for claim_id in claim_ids if claim_id not in catalog.claims]
    if unknown:
        raise DprkError([f"no claim {claim_id!r} in {catalog.name}" for claim_id in unknown])
    return [approval(catalog, claim_id) for claim_id in dict.fromkeys(claim_ids)]
