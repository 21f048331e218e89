"""Curating the claims file: finding a passage, and building new records that will hold.

Pure functions over a loaded catalog. A quote is placed with the check's own
matcher, so a claim built here passes `dprktrack check` as written; the command
line asks the questions and writes the file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from dprktrack.check.repairs import with_fields
from dprktrack.check.verdicts import claim_finding, judged
from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError
from dprktrack.matching.approximate import similarity
from dprktrack.matching.departures import Review
from dprktrack.matching.matcher import (
    LONGEST_APPROXIMATE,
    MAX_OCCURRENCES,
    Document,
    Hints,
    Match,
    closest_passages,
    match_quote,
    source_spelling,
)
from dprktrack.matching.normalise import normalise_text
from dprktrack.matching.textpos import Span, sentence
from dprktrack.query import actor_names, fold, match_actors
from dprktrack.schema.records import Actor, Claim, StanceEntry, Target, claim_of
from dprktrack.schema.rules import PATTERN_MESSAGES, SLUG_PATTERN, iso_date
from dprktrack.schema.vocabulary import STANCES

if TYPE_CHECKING:
    from pydantic import BaseModel

Kind = Literal["exact", "typography", "close"]


@dataclass(frozen=True)
class Passage:
    """A place in a source where a text stands, or the nearest thing to it."""

    source: str
    path: str
    line: int
    column: int
    span: Span
    spelling: str
    """The text in the source's own characters (omission marks kept): ready to paste."""
    kind: Kind
    score: float | None
    """Edit score of a close passage, blind to letter case (1 is identical); None for a hit."""
    sentence: str
    """The sentence around the passage, to show it as a reader meets it."""
    sentence_start: int
    """Where that sentence begins in the source."""
    clipped: tuple[bool, bool] = (False, False)
    """Whether the sentence was cut short before and after (it was too long to show)."""
    occurrence: int = 1
    """Which occurrence in its source this is, as `add --occurrence` counts them."""
    problem: str | None = None
    """Why `check` would fail a claim quoting the text here (a dropped negation), if it would."""
    case_only: bool = False
    """A close passage that differs from the text only in letter case."""


@dataclass(frozen=True)
class Located:
    """What `locate` found: hits where the text stands, or else the closest passages."""

    hits: list[Passage]
    close: list[Passage]
    uncounted: bool = False
    """Some source held more occurrences than were counted (see MAX_OCCURRENCES)."""
    too_long: bool = False
    """No hit, and the text is too long to look for close passages (LONGEST_APPROXIMATE)."""


def locate(catalog: Catalog, text: str, source_ids: Sequence[str] = ()) -> Located:
    """Where `text` stands in the sources: exactly, else after typographic normalisation.

    Without a hit, the closest passages are given instead, found and scored blind to
    letter case, so a half-remembered or retyped phrase still leads to the source's
    words; a passage that differs only in case is marked so.
    """
    documents = [_document(catalog, source_id) for source_id in source_ids or catalog.sources]
    hits: list[Passage] = []
    uncounted = False
    for source_id, document in documents:
        match = match_quote(document, text, Hints())
        uncounted |= match.uncounted
        hits.extend(_hits(source_id, document, text, match))
    if hits:
        return Located(hits, [], uncounted)
    if len(normalise_text(text).strip()) > LONGEST_APPROXIMATE:
        return Located([], [], too_long=True)
    close = []
    for source_id, document in documents:
        for span, _ in closest_passages(_lowered(document), _lower(text)):
            whole = whole_words(document.raw, span)
            passage = document.slice(whole)
            typed, found = normalise_text(text).strip(), normalise_text(passage)
            score = similarity(_lower(typed), _lower(found))
            found_close = _passage(source_id, document, whole, passage, "close", score=score)
            close.append(replace(found_close, case_only=typed != found and score == 1.0))
    close.sort(key=lambda passage: -(passage.score or 0.0))
    return Located([], close[:3])


def _lower(text: str) -> str:
    """Lower case that keeps every offset: a letter whose lower case is longer stays as is."""
    return "".join(lower if len(lower := char.lower()) == 1 else char for char in text)


def _lowered(document: Document) -> Document:
    return Document(_lower(document.raw), document.name)


def source_document(catalog: Catalog, source_id: str) -> Document:
    """The source as the matcher takes it, named by its path from the current folder."""
    return Document(catalog.source_text(source_id), catalog.shown_path(source_id))


def _document(catalog: Catalog, source_id: str) -> tuple[str, Document]:
    return source_id, source_document(catalog, source_id)


def _hits(source_id: str, document: Document, text: str, match: Match) -> list[Passage]:
    if match.stage in ("exact", "typography"):
        return [_hit(source_id, document, text, match, 1)]
    if match.stage != "ambiguous":
        return []
    hits = []
    for number, span in enumerate(sorted(match.candidates, key=lambda span: span.start), 1):
        there = match_quote(document, text, document.hints_for(span))
        if there.stage in ("exact", "typography") and there.span == span:
            hits.append(_hit(source_id, document, text, there, number))
        else:  # an omission found twice only after normalisation: show the passage whole
            passage = _passage(source_id, document, span, document.slice(span), "typography")
            hits.append(replace(passage, occurrence=number))
    return hits


def _hit(source_id: str, document: Document, text: str, match: Match, number: int) -> Passage:
    span = match.span
    assert span is not None
    spelling = source_spelling(document, text, match)
    kind: Kind = "exact" if spelling == text else "typography"
    passage = _passage(source_id, document, span, spelling, kind)
    return replace(passage, occurrence=number, problem=_quoting_problem(document, spelling, span))


def _quoting_problem(document: Document, spelling: str, span: Span) -> str | None:
    """What `check` would say against a claim quoting this spelling here, or None if it
    would pass it (departures aside: `add` shows them to be approved): an omission may
    leave out a negation the passage has."""
    hints = document.hints_for(span)
    claim = Claim(
        id="located", source="source", actor="actor", quote=spelling, start=span.start,
        end=span.end, prefix=hints.prefix, suffix=hints.suffix, quote_type="direct",
        stances=[StanceEntry(target="target", stance="neutral")], summary="located",
    )  # fmt: skip
    finding = claim_finding(document, claim, 0)
    return None if finding.verdict in ("ok", "altered") else f"{finding.verdict}: {finding.message}"


def _passage(
    source_id: str,
    document: Document,
    span: Span,
    spelling: str,
    kind: Kind,
    *,
    score: float | None = None,
) -> Passage:
    line, column = document.lines.position(span.start)
    around = sentence(document.raw, span)
    return Passage(
        source_id,
        document.name,
        line,
        column,
        span,
        spelling,
        kind,
        score,
        document.slice(around),
        around.start,
        clipped=_clipped(document.raw, around),
    )


def _clipped(text: str, around: Span) -> tuple[bool, bool]:
    """Whether a sentence shown was cut short: it neither starts nor ends where one does."""
    before = text[: around.start].rstrip()
    starts = not before or before.endswith(("\n", ".", "!", "?", "…", "”", "’", '"', ")"))
    starts = starts or text[around.start - 1 : around.start] == "\n"
    after = text[around.end : around.end + 1]
    ends = not after or after.isspace()
    return not starts, not ends


@dataclass(frozen=True)
class Anchored:
    """A quote placed in its source: the source's own characters and the anchors to find it."""

    quote: str
    start: int
    end: int
    prefix: str
    suffix: str
    where: str
    retyped: bool
    """Whether the quote as given differed in typography and was replaced by the source's."""


class Ambiguous(DprkError):
    """A quote found in several places: each place's line:column, for a curator to choose."""

    def __init__(self, message: str, places: list[str]) -> None:
        super().__init__(message)
        self.places = places


def anchor_quote(document: Document, quote: str, occurrence: int | None = None) -> Anchored:
    """Place a new claim's quote, or say why it cannot be and what would help.

    An exact or typographic match is stored in the source's own characters with full
    anchors; a quote found more than once needs more words or `occurrence` (1-based,
    in text order); a quote not found is refused with the closest passage.
    """
    match = match_quote(document, quote, Hints())
    if match.stage == "ambiguous":
        match = _chosen_occurrence(document, quote, match, occurrence)
    elif match.stage in ("exact", "typography"):
        if occurrence not in (None, 1):
            raise DprkError(
                f"--occurrence {occurrence}: the quote occurs once in {document.name}; "
                "leave --occurrence out"
            )
    else:
        raise DprkError(_not_found(document, quote))
    span = match.span
    assert span is not None
    hints = document.hints_for(span)
    assert hints.prefix is not None
    assert hints.suffix is not None
    spelling = source_spelling(document, quote, match)
    return Anchored(
        spelling,
        span.start,
        span.end,
        hints.prefix,
        hints.suffix,
        document.where(span.start),
        retyped=spelling != quote,
    )


def _chosen_occurrence(
    document: Document, quote: str, match: Match, occurrence: int | None
) -> Match:
    places = sorted(match.candidates, key=lambda span: span.start)
    count = f"more than {MAX_OCCURRENCES}" if match.uncounted else str(len(places))
    lines = ["{}:{}".format(*document.lines.position(span.start)) for span in places]
    if occurrence is None:
        more = ", …" if len(places) > 5 else ""
        raise Ambiguous(
            f"the quote occurs {count} times in {document.name} (at "
            f"{', '.join(lines[:5])}{more}); quote more words to make it one passage, "
            "or choose one with --occurrence N",
            lines,
        )
    if not 1 <= occurrence <= len(places):
        raise DprkError(
            f"--occurrence {occurrence}: the quote occurs {count} times in {document.name}; "
            f"choose 1 to {len(places)}"
        )
    span = places[occurrence - 1]
    chosen = match_quote(document, quote, document.hints_for(span))
    if chosen.span != span:
        raise DprkError(
            f"occurrence {occurrence} at {document.where(span.start)} cannot be anchored "
            "on its own; quote it without omission marks"
        )
    return chosen


def _not_found(document: Document, quote: str) -> str:
    if len(quote) > LONGEST_APPROXIMATE:
        return (
            f"the quote is not in {document.name} verbatim, and too long to look for a close "
            f"passage (over {LONGEST_APPROXIMATE} characters)"
        )
    nearest = closest_passages(document, quote, limit=1)
    if not nearest:
        return f"the quote is not in {document.name}, and nothing there is close to it"
    span, score = nearest[0]
    span = whole_words(document.raw, span)
    passage = document.slice(span)
    shown = passage if len(passage) <= 120 else passage[:117] + "…"
    return (
        f"the quote is not in {document.name}; the closest passage, at "
        f"{document.where(span.start)} (score {score:.2f}), reads {shown!r} "
        "(`dprktrack locate` shows more)"
    )


def whole_words(text: str, span: Span) -> Span:
    """A close passage widened to whole words and trimmed of white space: an edit search
    may begin or end mid-word or on a space."""
    start, end = span.start, span.end
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def verdict_problem(document: Document, claim: Claim) -> str | None:
    """Why `check` would not pass the claim as it stands, or None when it would."""
    finding = claim_finding(document, claim, 0)
    return None if finding.verdict == "ok" else f"{finding.verdict}: {finding.message}"


def next_claim_id(existing: Iterable[str]) -> str:
    """The next free id in the style the file already uses: c059 is followed by c060.

    The style is the commonest prefix of ids that end in a number (the first in file
    order on a tie), padded to the narrowest width those ids use; a file without such
    ids starts at c001.
    """
    ordered = list(existing)
    taken = set(ordered)
    numbered = [
        (match.group(1), match.group(2))
        for match in (re.fullmatch(r"(.*?)([0-9]+)", identifier) for identifier in ordered)
        if match
    ]
    if not numbered:
        prefix, width, number = "c", 3, 1
    else:
        prefix = Counter(prefix for prefix, _ in numbered).most_common(1)[0][0]
        digits = [digits for known, digits in numbered if known == prefix]
        width = min(len(run) for run in digits)
        number = max(int(run) for run in digits) + 1
    while f"{prefix}{number:0{width}d}" in taken:
        number += 1
    return f"{prefix}{number:0{width}d}"


def slug(text: str) -> str:
    """A slug id made from a name: "Russia–DPRK rapprochement" gives russia-dprk-rapprochement."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    latin = re.sub("['’]", "", bare.casefold().translate(_UNDECOMPOSED))  # Russia's: russias
    return "-".join(re.findall(r"[a-z0-9]+", latin))[:64].strip("-")


_UNDECOMPOSED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d",
                               "ð": "d", "þ": "th", "ı": "i"})  # fmt: skip
"""Latin letters NFKD does not split into a base letter and an accent."""


def free_id(known: Iterable[str], value: str, noun: str) -> str:
    """A new record's id, refused when blank, not a slug (so never in capitals) or taken."""
    wanted = value.strip()
    if not wanted:
        raise DprkError(f"--id: the {noun} id is empty")
    if not re.fullmatch(SLUG_PATTERN, wanted):
        raise DprkError(f"--id: {PATTERN_MESSAGES[SLUG_PATTERN]} (got {wanted!r})")
    if wanted in set(known):
        raise DprkError(f"{noun} id {wanted!r} is taken; choose another with --id")
    return wanted


def label_clashes(catalog: Catalog, label: str) -> list[str]:
    """Targets with the same label, which a reader of tables could not tell apart."""
    return [target.id for target in catalog.targets.values() if fold(target.label) == fold(label)]


def resolve_actor(catalog: Catalog, text: str, option: str) -> str:
    """The one actor `text` names (id, name or alias words), or an error listing the choices."""
    wanted = text.strip()
    by_fold = {actor_id.casefold(): actor_id for actor_id in catalog.actors}
    if wanted.casefold() in by_fold:
        return by_fold[wanted.casefold()]
    found = match_actors(catalog.actors.values(), wanted)
    # "State Department" is one actor's alias, though its words begin another's name too.
    exact = [
        actor_id
        for actor_id in found
        if fold(wanted) in {fold(name) for name in actor_names(catalog.actors[actor_id])}
    ]
    if len(found) == 1 or len(exact) == 1:
        return (exact or found)[0]
    if found:
        listed = ", ".join(f"{actor_id} ({catalog.actors[actor_id].name})" for actor_id in found)
        raise DprkError(f"{option} {text!r} names several actors: {listed}; give one id")
    raise DprkError(f"{option}: no actor {text!r}; actors: {', '.join(catalog.actors)}")


def parse_stances(values: Iterable[str], targets: Mapping[str, Target]) -> list[dict[str, str]]:
    """`target=stance` pairs (each value may hold several, comma-separated) as stance
    entries; a slip is refused with the valid values."""
    by_fold = {target_id.casefold(): target_id for target_id in targets}
    entries: list[dict[str, str]] = []
    pairs = [pair.strip() for value in values for pair in value.split(",") if pair.strip()]
    for value in pairs:
        target_text, equals, stance_text = value.partition("=")
        target = by_fold.get(target_text.strip().casefold())
        stance = stance_text.strip().casefold()
        if not equals:
            raise DprkError(
                f"--stance {value!r}: write TARGET=STANCE, e.g. panel-of-experts=oppose"
            )
        if target is None:
            raise DprkError(
                f"--stance {value!r}: no target {target_text.strip()!r}; "
                f"targets: {', '.join(targets)}"
            )
        if stance not in STANCES:
            raise DprkError(f"--stance {value!r}: the stance is one of {', '.join(STANCES)}")
        if any(entry["target"] == target for entry in entries):
            raise DprkError(f"--stance: target {target!r} is given twice")
        entries.append({"target": target, "stance": stance})
    return entries


def build_record(
    model: type[BaseModel], values: Mapping[str, Any], options: Mapping[str, str]
) -> dict[str, Any]:
    """A new record with its absent optional fields (None, no aliases) left out, valid or
    refused. An empty prefix or suffix stays: it anchors a quote at the source's edge.

    Each problem names the option that supplied the value (from `options`), since
    the curator typed options, not JSON.
    """
    from pydantic import ValidationError

    from dprktrack.claimsfile.problems import problem_from_pydantic

    record = {key: value for key, value in values.items() if value is not None and value != []}
    try:
        model.model_validate(record)
    except ValidationError as err:
        messages = []
        for error in err.errors(include_url=False):
            problem = problem_from_pydantic(error, record)
            field = str(problem.path[0]) if problem.path else ""
            messages.append(f"{options.get(field, field)}: {problem.message}")
        raise DprkError(messages) from None
    return record


def name_clashes(catalog: Catalog, actor: Actor) -> list[str]:
    """Existing actors a new actor's name or aliases would also select in lookups."""
    names = {fold(name) for name in (actor.name, *actor.aliases)}
    return [
        other.id
        for other in catalog.actors.values()
        if names & {fold(name) for name in (other.name, *other.aliases)}
    ]


def same_passage(catalog: Catalog, record: Mapping[str, Any]) -> list[str]:
    """Claims of the same actor already anchored on exactly this passage: a likely repeat."""
    return [
        claim.id
        for claim in catalog.claims.values()
        if (claim.actor, claim.source, claim.start, claim.end)
        == (record["actor"], record["source"], record["start"], record["end"])
    ]


def located_record(text: str, located: Located) -> dict[str, Any]:
    """What `locate --format json` prints: the hits, else the closest passages."""

    def record(passage: Passage) -> dict[str, Any]:
        return {
            "source": passage.source,
            "path": passage.path,
            "line": passage.line,
            "column": passage.column,
            "start": passage.span.start,
            "end": passage.span.end,
            "match": passage.kind,
            "score": None if passage.score is None else round(passage.score, 3),
            "occurrence": passage.occurrence,
            "quote": passage.spelling,
            "problem": passage.problem,
            "case_only": passage.case_only,
            "sentence": passage.sentence,
        }

    return {
        "text": text,
        "found": bool(located.hits),
        "occurrences": len(located.hits),
        "uncounted": located.uncounted,
        "too_long": located.too_long,
        "hits": [record(passage) for passage in located.hits],
        "closest": [record(passage) for passage in located.close],
    }


def check_date(value: str, option: str, published: date | None = None) -> str:
    """A statement date as the claims file takes it (YYYY-MM-DD), checked when typed rather
    than after every other question; a source cannot quote a statement made after it was
    published."""
    wanted = value.strip()
    try:
        iso_date(wanted)
    except ValueError as err:
        raise DprkError(f"{option}: {err} (got {value!r})") from None
    if published is not None and wanted > published.isoformat():
        raise DprkError(f"{option}: {wanted} is after the source was published ({published})")
    return wanted


@dataclass(frozen=True)
class Approval:
    """A claim's departures from its source, as a person is asked to approve them."""

    claim: Claim
    index: int
    review: Review
    places: tuple[str, ...]
    """Each departure's `path:LINE:COL` in the source."""
    done: bool
    """Whether the claim's review pin already approves exactly these departures."""


def approval(catalog: Catalog, claim_id: str) -> Approval:
    """A claim's departures ready for approval, or a refusal saying why they cannot be.

    Only departures that `check` fails as `altered` alone may be approved: a quote
    not found, found in several places, or whose departures turn the source around
    is refused, whatever a person would say.
    """
    claim = catalog.claims[claim_id]
    if not catalog.pin_holds(claim.source):
        raise DprkError(
            f"{claim_id}: {catalog.shown_path(claim.source)} no longer matches its sha256 pin; "
            "run `dprktrack check` and settle that first"
        )
    document = source_document(catalog, claim.source)
    index = list(catalog.claims).index(claim_id)
    finding, review = judged(document, claim, index)
    if finding.verdict != "altered" and finding.severity() == "failure":
        raise DprkError(f"{claim_id} cannot be approved: {finding.verdict}: {finding.message}")
    places = tuple(document.where(departure.at) for departure in review.departures)
    return Approval(claim, index, review, places, done=finding.verdict != "altered")


def approved_text(raw: str, approvals: Sequence[Approval]) -> str:
    """The claims file's text with each claim's review pin set to its departures' hash."""
    from dprktrack.claimsfile.rewrite import dump_claims, newline_of

    data = json.loads(raw)
    for approved in approvals:
        record = data["claims"][approved.index]
        data["claims"][approved.index] = with_fields(record, {"review_pin": approved.review.pin})
    return dump_claims(data, newline=newline_of(raw))


def departures_to_approve(document: Document, record: Mapping[str, Any]) -> Review:
    """A new claim's departures, for `add` to show before the curator confirms them."""
    finding, review = judged(document, claim_of(dict(record)), 0)
    return review if finding.verdict == "altered" else Review((), ())


CLAIM_OPTIONS = {
    "actor": "--actor",
    "quote": "--quote",
    "stances": "--stance",
    "quote_type": "--quote-type",
    "summary": "--summary",
    "reported_via": "--reported-via",
    "date": "--date",
    "source": "--source",
}
"""The option of `add` that supplies each field of a new claim, for its messages."""
ACTOR_OPTIONS = {
    "id": "--id",
    "name": "--name",
    "aliases": "--alias",
    "kind": "--kind",
    "role": "--role",
    "country": "--country",
}
TARGET_OPTIONS = {"id": "--id", "label": "--label", "description": "--description"}


def quotable_source(catalog: Catalog, source_id: str) -> Document:
    """The source a new claim quotes, refused when its bytes no longer match their pin."""
    if not catalog.pin_holds(source_id):
        raise DprkError(
            f"{catalog.shown_path(source_id)} no longer matches its sha256 pin, so offsets "
            "taken from it may not hold; run `dprktrack check` and settle that first"
        )
    return source_document(catalog, source_id)


@dataclass(frozen=True)
class ClaimAnswers:
    """A new claim as the curator gave it, each answer already checked on its own
    (`resolve_actor`, `anchor_quote`, `parse_stances`, `check_date`)."""

    source: str
    actor: str
    anchored: Anchored
    stances: list[dict[str, str]]
    summary: str
    quote_type: str | None = None
    reported_via: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class NewClaim:
    """A new claim's record, and what a curator must see or settle before it is written."""

    record: dict[str, Any]
    """The record to write; with its review pin when its quote departs from the source."""
    review: Review
    """The departures a person must approve first (none: nothing to approve)."""
    places: tuple[str, ...]
    """Each departure's `path:LINE:COL` in the source."""
    problem: str | None
    """Why `check` would not pass the claim, if it would not."""
    twins: list[str]
    """Claims of the same actor already quoting exactly this passage."""


def new_claim(catalog: Catalog, document: Document, answers: ClaimAnswers) -> NewClaim:
    """The claim the answers make, with the next free id, valid or refused."""
    from dprktrack.schema.models import Claim as ClaimModel

    if answers.reported_via == answers.actor:
        raise DprkError("--reported-via: that is the actor itself; leave --reported-via out")
    anchored = answers.anchored
    values = {
        "id": next_claim_id(catalog.claims),
        "source": answers.source,
        "actor": answers.actor,
        "quote": anchored.quote,
        "start": anchored.start,
        "end": anchored.end,
        "prefix": anchored.prefix,
        "suffix": anchored.suffix,
        "quote_type": (answers.quote_type or "direct").lower(),
        "reported_via": answers.reported_via or None,
        "stances": answers.stances,
        "summary": answers.summary,
        "date": answers.date,
    }
    record = build_record(ClaimModel, values, CLAIM_OPTIONS)
    review = departures_to_approve(document, record)
    if review.departures:
        record = build_record(ClaimModel, {**values, "review_pin": review.pin}, CLAIM_OPTIONS)
    places = tuple(document.where(departure.at) for departure in review.departures)
    problem = verdict_problem(document, claim_of(record))
    return NewClaim(record, review, places, problem, same_passage(catalog, record))


def new_actor(
    catalog: Catalog,
    *,
    actor_id: str,
    name: str,
    aliases: Sequence[str],
    kind: str,
    role: str | None,
    country: str | None,
) -> tuple[dict[str, Any], list[str]]:
    """A new actor's record, valid or refused, and the actors it shares a name with.

    Aliases are kept once each, in order; a blank one or the name itself is dropped.
    """
    from dprktrack.schema.models import Actor as ActorModel
    from dprktrack.schema.records import actor_of

    values = {
        "id": actor_id,
        "name": name,
        "aliases": list(dict.fromkeys(alias for alias in aliases if alias and alias != name)),
        "kind": kind.lower(),
        "role": role,
        "country": country,
    }
    record = build_record(ActorModel, values, ACTOR_OPTIONS)
    return record, name_clashes(catalog, actor_of(record))


def new_target(target_id: str, label: str, description: str) -> dict[str, Any]:
    """A new target's record, valid or refused."""
    from dprktrack.schema.models import Target as TargetModel

    values = {"id": target_id, "label": label, "description": description}
    return build_record(TargetModel, values, TARGET_OPTIONS)


def approvals(catalog: Catalog, claim_ids: Sequence[str]) -> list[Approval]:
    """Each named claim's departures ready for approval (see `approval`), once each;
    unknown ids are refused together, one line each."""
    unknown = [claim_id for claim_id in claim_ids if claim_id not in catalog.claims]
    if unknown:
        raise DprkError([f"no claim {claim_id!r} in {catalog.name}" for claim_id in unknown])
    return [approval(catalog, claim_id) for claim_id in dict.fromkeys(claim_ids)]


def save(catalog: Catalog, text: str, *, dry_run: bool) -> None:
    """Replace the claims file with `text` once it loads whole; a dry run only checks it.

    The write is atomic and refused if the file changed on disk since it was read.
    """
    from dprktrack.claimsfile.load import catalog_from_text
    from dprktrack.claimsfile.rewrite import replace_claims_file

    catalog_from_text(catalog.path, text)
    if not dry_run:
        replace_claims_file(catalog.path, text, catalog.raw)


def appended(catalog: Catalog, section: str, record: dict[str, Any]) -> str:
    """The claims file's text with `record` added at the end of `section`."""
    from dprktrack.claimsfile.rewrite import with_record

    return with_record(catalog.raw, section, record)
