"""`suggest --review`: each suggestion shown in its context, accepted, edited or skipped;
each accepted claim written at once through `add`'s guarded write."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from dprktrack.cli.asking import ask, choice, required_text, show_choices
from dprktrack.cli.group import one_line_message
from dprktrack.errors import EXIT_INTERRUPTED, DprkError
from dprktrack.output.safetext import visible
from dprktrack.schema.vocabulary import CLAIM_KINDS, QUOTE_TYPES, STANCES

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.curate.adding import ClaimAnswers, NewClaim
    from dprktrack.matching.matcher import Document
    from dprktrack.suggest.model import Suggestion

KEYS = {"a": "accept", "e": "edit the span", "p": "change the speaker", "s": "skip", "q": "quit"}


def review_suggestions(ctx: click.Context, catalog: Catalog, found: Sequence[Suggestion]) -> None:
    """Walk the suggestions; Ctrl-C (or input ending) keeps every claim accepted so far,
    each whole, and exits with 130."""
    accepted: list[str] = []
    start = catalog
    try:
        for number, suggestion in enumerate(found, start=1):
            catalog, claim_id = _review_one(catalog, suggestion, number, len(found))
            if claim_id == "quit":
                break
            if claim_id:
                accepted.append(claim_id)
    except (KeyboardInterrupt, click.Abort):
        kept = ", ".join(_written_since(start, accepted))
        click.echo(f"\nerror: interrupted: nothing half-written; kept {kept or 'none'}", err=True)
        ctx.exit(EXIT_INTERRUPTED)
    noun = "claim" if len(accepted) == 1 else "claims"
    click.echo(f"note: accepted {len(accepted)} {noun} of {len(found)} suggestions", err=True)


def _written_since(start: Catalog, accepted: list[str]) -> list[str]:
    """The claims the review wrote, read from the file: a Ctrl-C held back until a write
    was done (the write cannot be cut in half) comes after the claim is in the file."""
    from dprktrack.claimsfile.load import load_catalog

    try:
        now = load_catalog(start.path)
    except DprkError:
        return accepted
    return [claim_id for claim_id in now.claims if claim_id not in start.claims]


def _review_one(
    catalog: Catalog, suggestion: Suggestion, number: int, count: int
) -> tuple[Catalog, str | None]:
    """One suggestion until it is accepted, skipped or the review quit: the claims file as
    it stands after, and the new claim's id (None if skipped, "quit" to stop)."""
    from dprktrack.curate.adding import quotable_source
    from dprktrack.render import has_colour, make_console, print_view
    from dprktrack.suggest.view import context_view

    console = make_console(sys.stderr)
    document = quotable_source(catalog, suggestion.source)
    while True:
        text = catalog.source_text(suggestion.source)
        print_view(console, context_view(suggestion, text, number, count, has_colour(console)))
        click.echo(err=True)
        menu = ", ".join(f"{key} {what}" for key, what in KEYS.items())
        key = ask(f"[{menu}]", lambda value: choice(value, tuple(KEYS)))
        if key == "q":
            return catalog, "quit"
        if key == "s":
            return catalog, None
        if key == "e":
            suggestion = _edited_span(document, suggestion)
        elif key == "p":
            suggestion = _chosen_speaker(catalog, suggestion)
        else:
            written = _accepted(catalog, document, suggestion)
            if written is not None:
                return written


def _edited_span(document: Document, suggestion: Suggestion) -> Suggestion:
    """The suggestion with the span the curator types, anchored as `add` anchors a quote
    (a passage found several times: which one is asked)."""
    from dprktrack.curate.anchoring import Ambiguous, Anchored, anchor_quote

    def anchor(value: str) -> Anchored:
        try:
            return anchor_quote(document, value)
        except Ambiguous as err:
            count = len(err.places)
            chosen = ask(
                f"Which occurrence (1-{count}, by line:column: {', '.join(err.places)})",
                lambda answer: _number(answer, count),
            )
            return anchor_quote(document, value, chosen)

    anchored = ask("Span (the source's words; '...' marks an omission)", anchor)
    line, column = document.lines.position(anchored.start)
    return suggestion._replace(
        quote=anchored.quote,
        start=anchored.start,
        end=anchored.end,
        line=line,
        column=column,
    )


def _number(answer: str, count: int) -> int:
    if not answer.strip().isdigit() or not 1 <= int(answer) <= count:
        raise DprkError(f"give a number from 1 to {count}")
    return int(answer)


def _chosen_speaker(catalog: Catalog, suggestion: Suggestion) -> Suggestion:
    """The suggestion with the speaker the curator names first among its guesses."""
    from dprktrack.suggest.model import SpeakerGuess

    actor_id = _speaker_answer(catalog, suggestion)
    chosen = SpeakerGuess(actor_id, catalog.actors[actor_id].name, "chosen in review")
    others = tuple(guess for guess in suggestion.speakers if guess.actor != actor_id)
    return suggestion._replace(speakers=(chosen, *others))


def _speaker_answer(catalog: Catalog, suggestion: Suggestion) -> str:
    """An actor id: a guess by its number, or any actor by id, name or alias. A guess the
    claims file does not know must be added first (`add-actor`, in another terminal)."""
    from dprktrack.curate.fields import resolve_actor
    from dprktrack.suggest.drafts import add_actor_command

    guesses = suggestion.speakers

    def convert(value: str) -> str:
        text = value.strip()
        if text.isdigit() and 1 <= int(text) <= len(guesses):
            guess = guesses[int(text) - 1]
            if guess.actor is None:
                raise DprkError(
                    f"{guess.name} is no actor of the claims file yet; add it first "
                    f"({add_actor_command(guess)}) and answer again, or name another actor"
                )
            return guess.actor
        return resolve_actor(catalog, text, "actor")

    default = "1" if guesses and guesses[0].actor else None
    return ask(
        f"Speaker (1-{len(guesses)} for a guess, or an actor id or name)", convert, default=default
    )


def _accepted(
    catalog: Catalog, document: Document, suggestion: Suggestion
) -> tuple[Catalog, str] | None:
    """The suggestion made a claim with the curator's answers and written at once, as
    `add` writes one; None when the curator declines its departures or `check` would fail
    it (the suggestion is then shown again)."""
    from dprktrack.claimsfile.load import load_catalog
    from dprktrack.curate import adding

    catalog = load_catalog(catalog.path)  # as it stands now: an actor added meanwhile counts
    new = adding.new_claim(catalog, document, _answers(catalog, document, suggestion))
    claim_id = new.record["id"]
    if not _settled(new):
        return None
    adding.save(catalog, adding.appended(catalog, "claims", new.record), dry_run=False)
    click.echo(claim_id)
    where = document.where(new.record["start"])
    added = f"added claim {claim_id} to {catalog.name} (its quote at {where})"
    click.echo(f"note: {one_line_message(added)}", err=True)
    return catalog, claim_id


def _answers(catalog: Catalog, document: Document, suggestion: Suggestion) -> ClaimAnswers:
    """The claim's fields: the speaker, stances and summary asked; the quote type, kind
    and date confirmed or given."""
    from dprktrack.curate.adding import ClaimAnswers
    from dprktrack.curate.anchoring import anchor_quote
    from dprktrack.curate.fields import check_date, parse_stances
    from dprktrack.suggest.drafts import occurrence

    actor = _speaker_answer(catalog, suggestion)
    show_choices("Targets", {key: target.label for key, target in catalog.targets.items()})
    stances = ask(
        f"Stances (TARGET=STANCE, comma-separated; {'/'.join(STANCES)})",
        lambda value: parse_stances([value], catalog.targets),
    )
    summary = ask("Summary (one line)", required_text("--summary"))
    quote_type = ask(
        f"Quote type ({'/'.join(QUOTE_TYPES)})",
        lambda value: choice(value, QUOTE_TYPES),
        default=suggestion.quote_type,
    )
    kind = ask(
        f"Kind ({'/'.join(CLAIM_KINDS)})",
        lambda value: choice(value, CLAIM_KINDS),
        default=suggestion.kind,
    )
    published = catalog.sources[suggestion.source].published
    date = ask(
        "Date (YYYY-MM-DD, blank for none)",
        lambda value: check_date(value, "--date", published) if value.strip() else None,
        default="",
    )
    anchored = anchor_quote(document, suggestion.quote, occurrence(document, suggestion))
    relay = suggestion.reported_via if suggestion.reported_via != actor else None
    source = suggestion.source
    return ClaimAnswers(source, actor, anchored, stances, summary, quote_type, relay, date, kind)


def _settled(new: NewClaim) -> bool:
    """Whether the claim may be written: departures shown and approved, `check` would pass
    it, and a passage the actor is quoted on already is confirmed."""
    from dprktrack.cli.curating import _show_departures

    claim_id = new.record["id"]
    if new.review.departures:
        _show_departures(claim_id, new.places, new.review)
        if not click.confirm("Approve them?", default=False, err=True):
            click.echo(f"note: {claim_id}: departures not approved; not written", err=True)
            return False
    if new.problem:
        click.echo(f"error: {one_line_message(new.problem)}; not written", err=True)
        return False
    for twin in new.twins:
        click.echo(f"note: {visible(twin)} already quotes this passage for this actor", err=True)
    return not new.twins or click.confirm("Add it all the same?", default=False, err=True)
