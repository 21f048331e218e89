"""Loading a claims file: decoded, parsed, validated and cross-checked, all or nothing.

Every problem found is reported at once with its line:column and JSON path. The
usual file passes the quick check of plain records; only a file it refuses (broken,
or unusual in a way the models accept) goes through pydantic, whose messages say
what is wrong.
"""

from __future__ import annotations

from pathlib import Path

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.claimsfile.collector import paused
from dprktrack.claimsfile.jsonparse import parse_json
from dprktrack.claimsfile.read import read_claims_text
from dprktrack.schema.quickcheck import holds
from dprktrack.schema.records import records_of
from dprktrack.schema.rules import cross_reference_problems


def load_catalog(path: Path) -> Catalog:
    """Read, parse, validate and cross-check a claims file; every problem is reported at once."""
    return catalog_from_text(path, read_claims_text(path, str(path)))


def catalog_from_text(path: Path, raw: str, *, name: str | None = None) -> Catalog:
    """The catalog of claims text not yet on disk at `path` (a change is checked before
    writing; an old version read from git), its messages naming `name`, else `path`."""
    with paused():
        return _parse_catalog(path, name or str(path), raw)


def _parse_catalog(path: Path, name: str, raw: str) -> Catalog:
    data, repeats = parse_json(raw, name)
    if repeats:
        from dprktrack.claimsfile.explain import refuse_repeated_keys

        refuse_repeated_keys(name, raw, data)
    if holds(data) and not cross_reference_problems(data):  # the usual case, no pydantic
        records = records_of(data)
    else:  # the models, and their messages: one message per slip
        from dprktrack.claimsfile.explain import records_by_the_models

        records = records_by_the_models(name, raw, data)
    return Catalog(
        path=path,
        raw=raw,
        sources={source.id: source for source in records.sources},
        actors={actor.id: actor for actor in records.actors},
        targets={target.id: target for target in records.targets},
        claims={claim.id: claim for claim in records.claims},
    )
