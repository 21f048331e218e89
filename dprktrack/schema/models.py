"""The schema of claims.json (pydantic v2) and the cross-reference rules loading enforces.

Pure data: nothing here reads files. `cross_reference_problems` reports what a schema
cannot express (unknown or duplicate ids, a source path leaving the claims folder);
`claims_schema` is the models as a JSON Schema, for editors. What lookups need of the
schema without pydantic (records, word lists, the quick check's rules) is generated
from these models into derived.py: after changing them, `cog -r dprktrack/schema/derived.py`.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    NonNegativeInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from dprktrack.schema.rules import (
    DATE_PATTERN,
    LANGUAGE_PATTERN,
    MAX_LANGUAGE_TAG,
    MAX_TEXT,
    MAX_WEB_ADDRESS,
    QUOTE_PATTERN,
    REVIEW_PIN_PATTERN,
    SHA256_PATTERN,
    SLUG_PATTERN,
    TEXT_PATTERN,
    WEB_ADDRESS_PATTERN,
    iso_date,
    offsets_problem,
)

# The word lists of the format; derived.py (generated) spells them out for the fast path.
Stance = Literal["support", "oppose", "neutral", "mixed"]
QuoteType = Literal["direct", "indirect", "mixed"]
ActorKind = Literal["person", "government", "organization", "media", "group", "author"]
ClaimKind = Literal["statement", "act"]

# Patterns, not Python validators: they run inside pydantic-core, twice as fast on
# a file of 100,000 claims.
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN, max_length=MAX_TEXT)]
QuoteText = Annotated[str, StringConstraints(pattern=QUOTE_PATTERN, max_length=MAX_TEXT)]
Context = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
WebAddress = Annotated[
    str, StringConstraints(pattern=WEB_ADDRESS_PATTERN, max_length=MAX_WEB_ADDRESS)
]
LanguageTag = Annotated[
    str, StringConstraints(pattern=LANGUAGE_PATTERN, max_length=MAX_LANGUAGE_TAG)
]
Sha256 = Annotated[str, StringConstraints(pattern=SHA256_PATTERN)]
ReviewPin = Annotated[str, StringConstraints(pattern=REVIEW_PIN_PATTERN)]
# DATE_PATTERN is the JSON Schema's only: `iso_date` validates, messages and all. It runs
# before the type's own check, so a number or a null says the form expected too.
_DATE_SCHEMA = WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN})
IsoDate = Annotated[str, BeforeValidator(iso_date), _DATE_SCHEMA]


def _calendar_date(value: Any) -> date:
    return date.fromisoformat(iso_date(value))


CalendarDate = Annotated[date, BeforeValidator(_calendar_date), _DATE_SCHEMA]
"""A date as the file writes it (YYYY-MM-DD), read as a `date`: pydantic's own date type
would also take a Unix time (86400) or a midnight datetime."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Source(_Record):
    """A text that claims quote; its bytes are pinned by sha256."""

    id: Slug = Field(description="Slug by which claims name this source.")
    path: Text = Field(
        description="File path relative to the folder of claims.json; must stay inside it."
    )
    title: Text = Field(description="Title of the article or document.")
    author: Text = Field(description="Author as the source names them.")
    outlet: Text = Field(description="Publication or outlet.")
    published: CalendarDate = Field(description="Publication date, YYYY-MM-DD.")
    sha256: Sha256 = Field(description="SHA-256 of the file's bytes, lowercase hex.")
    url: WebAddress | None = Field(
        default=None, description="Where the source was published on the web (http or https)."
    )
    archived_url: WebAddress | None = Field(
        default=None, description="A web archive's copy of the page, should the original go."
    )
    retrieved: CalendarDate | None = Field(
        default=None, description="Date the text was taken from the web, YYYY-MM-DD."
    )
    language: LanguageTag | None = Field(
        default=None, description="Language of the text as a BCP 47 tag: en, ko, en-GB."
    )


class Actor(_Record):
    """Someone the source quotes or paraphrases (the author included)."""

    id: Slug = Field(description="Slug by which claims name this actor.")
    name: Text = Field(description="Name as the source gives it.")
    aliases: list[Text] = Field(
        default_factory=list, description="Other spellings and short forms the source uses."
    )
    kind: ActorKind = Field(description="person, government, organization, media, group or author.")
    role: Text | None = Field(default=None, description="Role as the source describes it.")
    country: Text | None = Field(default=None, description="Country as the source gives it.")
    members: list[Slug] = Field(
        default_factory=list,
        description="For a group (kind group) speaking or acting as one, such as two"
        " governments making a joint proposal: the ids of its member actors.",
    )


class Target(_Record):
    """What a stance is taken toward: an institution, a policy, a proposal, an event."""

    id: Slug = Field(description="Slug by which stances name this target.")
    label: Text = Field(description="Short human label.")
    description: Text = Field(description="What exactly the target covers.")


class StanceEntry(_Record):
    """One actor position in a claim, always toward a named target."""

    target: Slug = Field(description="Id of a target.")
    stance: Stance = Field(description="support, oppose, neutral or mixed.")


class Claim(_Record):
    """A statement the source attributes to an actor, tied to a verbatim quote."""

    # For editors; the validator below says the same, and also that end >= start.
    model_config = ConfigDict(
        json_schema_extra={"dependentRequired": {"start": ["end"], "end": ["start"]}}
    )

    id: Slug = Field(description="Unique claim id, e.g. c001.")
    source: Slug = Field(description="Id of the source the quote is taken from.")
    actor: Slug = Field(description="Id of the actor the statement is attributed to.")
    quote: QuoteText = Field(
        description="Verbatim text of the source, character for character; omissions may be"
        " marked with … or [...], alterations with brackets ([t]he)."
    )
    start: NonNegativeInt | None = Field(
        default=None,
        description="Hint: offset (in code points) where the quote begins in the source."
        " Filled in by `dprktrack check --fix`.",
    )
    end: NonNegativeInt | None = Field(
        default=None, description="Hint: offset just past the quote's end in the source."
    )
    prefix: Context | None = Field(
        default=None, description="Hint: up to 32 characters of the source just before the quote."
    )
    suffix: Context | None = Field(
        default=None, description="Hint: up to 32 characters of the source just after the quote."
    )
    review_pin: ReviewPin | None = Field(
        default=None,
        description="Hash over the quote's omissions and alterations, written by `dprktrack"
        " approve` once a person has read them; any change to them breaks it.",
    )
    quote_type: QuoteType = Field(
        description="direct: the actor's own words; indirect: the source's paraphrase; mixed: both."
    )
    kind: ClaimKind = Field(
        default="statement",
        description="statement: something said or written (the default); act: something done,"
        " such as a vote, a veto or a draft submitted.",
    )
    reported_via: Slug | None = Field(
        default=None, description="Id of the actor that relays the statement, if any."
    )
    stances: list[StanceEntry] = Field(
        min_length=1, description="Positions the claim takes, each toward a target."
    )
    summary: Text = Field(description="One line in the curator's words.")
    date: IsoDate | None = Field(
        default=None,
        description="Date of the statement, YYYY-MM-DD; left out when the source gives no day"
        " (the summary can say the year or month).",
    )

    @model_validator(mode="after")
    def _offsets_in_order(self) -> Claim:
        problem = offsets_problem(self.start, self.end)
        if problem is not None:
            raise ValueError(problem)
        return self


class ClaimsFile(_Record):
    """The whole claims.json document."""

    model_config = ConfigDict(populate_by_name=True)

    schema_: str | None = Field(
        default=None,
        alias="$schema",
        title="Schema",
        description="The JSON Schema editors check this file against, ./claims.schema.json;"
        " dprktrack ignores it.",
    )
    sources: list[Source] = Field(
        min_length=1, description="The texts that claims quote, each pinned by its sha256."
    )
    actors: list[Actor] = Field(
        min_length=1, description="Everyone the sources quote or paraphrase, the author included."
    )
    targets: list[Target] = Field(
        min_length=1, description="What stances are taken toward; stances name them by id."
    )
    claims: list[Claim] = Field(
        description="Statements: an actor's stances, each claim tied to a verbatim quote;"
        " [] for none yet."
    )


JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def claims_schema() -> dict[str, Any]:
    """The JSON Schema of claims.json, for editors that check and complete it as one types.

    It says what a record may hold; what it cannot say (unique ids, references
    between the lists, end after start, quotes standing in their sources) is
    left to loading and `dprktrack check`.
    """
    generated = ClaimsFile.model_json_schema(by_alias=True, mode="validation")
    definitions = generated.pop("$defs")
    body = {key: value for key, value in generated.items() if key not in ("title", "description")}
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "dprktrack claims file",
        "description": "Who said what: the sources quoted, the actors, the targets of their"
        " stances, and the claims tying an actor's stances to a verbatim quote."
        " `dprktrack check` also verifies ids, references and every quote.",
        **body,
        "$defs": definitions,
    }


def schema_text() -> str:
    """The schema as committed in claims.schema.json and printed by `dprktrack schema`."""
    return json.dumps(claims_schema(), indent=2, ensure_ascii=False) + "\n"
