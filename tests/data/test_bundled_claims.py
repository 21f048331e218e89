"""The curated claims.json and its seed: complete, verbatim, consistent."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import get_args

import pytest
from support import (
    CLAIMS,
    REPO,
    SEED,
    SHARED_SEEDS,
)

from dprktrack.claimsfile.load import load_catalog
from dprktrack.schema.models import ActorKind, QuoteType, Stance
from dprktrack.schema.vocabulary import ACTOR_KINDS, QUOTE_TYPES, STANCES


def test_seed_is_a_byte_identical_copy_of_the_shared_source() -> None:
    shared = SHARED_SEEDS / SEED.name
    if not shared.exists():
        pytest.skip("the shared seeds folder is not beside this checkout")
    assert SEED.read_bytes() == shared.read_bytes()


def test_every_quote_occurs_exactly_once_in_its_source() -> None:
    catalog = load_catalog(CLAIMS)
    for claim in catalog.claims.values():
        text = catalog.source_text(claim.source)
        assert text.count(claim.quote) == 1, f"{claim.id}: {claim.quote[:60]!r}"


def test_sources_are_pinned_by_their_sha256() -> None:
    catalog = load_catalog(CLAIMS)
    for source in catalog.sources.values():
        digest = hashlib.sha256((REPO / source.path).read_bytes()).hexdigest()
        assert digest == source.sha256, source.id


def test_curation_covers_the_article() -> None:
    catalog = load_catalog(CLAIMS)
    claims = list(catalog.claims.values())
    assert len(claims) >= 35
    assert len({claim.actor for claim in claims}) >= 18
    kinds = Counter(catalog.actors[claim.actor].kind for claim in claims)
    assert kinds["author"] >= 3, "the author's own judgements are claims too"
    assert {claim.quote_type for claim in claims} == set(QUOTE_TYPES)
    assert any(claim.reported_via for claim in claims)
    targets = {entry.target for claim in claims for entry in claim.stances}
    assert {"panel-of-experts", "sanctions-regime"} <= targets
    assert targets == set(catalog.targets), "every target is used by some claim"


def test_direct_quotes_carry_the_articles_curly_quotation_marks() -> None:
    catalog = load_catalog(CLAIMS)
    for claim in catalog.claims.values():
        assert '"' not in claim.quote, claim.id
        if claim.quote_type == "mixed":
            assert "“" in claim.quote or "”" in claim.quote, claim.id


def test_every_actor_is_quoted_relays_a_quote_or_belongs_to_a_group_that_is() -> None:
    catalog = load_catalog(CLAIMS)
    named = {claim.actor for claim in catalog.claims.values()}
    named |= {claim.reported_via for claim in catalog.claims.values() if claim.reported_via}
    named |= {member for actor in named for member in catalog.actors[actor].members}
    assert named == set(catalog.actors)


def test_a_group_lists_members_only_when_it_speaks_or_acts_as_one() -> None:
    catalog = load_catalog(CLAIMS)
    groups = [actor for actor in catalog.actors.values() if actor.members]
    assert groups, "the joint proposal is a group's claim"
    assert all(actor.kind == "group" and len(actor.members) >= 2 for actor in groups)


def test_acts_are_reported_not_quoted() -> None:
    catalog = load_catalog(CLAIMS)
    acts = [claim for claim in catalog.claims.values() if claim.kind == "act"]
    assert acts, "votes, vetoes and drafts submitted are acts"
    assert all(claim.quote_type != "direct" for claim in acts), [c.id for c in acts]


@pytest.mark.parametrize("hedge", ["likely", "reportedly"])
def test_a_summary_keeps_the_hedge_of_its_quote(hedge: str) -> None:
    catalog = load_catalog(CLAIMS)
    hedged = [claim for claim in catalog.claims.values() if hedge in claim.quote.lower()]
    assert hedged
    for claim in hedged:
        assert hedge in claim.summary.lower(), f"{claim.id} drops {hedge!r}: {claim.summary}"


def test_a_claim_takes_one_stance_toward_a_target() -> None:
    catalog = load_catalog(CLAIMS)
    for claim in catalog.claims.values():
        targets = [entry.target for entry in claim.stances]
        assert len(targets) == len(set(targets)), claim.id


def test_one_act_or_statement_per_passage_and_actor() -> None:
    catalog = load_catalog(CLAIMS)
    passages = Counter((claim.actor, claim.quote) for claim in catalog.claims.values())
    assert [key for key, count in passages.items() if count > 1] == []


def test_word_lists_match_the_schema_literals() -> None:
    assert get_args(Stance) == STANCES
    assert get_args(QuoteType) == QUOTE_TYPES
    assert get_args(ActorKind) == ACTOR_KINDS


def test_the_seed_copy_is_kept_from_line_ending_conversion() -> None:
    attributes = (REPO / ".gitattributes").read_text("utf-8").splitlines()
    assert "seeds/** -text" in attributes
