"""Commands about time and change: timeline, diff."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from dprktrack.cli.shared import claim_filter, emit, filter_options, format_option, load_claims

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


@click.command(short_help="Claims in date order, marking where a stance turns.")
@filter_options
@format_option
@click.pass_context
def timeline(ctx: click.Context, /, fmt: str, **options: tuple[str, ...]) -> None:
    """Claims in date order, one line each, marking where a stance turns.

    A claim is placed at its own date, else at its source's publication date (marked
    *). Claims of one date keep the order of their source. A stance shown as
    "support → oppose" differs from the same actor's previous claim on that target
    in the timeline shown. The filters are those of `list`. JSON records are list's
    with `when`, `dated_by` (claim or source) and `changes` (target, from, to, since).

    \b
    Example:
      dprktrack timeline --actor nebenzya
    """
    from dprktrack.query import unmatched_actor_notes, unplaced_note
    from dprktrack.timeline import TIMELINE_FIELDS, flat_entries, timeline

    catalog = load_claims(ctx)
    wanted = claim_filter(options)
    entries = timeline(catalog, wanted)
    consequence = "they are placed after their source's other claims of the same date"
    notes = [*unmatched_actor_notes(catalog, wanted), unplaced_note(entries, consequence) or ""]

    def view(console: Console) -> RenderableType:
        from dprktrack.changeview import timeline_view
        from dprktrack.render import has_colour

        return timeline_view(entries, console.width, has_colour(console))

    data = entries if fmt == "json" else flat_entries(entries)
    emit(fmt, data, TIMELINE_FIELDS, view, empty_note="no claims match", notes=notes)
