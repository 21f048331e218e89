"""What a suggestion is: plain data shared by the rules, the `suggest` command and its review
(named tuples: a frozen dataclass costs a command's start-up several times more to create).

Annotations are evaluated here (no `from __future__ import annotations`; each names a type
defined by then): a named tuple compiles each string annotation, a third of its cost at start.
"""

from typing import NamedTuple


class SpeakerGuess(NamedTuple):
    """One likely speaker of a suggested claim, and why the rules think so.

    `actor` is the id of a known actor, or None for a name the claims file does not know
    (then `name` is the name as the text gives it, to be added with `add-actor`).
    """

    actor: str | None
    name: str
    reason: str
    """Why: "named in the sentence", "subject of the reporting verb", "carried from the
    previous sentence: 'he added'", "the author: unattributed evaluation", "title or role:
    'the permanent representative'"…"""


class Suggestion(NamedTuple):
    """A candidate claim: a span of the source, its guessed kind and quote type, its speakers.

    `start`/`end` are code-point offsets into the source's text (the text `check` reads);
    `quote` is exactly `text[start:end]`.
    """

    source: str
    start: int
    end: int
    quote: str
    quote_type: str
    """direct, indirect or mixed (the schema's quote types)."""
    kind: str
    """statement or act."""
    cue: str
    """The words that made it a candidate: a reporting verb ("said"), "according to", a
    quotation mark, an act's verb ("vetoed"), or "evaluation" for the author's own."""
    speakers: tuple[SpeakerGuess, ...]
    """Ranked, most likely first; empty when the rules found no one."""
    reported_via: str | None = None
    """The actor id of a medium the statement came through ("according to NK News")."""
    covered_by: tuple[str, ...] = ()
    """Ids of existing claims whose spans cover this one (listed only with --all)."""
    line: int = 0
    column: int = 0
    """1-based, of `start`, for people."""
