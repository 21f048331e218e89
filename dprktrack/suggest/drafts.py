"""Suggestions as claim drafts: what `suggest --format json|csv` writes, and what
`add --from-json` takes back once a curator has filled in the stances and summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dprktrack.suggest.model import SpeakerGuess, Suggestion

if TYPE_CHECKING:
    from dprktrack.matching.matcher import Document
    from dprktrack.suggest.placing import Placer

CSV_FIELDS = (
    "source",
    "line",
    "column",
    "start",
    "end",
    "quote",
    "quote_type",
    "kind",
    "cue",
    "actor",
    "speakers",
    "reported_via",
    "covered_by",
)
"""The flat columns of `suggest --format csv`, one row per suggestion."""


def draft(suggestion: Suggestion, occurrence: int | None = None) -> dict[str, Any]:
    """One suggestion as a claim draft: the top speaker's id as actor (None for none or a
    new actor), stances and summary left for the curator, the finding kept aside."""
    top = suggestion.speakers[0].actor if suggestion.speakers else None
    return {
        "source": suggestion.source,
        "actor": top,
        "quote": suggestion.quote,
        "quote_type": suggestion.quote_type,
        "kind": suggestion.kind,
        "reported_via": suggestion.reported_via,
        "stances": {},
        "summary": "",
        "date": None,
        "occurrence": occurrence,
        "suggestion": {
            "start": suggestion.start,
            "end": suggestion.end,
            "line": suggestion.line,
            "column": suggestion.column,
            "cue": suggestion.cue,
            "speakers": [_speaker(guess) for guess in suggestion.speakers],
            "covered_by": list(suggestion.covered_by),
        },
    }


def drafts(suggestions: Sequence[Suggestion], document: Document | Placer) -> list[dict[str, Any]]:
    """Every suggestion as a draft, with the occurrence `add` needs for a quote the source
    holds more than once (so the draft names this passage, not the first like it)."""
    return [draft(suggestion, occurrence(document, suggestion)) for suggestion in suggestions]


def occurrence(document: Document | Placer, suggestion: Suggestion) -> int | None:
    """Which occurrence of its quote the suggestion is, as `add --occurrence` counts them;
    None when the quote is found once (or too often to count)."""
    from dprktrack.suggest.placing import Placer, exactly_anchorable

    if exactly_anchorable(document.raw, suggestion):
        return None  # found once, here: the matcher's answer without building it
    if isinstance(document, Placer):
        document = document.document
    from dprktrack.curate.anchoring import Ambiguous, anchor_quote
    from dprktrack.errors import DprkError

    try:
        anchor_quote(document, suggestion.quote)
    except Ambiguous as err:
        for number in range(1, len(err.places) + 1):
            try:
                if anchor_quote(document, suggestion.quote, number).start == suggestion.start:
                    return number
            except DprkError:
                return None
    except DprkError:
        return None
    return None


def _speaker(guess: SpeakerGuess) -> dict[str, Any]:
    return {"actor": guess.actor, "name": guess.name, "reason": guess.reason}


def csv_row(suggestion: Suggestion) -> dict[str, Any]:
    """One suggestion as a flat row: the speakers as `actor-or-name (reason)`, `; `-joined."""
    speakers = "; ".join(
        f"{guess.actor or guess.name} ({guess.reason})" for guess in suggestion.speakers
    )
    top = suggestion.speakers[0].actor if suggestion.speakers else None
    return {
        "source": suggestion.source,
        "line": suggestion.line,
        "column": suggestion.column,
        "start": suggestion.start,
        "end": suggestion.end,
        "quote": suggestion.quote,
        "quote_type": suggestion.quote_type,
        "kind": suggestion.kind,
        "cue": suggestion.cue,
        "actor": top or "",
        "speakers": speakers,
        "reported_via": suggestion.reported_via or "",
        "covered_by": " ".join(suggestion.covered_by),
    }


def add_actor_command(guess: SpeakerGuess) -> str:
    """The `dprktrack add-actor` command that makes a new speaker known: the article's
    author as `author`, anyone else as a person (the likeliest), with the surname as an
    alias, since news prose names a person by it after the first mention ("Renner said")."""
    import shlex  # only for a name the claims file lacks: most runs never need it

    if guess.reason.startswith("the author"):
        return shlex.join(["dprktrack", "add-actor", "--name", guess.name, "--kind", "author"])
    command = ["dprktrack", "add-actor", "--name", guess.name, "--kind", "person"]
    words = guess.name.split()
    if len(words) >= 2 and words[-1][:1].isupper() and words[-1].isalpha():
        command += ["--alias", words[-1]]
    return shlex.join(command)
