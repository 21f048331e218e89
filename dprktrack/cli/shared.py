"""What several commands share: finding the claims file, filters, formats, completion."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from dprktrack.cli.group import one_line_message
from dprktrack.errors import DprkError
from dprktrack.output.safetext import visible
from dprktrack.schema.vocabulary import CLAIM_KINDS, QUOTE_TYPES, STANCES

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console, RenderableType

    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.config import Settings
    from dprktrack.query import ClaimFilter, Record

F = TypeVar("F", bound=Callable[..., Any])
LISTING_FORMATS = ("table", "json", "csv", "markdown")
_SETTINGS = "dprktrack.settings"
"""Where `run_settings` keeps the run's settings in the root context's `meta`."""


def run_settings(ctx: click.Context) -> Settings:
    """The settings file's settings for this run (--config, else the one found from the
    current folder up; none with --no-config), read once, when first asked."""
    root = ctx.find_root()
    settings: Settings | None = root.meta.get(_SETTINGS)
    if settings is None:
        from pathlib import Path

        from dprktrack.config import load_settings

        settings = load_settings(
            Path.cwd(),
            root.params.get("config_path"),
            isolated=bool(root.params.get("no_config")),
        )
        root.meta[_SETTINGS] = settings
    return settings


def claims_choice(ctx: click.Context) -> Path | None:
    """The claims file named for this run: --claims (or DPRKTRACK_CLAIMS), else the settings
    file's `claims`; None leaves it to ./claims.json or the bundled copy.

    The settings file is read only when --claims names no file: a lookup given one costs
    nothing more.
    """
    explicit: Path | None = ctx.find_root().params.get("claims_path")
    return explicit if explicit is not None else run_settings(ctx).claims


def load_claims(
    ctx: click.Context, *, bundled_ok: bool = True, name_shadowed: bool = True
) -> Catalog:
    """The claims file the command is to use (--claims, the settings file's, ./claims.json,
    the bundled copy unless `bundled_ok` is False), loaded and validated; with
    `name_shadowed`, a note when the settings chose it over a ./claims.json here (`check`
    names any redirect itself, in full, for CI logs)."""
    from dprktrack.claimsfile.find import find_claims_file
    from dprktrack.claimsfile.load import load_catalog

    chosen = claims_choice(ctx)
    path = find_claims_file(chosen, bundled_ok=bundled_ok, command=ctx.info_name or "check")
    explicit = ctx.find_root().params.get("claims_path") is not None
    if name_shadowed and chosen is not None and not explicit:
        _note_a_shadowed_claims_file(ctx, path)
    return load_catalog(path)


def _note_a_shadowed_claims_file(ctx: click.Context, path: Path) -> None:
    """A note when a settings file above chose another claims file than the ./claims.json
    here: a curator in a scratch folder must not edit the repository's file unawares."""
    from pathlib import Path

    here = Path("claims.json")
    try:
        shadowed = here.is_file() and not here.samefile(path)
    except OSError:
        return
    if shadowed:
        origin = run_settings(ctx).origins.get("claims", "the settings file")
        click.echo(
            f"note: using {one_line_message(str(path))} ({one_line_message(origin)}), not "
            "./claims.json here; --claims claims.json uses this one",
            err=True,
        )


def completer(
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

        from dprktrack.claimsfile.find import find_claims_file
        from dprktrack.claimsfile.load import load_catalog
        from dprktrack.cli.complete import candidates

        try:
            path = find_claims_file(claims_choice(ctx), bundled_ok=bundled_ok)
            catalog = load_catalog(path)
        except DprkError:
            return []
        found = candidates(catalog, kind, incomplete)
        return [
            CompletionItem(value, help=" ".join(visible(help_text).split()))
            for value, help_text in found
        ]

    return complete


def output_option(help_text: str) -> Callable[[F], F]:
    """`-o FILE` of the commands that write a file (export, report): `-` or none is stdout."""
    return click.option("-o", "--output", type=str, default=None, metavar="FILE", help=help_text)


def output_file(output: str | None) -> Path | None:
    """The file `-o` names, or None for stdout (no -o, or `-`); an empty name is refused."""
    from pathlib import Path

    if output is not None and not output.strip():
        raise click.UsageError("-o: empty; give a file name, or - for stdout")
    return Path(output) if output is not None and output != "-" else None


def refuse_page_on_a_terminal(to_file: Path | None) -> None:
    """The report's page (`report`, `export --format html`) goes to a file or a pipe: on a
    terminal its raw control characters could act."""
    import sys

    if to_file is None and sys.stdout.isatty():
        raise click.UsageError("the report is an HTML page: give -o report.html or redirect it")


def write_utf8(write: Callable[[TextIO], object]) -> None:
    """Text written to stdout as UTF-8, whatever encoding stdout was opened with (the
    report's page declares its charset)."""
    import io
    import sys

    sys.stdout.flush()
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        write(out)
        out.flush()
    finally:
        out.detach()  # stdout stays open for whoever comes next


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(LISTING_FORMATS, case_sensitive=False),
    default="table",
    show_default=True,
    help="table for reading; json, csv or markdown for other tools (data only, on stdout).",
)


_FILTERS = (
    click.option(
        "--actor",
        multiple=True,
        metavar="NAME",
        shell_complete=completer("actor"),
        help="Actor id (exact), or words beginning its name or an alias ('kim song').",
    ),
    click.option(
        "--via",
        multiple=True,
        metavar="NAME",
        shell_complete=completer("actor"),
        help="Actor relaying the statement (reported_via), matched like --actor ('nk news').",
    ),
    click.option(
        "--stance",
        multiple=True,
        type=click.Choice(STANCES, case_sensitive=False),
        help="Stance taken: with --target, toward that target.",
    ),
    click.option(
        "--target",
        multiple=True,
        metavar="ID",
        shell_complete=completer("target"),
        help="Target id, e.g. panel-of-experts (`dprktrack targets` lists them).",
    ),
    click.option(
        "--quote-type",
        multiple=True,
        type=click.Choice(QUOTE_TYPES, case_sensitive=False),
        help="direct: the actor's own words; indirect: the article's paraphrase; mixed.",
    ),
    click.option(
        "--kind",
        multiple=True,
        type=click.Choice(CLAIM_KINDS, case_sensitive=False),
        help="statement: what an actor said or wrote; act: what it did (a vote, a veto).",
    ),
    click.option(
        "--source",
        multiple=True,
        metavar="ID",
        shell_complete=completer("source"),
        help="Source id.",
    ),
    click.option(
        "--grep", multiple=True, metavar="TEXT", help="Words in the quote or the summary."
    ),
)
"""The filters of the listing commands, in the order --help lists them."""


def filter_options(func: F) -> F:
    """The filters of the listing commands (--actor, --via, --stance, ...), as decorators."""
    for option in reversed(_FILTERS):
        func = option(func)
    return func


def claim_filter(options: dict[str, tuple[str, ...]]) -> ClaimFilter:
    """The filter options as the library's ClaimFilter."""
    from dprktrack.query import ClaimFilter

    return ClaimFilter(
        actors=options["actor"],
        relays=options["via"],
        stances=options["stance"],
        targets=options["target"],
        quote_types=options["quote_type"],
        sources=options["source"],
        greps=options["grep"],
        kinds=options["kind"],
    )


def emit(
    fmt: str,
    data: Sequence[Record],
    columns: Sequence[str],
    table: Callable[[Console], RenderableType],
    *,
    empty_note: str,
    notes: Sequence[str] = (),
) -> None:
    """Write records in the chosen format; notes (an empty result, say) go to stderr.

    `table` draws the records for the console they will be printed on (its width, and
    whether it shows colour: styling a large table it would drop costs time).
    """
    from dprktrack.output import writers

    for message in (*notes, empty_note if not data else ""):
        if message:
            click.echo(f"note: {one_line_message(message)}", err=True)
    if fmt == "json":
        writers.write_json(list(data), sys.stdout)
    elif fmt == "csv":
        writers.write_csv(data, columns, sys.stdout)
    elif fmt == "markdown":
        writers.write_markdown(data, columns, sys.stdout)
    elif data:
        from dprktrack.render import make_console, print_view

        console = make_console()
        print_view(console, table(console))
