"""Commands about time and change: timeline, diff."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from dprktrack.cli.shared import claim_filter, emit, filter_options, format_option, load_claims

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from dprktrack.diff import RecordChange


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
    entries = timeline(catalog, wanted, links=fmt != "table")
    consequence = "they are placed after their source's other claims of the same date"
    notes = [*unmatched_actor_notes(catalog, wanted), unplaced_note(entries, consequence) or ""]

    def view(console: Console) -> RenderableType:
        from dprktrack.changeview import timeline_view
        from dprktrack.render import has_colour

        return timeline_view(entries, console.width, has_colour(console))

    data = entries if fmt == "json" else flat_entries(entries)
    emit(fmt, data, TIMELINE_FIELDS, view, empty_note="no claims match", notes=notes)


DIFF_FORMATS = ("text", "json", "markdown")
UNBROKEN = 1_000_000
"""A width no line reaches: off a terminal, the diff's lines are never broken."""


@click.command(short_help="Show what changed between two versions of the claims file.")
@click.argument("old", required=False, metavar="[OLD")
@click.argument("new", required=False, metavar="[NEW]]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DIFF_FORMATS, case_sensitive=False),
    default="text",
    show_default=True,
    help="text for reading; json for tools; markdown for a pull-request comment.",
)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit 1 when there are differences, 0 when there are none (as git diff).",
)
@click.pass_context
def diff(ctx: click.Context, old: str | None, new: str | None, fmt: str, exit_code: bool) -> None:
    """Show what changed between two versions of the claims file.

    OLD and NEW are git revisions of the claims file (HEAD~1, main, a tag) or paths
    to claims files; OLD defaults to HEAD, NEW to the file as it is now. Each version
    is loaded and validated as the claims file is. Claims, actors, targets and sources
    added, removed or changed are listed field by field, a quote as a word diff
    ([-removed-]{+added+}); a claim whose anchors alone moved is "re-anchored".

    \b
    Exit codes: 0 whether or not there are differences (with --exit-code: 1 when
    there are), 2 for unusable input: not a git repository, an unknown revision, the
    file absent from a revision, a version that does not load.

    \b
    Examples:
      dprktrack diff                      # HEAD against the file as it is now
      dprktrack diff HEAD~1 HEAD --format markdown
    """
    from dprktrack.claimsfile.find import find_claims_file
    from dprktrack.cli.group import decide_exit, one_line_message
    from dprktrack.cli.shared import claims_choice
    from dprktrack.diff import diff_catalogs
    from dprktrack.errors import EXIT_FAILURE, EXIT_OK
    from dprktrack.revisions import load_version, names_a_file

    old = "HEAD" if old is None else old
    both_paths = new is not None and names_a_file(old) and names_a_file(new)
    claims = None if both_paths else find_claims_file(claims_choice(ctx), bundled_ok=False)
    before, old_name = load_version(old, claims)
    after, new_name = load_version(new, claims)
    changes = diff_catalogs(before, after)
    if not changes and claims is not None:
        inside = one_line_message(claims.name)
        click.echo(
            f"note: no change to the claims file; `git log -- {inside}` lists the commits "
            "that changed it",
            err=True,
        )
    decide_exit(ctx, EXIT_FAILURE if exit_code and changes else EXIT_OK)
    _print_diff(fmt.lower(), old_name, new_name, changes)
    ctx.exit(EXIT_FAILURE if exit_code and changes else EXIT_OK)


def _print_diff(fmt: str, old_name: str, new_name: str, changes: list[RecordChange]) -> None:
    import sys

    from dprktrack.diff import diff_document, diff_markdown
    from dprktrack.output import writers

    if fmt == "json":
        writers.write_json(diff_document(old_name, new_name, changes), sys.stdout)
    elif fmt == "markdown":
        sys.stdout.write(diff_markdown(old_name, new_name, changes))
    else:
        from dprktrack.changeview import diff_view
        from dprktrack.render import has_colour, make_console, print_view

        console = make_console()
        if not console.is_terminal:
            console.width = UNBROKEN  # a file, a pipe or a CI log gets each line whole
        print_view(console, diff_view(old_name, new_name, changes, has_colour(console)))
