"""`add --from-json`: the claims of a batch of drafts, all checked, then written at once."""

from __future__ import annotations

import sys
from typing import Any

import click

from dprktrack.cli.group import one_line_message
from dprktrack.cli.shared import load_claims
from dprktrack.errors import DprkError


def add_from_json(
    ctx: click.Context, file: str, given: dict[str, Any], *, approve: bool, dry_run: bool
) -> None:
    """Read FILE (or stdin for `-`), check every draft as `add` checks one, write them all
    in one guarded write (or print them with --dry-run); each new id goes to stdout."""
    from dprktrack.curate import adding, batch

    options = [
        f"--{key.replace('_', '-')}" for key, value in given.items() if value not in (None, ())
    ]
    if options:
        raise click.UsageError(
            f"--from-json takes every field from {file}; leave out {', '.join(options)}"
        )
    name = "stdin" if file == "-" else file
    drafts = batch.read_drafts(batch.drafts_text(_read(file, name), name), name)
    catalog = load_claims(ctx, bundled_ok=False)
    if not drafts:
        click.echo(f"note: {one_line_message(name)} holds no drafts; nothing written", err=True)
        return
    made = batch.checked_claims(catalog, drafts, name, approve=approve)
    records = [new.record for new in made]
    adding.save(catalog, batch.with_claims(catalog.raw, records), dry_run=dry_run)
    if dry_run:
        from dprktrack.output.writers import write_json

        write_json(records, sys.stdout)
        sys.stdout.flush()
        click.echo(f"note: --dry-run: {one_line_message(catalog.name)} not changed", err=True)
        return
    for record in records:
        click.echo(record["id"])
    first, last = records[0]["id"], records[-1]["id"]
    added = f"added claim {first} to {catalog.name}"
    if len(records) > 1:
        added = f"added {len(records)} claims to {catalog.name} ({first} to {last})"
    click.echo(f"note: {one_line_message(added)}", err=True)


def _read(file: str, name: str) -> bytes:
    """The batch's bytes, bounded: a file or a pipe never read past the limit."""
    from pathlib import Path

    from dprktrack.claimsfile.safeio import Refused, read_bounded
    from dprktrack.curate.batch import MAX_DRAFT_BYTES

    if file == "-":
        data: bytes = sys.stdin.buffer.read(MAX_DRAFT_BYTES + 1)
        if len(data) > MAX_DRAFT_BYTES:
            raise DprkError(f"{name}: larger than {MAX_DRAFT_BYTES // (1024 * 1024)} MiB; not read")
        return data
    try:
        return read_bounded(Path(file), MAX_DRAFT_BYTES)
    except Refused as refusal:
        raise DprkError(f"{name}: {refusal}") from None
