"""The `export` command: every claim for annotation tools, spreadsheets and data tools."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dprktrack.cli.group import one_line_message
from dprktrack.cli.shared import load_claims

EXPORT_FORMATS = ("annotations", "csv", "jsonl")


@click.command(short_help="Export every claim for annotation tools, spreadsheets or data tools.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS, case_sensitive=False),
    default=None,
    help="annotations: a W3C Web Annotation collection (JSON-LD); csv or jsonl: one claim per "
    "row or line. Default: what -o's suffix says (.csv, .jsonl or .ndjson), else annotations.",
)
@click.option(
    "-o",
    "--output",
    type=str,
    default=None,
    metavar="FILE",
    help="Write to FILE (replaced whole, atomically) instead of stdout.",
)
@click.option(
    "--base",
    metavar="IRI",
    help="With annotations: the IRI the file will be published at; ids become absolute "
    "(BASE#c001, sources resolved against BASE). Without it, ids are relative to the file, "
    "whose sources they find when it lies in the claims file's folder.",
)
@click.pass_context
def export(ctx: click.Context, fmt: str | None, output: str | None, base: str | None) -> None:
    """Export every claim for other tools: annotation viewers, spreadsheets, data tools.

    annotations gives a W3C Web Annotation collection (JSON-LD): one annotation per
    claim, its target the quote's passage in the source (a TextQuoteSelector with
    prefix and suffix, and a TextPositionSelector with code-point offsets), its
    bodies the summary, the speaker, one `target: stance` tag per stance and the relay.
    csv and jsonl give one flat record per claim: the fields of `list --format
    json` with the actor's and the source's fields joined in. A quote that `dprktrack
    check` would fail is exported without offsets, with a note on stderr. -o
    replaces FILE whole or not at all, and never the claims file or a source.

    \b
    Examples:
      dprktrack export > annotations.jsonld
      dprktrack export --base https://example.org/dprk/annotations.jsonld -o annotations.jsonld
      dprktrack export -o claims.csv                # --format csv, from the suffix
      dprktrack export --format jsonl | jq -r .actor
    """
    from dprktrack.export import annotations, formats, paths

    if output is not None and not output.strip():
        raise click.UsageError("-o: empty; give a file name, or - for stdout")
    to_file = Path(output) if output is not None and output != "-" else None
    fmt = formats.export_format(fmt, to_file)
    if base is not None and fmt != "annotations":
        raise click.UsageError("--base goes with --format annotations")
    if base is not None:
        annotations.check_base(base)
    catalog = load_claims(ctx)
    if to_file is not None:
        paths.check_output(catalog, to_file)
    write, notes = formats.export_writer(catalog, fmt, base)
    for note in notes:
        click.echo(f"note: {one_line_message(note)}", err=True)
    if to_file is None:
        write(sys.stdout)
        return
    paths.write_file(to_file, write)
    shown = one_line_message(str(to_file))
    click.echo(f"note: exported {len(catalog.claims)} claim(s) as {fmt} to {shown}", err=True)
