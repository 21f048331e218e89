"""The `export` command: every claim for annotation tools, spreadsheets and data tools."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

import click

from dprktrack.cli.group import one_line_message
from dprktrack.cli.shared import load_claims

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog


EXPORT_FORMATS = ("annotations", "csv", "jsonl")
EXPORT_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
"""The format an -o file's suffix implies when --format is not given."""


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
    from dprktrack.export import check_base, check_output

    if output is not None and not output.strip():
        raise click.UsageError("-o: empty; give a file name, or - for stdout")
    to_file = Path(output) if output is not None and output != "-" else None
    fmt = (fmt or EXPORT_SUFFIXES.get(to_file.suffix.lower() if to_file else "", "")).lower()
    fmt = fmt or "annotations"
    if base is not None and fmt != "annotations":
        raise click.UsageError("--base goes with --format annotations")
    if base is not None:
        check_base(base)
    catalog = load_claims(ctx)
    if to_file is not None:
        check_output(catalog, to_file)
    write, notes = _export_writer(catalog, fmt, base)
    for note in notes:
        click.echo(f"note: {one_line_message(note)}", err=True)
    if to_file is None:
        write(sys.stdout)
        return
    import io

    from dprktrack.claimsfile.safeio import write_atomically

    def write_utf8(stream: BinaryIO) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        write(text)
        text.flush()
        text.detach()  # the stream stays open: the caller syncs it to disk

    write_atomically(to_file, write_utf8)
    shown = one_line_message(str(to_file))
    click.echo(f"note: exported {len(catalog.claims)} claim(s) as {fmt} to {shown}", err=True)


def _export_writer(
    catalog: Catalog, fmt: str, base: str | None
) -> tuple[Callable[[TextIO], None], list[str]]:
    """What writes the export in `fmt`, and the notes to show (unplaced quotes, no claims)."""
    from dprktrack.export import (
        ROW_FIELDS,
        UNPLACED_ANNOTATIONS,
        annotation_collection,
        claim_rows,
    )
    from dprktrack.output import writers
    from dprktrack.query import claim_records, unplaced_note

    records = claim_records(catalog, catalog.claims.values())
    empty = [] if records else [f"{catalog.name} has no claims to export"]
    if fmt == "annotations":
        collection = annotation_collection(catalog, base, records)
        unplaced = unplaced_note(records, UNPLACED_ANNOTATIONS)
        return lambda out: writers.write_json(collection, out), [*empty, *filter(None, [unplaced])]
    rows = claim_rows(catalog, records)
    notes = [*empty, *filter(None, [unplaced_note(records)])]
    if fmt == "csv":
        return lambda out: writers.write_csv(rows, ROW_FIELDS, out), notes
    return lambda out: writers.write_jsonl(rows, out), notes
