"""Commands that answer questions: list, actors, stances, targets, show, read."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from dprktrack.cli.shared import (
    claim_filter,
    completer,
    emit,
    filter_options,
    format_option,
    load_claims,
)
from dprktrack.errors import EXIT_INPUT, DprkError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.query import Record


@click.command("list", short_help="List claims: who said what, with stances and the quote.")
@filter_options
@click.option(
    "--sort",
    type=click.Choice(("position", "date", "actor", "id"), case_sensitive=False),
    default="position",
    show_default=True,
    help="position: each source in turn, claims as the article reads; date: the claim's "
    "date, else its source's; actor: by name; id: c2 before c10.",
)
@format_option
@click.pass_context
def list_claims(ctx: click.Context, /, fmt: str, sort: str, **options: tuple[str, ...]) -> None:
    """List claims: who said what, with stances and the quote.

    Filters narrow the list; a filter given twice matches either value, different
    filters must all match. --target and --stance together match one stance entry
    ("opposes the Panel"). Claims come in article order (--sort position), ties in
    other orders too. JSON records carry start/end offsets that slice the quote out
    of its source, and its line:column.

    \b
    Example:
      dprktrack list --actor nebenzya --target panel-of-experts --stance oppose
    """
    from dprktrack.order import sorted_records
    from dprktrack.query import (
        CLAIM_FIELDS,
        asked_actors,
        claim_records,
        select_claims,
        unmatched_actor_notes,
        unplaced_note,
    )

    catalog = load_claims(ctx)
    wanted = claim_filter(options)
    asked = asked_actors(catalog, wanted)
    selected = select_claims(catalog, wanted)
    records = claim_records(catalog, selected, asked, links=fmt != "table")
    records = sorted_records(catalog, records, sort.lower())
    notes = [*unmatched_actor_notes(catalog, wanted), unplaced_note(records) or ""]

    def table(console: Console) -> RenderableType:
        from dprktrack.render import claims_table

        return claims_table(records, console.width)

    emit(
        fmt,
        records,
        CLAIM_FIELDS,
        table,
        empty_note="no claims match",
        notes=notes,
    )


@click.command(short_help="List the actors with their claims and stances.")
@filter_options
@format_option
@click.pass_context
def actors(ctx: click.Context, /, fmt: str, **options: tuple[str, ...]) -> None:
    """List the actors: role, number of claims and stances per target.

    With filters, only actors with a matching claim are listed and only the
    matching stances are counted: this answers "who supports the Panel?".

    \b
    Example:
      dprktrack actors --target panel-of-experts --stance support
    """
    from dprktrack.query import ACTOR_FIELDS, actor_records, unmatched_actor_notes

    catalog = load_claims(ctx)
    wanted = claim_filter(options)
    records = actor_records(catalog, wanted)

    def table(console: Console) -> RenderableType:
        from dprktrack.render import actors_table, has_colour

        return actors_table(records, width=console.width, colour=has_colour(console))

    notes = unmatched_actor_notes(catalog, wanted)
    emit(fmt, records, ACTOR_FIELDS, table, empty_note="no actors match", notes=notes)


@click.command(short_help="Show who stands where: a grid of actors against targets.")
@filter_options
@format_option
@click.pass_context
def stances(ctx: click.Context, /, fmt: str, **options: tuple[str, ...]) -> None:
    """Show who stands where: a grid of actors against targets.

    Each cell is the actor's stance toward the target, with the number of claims
    when there are several; "mixed" when their claims disagree. JSON and CSV give
    one record per actor and target, with counts and claim ids.

    \b
    Example:
      dprktrack stances --target russia-veto
    """
    from dprktrack.query import CELL_FIELDS, stance_cells, unmatched_actor_notes

    catalog = load_claims(ctx)
    wanted = claim_filter(options)
    cells = stance_cells(catalog, wanted)

    def table(console: Console) -> RenderableType:
        from dprktrack.render import has_colour, stance_grid

        labels = {target.id: target.label for target in catalog.targets.values()}
        return stance_grid(cells, labels, console.width, colour=has_colour(console))

    notes = unmatched_actor_notes(catalog, wanted)
    emit(fmt, cells, CELL_FIELDS, table, empty_note="no stances match", notes=notes)


@click.command(short_help="List the targets stances are taken toward.")
@format_option
@click.pass_context
def targets(ctx: click.Context, /, fmt: str) -> None:
    """List the targets stances are taken toward, with how often each stance occurs.

    The ids are what --target takes in the other commands.

    \b
    Example:
      dprktrack targets
    """
    from dprktrack.query import TARGET_FIELDS, target_records

    records = target_records(load_claims(ctx))

    def table(console: Console) -> RenderableType:
        from dprktrack.render import targets_table

        return targets_table(records, console.width)

    emit(fmt, records, TARGET_FIELDS, table, empty_note="the claims file has no targets")


@click.command(short_help="Show one claim in full, its quote in its paragraph.")
@click.argument("claim_id", shell_complete=completer("claim"))
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    metavar="N",
    help="Paragraphs of the source to show before and after the claim's own.",
)
@format_option
@click.pass_context
def show(ctx: click.Context, claim_id: str, context: int, fmt: str) -> None:
    """Show one claim in full, its quote highlighted in the source paragraph.

    CLAIM_ID is a claim's id (`dprktrack list` gives them). --context N adds the N
    paragraphs before and after the claim's paragraph (the whole source when it has
    fewer), for a claim that answers what precedes it; the table view only.

    \b
    Examples:
      dprktrack show c014
      dprktrack show c016 --context 1
    """
    from dprktrack.output import writers
    from dprktrack.query import CLAIM_FIELDS, claim_records, closest_ids, unplaced_note

    catalog = load_claims(ctx)
    claim = catalog.claims.get(claim_id) or catalog.claims.get(claim_id.lower())
    if claim is None:
        near = closest_ids(catalog.claims, claim_id.lower())
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise DprkError(f"no claim {claim_id!r} in {catalog.name}{hint}", EXIT_INPUT)
    (record,) = claim_records(catalog, [claim])
    note = unplaced_note([record])
    if note:
        click.echo(f"note: {note}", err=True)
    if fmt == "json":
        writers.write_json(record, sys.stdout)
    elif fmt in ("csv", "markdown"):
        write = writers.write_csv if fmt == "csv" else writers.write_markdown
        write([record], CLAIM_FIELDS, sys.stdout)
    else:
        _show_table(catalog, record, context)


def _show_table(catalog: Catalog, record: Record, context: int) -> None:
    from dprktrack.query import claim_details, claim_paragraph
    from dprktrack.render import claim_view, has_colour, make_console, print_view

    paragraph, quote_start = claim_paragraph(catalog, record, context)
    console = make_console()
    details = claim_details(catalog, record)
    view = claim_view(record, details, paragraph, quote_start, has_colour(console))
    print_view(console, view)


@click.command(short_help="Read the article with every claimed span highlighted.")
@click.argument("source_id", required=False, metavar="[SOURCE]", shell_complete=completer("source"))
@click.option(
    "--pager/--no-pager",
    default=None,
    help="Page the output (default: page when writing to a terminal).",
)
@click.pass_context
def read(ctx: click.Context, source_id: str | None, pager: bool | None) -> None:
    """Read the source with every claimed span highlighted and labelled.

    Each quote is coloured by its main (first) stance (support green, oppose red,
    neutral cyan, mixed yellow) and followed by its claim id and actor. Without
    colour (off a terminal, NO_COLOR, a pager other than less), spans are bracketed
    ⟦like this⟧ and the label spells out the stances. SOURCE is a source id, needed
    only when the claims file has several.

    \b
    Examples:
      dprktrack read                                  # paged on a terminal
      FORCE_COLOR=1 dprktrack read --no-pager | less -R
    """
    from dprktrack.query import article
    from dprktrack.render import article_view, has_colour, make_console, pager_shows_colour

    shown = article(load_claims(ctx), source_id)
    if pager is None:
        pager = sys.stdout.isatty()
    console = make_console(colour=not pager or pager_shows_colour(os.environ))
    view = article_view(shown.title, shown.text, shown.annotations, has_colour(console))
    _page_or_print(console, view, pager=pager)
    if shown.unplaced:
        missing = ", ".join(shown.unplaced)
        note = (
            f"quotes not placed in the source, so not shown (`dprktrack check` says why): {missing}"
        )
        click.echo(f"note: {note}", err=True)


def _page_or_print(console: Console, view: RenderableType, *, pager: bool) -> None:
    from dprktrack.render import has_colour, print_view, rendered

    if pager:
        # color=None lets click set LESS=-R for less; other pagers got a plain view.
        colour = None if has_colour(console) else False
        click.echo_via_pager(rendered(console, view), color=colour)
    else:
        print_view(console, view)
