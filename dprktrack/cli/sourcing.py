"""Commands for the sources: `sources`, `add-source`, `edit-source`, `remove-source`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from dprktrack.cli.asking import (
    ask,
    one_line,
    optional_text,
    prompt_option,
    require,
    required_text,
    will_ask,
)
from dprktrack.cli.group import one_line_message
from dprktrack.cli.shared import completer, emit, format_option, load_claims
from dprktrack.errors import DprkError
from dprktrack.output.safetext import visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from dprktrack.claimsfile.catalog import Catalog


@click.command(short_help="List the sources: outlet, date, claims, pin state, web address.")
@format_option
@click.pass_context
def sources(ctx: click.Context, fmt: str) -> None:
    """List the sources: title, outlet and date, how many claims quote each, whether its
    file still matches its sha256 pin, and where it was published on the web.

    The pin is `holds` (the file's bytes are the ones registered), `changed` (they are
    not: `dprktrack check` says what that means for each claim), `missing` (the file is
    gone or unreadable) or `refused` (it cannot be read safely). None of these is an
    error here. The ids are what --source takes in the other commands.

    \b
    Example:
      dprktrack sources --format json
    """
    from dprktrack.provenance import SOURCE_FIELDS, source_records

    records = source_records(load_claims(ctx))

    def table(console: Console) -> RenderableType:
        from dprktrack.render import sources_table

        return sources_table(records, console.width)

    notes = [
        f"source {record['id']}: its file is {record['pin']}; `dprktrack check` says more"
        for record in records
        if record["pin"] != "holds"
    ]
    emit(
        fmt, records, SOURCE_FIELDS, table, empty_note="the claims file has no sources", notes=notes
    )


def _source_field_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options that describe a source, shared by add-source and edit-source."""
    options = (
        click.option("--title", metavar="TEXT", help="Title of the article or document."),
        click.option("--author", metavar="TEXT", help="Author as the source names them."),
        click.option("--outlet", metavar="TEXT", help="Publication or outlet."),
        click.option("--published", metavar="YYYY-MM-DD", help="Publication date."),
        click.option("--url", metavar="URL", help="Where it was published on the web."),
        click.option(
            "--archived-url", metavar="URL", help="A web archive's copy, should the page go."
        ),
        click.option(
            "--retrieved", metavar="YYYY-MM-DD", help="Date the text was taken from the web."
        ),
        click.option("--language", metavar="TAG", help="Language as a BCP 47 tag: en, ko, en-GB."),
    )
    for option in reversed(options):
        func = option(func)
    return func


_FIELD_OPTIONS = {
    "title": "--title",
    "author": "--author",
    "outlet": "--outlet",
    "published": "--published",
    "url": "--url",
    "archived_url": "--archived-url",
    "retrieved": "--retrieved",
    "language": "--language",
}
_REQUIRED = ("title", "author", "outlet", "published")


@click.command("add-source", short_help="Register a text file as a source, its bytes pinned.")
@click.argument("file", metavar="FILE", type=click.Path(dir_okay=True, path_type=str))
@_source_field_options
@click.option(
    "--id", "source_id", metavar="SLUG", help="Id (default: outlet and date, neo-2024-04-24)."
)
@click.option("--dry-run", is_flag=True, help="Print the new record (stdout) and write nothing.")
@prompt_option
@click.pass_context
def add_source(
    ctx: click.Context,
    /,
    file: str,
    *,
    source_id: str | None,
    dry_run: bool,
    prompt: bool | None,
    **given: str | None,
) -> None:
    """Register FILE, a UTF-8 text inside the claims file's folder, as a source claims quote.

    Its sha256 is pinned, so `dprktrack check` notices any later change to its bytes.
    The id is made from the outlet and the date (New Eastern Outlook, 2024-04-24:
    neo-2024-04-24; a taken one gets -2) unless --id gives one. Refused: a file outside
    the folder or led out of it by a symbolic link, a hidden one, a folder or device,
    a file not UTF-8 or empty, and a file registered already (by path, or the same bytes
    under another name). On a terminal, what is missing is asked for. The write is
    atomic and refused if the file changed meanwhile. The new id goes to stdout.

    \b
    Example:
      dprktrack add-source sources/ledger.txt --title "Ferries to resume" \\
        --author "Ada Brin" --outlet "The Harbour Ledger" --published 2024-05-02 \\
        --url https://ledger.example/ferries --language en
    """
    from dprktrack.curate import adding, sources

    asking = will_ask(prompt)
    required = {_FIELD_OPTIONS[key]: given[key] for key in _REQUIRED}
    optional = {
        option: given[key] for key, option in _FIELD_OPTIONS.items() if key not in _REQUIRED
    }
    require(required, asking, {**optional, "--id": source_id})
    details = asking and any(value is None for value in required.values())
    values = {key: one_line(value, _FIELD_OPTIONS[key]) for key, value in given.items()}
    catalog = load_claims(ctx, bundled_ok=False)
    found = sources.source_file(catalog, file)
    clash = sources.registered_as(catalog, found)
    if clash:
        raise DprkError(f"{clash}; nothing written")
    values = _asked_source_fields(values, details=details)
    record = sources.new_source(catalog, found, values, source_id)
    text = adding.appended(catalog, "sources", record)
    adding.save(catalog, text, dry_run=dry_run)
    if dry_run:
        from dprktrack.output.writers import write_json

        write_json(record, sys.stdout)
        click.echo(f"note: --dry-run: {one_line_message(catalog.name)} not changed", err=True)
        return
    click.echo(record["id"])
    added = f"added source {record['id']}: {record['path']} (sha256 {record['sha256'][:8]}…)"
    click.echo(f"note: {one_line_message(added)} to {one_line_message(catalog.name)}", err=True)


def _asked_source_fields(values: dict[str, str | None], *, details: bool) -> dict[str, str | None]:
    """The source's fields, each required one asked for if missing (and, in a session that
    asks anyway, the web address and language)."""
    from dprktrack.curate.fields import check_date

    asked = dict(values)
    for key in ("title", "author", "outlet"):
        if asked[key] is None:
            asked[key] = ask(key.capitalize(), required_text(_FIELD_OPTIONS[key]))
    if asked["published"] is None:
        asked["published"] = ask(
            "Published (YYYY-MM-DD)", lambda value: check_date(value, "--published")
        )
    if details and asked["url"] is None:
        asked["url"] = ask("Web address (blank for none)", optional_text("--url"), default="")
    if details and asked["language"] is None:
        asked["language"] = ask(
            "Language (BCP 47, e.g. en; blank for none)", optional_text("--language"), default=""
        )
    return asked


@click.command("edit-source", short_help="Change a source's title, outlet, date or web address.")
@click.argument("source_id", metavar="ID", shell_complete=completer("source", bundled_ok=False))
@_source_field_options
@click.option(
    "--clear",
    "clear",
    multiple=True,
    metavar="FIELD",
    help="Remove an optional field: url, archived_url, retrieved or language; repeatable.",
)
@click.option("--dry-run", is_flag=True, help="Print the change as a diff (stdout); write nothing.")
@click.pass_context
def edit_source(
    ctx: click.Context,
    /,
    source_id: str,
    *,
    clear: tuple[str, ...],
    dry_run: bool,
    **given: str | None,
) -> None:
    """Change what claims.json says about source ID: title, author, outlet, date, web address,
    retrieval date, language.

    Each new value gets the checks `add-source` gives it. The file's path and its sha256 pin
    are not changed here: after moving or re-saving the text, `dprktrack check --fix`
    renews them once the quotes are still found. A date of publication earlier than a
    claim's statement is refused. The write is atomic and refused if the file changed
    meanwhile; --dry-run prints the change as a unified diff of the claims file.

    \b
    Example:
      dprktrack edit-source neo-2024-04-24 --retrieved 2024-05-01 --clear archived_url
    """
    from dprktrack.curate import editing, sources

    changes = {
        key: one_line(value, _FIELD_OPTIONS[key]) or ""
        for key, value in given.items()
        if value is not None
    }
    require({}, False, {_FIELD_OPTIONS[key]: value for key, value in changes.items()})
    fields = [field.strip().replace("-", "_").lower() for field in clear]
    if not changes and not fields:
        raise click.UsageError("nothing to change; give a field option or --clear FIELD")
    catalog = load_claims(ctx, bundled_ok=False)
    chosen, before, after = sources.edited_source(catalog, source_id, changes, fields)
    if after == before:
        click.echo(f"note: source {chosen}: nothing changes; {catalog.name} not changed", err=True)
        return
    _write_change(catalog, editing.replaced(catalog.raw, "sources", after), dry_run)
    if not dry_run:
        changed = [key for key in sources.EDITABLE if before.get(key) != after.get(key)]
        click.echo(f"note: source {chosen}: changed {', '.join(changed)}", err=True)


@click.command("remove-source", short_help="Remove a source no claim quotes any more.")
@click.argument("source_id", metavar="ID", shell_complete=completer("source", bundled_ok=False))
@click.option("--dry-run", is_flag=True, help="Print the change as a diff (stdout); write nothing.")
@click.pass_context
def remove_source(ctx: click.Context, source_id: str, *, dry_run: bool) -> None:
    """Remove source ID from claims.json, refused while claims still quote it (they are
    listed: remove them or move them to another source first).

    The text file itself stays where it is; delete it yourself if it should go. The
    write is atomic and refused if the file changed meanwhile; --dry-run prints the
    change as a unified diff of the claims file.

    \b
    Example:
      dprktrack remove-source hl-2024-05-02 --dry-run
    """
    from dprktrack.curate import editing, sources

    catalog = load_claims(ctx, bundled_ok=False)
    chosen = sources.removable_source(catalog, source_id)
    path = catalog.sources[chosen].path
    _write_change(catalog, editing.dropped(catalog.raw, "sources", [chosen]), dry_run)
    if not dry_run:
        click.echo(
            f"note: removed source {chosen}; its file {one_line_message(path)} stays", err=True
        )


def _write_change(catalog: Catalog, text: str, dry_run: bool) -> None:
    """Write the new text (checked whole, atomic, compared before the rename); a dry run
    prints the diff instead."""
    from dprktrack.curate import adding, editing

    adding.save(catalog, text, dry_run=dry_run)
    if dry_run:
        lines = editing.patch(catalog, text)
        shown = [visible(line) for line in lines] if sys.stdout.isatty() else lines
        click.echo("".join(shown), nl=False)
        click.echo(f"note: --dry-run: {one_line_message(catalog.name)} not changed", err=True)
