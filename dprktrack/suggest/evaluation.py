"""Scoring suggestions against curated claims: recall, precision, top-1 speaker and quote
type, with the claims missed and the suggestions that hit nothing, for a curator to read.

Pure data in, figures out: the bench and the tests hand it the claims' spans (where
`check` places each quote) and the suggestions made as if the file had no claims.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.suggest.model import SpeakerGuess, Suggestion

TARGETS = {"recall": 0.90, "precision": 0.70, "speaker": 0.75, "quote type": 0.80}


@dataclass(frozen=True)
class Expected:
    """A curated claim as the scoring needs it: its span and labels."""

    id: str
    start: int
    end: int
    actors: frozenset[str]
    """The claim's actor, its group's members and its `reported_via`: any is a right guess."""
    actor: str
    quote_type: str
    kind: str
    quote: str


@dataclass(frozen=True)
class Score:
    """The four figures and what lies behind them."""

    claims: int
    suggestions: int
    found: int
    hitting: int
    right_speaker: int
    right_type: int
    misses: tuple[Expected, ...]
    false_positives: tuple[Suggestion, ...]
    wrong: tuple[tuple[Expected, Suggestion], ...]
    """Found claims whose best suggestion names another speaker or quote type."""

    def figures(self) -> dict[str, float]:
        """recall, precision, speaker, quote type: each a share between 0 and 1."""
        return {
            "recall": self.found / max(1, self.claims),
            "precision": self.hitting / max(1, self.suggestions),
            "speaker": self.right_speaker / max(1, self.found),
            "quote type": self.right_type / max(1, self.found),
        }


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def best_for(claim: Expected, found: Sequence[Suggestion]) -> Suggestion | None:
    """The suggestion that overlaps at least half of the claim's span, the most of it (of
    two that overlap as much, the shorter: the closer fit)."""
    length = max(1, claim.end - claim.start)
    ranked = [
        (overlap(claim.start, claim.end, s.start, s.end), s.start - s.end, -index, s)
        for index, s in enumerate(found)
    ]
    shared, _, _, best = max(ranked, default=(0, 0, 0, None), key=lambda item: item[:3])
    return best if best is not None and shared * 2 >= length else None


def hits(suggestion: Suggestion, claims: Sequence[Expected]) -> bool:
    """Whether a suggestion names a claim: it overlaps at least half of a claim, or a claim
    covers at least half of it."""
    length = max(1, suggestion.end - suggestion.start)
    for claim in claims:
        shared = overlap(claim.start, claim.end, suggestion.start, suggestion.end)
        if shared * 2 >= length or shared * 2 >= max(1, claim.end - claim.start):
            return True
    return False


def score(claims: Sequence[Expected], found: Sequence[Suggestion]) -> Score:
    """Score suggestions against the claims (see the module's docstring)."""
    misses, wrong = [], []
    right_speaker = right_type = 0
    for claim in claims:
        best = best_for(claim, found)
        if best is None:
            misses.append(claim)
            continue
        speaker_ok = bool(best.speakers) and speaker_key(best.speakers[0]) in claim.actors
        type_ok = best.quote_type == claim.quote_type
        right_speaker += speaker_ok
        right_type += type_ok
        if not (speaker_ok and type_ok):
            wrong.append((claim, best))
    false = tuple(s for s in found if not hits(s, claims))
    return Score(
        claims=len(claims),
        suggestions=len(found),
        found=len(claims) - len(misses),
        hitting=len(found) - len(false),
        right_speaker=right_speaker,
        right_type=right_type,
        misses=tuple(misses),
        false_positives=false,
        wrong=tuple(wrong),
    )


_BASELINE_CUE = re.compile(
    r"\b(said|says|stated|told|noted|notes|added|according to|expressed|called for|warned"
    r"|argued|stressed|insisted|claimed|believes|emphasi[sz]ed|emphasi[sz]ing|pointed out)\b",
    re.IGNORECASE,
)


def baseline(
    source: str, text: str, sentences: Sequence[tuple[int, int]], names: dict[str, str]
) -> list[Suggestion]:
    """The simple sentence-and-cue baseline: each sentence with a reporting cue of the issue's
    list or a quotation mark, whole, its speaker the first actor named in it (`names`:
    phrase → actor id), direct if it holds a quotation mark, else indirect."""
    found = []
    for start, end in sentences:
        sentence = text[start:end]
        quoted = any(mark in sentence for mark in '“"«')
        if not (quoted or _BASELINE_CUE.search(sentence)):
            continue
        named = sorted(
            (sentence.find(phrase), actor) for phrase, actor in names.items() if phrase in sentence
        )
        speakers = (SpeakerGuess(named[0][1], "", "first named"),) if named else ()
        quoted = any(mark in sentence for mark in '“"«')
        found.append(
            Suggestion(
                source=source,
                start=start,
                end=end,
                quote=sentence,
                quote_type="direct" if quoted else "indirect",
                kind="statement",
                cue="baseline",
                speakers=speakers,
            )
        )
    return found


def speaker_key(guess: SpeakerGuess) -> str:
    """A guess as scoring compares it: the actor id, or "new:NAME" for an unknown name."""
    return guess.actor if guess.actor is not None else f"new:{guess.name}"


def curated(catalog: Catalog, source_id: str) -> list[Expected]:
    """The claims of a source as scoring reads them, each where `check` places its quote
    (a claim `check` would fail is left out: it has no place to be found at)."""
    from dprktrack.check.verdicts import placed_span
    from dprktrack.curate.anchoring import source_document

    document = source_document(catalog, source_id)
    expected = []
    for claim in catalog.claims.values():
        span = placed_span(document, claim) if claim.source == source_id else None
        if span is None:
            continue
        members = catalog.actors[claim.actor].members if claim.actor in catalog.actors else []
        right = {claim.actor, *members, *([claim.reported_via] if claim.reported_via else [])}
        expected.append(
            Expected(
                claim.id,
                span.start,
                span.end,
                frozenset(right),
                claim.actor,
                claim.quote_type,
                claim.kind,
                claim.quote,
            )
        )
    return sorted(expected, key=lambda claim: claim.start)


def without_claims(catalog: Catalog) -> Catalog:
    """The catalog as if its file held no claims yet: sources, actors and targets kept."""
    return replace(catalog, claims={}, _texts=dict(catalog._texts))


def fictional(folder: Path, name: str) -> tuple[Catalog, str, list[Expected]]:
    """A fictional test text `NAME.txt` with its annotations `NAME.json` (source, actors,
    expected claims): the catalog to suggest from, its source id and the expected claims."""
    from dprktrack.schema.records import actor_of, source_of

    data = json.loads((folder / f"{name}.json").read_text("utf-8"))
    text = (folder / f"{name}.txt").read_text("utf-8")
    source = source_of({"path": f"{name}.txt", "sha256": "0" * 64, **data["source"]})
    actors = {record["id"]: actor_of(record) for record in data["actors"]}
    catalog = Catalog(folder / "claims.json", "{}", {source.id: source}, actors, {}, {})
    expected = []
    for number, claim in enumerate(data["claims"], 1):
        start = text.index(claim["text"])
        assert text.find(claim["text"], start + 1) == -1, claim["text"]
        speaker = claim["speaker"]
        members = actors[speaker].members if speaker in actors else []
        via = [claim["reported_via"]] if claim.get("reported_via") else []
        expected.append(
            Expected(
                f"{name}#{number}",
                start,
                start + len(claim["text"]),
                frozenset({speaker, *members, *via}),
                speaker,
                claim["quote_type"],
                claim.get("kind", "statement"),
                claim["text"],
            )
        )
    return catalog, source.id, expected


def pooled(scores: Sequence[Score]) -> Score:
    """Several texts' scores as one: each figure over every text's claims and suggestions
    (a long text weighs more, as it holds more claims)."""
    return Score(
        claims=sum(s.claims for s in scores),
        suggestions=sum(s.suggestions for s in scores),
        found=sum(s.found for s in scores),
        hitting=sum(s.hitting for s in scores),
        right_speaker=sum(s.right_speaker for s in scores),
        right_type=sum(s.right_type for s in scores),
        misses=tuple(m for s in scores for m in s.misses),
        false_positives=tuple(f for s in scores for f in s.false_positives),
        wrong=tuple(w for s in scores for w in s.wrong),
    )
