"""The `dprktrack` command line: click commands only, each a thin shell over the library.

Only click and the standard library load at start-up; each command imports what
it needs (pydantic to load, rich to draw tables) when it runs, so `--help` and
machine output start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, TypeVar

import click

from dprktrack import __version__
from dprktrack.errors import EXIT_FAILURE, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, DprkError
from dprktrack.safetext import visible
from dprktrack.vocabulary import QUOTE_TYPES, STANCES

if TYPE_CHECKING:
    from rich.console import RenderableType

    from dprktrack.check import Report
    from dprktrack.query import ClaimFilter, Record
    from dprktrack.store import Catalog

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
LISTING_FORMATS = ("table", "json", "csv", "markdown")
CHECK_FORMATS = ("text", "json", "github")


class _UsageError(click.UsageError):
    """A usage error shown as one line, like every other error of the tool."""

    def show(self, file: Any = None) -> None:
        hint = f" (see '{self.ctx.command_path} --help')" if self.ctx else ""
        message = self.format_message()
        if "--claims" in message and self.ctx and self.ctx.parent:
            hint = " (--claims goes before the command: dprktrack --claims PATH list)"
        click.echo(f"error: {visible(message)}{hint}", err=True)


class _Group(click.Group):
    """Turns every failure into one-line messages on stderr and a documented exit code.

    Bad input never shows a traceback; a reader that closes the pipe early (`| head`)
    ends the run quietly with success, as it asked for no more.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as err:
            raise _UsageError(err.format_message(), err.ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        from dprktrack.collector import paused

        try:
            with paused():  # a command builds many objects and no cycles worth collecting
                return super().invoke(ctx)
        except DprkError as err:
            for line in err.lines:
                click.echo(f"error: {visible(line)}", err=True)
            ctx.exit(err.exit_code)
        except click.UsageError as err:
            if isinstance(err, _UsageError):
                raise
            raise _UsageError(err.format_message(), err.ctx) from None
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(EXIT_OK)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as err:
            if os.environ.get("DPRKTRACK_DEBUG"):
                raise
            click.echo(
                f"internal error: {type(err).__name__}: {visible(str(err))} "
                "(a bug in dprktrack; rerun with DPRKTRACK_DEBUG=1 for the traceback)",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so flushing what is left cannot fail again at exit."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


@click.group(cls=_Group, context_settings=CONTEXT, invoke_without_command=True)
@click.version_option(__version__, "--version", prog_name="dprktrack")
@click.option(
    "--claims",
    "claims_path",
    type=click.Path(path_type=Path),
    envvar="DPRKTRACK_CLAIMS",
    show_envvar=True,
    metavar="PATH",
    help="Claims file to read. Default: ./claims.json if present, else the bundled one.",
)
@click.pass_context
def main(ctx: click.Context, claims_path: Path | None) -> None:
    """Who said what in the article on the UN sanctions regime against the DPRK.

    Every claim ties an actor's statement to a verbatim quote of the source, with
    the actor's stance toward named targets (the Panel of Experts, the sanctions
    regime, Russia's veto, ...). Start with `dprktrack list` or `dprktrack actors`;
    `dprktrack check` verifies every quote against its source.

    \b
    Exit codes: 0 success (an empty result too), 1 `check` found a failing claim,
    2 bad input (usage, an invalid claims file, a missing source, an unknown id),
    70 an internal error.
    """
    ctx.obj = claims_path
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


def _catalog(ctx: click.Context, *, bundled_ok: bool = True) -> Catalog:
    from dprktrack.store import find_claims_file, load_catalog

    return load_catalog(find_claims_file(ctx.obj, bundled_ok=bundled_ok))


_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(LISTING_FORMATS, case_sensitive=False),
    default="table",
    show_default=True,
    help="table for reading; json, csv or markdown for other tools (data only, on stdout).",
)


def _filter_options(func: F) -> F:
    options = [
        click.option(
            "--actor",
            multiple=True,
            metavar="NAME",
            help="Actor id (exact), or words beginning its name or an alias ('kim song').",
        ),
        click.option(
            "--via",
            multiple=True,
            metavar="NAME",
            help="Actor relaying the statement (reported_via), matched like --actor ('nk news').",
        ),
        click.option("--stance", multiple=True, type=click.Choice(STANCES, case_sensitive=False)),
        click.option(
            "--target",
            multiple=True,
            metavar="ID",
            help="Target id, e.g. panel-of-experts (`dprktrack targets` lists them).",
        ),
        click.option(
            "--quote-type", multiple=True, type=click.Choice(QUOTE_TYPES, case_sensitive=False)
        ),
        click.option("--source", multiple=True, metavar="ID", help="Source id."),
        click.option(
            "--grep", multiple=True, metavar="TEXT", help="Words in the quote or the summary."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _claim_filter(options: dict[str, tuple[str, ...]]) -> ClaimFilter:
    from dprktrack.query import ClaimFilter

    return ClaimFilter(
        actors=options["actor"],
        relays=options["via"],
        stances=options["stance"],
        targets=options["target"],
        quote_types=options["quote_type"],
        sources=options["source"],
        greps=options["grep"],
    )


def _emit(
    fmt: str,
    data: Sequence[Record],
    columns: Sequence[str],
    table: Callable[[], RenderableType],
    *,
    empty_note: str,
    notes: Sequence[str] = (),
) -> None:
    """Write records in the chosen format; notes (an empty result, say) go to stderr."""
    from dprktrack import writers

    for message in (*notes, empty_note if not data else ""):
        if message:
            click.echo(f"note: {visible(message)}", err=True)
    if fmt == "json":
        writers.write_json(list(data), sys.stdout)
    elif fmt == "csv":
        writers.write_csv(data, columns, sys.stdout)
    elif fmt == "markdown":
        writers.write_markdown(data, columns, sys.stdout)
    elif data:
        from dprktrack.render import make_console, print_view

        print_view(make_console(), table())


@main.command("list")
@_filter_options
@_format_option
@click.pass_context
def list_claims(ctx: click.Context, /, fmt: str, **options: tuple[str, ...]) -> None:
    """List claims: who said what, with stances and the quote.

    Filters narrow the list; a filter given twice matches either value, different
    filters must all match. --target and --stance together match one stance entry
    ("opposes the Panel"). JSON records carry start/end offsets that slice the
    quote out of its source, and its line:column.

    \b
    Example:
      dprktrack list --actor nebenzya --target panel-of-experts --stance oppose
    """
    from dprktrack.query import (
        CLAIM_FIELDS,
        claim_records,
        select_claims,
        unmatched_actor_notes,
        unplaced_note,
    )

    catalog = _catalog(ctx)
    wanted = _claim_filter(options)
    records = claim_records(catalog, select_claims(catalog, wanted))
    notes = [*unmatched_actor_notes(catalog, wanted), unplaced_note(records) or ""]

    def table() -> RenderableType:
        from dprktrack.render import claims_table

        return claims_table(records)

    _emit(
        fmt,
        records,
        CLAIM_FIELDS,
        table,
        empty_note="no claims match",
        notes=notes,
    )


@main.command()
@_filter_options
@_format_option
@click.pass_context
def actors(ctx: click.Context, /, fmt: str, **options: tuple[str, ...]) -> None:
    """List the actors: role, number of claims and stances per target.

    With filters, only actors with a matching claim are listed and only the
    matching stances are counted: this answers "who supports the Panel?".

    \b
    Example:
      dprktrack actors --target panel-of-experts --stance support
    """
    from dprktrack.query import ACTOR_FIELDS, actor_records, unmatched_actor_notes

    catalog = _catalog(ctx)
    wanted = _claim_filter(options)
    records = actor_records(catalog, wanted)

    def table() -> RenderableType:
        from dprktrack.render import actors_table

        return actors_table(records)

    notes = unmatched_actor_notes(catalog, wanted)
    _emit(fmt, records, ACTOR_FIELDS, table, empty_note="no actors match", notes=notes)


@main.command()
@_filter_options
@_format_option
@click.pass_context
def stances(ctx: click.Context, /, fmt: str, **options: tuple[str, ...]) -> None:
    """Show who stands where: a grid of actors against targets.

    Each cell is the actor's stance toward the target, with the number of claims
    when there are several; "mixed" when their claims disagree. JSON and CSV give
    one record per actor and target, with counts and claim ids.

    \b
    Example:
      dprktrack stances --target russia-veto
    """
    from dprktrack.query import CELL_FIELDS, stance_cells, unmatched_actor_notes

    catalog = _catalog(ctx)
    wanted = _claim_filter(options)
    cells = stance_cells(catalog, wanted)

    def table() -> RenderableType:
        from dprktrack.render import make_console, stance_grid

        labels = {target.id: target.label for target in catalog.targets.values()}
        return stance_grid(cells, labels, make_console().width)

    notes = unmatched_actor_notes(catalog, wanted)
    _emit(fmt, cells, CELL_FIELDS, table, empty_note="no stances match", notes=notes)


@main.command(short_help="List the targets stances are taken toward.")
@_format_option
@click.pass_context
def targets(ctx: click.Context, /, fmt: str) -> None:
    """List the targets stances are taken toward, with how often each stance occurs.

    The ids are what --target takes in the other commands.

    \b
    Example:
      dprktrack targets
    """
    from dprktrack.query import TARGET_FIELDS, target_records

    records = target_records(_catalog(ctx))

    def table() -> RenderableType:
        from dprktrack.render import targets_table

        return targets_table(records)

    _emit(fmt, records, TARGET_FIELDS, table, empty_note="the claims file has no targets")


@main.command(short_help="Print the claims file's JSON Schema, for editors.")
def schema() -> None:
    """Print the JSON Schema of the claims file, so editors can check it as you type.

    claims.json names its schema in its first key, "$schema": "./claims.schema.json".
    An editor that reads JSON Schema (VS Code does with no setup) then flags a
    misspelt key, an unknown stance or a missing summary at once, offers the keys
    and values that fit, and shows what each field means. The schema checks the
    shape of each record; `dprktrack check` also checks ids, references and
    quotes. No claims file is read.

    \b
    Example:
      dprktrack schema > claims.schema.json
    """
    from dprktrack.model import schema_text

    sys.stdout.write(schema_text())


@main.command(short_help="Show one claim in full, its quote in its paragraph.")
@click.argument("claim_id")
@_format_option
@click.pass_context
def show(ctx: click.Context, claim_id: str, fmt: str) -> None:
    """Show one claim in full, its quote highlighted in the source paragraph.

    \b
    Example:
      dprktrack show c014
    """
    from dprktrack import writers
    from dprktrack.query import CLAIM_FIELDS, claim_records, closest_ids, unplaced_note

    catalog = _catalog(ctx)
    claim = catalog.claims.get(claim_id) or catalog.claims.get(claim_id.lower())
    if claim is None:
        near = closest_ids(catalog.claims, claim_id.lower())
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise DprkError(f"no claim {claim_id!r} in {catalog.name}{hint}", EXIT_INPUT)
    (record,) = claim_records(catalog, [claim])
    note = unplaced_note([record])
    if note:
        click.echo(f"note: {note}", err=True)
    if fmt == "json":
        writers.write_json(record, sys.stdout)
    elif fmt in ("csv", "markdown"):
        write = writers.write_csv if fmt == "csv" else writers.write_markdown
        write([record], CLAIM_FIELDS, sys.stdout)
    else:
        _show_table(catalog, record)


def _show_table(catalog: Catalog, record: Record) -> None:
    from dprktrack.query import claim_details, claim_paragraph
    from dprktrack.render import claim_view, has_colour, make_console, print_view

    paragraph, quote_start = claim_paragraph(catalog, record)
    console = make_console()
    details = claim_details(catalog, record)
    view = claim_view(record, details, paragraph, quote_start, has_colour(console))
    print_view(console, view)


@main.command()
@click.argument("source_id", required=False, metavar="[SOURCE]")
@click.option(
    "--pager/--no-pager",
    default=None,
    help="Page the output (default: page when writing to a terminal).",
)
@click.pass_context
def read(ctx: click.Context, source_id: str | None, pager: bool | None) -> None:
    """Read the source with every claimed span highlighted and labelled.

    Each quote is coloured by its main (first) stance (support green, oppose red,
    neutral cyan, mixed yellow) and followed by its claim id and actor. Without
    colour (off a terminal, NO_COLOR, a pager other than less), spans are bracketed
    ⟦like this⟧ and the label spells out the stances. SOURCE is a source id, needed
    only when the claims file has several.

    \b
    Examples:
      dprktrack read                                  # paged on a terminal
      FORCE_COLOR=1 dprktrack read --no-pager | less -R
    """
    from dprktrack.query import pick_source, source_annotations
    from dprktrack.render import (
        article_view,
        has_colour,
        make_console,
        pager_shows_colour,
        print_view,
        rendered,
    )

    catalog = _catalog(ctx)
    source = pick_source(catalog, source_id)
    annotations, unplaced = source_annotations(catalog, source)
    if pager is None:
        pager = sys.stdout.isatty()
    console = make_console(colour=not pager or pager_shows_colour(os.environ))
    text = catalog.source_text(source)
    view = article_view(catalog.sources[source].title, text, annotations, has_colour(console))
    if pager:
        # color=None lets click set LESS=-R for less; other pagers got a plain view.
        colour = None if has_colour(console) else False
        click.echo_via_pager(rendered(console, view), color=colour)
    else:
        print_view(console, view)
    if unplaced:
        missing = ", ".join(unplaced)
        note = (
            f"quotes not placed in the source, so not shown (`dprktrack check` says why): {missing}"
        )
        click.echo(f"note: {note}", err=True)


@main.command(short_help="Verify that every quote still stands in its source.")
@click.argument("claim_ids", nargs=-1, metavar="[CLAIM_ID]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS, case_sensitive=False),
    default=None,
    help="text (default), json, or github workflow annotations "
    "(the default when GITHUB_ACTIONS=true).",
)
@click.option("--strict", is_flag=True, help="Treat warnings (moved, typography, ...) as failures.")
@click.option("--fix", is_flag=True, help="Write the safe repairs into the claims file.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="With --fix: print the change as a diff (stdout) and the report (stderr); write nothing.",
)
@click.pass_context
def check(
    ctx: click.Context,
    claim_ids: tuple[str, ...],
    fmt: str | None,
    *,
    strict: bool,
    fix: bool,
    dry_run: bool,
) -> None:
    """Verify that every claim's quote still stands in its source, where the claim says.

    Each claim gets a verdict: ok; moved, typography (warnings: --fix repairs them);
    changed, missing, ambiguous, source-missing (failures: a person must look). A
    source whose bytes no longer match its sha256 pin is reported as source-changed
    (a warning) and its quotes are checked one by one. Findings are listed as
    claims.json:LINE:COL with a word diff where the text differs.

    --fix writes new anchors (start, end, prefix, suffix), the source's exact
    characters for a typography match, and a renewed pin; it never touches a
    failing claim. The write is atomic and refused if the file changed meanwhile.
    The file checked is --claims PATH or ./claims.json, never the bundled copy.

    \b
    Exit codes: 0 no failure (warnings allowed unless --strict), 1 a failure,
    2 unusable input (invalid claims file, unknown claim id, usage).

    \b
    Examples:
      dprktrack check
      dprktrack check --strict --format json c014 c015
      dprktrack check --fix --dry-run
    """
    from dprktrack.check import finding_positions, result_records, run_check, summary

    if dry_run and not fix:
        raise click.UsageError("--dry-run goes with --fix")
    catalog = _catalog(ctx, bundled_ok=False)
    report = run_check(catalog, _known_claims(catalog, claim_ids) or None)
    fixed, on_disk = (
        _repair(catalog, report, dry_run=dry_run) if fix else (frozenset(), catalog.raw)
    )
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    # JSON lists passing claims too; the other forms show findings and what --fix changed.
    shown = [
        finding
        for finding in report.findings
        if fmt == "json" or finding.verdict != "ok" or (finding.kind, finding.id) in fixed
    ]
    positions = finding_positions(on_disk, shown)
    records = result_records(shown, positions, strict=strict, fixed=fixed)
    totals = summary(report, strict=strict, fixed=fixed, planned=dry_run)
    # With --dry-run, stdout carries the diff; the report goes to stderr.
    _emit_check(fmt, catalog.name, records, totals, sys.stderr if dry_run else sys.stdout)
    ctx.exit(EXIT_FAILURE if totals["failures"] else EXIT_OK)


def _known_claims(catalog: Catalog, claim_ids: tuple[str, ...]) -> list[str]:
    from dprktrack.query import closest_ids

    known, unknown = [], []
    for claim_id in claim_ids:
        found = next((c for c in (claim_id, claim_id.lower()) if c in catalog.claims), None)
        if found is None:
            near = closest_ids(catalog.claims, claim_id.lower())
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            unknown.append(f"no claim {claim_id!r} in {catalog.name}{hint}")
        else:
            known.append(found)
    if unknown:
        raise DprkError(unknown, EXIT_INPUT)
    return known


def _repair(
    catalog: Catalog, report: Report, *, dry_run: bool
) -> tuple[frozenset[tuple[str, str]], str]:
    """Apply the safe repairs (or print them as a diff); what was fixed and the file's text now."""
    import difflib
    import json

    from dprktrack.check import apply_repairs
    from dprktrack.store import dump_claims, replace_claims_file

    data, changed = apply_repairs(json.loads(catalog.raw), report)
    if not changed:
        click.echo("note: nothing to fix", err=True)
        return frozenset(), catalog.raw
    text = dump_claims(data, newline="\r\n" if "\r\n" in catalog.raw else "\n")
    if dry_run:
        name = _patch_name(catalog.path)
        diff = difflib.unified_diff(
            catalog.raw.splitlines(keepends=True),
            text.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
        # A patch stays byte-faithful for `git apply`; only a terminal gets escapes.
        shown = (visible(line) for line in diff) if sys.stdout.isatty() else diff
        sys.stdout.writelines(shown)
        return frozenset((finding.kind, finding.id) for finding in changed), catalog.raw
    replace_claims_file(catalog.path, text, catalog.raw)
    click.echo(f"note: --fix updated {len(changed)} record(s) in {visible(catalog.name)}", err=True)
    return frozenset((finding.kind, finding.id) for finding in changed), text


def _patch_name(path: Path) -> str:
    """The claims file's path as `git apply` run here would name it."""
    try:
        # Above the current folder this holds "..": `git apply` then refuses (unless
        # told --unsafe-paths) rather than patching a claims.json that happens to be here.
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # on another drive (Windows)
        return path.resolve().as_posix()


def _emit_check(
    fmt: str, name: str, records: list[dict[str, Any]], totals: dict[str, Any], out: TextIO
) -> None:
    from dprktrack.check import summary_line

    if fmt == "json":
        from dprktrack.writers import write_json

        write_json({"summary": totals, "results": records}, out)
    elif fmt == "github":
        from dprktrack.writers import github_annotation

        for record in records:
            if record["severity"] == "pass" or record["fixed"]:
                continue
            level = "error" if record["severity"] == "failure" else "warning"
            where = {"file": name, "line": record["line"], "col": record["column"]}
            title = f"{record['id']} {record['verdict']}"
            body = record["message"] + (f"\n{record['diff']}" if record["diff"] else "")
            click.echo(github_annotation(level, {**where, "title": title}, body), file=out)
        click.echo(summary_line(totals), file=out)
    else:
        from dprktrack.render import check_findings, make_console, print_lines

        lines = check_findings(name, records, summary_line(totals), planned=totals["dry_run"])
        print_lines(make_console(out), lines)


EXPORT_FORMATS = ("annotations", "csv", "jsonl")
EXPORT_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
"""The format an -o file's suffix implies when --format is not given."""


@main.command(short_help="Export every claim for annotation tools, spreadsheets or data tools.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS, case_sensitive=False),
    default=None,
    help="annotations: a W3C Web Annotation collection (JSON-LD); csv or jsonl: one claim per "
    "row or line. Default: what -o's suffix says (.csv, .jsonl), else annotations.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
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
def export(ctx: click.Context, fmt: str | None, output: Path | None, base: str | None) -> None:
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

    to_file = output if output is not None and str(output) != "-" else None
    fmt = (fmt or EXPORT_SUFFIXES.get(to_file.suffix.lower() if to_file else "", "")).lower()
    fmt = fmt or "annotations"
    if base is not None and fmt != "annotations":
        raise click.UsageError("--base goes with --format annotations")
    if base is not None:
        check_base(base)
    catalog = _catalog(ctx)
    if to_file is not None:
        check_output(catalog, to_file)
    write, notes = _export_writer(catalog, fmt, base)
    for note in notes:
        click.echo(f"note: {visible(note)}", err=True)
    if to_file is None:
        write(sys.stdout)
        return
    import io

    from dprktrack.store import write_atomically

    def write_utf8(stream: BinaryIO) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        write(text)
        text.flush()
        text.detach()  # the stream stays open: the caller syncs it to disk

    write_atomically(to_file, write_utf8)
    shown = visible(str(to_file))
    click.echo(f"note: exported {len(catalog.claims)} claim(s) as {fmt} to {shown}", err=True)


def _export_writer(
    catalog: Catalog, fmt: str, base: str | None
) -> tuple[Callable[[TextIO], None], list[str]]:
    """What writes the export in `fmt`, and the notes to show (unplaced quotes, no claims)."""
    from dprktrack import writers
    from dprktrack.export import (
        ROW_FIELDS,
        annotation_collection,
        claim_rows,
        unplaced_annotations_note,
    )
    from dprktrack.query import claim_records, unplaced_note

    records = claim_records(catalog, catalog.claims.values())
    notes = [] if records else [f"{catalog.name} has no claims to export"]
    if fmt == "annotations":
        collection = annotation_collection(catalog, base, records)
        notes.append(unplaced_annotations_note(records) or "")
        return lambda out: writers.write_json(collection, out), [n for n in notes if n]
    rows = claim_rows(catalog, records)
    notes.append(unplaced_note(records) or "")
    if fmt == "csv":
        return lambda out: writers.write_csv(rows, ROW_FIELDS, out), [n for n in notes if n]
    return lambda out: writers.write_jsonl(rows, out), [n for n in notes if n]
