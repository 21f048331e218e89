"""What the fast path needs of the schema, derived from the pydantic models (models.py).

The block between the cog markers is generated from the models by
dprktrack/schema/derive.py; do not edit it by hand. After changing the models:

    cog -r dprktrack/schema/derived.py

CI and tests/unit/schema/test_derived.py fail while it is out of date. It holds the
word lists, the records as named tuples (five named tuples cost half a millisecond at
start, five dataclasses 3 ms) with the functions that build them from validated JSON,
and per record type the keys and the rule of each field the quick check applies.
Nothing here imports pydantic. Annotations are evaluated here (no `from __future__ import
annotations`): a named tuple compiles each string annotation, a third of its cost at start.
"""

from datetime import date
from typing import Any, NamedTuple


class FieldRule(NamedTuple):
    """How the quick check reads one field of a JSON record."""

    key: str
    rule: str
    """A value rule of the quick check (slug, text, …), "one_of" (`choices`) or "record"."""
    choices: tuple[str, ...] = ()
    record: str = ""
    """For "record": the name of the nested record's shape."""
    nullable: bool = False
    many: bool = False
    """A list of such values."""
    min_items: int = 0


class Shape(NamedTuple):
    """One record type as JSON: its keys, the rule of each field, and its model validators."""

    keys: frozenset[str]
    required: frozenset[str]
    fields: tuple[FieldRule, ...]
    checks: tuple[str, ...]
    """The names of the model's validators over several fields (end after start, say)."""


def as_date(value: str | date) -> date:
    """A date from the file's text (YYYY-MM-DD), or as the models made it."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def as_date_or_none(value: str | date | None) -> date | None:
    return None if value is None else as_date(value)


# [[[cog
# from dprktrack.schema.derive import derived_text
# cog.out(derived_text())
# ]]]
STANCES: tuple[str, ...] = ("support", "oppose", "neutral", "mixed")
QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")
ACTOR_KINDS: tuple[str, ...] = ("person", "government", "organization", "media", "group", "author")
CLAIM_KINDS: tuple[str, ...] = ("statement", "act")


class Source(NamedTuple):
    """A text that claims quote; its bytes are pinned by sha256."""

    id: str
    path: str
    title: str
    author: str
    outlet: str
    published: date
    sha256: str
    url: str | None = None
    archived_url: str | None = None
    retrieved: date | None = None
    language: str | None = None


class Actor(NamedTuple):
    """Someone the source quotes or paraphrases (the author included)."""

    id: str
    name: str
    kind: str
    aliases: list[str]
    members: list[str]
    role: str | None = None
    country: str | None = None


class Target(NamedTuple):
    """What a stance is taken toward: an institution, a policy, a proposal, an event."""

    id: str
    label: str
    description: str


class StanceEntry(NamedTuple):
    """One actor position in a claim, always toward a named target."""

    target: str
    stance: str


class Claim(NamedTuple):
    """A statement the source attributes to an actor, tied to a verbatim quote."""

    id: str
    source: str
    actor: str
    quote: str
    quote_type: str
    stances: list[StanceEntry]
    summary: str
    start: int | None = None
    end: int | None = None
    prefix: str | None = None
    suffix: str | None = None
    review_pin: str | None = None
    kind: str = "statement"
    reported_via: str | None = None
    date: str | None = None


class Records(NamedTuple):
    """The lists of a claims file, in file order."""

    sources: list[Source]
    actors: list[Actor]
    targets: list[Target]
    claims: list[Claim]


def source_of(record: dict[str, Any]) -> Source:
    """A source from its validated JSON record."""
    return Source(
        **{
            **record,
            "published": as_date(record["published"]),
            "retrieved": as_date_or_none(record.get("retrieved")),
        }
    )


def actor_of(record: dict[str, Any]) -> Actor:
    """An actor from its validated JSON record."""
    return Actor(**{"aliases": [], "members": [], **record})


def target_of(record: dict[str, Any]) -> Target:
    """A target from its validated JSON record."""
    return Target(**record)


def stance_entry_of(record: dict[str, Any]) -> StanceEntry:
    """A stance entry from its validated JSON record."""
    return StanceEntry(**record)


def claim_of(record: dict[str, Any]) -> Claim:
    """A claim from its validated JSON record."""
    return Claim(**{**record, "stances": [StanceEntry(**item) for item in record["stances"]]})


def records_of(data: dict[str, Any]) -> Records:
    """Records from validated JSON data (dates as ISO strings, as in the file)."""
    return Records(
        sources=[source_of(item) for item in data["sources"]],
        actors=[actor_of(item) for item in data["actors"]],
        targets=[target_of(item) for item in data["targets"]],
        claims=[claim_of(item) for item in data["claims"]],
    )


SHAPES: dict[str, Shape] = {
    "ClaimsFile": Shape(
        keys=frozenset({"$schema", "sources", "actors", "targets", "claims"}),
        required=frozenset({"sources", "actors", "targets", "claims"}),
        fields=(
            FieldRule("$schema", "string", nullable=True),
            FieldRule("sources", "record", record="Source", many=True, min_items=1),
            FieldRule("actors", "record", record="Actor", many=True, min_items=1),
            FieldRule("targets", "record", record="Target", many=True, min_items=1),
            FieldRule("claims", "record", record="Claim", many=True, min_items=0),
        ),
        checks=(),
    ),
    "Source": Shape(
        keys=frozenset(
            {
                "id",
                "path",
                "title",
                "author",
                "outlet",
                "published",
                "sha256",
                "url",
                "archived_url",
                "retrieved",
                "language",
            }
        ),
        required=frozenset({"id", "path", "title", "author", "outlet", "published", "sha256"}),
        fields=(
            FieldRule("id", "slug"),
            FieldRule("path", "text"),
            FieldRule("title", "text"),
            FieldRule("author", "text"),
            FieldRule("outlet", "text"),
            FieldRule("published", "date"),
            FieldRule("sha256", "sha256"),
            FieldRule("url", "web_address", nullable=True),
            FieldRule("archived_url", "web_address", nullable=True),
            FieldRule("retrieved", "date", nullable=True),
            FieldRule("language", "language", nullable=True),
        ),
        checks=(),
    ),
    "Actor": Shape(
        keys=frozenset({"id", "name", "aliases", "kind", "role", "country", "members"}),
        required=frozenset({"id", "name", "kind"}),
        fields=(
            FieldRule("id", "slug"),
            FieldRule("name", "text"),
            FieldRule("aliases", "text", many=True, min_items=0),
            FieldRule("kind", "one_of", choices=ACTOR_KINDS),
            FieldRule("role", "text", nullable=True),
            FieldRule("country", "text", nullable=True),
            FieldRule("members", "slug", many=True, min_items=0),
        ),
        checks=(),
    ),
    "Target": Shape(
        keys=frozenset({"id", "label", "description"}),
        required=frozenset({"id", "label", "description"}),
        fields=(
            FieldRule("id", "slug"),
            FieldRule("label", "text"),
            FieldRule("description", "text"),
        ),
        checks=(),
    ),
    "StanceEntry": Shape(
        keys=frozenset({"target", "stance"}),
        required=frozenset({"target", "stance"}),
        fields=(
            FieldRule("target", "slug"),
            FieldRule("stance", "one_of", choices=STANCES),
        ),
        checks=(),
    ),
    "Claim": Shape(
        keys=frozenset(
            {
                "id",
                "source",
                "actor",
                "quote",
                "start",
                "end",
                "prefix",
                "suffix",
                "review_pin",
                "quote_type",
                "kind",
                "reported_via",
                "stances",
                "summary",
                "date",
            }
        ),
        required=frozenset({"id", "source", "actor", "quote", "quote_type", "stances", "summary"}),
        fields=(
            FieldRule("id", "slug"),
            FieldRule("source", "slug"),
            FieldRule("actor", "slug"),
            FieldRule("quote", "quote"),
            FieldRule("start", "count", nullable=True),
            FieldRule("end", "count", nullable=True),
            FieldRule("prefix", "context", nullable=True),
            FieldRule("suffix", "context", nullable=True),
            FieldRule("review_pin", "review_pin", nullable=True),
            FieldRule("quote_type", "one_of", choices=QUOTE_TYPES),
            FieldRule("kind", "one_of", choices=CLAIM_KINDS),
            FieldRule("reported_via", "slug", nullable=True),
            FieldRule("stances", "record", record="StanceEntry", many=True, min_items=1),
            FieldRule("summary", "text"),
            FieldRule("date", "date", nullable=True),
        ),
        checks=("_offsets_in_order",),
    ),
}
# [[[end]]]
