"""The closed word lists of the claims format.

Kept apart from the pydantic models so the command line can offer them as
choices (and print `--help`) without importing pydantic.
"""

STANCES: tuple[str, ...] = ("support", "oppose", "neutral", "mixed")
QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")
ACTOR_KINDS: tuple[str, ...] = ("person", "government", "organization", "media", "group", "author")
