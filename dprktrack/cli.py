"""The `dprktrack` command line: click commands only, each a thin shell over the library.

Only click and the standard library load at start-up; each command imports what
it needs (pydantic to load, rich to draw tables) when it runs, so `--help` and
machine output start fast.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, TypeVar

import click

from dprktrack import __version__
from dprktrack.errors import (
    EXIT_FAILURE,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    DprkError,
)
from dprktrack.safetext import visible
from dprktrack.vocabulary import ACTOR_KINDS, QUOTE_TYPES, STANCES

if TYPE_CHECKING:
    import datetime

    from rich.console import RenderableType

    from dprktrack.check import Report
    from dprktrack.curate import Anchored, Located
    from dprktrack.matcher import Document
    from dprktrack.query import ClaimFilter, Record
    from dprktrack.store import Catalog

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
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

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if os.environ.get("_DPRKTRACK_COMPLETE", "").startswith("bash"):
            from dprktrack.bashcomplete import use_line_aware_bash

            use_line_aware_bash()  # so `--stance target=s<TAB>` completes despite the `=`
        return super().main(*args, **kwargs)

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
                click.echo(f"error: {_one_line_message(line)}", err=True)
            ctx.exit(err.exit_code)
        except click.UsageError as err:
            if isinstance(err, _UsageError):
                raise
            raise _UsageError(err.format_message(), err.ctx) from None
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(EXIT_OK)
        except click.Abort:
            click.echo(
                "error: interrupted (or input ended) before the end; nothing written", err=True
            )
            ctx.exit(EXIT_INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit):
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


def _one_line_message(text: str) -> str:
    """A message from data shown on one line, its control characters made visible."""
    return visible(text).replace("\n", "\\n")


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
    `dprktrack check` verifies every quote against its source. Curators find a
    passage with `dprktrack locate` and add claims with `dprktrack add`.

    \b
    Exit codes: 0 success (an empty result too), 1 `check` found a failing claim
    or `locate` found nothing, 2 bad input (usage, an invalid claims file, a
    missing source, an unknown id, a refused quote), 70 an internal error,
    130 interrupted while asking (nothing written).
    """
    ctx.obj = claims_path
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


def _catalog(ctx: click.Context, *, bundled_ok: bool = True) -> Catalog:
    from dprktrack.store import find_claims_file, load_catalog

    path = find_claims_file(ctx.obj, bundled_ok=bundled_ok, command=ctx.info_name or "check")
    return load_catalog(path)


def _completer(
    kind: str, *, bundled_ok: bool = True
) -> Callable[[click.Context, click.Parameter, str], list[Any]]:
    """A shell-completion callback offering the claims file's ids of one kind.

    It reads the claims file --claims (or DPRKTRACK_CLAIMS) names, like the command
    would (`bundled_ok=False` for commands that never use the bundled copy); a file
    that cannot be loaded offers nothing rather than an error. Help is one line: zsh
    reads the answer line by line.
    """

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        from dprktrack.complete import candidates
        from dprktrack.store import find_claims_file, load_catalog

        try:
            explicit = ctx.find_root().params.get("claims_path")
            path = find_claims_file(explicit, bundled_ok=bundled_ok)
            catalog = load_catalog(path)
        except DprkError:
            return []
        found = candidates(catalog, kind, incomplete)
        return [
            CompletionItem(value, help=" ".join(visible(help_text).split()))
            for value, help_text in found
        ]

    return complete


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
            shell_complete=_completer("actor"),
            help="Actor id (exact), or words beginning its name or an alias ('kim song').",
        ),
        click.option(
            "--via",
            multiple=True,
            metavar="NAME",
            shell_complete=_completer("actor"),
            help="Actor relaying the statement (reported_via), matched like --actor ('nk news').",
        ),
        click.option("--stance", multiple=True, type=click.Choice(STANCES, case_sensitive=False)),
        click.option(
            "--target",
            multiple=True,
            metavar="ID",
            shell_complete=_completer("target"),
            help="Target id, e.g. panel-of-experts (`dprktrack targets` lists them).",
        ),
        click.option(
            "--quote-type", multiple=True, type=click.Choice(QUOTE_TYPES, case_sensitive=False)
        ),
        click.option(
            "--source",
            multiple=True,
            metavar="ID",
            shell_complete=_completer("source"),
            help="Source id.",
        ),
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


@main.command(short_help="List the actors with their claims and stances.")
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

    # Bytes, so the output is the committed file's on every platform (no CRLF, any locale).
    sys.stdout.buffer.write(schema_text().encode("utf-8"))


@main.command(short_help="Show one claim in full, its quote in its paragraph.")
@click.argument("claim_id", shell_complete=_completer("claim"))
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


@main.command(short_help="Read the article with every claimed span highlighted.")
@click.argument(
    "source_id", required=False, metavar="[SOURCE]", shell_complete=_completer("source")
)
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


@main.command(short_help="Find a passage in the sources, ready to quote.")
@click.argument("text")
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="ID",
    shell_complete=_completer("source"),
    help="Look only in this source (default: all).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json"), case_sensitive=False),
    default="text",
    show_default=True,
    help="text for reading; json for other tools (on stdout).",
)
@click.pass_context
def locate(ctx: click.Context, text: str, sources: tuple[str, ...], fmt: str) -> None:
    """Find TEXT in the sources, as `check` would: exactly, then in any typography.

    Straight quotes, hyphens for dashes and `...` for `…` are fine: each hit shows the
    source's own characters as a JSON string, ready to paste into claims.json, with
    its place (path:line:column, offsets) and sentence. Omissions (`…`, `[...]`) work
    as in a quote. A text found several times is listed at each place, numbered as
    `add --occurrence` counts them. A hit that a claim could not quote as it stands
    (its omission leaves out a "not") is marked, and exits with 1 unless another hit
    is fine. Without a hit it shows the closest passages, found blind to case, with
    their scores (1 is identical) and exits with 1.

    \b
    Example:
      dprktrack locate "Moscow's proposal to set a time limit"
    """
    from dprktrack.curate import locate as find
    from dprktrack.curate import located_record
    from dprktrack.query import pick_source

    if not text.strip():
        raise click.UsageError("TEXT is empty")
    catalog = _catalog(ctx)
    chosen = list(dict.fromkeys(pick_source(catalog, source) for source in sources))
    located = find(catalog, text, chosen)
    if fmt == "json":
        from dprktrack.writers import write_json

        write_json(located_record(text, located), sys.stdout)
    else:
        _print_located(located)
    quotable = any(hit.problem is None for hit in located.hits)
    ctx.exit(EXIT_OK if quotable else EXIT_FAILURE)


def _print_located(located: Located) -> None:
    from dprktrack.render import has_colour, make_console, passages_view, print_parts

    console = make_console()
    count = len(located.hits)
    if count > 1:
        many = "more than " if located.uncounted else ""
        click.echo(
            f"note: found {many}{count} times; a claim quoting it needs more words, "
            "or `dprktrack add --occurrence N` with N as numbered below",
            err=True,
        )
    if located.hits:
        print_parts(console, passages_view(located.hits, has_colour(console)))
    elif located.close:
        click.echo("note: not in the sources; the closest passages (case ignored):", err=True)
        print_parts(console, passages_view(located.close, has_colour(console)))
    else:
        click.echo("note: not in the sources, and nothing there is close", err=True)


_prompt_option = click.option(
    "--prompt/--no-prompt",
    "prompt",
    default=None,
    help="Ask for what is missing (default: when stdin is a terminal).",
)
_dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Print the new record (stdout) and write nothing."
)


def _asking(prompt: bool | None) -> bool:
    return sys.stdin.isatty() if prompt is None else prompt


def _require(
    required: dict[str, Any], asking: bool, optional: dict[str, Any] | None = None
) -> None:
    """Off a terminal nothing can be asked: name every missing option at once. A value
    given but blank is an error even on a terminal (asking would hide the slip)."""
    given = {**required, **(optional or {})}
    blank = [option for option, value in given.items() if _blank(value)]
    if blank:
        raise DprkError(f"{', '.join(blank)}: empty; give a value or leave the option out")
    missing = [option for option, value in required.items() if value in (None, ())]
    if missing and not asking:
        them = "them" if len(missing) > 1 else "it"
        where = "" if sys.stdin.isatty() else ", or run on a terminal to be asked"
        raise click.UsageError(f"missing {', '.join(missing)} (give {them}{where})")


def _blank(value: Any) -> bool:
    if isinstance(value, tuple):
        return any(_blank(item) for item in value)
    return isinstance(value, str) and not value.strip()


def _one_line_value(value: str | None, option: str) -> str | None:
    """A free-text value stripped, refused if it holds a line break or a control character:
    every such field is one line of the claims file and of the tables that show it."""
    if value is None:
        return None
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise DprkError(f"{option}: one line, please (it holds a line break or control character)")
    return value.strip()


def _ask(text: str, convert: Callable[[str], T], *, default: str | None = None) -> T:
    """Ask on stderr until `convert` accepts the answer; each refusal is shown as an error."""
    while True:
        answer: str = click.prompt(
            text, default=default or "", show_default=bool(default), err=True
        )
        if default is None and not answer.strip():
            click.echo("error: an answer is needed here", err=True)
            continue
        try:
            return convert(answer)
        except DprkError as err:
            for line in err.lines:
                click.echo(f"error: {_one_line_message(line)}", err=True)


def _text(option: str) -> Callable[[str], str]:
    """A converter for a required free-text answer: anything but blank."""

    def convert(value: str) -> str:
        text = _one_line_value(value, option)
        if not text:
            raise DprkError(f"{option}: empty; give a value")
        return text

    return convert


def _listing(title: str, entries: dict[str, str]) -> None:
    click.echo(f"{title}:", err=True)
    width = max(map(len, entries), default=0)
    for key, label in entries.items():
        click.echo(f"  {visible(key):<{width}}  {visible(label)}", err=True)


def _optional_text(option: str) -> Callable[[str], str | None]:
    """A converter for an optional free-text answer: blank is none."""

    def convert(value: str) -> str | None:
        return _one_line_value(value, option) or None

    return convert


def _write_record(catalog: Catalog, section: str, record: dict[str, Any], *, dry_run: bool) -> None:
    """Append the record and write the file atomically; --dry-run prints it instead.

    The new file is loaded and validated whole before it is written, and the write
    is refused if the file changed on disk since it was read (as `check --fix`).
    """
    from dprktrack.store import catalog_from_text, replace_claims_file, with_record
    from dprktrack.writers import write_json

    text = with_record(catalog.raw, section, record)
    catalog_from_text(catalog.path, text)
    if dry_run:
        write_json(record, sys.stdout)
        click.echo(f"note: --dry-run: {visible(catalog.name)} not changed", err=True)
        return
    replace_claims_file(catalog.path, text, catalog.raw)
    click.echo(record["id"])
    noun = section.removesuffix("s")
    click.echo(f"note: added {noun} {visible(record['id'])} to {visible(catalog.name)}", err=True)


@main.command(short_help="Add a claim, its quote anchored in the source.")
@click.option(
    "--actor",
    metavar="NAME",
    shell_complete=_completer("actor", bundled_ok=False),
    help="Who made the statement: actor id, name or alias.",
)
@click.option(
    "--quote",
    metavar="TEXT",
    help="The source's words; straight quotes, '-' for dashes and '...' are fine.",
)
@click.option(
    "--stance",
    "stances",
    multiple=True,
    metavar="TARGET=STANCE",
    shell_complete=_completer("stance", bundled_ok=False),
    help="A position, e.g. panel-of-experts=oppose; repeat for several targets.",
)
@click.option(
    "--quote-type",
    type=click.Choice(QUOTE_TYPES, case_sensitive=False),
    help="direct (own words, the default), indirect (paraphrase) or mixed.",
)
@click.option("--summary", metavar="TEXT", help="One line in your own words.")
@click.option(
    "--reported-via",
    metavar="NAME",
    shell_complete=_completer("actor", bundled_ok=False),
    help="Actor relaying the statement, if any.",
)
@click.option("--date", metavar="YYYY[-MM[-DD]]", help="Date of the statement, if known.")
@click.option(
    "--source",
    metavar="ID",
    shell_complete=_completer("source", bundled_ok=False),
    help="Source quoted (needed only when there are several).",
)
@click.option(
    "--occurrence",
    type=int,
    metavar="N",
    help="Which occurrence, for a quote found more than once (1 is the first).",
)
@_dry_run_option
@_prompt_option
@click.pass_context
def add(
    ctx: click.Context,
    /,
    *,
    actor: str | None,
    quote: str | None,
    stances: tuple[str, ...],
    quote_type: str | None,
    summary: str | None,
    reported_via: str | None,
    date: str | None,
    source: str | None,
    occurrence: int | None,
    dry_run: bool,
    prompt: bool | None,
) -> None:
    """Add a claim to claims.json, its quote anchored in the source first.

    The quote is looked up as `check` would: found exactly or in other typography,
    it is stored in the source's own characters with its anchors (start, end,
    prefix, suffix). A quote found several times needs more words or --occurrence;
    one not found is refused with the closest passage. The id is the next free one
    (c060 after c059). On a terminal, what is missing is asked for. The write is
    atomic and refused if the file changed meanwhile; --dry-run prints the claim.
    The new id goes to stdout.

    \b
    Example:
      dprktrack add --actor nebenzya --stance sanctions-regime=oppose --date 2024-03 \\
        --quote "long overdue" --summary "The sanctions regime is overdue for an update."
    """
    from dprktrack import curate
    from dprktrack.model import Claim
    from dprktrack.query import pick_source

    asking = _asking(prompt)
    given = {"--actor": actor, "--quote": quote, "--stance": stances, "--summary": summary}
    optional = {"--reported-via": reported_via, "--date": date, "--source": source}
    _require(given, asking, optional)
    # Questions about the optional details only in a session that asks anyway.
    details = asking and any(value in (None, ()) for value in given.values())
    summary = _one_line_value(summary, "--summary")
    catalog = _catalog(ctx, bundled_ok=False)
    if source is None and len(catalog.sources) > 1 and asking:
        source = _ask("Source", lambda value: pick_source(catalog, value))
    source_id = pick_source(catalog, source)
    published = catalog.sources[source_id].published
    if date is not None:
        date = curate.check_date(date, "--date", published)
    relay = curate.resolve_actor(catalog, reported_via, "--reported-via") if reported_via else None
    if not catalog.pin_holds(source_id):
        raise DprkError(
            f"{catalog.shown_path(source_id)} no longer matches its sha256 pin, so offsets "
            "taken from it may not hold; run `dprktrack check` and settle that first"
        )
    document = catalog.document(source_id)
    actor_id = _actor_answer(catalog, actor)
    anchored, occurrence = _quote_answer(document, quote, occurrence, asking=asking)
    entries = _stances_answer(catalog, stances)
    if summary is None:
        summary = _ask("Summary (one line)", _text("--summary"))
    if details:
        quote_type, relay, date = _asked_details(catalog, quote_type, relay, date, published)
    if relay == actor_id:
        raise DprkError("--reported-via: that is the actor itself; leave --reported-via out")
    values = {
        "id": curate.next_claim_id(catalog.claims),
        "source": source_id,
        "actor": actor_id,
        "quote": anchored.quote,
        "start": anchored.start,
        "end": anchored.end,
        "prefix": anchored.prefix,
        "suffix": anchored.suffix,
        "quote_type": (quote_type or "direct").lower(),
        "reported_via": relay or None,
        "stances": entries,
        "summary": summary,
        "date": date,
    }
    record = curate.build_record(Claim, values, _CLAIM_OPTIONS)
    problem = curate.verdict_problem(document, Claim.model_validate(record))
    if problem:
        raise DprkError(f"the quote would not pass `dprktrack check`: {problem}")
    if anchored.retyped:
        click.echo(
            f"note: the quote is stored in the source's own characters: "
            f"{visible(json.dumps(anchored.quote, ensure_ascii=False))}",
            err=True,
        )
    for twin in curate.same_passage(catalog, record):
        click.echo(f"note: {visible(twin)} already quotes this passage for this actor", err=True)
    try:
        _write_record(catalog, "claims", record, dry_run=dry_run)
    except DprkError:
        if asking:  # keep the answers: the same claim, without the questions
            command = _add_command(ctx, record, occurrence)
            click.echo(f"note: to add it once the file is settled: {visible(command)}", err=True)
        raise


def _asked_details(
    catalog: Catalog,
    quote_type: str | None,
    relay: str | None,
    date: str | None,
    published: datetime.date,
) -> tuple[str | None, str | None, str | None]:
    """The claim's optional details, each asked for unless given."""
    from dprktrack.curate import check_date, resolve_actor

    if quote_type is None:
        quote_type = _ask(
            f"Quote type ({'/'.join(QUOTE_TYPES)})",
            lambda value: _choice(value, QUOTE_TYPES),
            default="direct",
        )
    if relay is None:
        relay = _ask(
            "Reported via (actor, blank for none)",
            lambda value: resolve_actor(catalog, value, "--reported-via") if value.strip() else "",
            default="",
        )
    if date is None:
        date = _ask(
            "Date (YYYY[-MM[-DD]], blank for none)",
            lambda value: check_date(value, "--date", published) if value.strip() else None,
            default="",
        )
    return quote_type, relay, date


def _actor_answer(catalog: Catalog, given: str | None) -> str:
    """The claim's actor: as given, else asked for with the actors listed."""
    from dprktrack.curate import resolve_actor

    if given is not None:
        return resolve_actor(catalog, given, "--actor")
    _listing("Actors", {key: found.name for key, found in catalog.actors.items()})
    return _ask("Actor (id, name or alias)", lambda value: resolve_actor(catalog, value, "--actor"))


def _quote_answer(
    document: Document, given: str | None, occurrence: int | None, *, asking: bool
) -> tuple[Anchored, int | None]:
    """The quote anchored in the source, and the occurrence chosen (asked for when a quote
    typed at the prompt is found several times)."""
    from dprktrack.curate import Ambiguous, anchor_quote

    if given is not None:
        return anchor_quote(document, given, occurrence), occurrence

    def anchor(value: str) -> tuple[Anchored, int | None]:
        try:
            return anchor_quote(document, value, occurrence), occurrence
        except Ambiguous as err:
            if occurrence is not None:
                raise
            count = len(err.places)
            chosen = _ask(
                f"Which occurrence (1-{count}, by line:column: {', '.join(err.places)})",
                lambda answer: _number(answer, count),
            )
            return anchor_quote(document, value, chosen), chosen

    return _ask("Quote (the source's words)", anchor)


def _number(answer: str, count: int) -> int:
    if not answer.strip().isdigit() or not 1 <= int(answer) <= count:
        raise DprkError(f"give a number from 1 to {count}")
    return int(answer)


def _stances_answer(catalog: Catalog, given: tuple[str, ...]) -> list[dict[str, str]]:
    """The claim's stances: as given, else asked for with the targets listed."""
    from dprktrack.curate import parse_stances

    if given:
        return parse_stances(given, catalog.targets)
    _listing("Targets", {key: target.label for key, target in catalog.targets.items()})
    return _ask(
        f"Stances (TARGET=STANCE, comma-separated; {'/'.join(STANCES)})",
        lambda value: parse_stances([value], catalog.targets),
    )


def _add_command(ctx: click.Context, record: dict[str, Any], occurrence: int | None) -> str:
    """The `dprktrack add` command line that adds this claim without asking anything."""
    import shlex

    words = ["dprktrack", *(["--claims", str(ctx.obj)] if ctx.obj else []), "add"]
    words += ["--actor", record["actor"], "--quote", record["quote"]]
    words += [f"--stance={entry['target']}={entry['stance']}" for entry in record["stances"]]
    words += ["--quote-type", record["quote_type"], "--summary", record["summary"]]
    for key in ("reported_via", "date"):
        if record.get(key):
            words += [f"--{key.replace('_', '-')}", record[key]]
    if occurrence is not None:
        words += ["--occurrence", str(occurrence)]
    return shlex.join([*words, "--no-prompt"])


_CLAIM_OPTIONS = {
    "actor": "--actor",
    "quote": "--quote",
    "stances": "--stance",
    "quote_type": "--quote-type",
    "summary": "--summary",
    "reported_via": "--reported-via",
    "date": "--date",
    "source": "--source",
}


def _choice(value: str, choices: Sequence[str]) -> str:
    if value.strip().lower() not in choices:
        raise DprkError(f"choose one of {', '.join(choices)}")
    return value.strip().lower()


@main.command("add-actor", short_help="Add an actor the claims can name.")
@click.option("--id", "actor_id", metavar="SLUG", help="Id (default: made from the name).")
@click.option("--name", metavar="TEXT", help="Name as the source gives it.")
@click.option("--alias", "aliases", multiple=True, metavar="TEXT", help="Another name; repeatable.")
@click.option(
    "--kind",
    type=click.Choice(ACTOR_KINDS, case_sensitive=False),
    help="What the actor is (a ministry is a government; the article's author is author).",
)
@click.option("--role", metavar="TEXT", help="Role as the source describes it.")
@click.option("--country", metavar="TEXT", help="Country as the source gives it.")
@_dry_run_option
@_prompt_option
@click.pass_context
def add_actor(
    ctx: click.Context,
    /,
    *,
    actor_id: str | None,
    name: str | None,
    aliases: tuple[str, ...],
    kind: str | None,
    role: str | None,
    country: str | None,
    dry_run: bool,
    prompt: bool | None,
) -> None:
    """Add an actor to claims.json: someone the source quotes or paraphrases.

    The id is a slug made from the name unless --id gives one; an id already taken
    is refused. On a terminal, what is missing is asked for. The new id goes to
    stdout; --dry-run prints the record instead of writing it.

    \b
    Example:
      dprktrack add-actor --name "Linda Thomas-Greenfield" --kind person \\
        --alias Thomas-Greenfield --role "US ambassador to the UN" --country "United States"
    """
    from dprktrack import curate
    from dprktrack.model import Actor

    asking = _asking(prompt)
    optional = {"--id": actor_id, "--role": role, "--country": country, "--alias": aliases}
    _require({"--name": name, "--kind": kind}, asking, optional)
    details = asking and (name is None or kind is None)
    name, role, country = (
        _one_line_value(value, option)
        for value, option in ((name, "--name"), (role, "--role"), (country, "--country"))
    )
    catalog = _catalog(ctx, bundled_ok=False)
    if name is None:
        name = _ask("Name", _text("--name"))
    if kind is None:
        kind = _ask(f"Kind ({'/'.join(ACTOR_KINDS)})", lambda value: _choice(value, ACTOR_KINDS))
    new_id = _chosen_id(catalog.actors, actor_id, name, "actor", asking=details)
    if details and not aliases:
        answer = _ask("Aliases (comma-separated, blank for none)", str, default="")
        aliases = tuple(answer.split(","))
    if details and role is None:
        role = _ask("Role (blank for none)", _optional_text("--role"), default="")
    if details and country is None:
        country = _ask("Country (blank for none)", _optional_text("--country"), default="")
    names = [name, *(_one_line_value(alias, "--alias") or "" for alias in aliases)]
    aliases = tuple(dict.fromkeys(alias for alias in names[1:] if alias and alias != name))
    values = {
        "id": new_id,
        "name": name,
        "aliases": list(aliases),
        "kind": kind.lower(),
        "role": role,
        "country": country,
    }
    options = {"id": "--id", "name": "--name", "aliases": "--alias", "kind": "--kind"}
    record = curate.build_record(
        Actor, values, {**options, "role": "--role", "country": "--country"}
    )
    for other in curate.name_clashes(catalog, Actor.model_validate(record)):
        click.echo(f"note: actor {visible(other)} has the same name or alias", err=True)
    _write_record(catalog, "actors", record, dry_run=dry_run)


@main.command("add-target", short_help="Add a target stances can be taken toward.")
@click.option("--id", "target_id", metavar="SLUG", help="Id (default: made from the label).")
@click.option("--label", metavar="TEXT", help="Short human label.")
@click.option("--description", metavar="TEXT", help="What exactly the target covers.")
@_dry_run_option
@_prompt_option
@click.pass_context
def add_target(
    ctx: click.Context,
    /,
    *,
    target_id: str | None,
    label: str | None,
    description: str | None,
    dry_run: bool,
    prompt: bool | None,
) -> None:
    """Add a target to claims.json: an institution, policy or event stances are about.

    The id is a slug made from the label unless --id gives one; an id already taken
    is refused. On a terminal, what is missing is asked for. The new id goes to
    stdout; --dry-run prints the record instead of writing it.

    \b
    Example:
      dprktrack add-target --id arms-deals --label "Russia–DPRK arms deals" \\
        --description "Alleged transfers of DPRK munitions to Russia."
    """
    from dprktrack import curate
    from dprktrack.model import Target

    asking = _asking(prompt)
    _require({"--label": label, "--description": description}, asking, {"--id": target_id})
    details = asking and (label is None or description is None)
    label = _one_line_value(label, "--label")
    description = _one_line_value(description, "--description")
    catalog = _catalog(ctx, bundled_ok=False)
    if label is None:
        label = _ask("Label", _text("--label"))
    if description is None:
        description = _ask("Description", _text("--description"))
    new_id = _chosen_id(catalog.targets, target_id, label, "target", asking=details)
    for other in curate.label_clashes(catalog, label):
        click.echo(f"note: target {visible(other)} has the same label", err=True)
    values = {
        "id": new_id,
        "label": label,
        "description": description,
    }
    options = {"id": "--id", "label": "--label", "description": "--description"}
    _write_record(catalog, "targets", curate.build_record(Target, values, options), dry_run=dry_run)


def _chosen_id(
    known: dict[str, Any], given: str | None, name: str, noun: str, *, asking: bool
) -> str:
    """The new record's id: as given, else asked for (offering a slug of the name), else
    that slug."""
    from dprktrack.curate import free_id, slug

    made = slug(name)
    if given is None and asking:
        return _ask("Id", lambda value: free_id(known, value, noun), default=made or None)
    if given is None and not made:
        raise DprkError(f"--id: no id can be made from {name!r}; give one with --id")
    return free_id(known, given or made, noun)


@main.command(short_help="Verify that every quote still stands in its source.")
@click.argument(
    "claim_ids",
    nargs=-1,
    metavar="[CLAIM_ID]...",
    shell_complete=_completer("claim", bundled_ok=False),
)
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
        UNPLACED_ANNOTATIONS,
        annotation_collection,
        claim_rows,
    )
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
