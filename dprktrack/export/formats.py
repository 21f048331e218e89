"""The export formats: which one an -o file's suffix implies, and what writes each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.export.annotations import UNPLACED_ANNOTATIONS, annotation_collection
from dprktrack.export.rows import ROW_FIELDS, claim_rows
from dprktrack.query import claim_records

SUFFIX_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
"""The format an -o file's suffix implies when --format is not given."""
Write = Callable[[TextIO], None]
"""Writes the export to a text stream."""


def export_format(fmt: str | None, to_file: Path | None) -> str:
    """The format asked for, else the one the output file's suffix implies, else annotations."""
    implied = SUFFIX_FORMATS.get(to_file.suffix.lower() if to_file else "", "")
    return (fmt or implied).lower() or "annotations"


def export_writer(catalog: Catalog, fmt: str, base: str | None) -> tuple[Write, list[str]]:
    """What writes the export in `fmt`, and the notes to show (unplaced quotes, no claims)."""
    from dprktrack.output import writers
    from dprktrack.query import unplaced_note

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
