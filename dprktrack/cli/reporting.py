"""The `report` command: the findings as one HTML page to hand to people without a terminal."""

from __future__ import annotations

import click

from dprktrack.cli.group import one_line_message
from dprktrack.cli.shared import (
    load_claims,
    output_file,
    output_option,
    refuse_page_on_a_terminal,
    run_settings,
    write_utf8,
)


@click.command(short_help="Write the findings as one self-contained HTML page.")
@output_option("Write to FILE (.html or .htm; replaced whole, atomically) instead of stdout.")
@click.option(
    "--strict/--no-strict",
    default=None,
    help="Judge claims as `check --strict` does (a warning fails: flagged, not highlighted), "
    "or not. Default: the settings file's strict, else not.",
)
@click.pass_context
def report(ctx: click.Context, output: str | None, *, strict: bool | None) -> None:
    """Write the findings as one HTML page that works offline, from a file or an attachment.

    The page shows each source's text with every claimed passage highlighted where
    `dprktrack check` places it (colour, underline and mark by stance), the stance grid
    of actors against targets, and the claims table with the check's verdict on each:
    a claim the check fails is flagged there and not highlighted, judged as `check` does
    with the same settings (strict, ignore entries) and --strict. With scripts on, the
    table filters by actor, target, stance, quote type, source and text, and every
    filter state and claim has a link (report.html#c014). The page loads nothing from
    elsewhere and its Content-Security-Policy runs only its own script. -o replaces
    FILE whole or not at all, and never the claims file or a source. The page is
    UTF-8 whatever the terminal's encoding, and never written to a terminal itself.

    \b
    Examples:
      dprktrack report -o report.html
      dprktrack report > report.html                # the same page, on stdout
    """
    from dprktrack.export.formats import FORMATS
    from dprktrack.export.paths import check_output, write_file
    from dprktrack.report.page import report_page

    to_file = output_file(output)
    suffixes = FORMATS["html"].suffixes  # a browser opens the file as what its name says
    if to_file is not None and to_file.suffix.lower() not in suffixes:
        given = to_file.suffix or "(none)"
        raise click.UsageError(
            f"-o {output}: the suffix {given} is not an HTML page's; name the file "
            f"{' or '.join(suffixes)} (other formats: `dprktrack export`)"
        )
    refuse_page_on_a_terminal(to_file)
    settings = run_settings(ctx)
    catalog = load_claims(ctx)
    if to_file is not None:
        check_output(catalog, to_file)
    strict = settings.strict if strict is None else strict
    page = report_page(catalog, strict=strict, ignore=settings.ignore)
    if page.failing:
        click.echo(
            f"note: {len(page.failing)} claim(s) fail the check, flagged in the table and not "
            f"highlighted (`dprktrack check` says why): {', '.join(page.failing)}",
            err=True,
        )
    if to_file is None:
        write_utf8(lambda out: out.write(page.html))
        return
    write_file(to_file, lambda out: print(page.html, end="", file=out))
    shown = one_line_message(str(to_file))
    click.echo(f"note: wrote the report of {len(catalog.claims)} claim(s) to {shown}", err=True)
