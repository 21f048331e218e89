"""The closed word lists of the claims format.

The models' Literal types, spelled out (in derived.py, generated) so the command line
can offer them as choices (and print `--help`) without importing pydantic.
"""

from dprktrack.schema.derived import ACTOR_KINDS, CLAIM_KINDS, QUOTE_TYPES, STANCES

__all__ = ["ACTOR_KINDS", "CLAIM_KINDS", "QUOTE_TYPES", "STANCES"]
