"""Finding a passage and anchoring a quote in it, with the check's own matcher, so that a
claim built here passes `dprktrack check` as written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from dprktrack.check.verdicts import claim_finding
from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError
from dprktrack.matching.approximate import similarity
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
from dprktrack.schema.records import Claim, StanceEntry

Kind = Literal["exact", "typography", "close"]


class Passage(NamedTuple):
    """A place in a source where a text stands, or the nearest thing to it.

    This module's records are named tuples: `locate` imports it, and a frozen dataclass
    costs about a millisecond to create at start, five times as much.
    """

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


class Located(NamedTuple):
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
            close.append(found_close._replace(case_only=typed != found and score == 1.0))
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
            hits.append(passage._replace(occurrence=number))
    return hits


def _hit(source_id: str, document: Document, text: str, match: Match, number: int) -> Passage:
    span = match.span
    assert span is not None
    spelling = source_spelling(document, text, match)
    kind: Kind = "exact" if spelling == text else "typography"
    passage = _passage(source_id, document, span, spelling, kind)
    return passage._replace(occurrence=number, problem=_quoting_problem(document, spelling, span))


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


class Anchored(NamedTuple):
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
