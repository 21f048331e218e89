"""The orders claims are read in: article order, date, actor, id.

A claims file lists claims in the order they were added, which is rarely the order a
reader meets them; article order (each source in the file's order, then the quote's
place in it) reads like the sources themselves. Every order falls back on article
order, so ties are never left to chance.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.query import Record, fold

SORTS = ("position", "date", "actor", "id")
"""What `list --sort` takes; the first is the default."""

DATED_BY_CLAIM, DATED_BY_SOURCE = "claim", "source"

Key = Callable[[Record], Any]


def dated(catalog: Catalog, record: Record) -> tuple[str, str]:
    """The date a claim is placed at and where it comes from: its own `date`, else its
    source's `published` (an article's claims happened by the time it was published)."""
    if record["date"]:
        return record["date"], DATED_BY_CLAIM
    return str(catalog.sources[record["source"]].published), DATED_BY_SOURCE  # ISO: YYYY-MM-DD


def position_key(catalog: Catalog) -> Key:
    """Article order: the source's place in the file, then the quote's offset in it.

    A quote that cannot be placed in its source comes after that source's placed
    ones, in file order (Python's sort is stable).
    """
    source_rank = {source_id: rank for rank, source_id in enumerate(catalog.sources)}

    def key(record: Record) -> tuple[int, bool, int]:
        start = record["start"]
        return source_rank[record["source"]], start is None, start or 0

    return key


def _natural(identifier: str) -> tuple[Any, ...]:
    """`c2` before `c10`: digits compared as numbers, the rest blind to case."""
    parts = re.split(r"(\d+)", identifier.casefold())
    return tuple(int(part) if part.isdigit() else part for part in parts)


def sort_key(catalog: Catalog, sort: str) -> Key:
    """The key of one of SORTS, article order breaking its ties."""
    position = position_key(catalog)
    if sort == "position":
        return position
    if sort == "date":
        return lambda record: (dated(catalog, record)[0], position(record))
    if sort == "actor":
        return lambda record: (fold(record["actor"]), record["actor_id"], position(record))
    if sort == "id":
        return lambda record: _natural(record["id"])
    raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")


def sorted_records(catalog: Catalog, records: Sequence[Record], sort: str) -> list[Record]:
    """The claim records in the order `sort` names (one of SORTS)."""
    return sorted(records, key=sort_key(catalog, sort))
