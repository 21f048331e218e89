"""`suggest`: candidate claims in a source, for a curator to judge; `--review` walks them."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from dprktrack.cli.asking import will_ask
from dprktrack.cli.shared import completer, load_claims

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.suggest.model import Suggestion


@click.command(short_help="Suggest claims in a source: statements, acts and likely speakers.")
@click.argument("source", required=False, metavar="[SOURCE]", shell_complete=completer("source"))
@click.option(
    "--all",
    "include_covered",
    is_flag=True,
    help="Also list suggestions that claims cover already (marked, with their ids).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json", "csv"), case_sensitive=False),
    default="table",
    show_default=True,
    help="table for reading; json (drafts for `add --from-json`) or csv on stdout.",
)
@click.option(
    "--review",
    is_flag=True,
    help="On a terminal: walk the suggestions, accept (written at once), edit or skip each.",
)
@click.option(
    "--prompt/--no-prompt",
    "prompt",
    default=None,
    help="With --review: ask even off a terminal, or never (default: on a terminal).",
)
@click.pass_context
def suggest(
    ctx: click.Context,
    source: str | None,
    *,
    include_covered: bool,
    fmt: str,
    review: bool,
    prompt: bool | None,
) -> None:
    """Suggest the claims of SOURCE that no claim covers yet, for a curator to judge.

    Each suggestion is a span of the source (a quoted passage, or the clause a
    reporting verb such as "said" or "according to" introduces), its guessed quote
    type and kind (statement or act), the cue that made it one, and the likely
    speakers, ranked, each with the reason. A speaker the claims file does not know
    is shown with the `add-actor` command that adds it. Every span is anchored as
    `add` anchors a quote, so a claim made from it passes `check`. The rules are
    rules, not judgement: read each suggestion before you accept it.

    SOURCE may be left out when the claims file has one source. --format json writes
    claim drafts: fill in "stances" and "summary" (and correct the rest), then give
    the file to `add --from-json`. --review asks on a terminal instead, and writes
    each accepted claim at once, as `add` does.

    \b
    Exit codes: 0 listed (or reviewed to the end or quit), 2 an unknown source, an
    unusable claims file, or --review off a terminal; 130 interrupted (the claims
    accepted so far are kept).

    \b
    Examples:
      dprktrack suggest
      dprktrack suggest --format json > drafts.json
      dprktrack suggest --review  # on a terminal; off one, a usage error (exit 2)
    """
    from dprktrack.claimsfile.catalog import pick_source

    asking = will_ask(prompt)
    if review and not asking:
        raise click.UsageError(
            "--review asks on a terminal; off one, write drafts with `suggest --format json`,"
            " fill them in and give them to `add --from-json FILE`"
        )
    if review and fmt != "table":
        raise click.UsageError("--review shows the suggestions itself; leave out --format")
    catalog = load_claims(ctx, bundled_ok=not review)
    if source is None and len(catalog.sources) > 1:
        raise click.UsageError(f"name a SOURCE; sources: {', '.join(catalog.sources)}")
    source_id = pick_source(catalog, source, "SOURCE")
    found = _suggestions(catalog, source_id, include_covered)
    if review:
        from dprktrack.cli.reviewing import review_suggestions

        review_suggestions(ctx, catalog, found)
        return
    _print(catalog, source_id, found, fmt.lower())


def _suggestions(catalog: Catalog, source_id: str, include_covered: bool) -> list[Suggestion]:
    from dprktrack.suggest.finding import suggestions

    return suggestions(catalog, source_id, include_covered=include_covered)


def _print(catalog: Catalog, source_id: str, found: list[Suggestion], fmt: str) -> None:
    """The suggestions in the chosen format: data on stdout, a count on stderr."""
    if fmt == "json":
        from dprktrack.output.writers import write_json
        from dprktrack.suggest.drafts import drafts
        from dprktrack.suggest.placing import Placer

        write_json(drafts(found, Placer(catalog, source_id)), sys.stdout)
    elif fmt == "csv":
        from dprktrack.output.writers import write_csv
        from dprktrack.suggest.drafts import CSV_FIELDS, csv_row

        write_csv([csv_row(suggestion) for suggestion in found], CSV_FIELDS, sys.stdout)
    else:
        from dprktrack.output.console import make_console, print_view
        from dprktrack.suggest.view import new_actor_notes, suggestions_table

        console = make_console()
        if found:
            print_view(console, suggestions_table(found, console.width))
        sys.stdout.flush()  # the table before the notes, as a terminal shows them
        for note in new_actor_notes(found):
            click.echo(note, err=True)
    sys.stdout.flush()
    noun = "suggestion" if len(found) == 1 else "suggestions"
    click.echo(f"note: {len(found)} {noun} in {source_id}", err=True)
