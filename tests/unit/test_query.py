"""Matching what analysts type against actor names (hypothesis properties)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st
from support import CATALOG

from dprktrack.query import ClaimFilter, actor_names, fold, match_actors, select_claims
from dprktrack.schema.models import Actor, Claim

ACTORS = list(CATALOG.actors.values())


def _accented(text: str) -> str:
    """Put a combining acute accent on every vowel."""
    return "".join(char + "\u0301" if char in "aeiouAEIOU" else char for char in text)


SPELLINGS: list[Callable[[str], str]] = [str.upper, str.lower, str.title, _accented]


@given(st.sampled_from(ACTORS), st.sampled_from(SPELLINGS))
def test_any_spelling_of_a_name_finds_its_actor(actor: Actor, spell: Callable[[str], str]) -> None:
    for name in actor_names(actor):
        assert actor.id in match_actors(ACTORS, spell(name)), name


@given(st.sampled_from(ACTORS), st.data())
def test_word_beginnings_of_a_name_find_its_actor(actor: Actor, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(actor_names(actor)))
    words = fold(name).split()
    kept = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=3))
    query = " ".join(word[: data.draw(st.integers(1, len(word)))] for word in kept)
    found = match_actors(ACTORS, query)
    ids = [a.id for a in ACTORS if fold(a.id) == fold(query)]
    assert found == ids if ids else actor.id in found


@given(st.sampled_from(ACTORS))
def test_an_id_selects_exactly_its_actor(actor: Actor) -> None:
    assert match_actors(ACTORS, actor.id.upper()) == [actor.id]


@given(st.text(max_size=30))
def test_fold_is_idempotent_and_blind_to_marks(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert fold(_accented(text)) == fold(text)
    assert not any(unicodedata.combining(char) for char in folded)
    assert folded == folded.strip()


@given(st.sampled_from(list(CATALOG.claims.values())), st.data())
def test_grep_for_any_run_of_a_quotes_words_finds_that_claim(
    claim: Claim, data: st.DataObject
) -> None:
    words = claim.quote.split()
    start = data.draw(st.integers(0, len(words) - 1))
    run = " ".join(words[start : data.draw(st.integers(start + 1, len(words)))])
    spelled = data.draw(st.sampled_from(SPELLINGS))(run)
    if not fold(run):
        return  # punctuation only: nothing to search for
    found = select_claims(CATALOG, ClaimFilter(greps=(spelled,)))
    assert claim in found
