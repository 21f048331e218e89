"""The `export` command: every claim for annotation tools, spreadsheets and data tools."""

from __future__ import annotations

import sys

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
from dprktrack.export.formats import FORMATS


@click.command(short_help="Export every claim for annotation tools, spreadsheets or data tools.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(tuple(FORMATS), case_sensitive=False),
    default=None,
    help="annotations: a W3C Web Annotation collection (JSON-LD); csv or jsonl: one claim per "
    "row or line; sqlite: a database for Datasette, with its metadata beside it (-o only); "
    "html: the report page. Default: what -o's suffix says (.json/.jsonld, .csv, "
    ".jsonl/.ndjson, .db/.sqlite/.sqlite3, .html), else annotations.",
)
@output_option("Write to FILE (replaced whole, atomically) instead of stdout.")
@click.option(
    "--base",
    metavar="IRI",
    help="With annotations: the IRI the file will be published at; ids become absolute "
    "(BASE#c001, sources resolved against BASE). Without it, ids are relative to the file, "
    "whose sources they find when it lies in the claims file's folder.",
)
@click.option(
    "--excel",
    is_flag=True,
    help="CSV for spreadsheets: a UTF-8 byte order mark, every cell in double quotes, and a ' "
    "before any cell that begins with = + - @ ' a tab, a carriage return or a NUL, so that no "
    "cell runs as a formula.",
)
@click.pass_context
def export(
    ctx: click.Context, fmt: str | None, output: str | None, base: str | None, excel: bool
) -> None:
    """Export every claim for other tools: annotation viewers, spreadsheets, data tools.

    annotations gives a W3C Web Annotation collection (JSON-LD): one annotation per
    claim, its target the quote's passage in the source (a TextQuoteSelector with
    prefix and suffix, and a TextPositionSelector with code-point offsets), its
    bodies the summary, the speaker, one `target: stance` tag per stance and the relay.
    csv and jsonl give one flat record per claim: the fields of `list --format
    json` with the actor's and the source's fields joined in. sqlite gives a
    database (tables with keys, views, a full-text index) and, beside it, Datasette's
    metadata (claims.db, claims.metadata.json). A quote that `dprktrack check` would
    fail is exported without offsets, with a note on stderr. -o replaces FILE whole
    or not at all, and never the claims file, a source, or a file later commands
    would take for the claims file (claims.json).

    \b
    Examples:
      dprktrack export > annotations.jsonld
      dprktrack export --base https://example.org/dprk/annotations.jsonld -o annotations.jsonld
      dprktrack export -o claims.csv                # --format csv, from the suffix
      dprktrack export --excel -o claims.csv        # for a spreadsheet
      dprktrack export -o claims.db                 # and claims.metadata.json, for Datasette
      dprktrack export --format jsonl | jq -r .actor
    """
    from dprktrack.export import formats, paths

    to_file = output_file(output)
    chosen = formats.choose_format(fmt, to_file, excel=excel)
    if base is not None and chosen.name != "annotations":
        raise click.UsageError("--base goes with --format annotations")
    if base is not None:
        from dprktrack.export.annotations import check_base

        check_base(base)
    options = formats.Options(base, excel, to_file)
    if chosen.name == "html":
        refuse_page_on_a_terminal(to_file)
        settings = run_settings(ctx)
        options = options._replace(strict=settings.strict, ignore=tuple(settings.ignore))
    catalog = load_claims(ctx)
    for path in chosen.files(to_file) if to_file is not None else []:
        paths.check_output(catalog, path)
    built = chosen.build(catalog, options)
    for note in built.notes:
        click.echo(f"note: {one_line_message(note)}", err=True)
    if to_file is None:
        assert built.write is not None  # file_only formats are refused without -o
        if chosen.name == "html":
            write_utf8(built.write)  # the page says charset=utf-8
        else:
            built.write(sys.stdout)  # JSON and CSV escape what a narrow channel cannot carry
        return
    paths.write_export(to_file, built)
    shown = ", ".join(one_line_message(str(path)) for path in chosen.files(to_file))
    click.echo(
        f"note: exported {len(catalog.claims)} claim(s) as {chosen.name} to {shown}", err=True
    )
