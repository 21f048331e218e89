"""What `suggest` shows a person: the suggestions as a table, and one suggestion in its
context for `suggest --review`. Every piece of the source is escaped (`safetext`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from dprktrack.output.blocks import Field, Fields, record_blocks
from dprktrack.output.listing import Column, fixed_width, listing_table, widest
from dprktrack.output.safetext import one_line, visible
from dprktrack.suggest.drafts import add_actor_command
from dprktrack.suggest.model import SpeakerGuess, Suggestion

SHOWN_QUOTE = 160
"""Characters of a span the table shows; the rest is elided (JSON has it whole)."""
OPEN_MARK, CLOSE_MARK = "⟦", "⟧"


def shortened(text: str, longest: int = SHOWN_QUOTE) -> str:
    """A span cut in the middle to `longest` characters, for a table row."""
    if len(text) <= longest:
        return text
    half = (longest - 3) // 2
    return f"{text[:half].rstrip()} … {text[-half:].lstrip()}"


def speakers_text(speakers: Sequence[SpeakerGuess]) -> Text:
    """The ranked speakers, one a line with the reason; a new actor with the command that
    adds it."""
    text = Text()
    if not speakers:
        text.append("no speaker found", style="dim")
    for rank, guess in enumerate(speakers, start=1):
        if rank > 1:
            text.append("\n")
        text.append(f"{rank}. ")
        text.append(visible(guess.actor or guess.name), style="bold" if rank == 1 else "")
        new = "new actor: " if guess.actor is None else ""
        text.append(f" ({new}{visible(guess.reason)})", style="dim")
    return text


def new_actor_notes(suggestions: Sequence[Suggestion]) -> list[str]:
    """One line for each speaker the claims file does not know: the command that adds it,
    whole, to copy (its kind to check)."""
    guesses = [guess for s in suggestions for guess in s.speakers if guess.actor is None]
    commands = dict.fromkeys(one_line(add_actor_command(guess)) for guess in guesses)
    return [f"note: a new actor? {command}" for command in commands]


def _kind_text(suggestion: Suggestion) -> str:
    via = f"\nvia {suggestion.reported_via}" if suggestion.reported_via else ""
    return f"{suggestion.quote_type}\n{suggestion.kind}{via}"


def suggestions_table(suggestions: Sequence[Suggestion], width: int) -> RenderableType:
    """The suggestions as a table (place, span, type, cue, speakers), or one block each
    where the width cannot hold it; covered ones (with --all) name their claims."""
    places = [f"{s.line}:{s.column}" for s in suggestions]
    kinds = [line for s in suggestions for line in visible(_kind_text(s)).split("\n")]
    cue_words = [word for s in suggestions for word in visible(s.cue).split()]
    table = listing_table(
        [
            Column("at", fixed_width("at", places)),
            Column("span", 24, ratio=6),
            Column("type", fixed_width("type", kinds)),
            Column("cue", widest(cue_words, 8), ratio=1),
            Column("speakers", 16, ratio=4),
        ],
        width,
    )
    if table is None:
        return record_blocks([_fields(s) for s in suggestions])
    for place, suggestion in zip(places, suggestions, strict=True):
        table.add_row(
            place,
            _span_text(suggestion),
            Text(visible(_kind_text(suggestion))),
            Text(visible(suggestion.cue)),
            speakers_text(suggestion.speakers),
        )
    return table


def _span_text(suggestion: Suggestion) -> Text:
    text = Text(visible(shortened(suggestion.quote)))
    if suggestion.covered_by:
        text.append(f"\ncovered by {', '.join(suggestion.covered_by)}", style="dim")
    return text


def _fields(suggestion: Suggestion) -> list[Field]:
    fields = [
        Field("at", Text(f"{suggestion.line}:{suggestion.column}"), whole=True),
        Field("span", _span_text(suggestion)),
        Field("type", Text(visible(_kind_text(suggestion).replace("\n", ", ")))),
        Field("cue", Text(visible(suggestion.cue))),
        Field("speakers", speakers_text(suggestion.speakers)),
    ]
    return fields


def context_view(suggestion: Suggestion, text: str, number: int, count: int, colour: bool) -> Group:
    """One suggestion for review: its facts, then the lines around it with the span
    highlighted (marked ⟦ ⟧ without colour)."""
    heading = Text(f"Suggestion {number} of {count}, at {suggestion.line}:{suggestion.column}")
    heading.stylize("bold")
    facts = Fields(
        [
            Field("type", Text(visible(_kind_text(suggestion).replace("\n", ", ")))),
            Field("cue", Text(visible(suggestion.cue))),
            Field("speakers", speakers_text(suggestion.speakers)),
        ]
    )
    return Group(
        heading, facts, Text(), context_text(text, suggestion.start, suggestion.end, colour)
    )


def context_text(text: str, start: int, end: int, colour: bool, around: int = 2) -> Text:
    """The lines around a span (`around` lines either side, blank ones aside), the span
    highlighted."""
    first = text.rfind("\n", 0, start) + 1
    for _ in range(around):
        if first == 0:
            break
        first = text.rfind("\n", 0, first - 1) + 1
    last = _line_end(text, end)
    for _ in range(around):
        if last >= len(text):
            break
        last = _line_end(text, last + 1)
    shown = Text(visible(text[first:start].lstrip("\n")))
    if colour:
        shown.append(visible(text[start:end]), style="bold reverse")
    else:
        shown.append(OPEN_MARK + visible(text[start:end]) + CLOSE_MARK)
    shown.append(visible(text[end:last].rstrip("\n")))
    return shown


def _line_end(text: str, offset: int) -> int:
    found = text.find("\n", offset)
    return len(text) if found < 0 else found
