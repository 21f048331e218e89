"""What shell completion offers: the claims file's ids, each with a word of help.

Pure functions over a loaded catalog; the command line turns the pairs into click's
completion items. Matching is case-blind, and an actor is offered by its id
whether the curator began typing its id, its name or one of its aliases.
"""

from __future__ import annotations

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.query import fold, match_actors
from dprktrack.schema.vocabulary import STANCES

Candidate = tuple[str, str]
"""A value to insert and the help a shell may show beside it."""


def candidates(catalog: Catalog, kind: str, incomplete: str) -> list[Candidate]:
    """Completions of one kind: claim, actor, target, source or stance (TARGET=STANCE)."""
    if kind == "claim":
        return [
            (claim.id, f"{catalog.actors[claim.actor].name}: {claim.summary}")
            for claim in catalog.claims.values()
            if _begins(claim.id, incomplete)
        ]
    if kind == "actor":
        return _actors(catalog, incomplete)
    if kind == "target":
        return [
            (target.id, target.label)
            for target in catalog.targets.values()
            if _begins(target.id, incomplete)
        ]
    if kind == "source":
        return [
            (source.id, source.title)
            for source in catalog.sources.values()
            if _begins(source.id, incomplete)
        ]
    if kind == "stance":
        return _stance_pairs(catalog, incomplete)
    raise ValueError(f"no completion for {kind!r}")


def _begins(value: str, incomplete: str) -> bool:
    return value.casefold().startswith(incomplete.casefold())


def _actors(catalog: Catalog, incomplete: str) -> list[Candidate]:
    """Actor ids whose id begins with the text, else whose name or alias words it begins.

    Aliases hold spaces ("the Russian representative"), which a shell would split;
    completing to the id keeps the command line one word per value.
    """
    by_id = [actor for actor in catalog.actors.values() if _begins(actor.id, incomplete)]
    named = set(match_actors(catalog.actors.values(), incomplete)) if fold(incomplete) else set()
    listed = {actor.id for actor in by_id}
    chosen = by_id + [actor for actor in catalog.actors.values() if actor.id in named - listed]
    return [(actor.id, actor.name) for actor in chosen]


def _stance_pairs(catalog: Catalog, incomplete: str) -> list[Candidate]:
    """Whole `target=stance` values, so one completion gives a finished argument; after a
    comma (several pairs in one value), the pair after it."""
    head, comma, last = incomplete.rpartition(",")
    return [
        (f"{head}{comma}{target.id}={stance}", f"{stance} {target.label}")
        for target in catalog.targets.values()
        for stance in STANCES
        if _begins(f"{target.id}={stance}", last)
    ]
