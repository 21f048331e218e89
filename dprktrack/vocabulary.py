"""The closed word lists of the claims format, and how stances add up.

Kept apart from the pydantic models so the command line can offer them as
choices (and print `--help`) without importing pydantic.
"""

from collections.abc import Iterable

STANCES: tuple[str, ...] = ("support", "oppose", "neutral", "mixed")
QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")
ACTOR_KINDS: tuple[str, ...] = ("person", "government", "organization", "media", "group", "author")


def overall_stance(stances: Iterable[str]) -> str:
    """One stance that sums up several (for colouring a claim): disagreement is mixed."""
    values = set(stances)
    return values.pop() if len(values) == 1 else "mixed"
