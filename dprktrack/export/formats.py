"""The export formats: one table of names, suffixes and builders, and the choice among them.

A format is named by `--format` or implied by the -o file's suffix; the two must agree,
and an -o file whose suffix names no format needs `--format`. Adding a format is one
entry in `FORMATS` (its builder lives where its job does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

from dprktrack.errors import DprkError

if TYPE_CHECKING:
    from dprktrack.check.ignores import IgnoreRule
    from dprktrack.claimsfile.catalog import Catalog

Write = Callable[[TextIO], None]
"""Writes the export to a text stream."""


class Options(NamedTuple):
    """What a builder may need besides the catalog."""

    base: str | None = None
    """annotations: the IRI the file will be published at."""
    excel: bool = False
    """csv: guarded for spreadsheets (`spreadsheet.guard_cell`), with a byte order mark."""
    output: Path | None = None
    """The -o file, for formats that name things after it (sqlite's metadata)."""
    strict: bool = False
    """html: claims judged as `check --strict` judges them (a warning fails)."""
    ignore: tuple[IgnoreRule, ...] = ()
    """html: the settings file's ignore entries, as `check` applies them."""


@dataclass(frozen=True)
class Export:
    """A built export: text for stdout or -o, or a file's bytes; files beside it; notes."""

    notes: list[str]
    write: Write | None = None
    content: bytes | None = None
    beside: tuple[tuple[Path, Write], ...] = ()


Builder = Callable[["Catalog", Options], Export]


@dataclass(frozen=True)
class ExportFormat:
    """A format's name, the -o suffixes that imply it, its builder, and where it may go."""

    name: str
    suffixes: tuple[str, ...]
    build: Builder
    file_only: bool = False
    """Binary output (a database): only to an -o file, never to stdout."""
    beside: tuple[str, ...] = ()
    """Suffixes of the files written beside -o (`claims.db` → `claims.metadata.json`)."""

    def files(self, output: Path) -> list[Path]:
        """The -o file and those written beside it."""
        return [output, *(output.with_suffix(suffix) for suffix in self.beside)]


def _annotations(catalog: Catalog, options: Options) -> Export:
    from dprktrack.export.annotations import UNPLACED_ANNOTATIONS, annotation_collection
    from dprktrack.output import writers
    from dprktrack.query import claim_records, unplaced_note

    records = claim_records(catalog, catalog.claims.values())
    collection = annotation_collection(catalog, options.base, records)
    notes = [*_empty(catalog), *filter(None, [unplaced_note(records, UNPLACED_ANNOTATIONS)])]
    return Export(notes, write=lambda out: writers.write_json(collection, out))


def _rows(
    catalog: Catalog, write_rows: Callable[[list[dict[str, object]], TextIO], None]
) -> Export:
    from dprktrack.export.rows import claim_rows
    from dprktrack.query import claim_records, unplaced_note

    records = claim_records(catalog, catalog.claims.values())
    rows = claim_rows(catalog, records)
    notes = [*_empty(catalog), *filter(None, [unplaced_note(records)])]
    return Export(notes, write=lambda out: write_rows(rows, out))


def _csv(catalog: Catalog, options: Options) -> Export:
    from dprktrack.export.rows import ROW_FIELDS
    from dprktrack.export.spreadsheet import write_excel_csv
    from dprktrack.output import writers

    if options.excel:
        return _rows(catalog, lambda rows, out: write_excel_csv(rows, ROW_FIELDS, out))
    return _rows(catalog, lambda rows, out: writers.write_csv(rows, ROW_FIELDS, out))


def _jsonl(catalog: Catalog, options: Options) -> Export:
    from dprktrack.output import writers

    return _rows(catalog, writers.write_jsonl)


def _sqlite(catalog: Catalog, options: Options) -> Export:
    from dprktrack.export.datasette import datasette_metadata
    from dprktrack.export.sqlite import claims_database
    from dprktrack.output import writers

    assert options.output is not None  # file_only: the command refuses stdout first
    database, notes = claims_database(catalog)
    metadata = datasette_metadata(catalog, options.output.stem)
    beside = ((metadata_path(options.output), lambda out: writers.write_json(metadata, out)),)
    return Export([*_empty(catalog), *notes], content=database, beside=beside)


def _html(catalog: Catalog, options: Options) -> Export:
    """The `dprktrack report` page: the same HTML whichever command writes it, its claims
    judged with the same settings."""
    from dprktrack.report.page import report_page

    page = report_page(catalog, strict=options.strict, ignore=options.ignore).html

    def write(out: TextIO) -> None:
        out.write(page)

    return Export(_empty(catalog), write=write)


def _empty(catalog: Catalog) -> list[str]:
    return [] if catalog.claims else [f"{catalog.name} has no claims to export"]


METADATA_SUFFIX = ".metadata.json"
"""Datasette's metadata is written beside the database: `claims.db` → `claims.metadata.json`."""

FORMATS: dict[str, ExportFormat] = {
    fmt.name: fmt
    for fmt in (
        ExportFormat("annotations", (".json", ".jsonld"), _annotations),
        ExportFormat("csv", (".csv",), _csv),
        ExportFormat("jsonl", (".jsonl", ".ndjson"), _jsonl),
        ExportFormat(
            "sqlite", (".db", ".sqlite", ".sqlite3"), _sqlite, True, beside=(METADATA_SUFFIX,)
        ),
        ExportFormat("html", (".html", ".htm"), _html),  # `dprktrack report`'s page
    )
}
"""Every export format, in the order --help lists them; the first is stdout's default."""
DEFAULT_FORMAT = "annotations"


def metadata_path(database: Path) -> Path:
    """Where Datasette's metadata for `database` goes: beside it, `NAME.metadata.json`."""
    return database.with_suffix(METADATA_SUFFIX)


def suffix_format(path: Path) -> str | None:
    """The format an -o file's suffix implies (case aside), or None."""
    suffix = path.suffix.lower()
    return next((fmt.name for fmt in FORMATS.values() if suffix in fmt.suffixes), None)


def choose_format(asked: str | None, output: Path | None, *, excel: bool = False) -> ExportFormat:
    """The format to export in: `--format`, else what -o's suffix implies, else (stdout)
    annotations, or csv with `excel`. An -o suffix that names another format than
    `--format`, or none when `--format` is not given, is refused: the file would be
    opened as what its name says."""
    implied = suffix_format(output) if output is not None else None
    suffix = output.suffix if output is not None else ""
    name = asked.lower() if asked else None
    if name is not None and implied is not None and implied != name:
        fits = " or ".join(FORMATS[name].suffixes) or "another suffix"
        raise DprkError(
            f"-o {output}: {suffix} is the suffix of --format {implied}, not {name}; "
            f"name the file {fits}, or leave out --format"
        )
    if name is None and output is not None and implied is None:
        known = ", ".join(s for fmt in FORMATS.values() for s in fmt.suffixes)
        raise DprkError(
            f"-o {output}: the suffix {suffix or '(none)'} names no export format; "
            f"give --format, or name the file {known}"
        )
    name = name or implied or ("csv" if excel else DEFAULT_FORMAT)
    if excel and name != "csv":
        raise DprkError(f"--excel goes with --format csv, not {name}")
    chosen = FORMATS[name]
    if chosen.file_only and output is None:
        raise DprkError(
            f"--format {name} writes a binary file, not text for stdout; give -o FILE "
            f"({' or '.join(chosen.suffixes)})"
        )
    return chosen
