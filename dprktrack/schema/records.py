"""The records of a claims file as plain data: what every command works on.

Loading builds these from JSON data that has been validated (by the quick check or
by the pydantic models), so a lookup never needs pydantic. The named tuples and the
functions that build them are generated from the models into derived.py; this
module is where the rest of the package takes them from.
"""

from __future__ import annotations

from dprktrack.schema.derived import (
    Actor,
    Claim,
    Records,
    Source,
    StanceEntry,
    Target,
    actor_of,
    claim_of,
    records_of,
    source_of,
    stance_entry_of,
    target_of,
)

__all__ = [
    "Actor",
    "Claim",
    "Records",
    "Source",
    "StanceEntry",
    "Target",
    "actor_of",
    "claim_of",
    "records_of",
    "source_of",
    "stance_entry_of",
    "target_of",
]
