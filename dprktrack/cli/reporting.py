"""The `report` command: the findings as one HTML page to hand to people without a terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dprktrack.cli.group import one_line_message
from dprktrack.cli.shared import load_claims


@click.command(short_help="Write the findings as one self-contained HTML page.")
@click.option(
    "-o",
    "--output",
    type=str,
    default=None,
    metavar="FILE",
    help="Write to FILE (replaced whole, atomically) instead of stdout.",
)
@click.pass_context
def report(ctx: click.Context, output: str | None) -> None:
    """Write the findings as one HTML page that works offline, from a file or an attachment.

    The page shows each source's text with every claimed passage highlighted where
    `dprktrack check` places it (colour, underline and mark by stance), the stance grid
    of actors against targets, and the claims table with the check's verdict on each:
    a claim the check fails is flagged there and not highlighted. With scripts on, the
    table filters by actor, target, stance, quote type, source and text, and every
    filter state and claim has a link (report.html#c014). The page loads nothing from
    elsewhere and its Content-Security-Policy runs only its own script. -o replaces
    FILE whole or not at all, and never the claims file or a source.

    \b
    Examples:
      dprktrack report -o report.html
      dprktrack report > report.html                # the same page, on stdout
    """
    from dprktrack.export.paths import check_output, write_file
    from dprktrack.report.page import report_page

    if output is not None and not output.strip():
        raise click.UsageError("-o: empty; give a file name, or - for stdout")
    to_file = Path(output) if output is not None and output != "-" else None
    catalog = load_claims(ctx)
    if to_file is not None:
        check_output(catalog, to_file)
    page = report_page(catalog)
    if page.failing:
        click.echo(
            f"note: {len(page.failing)} claim(s) fail the check, flagged in the table and not "
            f"highlighted (`dprktrack check` says why): {', '.join(page.failing)}",
            err=True,
        )
    if to_file is None:
        sys.stdout.write(page.html)
        return
    write_file(to_file, lambda out: print(page.html, end="", file=out))
    shown = one_line_message(str(to_file))
    click.echo(f"note: wrote the report of {len(catalog.claims)} claim(s) to {shown}", err=True)
