"""Paths and types the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "claims.json"
SEED = REPO / "seeds" / "000_ae58a3e6272e0d5e.txt"
SHARED_SEEDS = REPO.parent / "shared" / "seeds"

Invoke = Callable[..., Result]

Edit = Callable[[dict[str, Any]], None]
"""A change to a parsed claims document, made in place."""


def set_at(path: tuple[Any, ...], value: Any) -> Edit:
    """An edit that sets the value at a JSON path (keys and list indexes)."""

    def edit(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def delete_at(path: tuple[Any, ...]) -> Edit:
    """An edit that removes the key or list item at a JSON path."""

    def edit(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


def add_args(quote: str, *extra: str) -> list[str]:
    """`dprktrack add` with a valid actor, stance and summary for `quote`."""
    return [
        "add",
        "--actor",
        "nebenzya",
        "--quote",
        quote,
        "--stance",
        "sunset-clauses=support",
        "--summary",
        "Says the draft ignored Moscow's proposal.",
        *extra,
    ]


def on_words(text: str, start: int, end: int) -> tuple[int, int]:
    """`start` moved back and `end` forward to the nearest places a quote may begin and end
    (whole words and graphemes): the strategies' spans, made quotable."""
    from dprktrack.boundaries import is_boundary

    while not is_boundary(text, start):
        start -= 1
    while not is_boundary(text, end):
        end += 1
    return start, end
