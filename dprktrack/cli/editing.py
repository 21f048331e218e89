"""Commands that correct the claims file: edit or remove a claim, an actor or a target."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from dprktrack.cli.asking import one_line
from dprktrack.cli.group import one_line_message
from dprktrack.cli.shared import completer, load_claims
from dprktrack.errors import DprkError
from dprktrack.output.safetext import visible
from dprktrack.schema.vocabulary import ACTOR_KINDS, CLAIM_KINDS, QUOTE_TYPES

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.curate.editing import Edited

F = TypeVar("F", bound=Callable[..., Any])

dry_run_option = click.option(
    "--dry-run",
    is_flag=True,
    help="Print the change as a unified diff of the claims file (stdout); write nothing.",
)


def _clear_option(names: Sequence[str]) -> Callable[[F], F]:
    return click.option(
        "--clear",
        "clear",
        multiple=True,
        type=click.Choice(names, case_sensitive=False),
        help=f"Remove an optional field ({', '.join(names)}); repeatable.",
    )


@click.command(short_help="Change a claim: stances, summary, actor, quote, details.")
@click.argument("claim_id", metavar="CLAIM_ID", shell_complete=completer("claim", bundled_ok=False))
@click.option(
    "--stance",
    "stances",
    multiple=True,
    metavar="TARGET=STANCE",
    shell_complete=completer("stance", bundled_ok=False),
    help="Replace all the stances: e.g. panel-of-experts=oppose; repeat for several targets.",
)
@click.option(
    "--add-stance",
    "add_stances",
    multiple=True,
    metavar="TARGET=STANCE",
    shell_complete=completer("stance", bundled_ok=False),
    help="Add a stance, or change the stance toward a target the claim has; repeatable.",
)
@click.option(
    "--remove-stance",
    "remove_stances",
    multiple=True,
    metavar="TARGET",
    shell_complete=completer("target", bundled_ok=False),
    help="Remove the stance toward a target; repeatable.",
)
@click.option("--summary", metavar="TEXT", help="One line in your own words.")
@click.option(
    "--actor",
    metavar="NAME",
    shell_complete=completer("actor", bundled_ok=False),
    help="Who made the statement: actor id, or words of a name or alias naming one actor.",
)
@click.option(
    "--quote",
    metavar="TEXT",
    help="New quote, re-anchored in the claim's source as `add` anchors it.",
)
@click.option(
    "--occurrence",
    type=int,
    metavar="N",
    help="Which occurrence, for a quote found more than once (1 is the first).",
)
@click.option(
    "--quote-type",
    type=click.Choice(QUOTE_TYPES, case_sensitive=False),
    help="direct (own words), indirect (paraphrase) or mixed.",
)
@click.option(
    "--kind",
    type=click.Choice(CLAIM_KINDS, case_sensitive=False),
    help="statement (said or written) or act (a vote, a veto, a draft submitted).",
)
@click.option("--date", metavar="YYYY-MM-DD", help="Date of the statement.")
@click.option(
    "--via",
    "--reported-via",
    "via",
    metavar="NAME",
    shell_complete=completer("actor", bundled_ok=False),
    help="Actor relaying the statement.",
)
@_clear_option(("date", "via", "kind"))
@click.option(
    "--approve",
    "approve_departures",
    is_flag=True,
    help="Approve the new quote's omissions and alterations as shown, without asking.",
)
@dry_run_option
@click.pass_context
def edit(
    ctx: click.Context, /, claim_id: str, *, approve_departures: bool, dry_run: bool, **given: Any
) -> None:
    """Change a claim in place: any of its fields but its id and source.

    CLAIM_ID names the claim. Each option is checked as `add` checks it: --actor and --via name
    one actor (a name that fits several is refused with them listed), --stance pairs name known
    targets, --date is a day no later than the source's publication. A new --quote is anchored
    afresh (start, end, prefix, suffix rewritten, the source's own characters kept); its
    omissions and alterations need approving, as in `add`. --stance replaces every stance;
    --add-stance and --remove-stance change one target's. The claim must still pass `dprktrack
    check` and the whole file must load, or nothing is written. The id cannot be changed: add
    the claim anew and remove the old one. What changed is told on stderr, the id goes to
    stdout; an edit that changes nothing writes nothing.

    \b
    Exit codes: 0 edited (or nothing to change), 2 a refused value, an unknown id,
    a quote that would fail `check`, departures not approved off a terminal, an
    unusable claims file or one that changed meanwhile.

    \b
    Examples:
      dprktrack edit c014 --add-stance panel-of-experts=mixed --date 2024-03-28
      dprktrack edit c001 --actor "vasily nebenzya" --kind statement --dry-run
    """
    from dprktrack.curate import editing

    changes = _claim_changes(given)
    catalog = load_claims(ctx, bundled_ok=False)
    edited = editing.edited_claim(catalog, claim_id, changes)
    if edited.changed and edited.review.departures:
        from dprktrack.cli.curating import _confirm, _show_departures

        _show_departures(edited.record["id"], edited.places, edited.review)
        if not approve_departures:
            _confirm(edited.record["id"], asking=sys.stdin.isatty())
    _write(catalog, edited, "claim", dry_run=dry_run)


def _claim_changes(given: dict[str, Any]) -> Any:
    """The options of `edit` as the library's ClaimChanges, slips named before any reading."""
    from dprktrack.curate.editing import ClaimChanges

    if given["stances"] and (given["add_stances"] or given["remove_stances"]):
        raise click.UsageError(
            "--stance replaces every stance: leave out --add-stance and "
            "--remove-stance, or give those alone"
        )
    if given["occurrence"] is not None and given["quote"] is None:
        raise click.UsageError("--occurrence chooses where a new --quote stands: give --quote")
    clear = frozenset(name.lower() for name in given["clear"])
    for name in clear:
        if given[name] is not None:
            raise click.UsageError(f"--{name} and --clear {name}: give one")
    _refuse_blanks(given, ("summary", "actor", "quote", "date", "via"))
    return ClaimChanges(
        actor=given["actor"],
        via=given["via"],
        quote=given["quote"],
        occurrence=given["occurrence"],
        quote_type=given["quote_type"],
        kind=given["kind"],
        summary=one_line(given["summary"], "--summary"),
        date=given["date"],
        stances=given["stances"],
        add_stances=given["add_stances"],
        remove_stances=given["remove_stances"],
        clear=clear,
    )


def _refuse_blanks(given: dict[str, Any], keys: Sequence[str]) -> None:
    """A value given but blank is a slip, never a way to clear a field (--clear is)."""
    blank = [f"--{key.replace('_', '-')}" for key in keys if _blank(given.get(key))]
    if blank:
        raise DprkError(f"{', '.join(blank)}: empty; give a value, or --clear to remove a field")


def _blank(value: Any) -> bool:
    if isinstance(value, tuple):
        return any(_blank(item) for item in value)
    return isinstance(value, str) and not value.strip()


def _write(catalog: Catalog, edited: Edited, noun: str, *, dry_run: bool) -> None:
    """Write the edited file (checked whole first), or say that nothing changes."""
    record_id = edited.record["id"]
    if not edited.changed:
        nothing = f"{record_id}: nothing to change; {catalog.name} not written"
        click.echo(f"note: {one_line_message(nothing)}", err=True)
        return
    _save(
        catalog,
        edited.text,
        [*edited.told, *edited.notes],
        [record_id],
        f"edited {noun} {record_id} in {catalog.name}",
        dry_run=dry_run,
    )


def _save(
    catalog: Catalog,
    text: str,
    told: Sequence[str],
    ids: Sequence[str],
    done: str,
    *,
    dry_run: bool,
) -> None:
    """The one guarded write (the whole file loaded first, refused if it changed on disk),
    then what it changed on stderr and the ids on stdout; a dry run prints the change as a
    unified diff on stdout instead."""
    from dprktrack.curate import adding, editing

    adding.save(catalog, text, dry_run=dry_run)
    for line in told:
        click.echo(f"note: {one_line_message(line)}", err=True)
    if dry_run:
        lines = editing.patch(catalog, text)
        shown = [visible(line) for line in lines] if sys.stdout.isatty() else lines
        click.echo("".join(shown), nl=False)
        click.echo(f"note: --dry-run: {one_line_message(catalog.name)} not changed", err=True)
        return
    click.echo("\n".join(ids))
    click.echo(f"note: {one_line_message(done)}", err=True)


@click.command("edit-actor", short_help="Change an actor: name, aliases, kind, members.")
@click.argument("actor_id", metavar="ACTOR_ID", shell_complete=completer("actor", bundled_ok=False))
@click.option("--name", metavar="TEXT", help="Name as the source gives it.")
@click.option(
    "--add-alias", "add_aliases", multiple=True, metavar="TEXT", help="Another name; repeatable."
)
@click.option(
    "--remove-alias",
    "remove_aliases",
    multiple=True,
    metavar="TEXT",
    help="Drop an alias; repeatable.",
)
@click.option(
    "--kind", type=click.Choice(ACTOR_KINDS, case_sensitive=False), help="What the actor is."
)
@click.option("--role", metavar="TEXT", help="Role as the source describes it.")
@click.option("--country", metavar="TEXT", help="Country as the source gives it.")
@click.option(
    "--member",
    "members",
    multiple=True,
    metavar="NAME",
    shell_complete=completer("actor", bundled_ok=False),
    help="Replace a group's members: an actor, named as --actor names one; repeatable.",
)
@click.option(
    "--add-member",
    "add_members",
    multiple=True,
    metavar="NAME",
    shell_complete=completer("actor", bundled_ok=False),
    help="Add a member to a group; repeatable.",
)
@click.option(
    "--remove-member",
    "remove_members",
    multiple=True,
    metavar="NAME",
    shell_complete=completer("actor", bundled_ok=False),
    help="Remove a member from a group; repeatable.",
)
@_clear_option(("role", "country", "aliases", "members"))
@dry_run_option
@click.pass_context
def edit_actor(ctx: click.Context, /, actor_id: str, *, dry_run: bool, **given: Any) -> None:
    """Change an actor in place: any field but its id.

    ACTOR_ID names the actor. Members (for a group, kind group: governments acting as one) are
    actors, named as --actor names one; never the group itself or another group. A new name or
    alias that another actor has gets a note, since lookups would then find both. The id cannot
    be changed, since claims name the actor by it: add the actor anew, move the claims to it
    with `edit --actor`, then remove the old one. What changed is told on stderr, the id goes to
    stdout; an edit that changes nothing writes nothing.

    \b
    Exit codes: 0 edited (or nothing to change), 2 a refused value, an unknown id,
    an unusable claims file or one that changed meanwhile.

    \b
    Example:
      dprktrack edit-actor nebenzya --add-alias "Vassily Nebenzia" --dry-run
      dprktrack edit-actor us-uk-france --add-member "united states" --dry-run
    """
    from dprktrack.curate import editing

    if given["members"] and (given["add_members"] or given["remove_members"]):
        raise click.UsageError(
            "--member replaces every member: leave out --add-member and "
            "--remove-member, or give those alone"
        )
    clear = frozenset(name.lower() for name in given.pop("clear"))
    for name in clear & {"role", "country"}:
        if given[name] is not None:
            raise click.UsageError(f"--{name} and --clear {name}: give one")
    _refuse_blanks(given, [key for key in given if key != "kind"])
    for key in ("name", "role", "country"):
        given[key] = one_line(given[key], f"--{key}")
    given["add_aliases"] = tuple(
        one_line(alias, "--add-alias") or "" for alias in given["add_aliases"]
    )
    catalog = load_claims(ctx, bundled_ok=False)
    edited = editing.edited_actor(catalog, actor_id, editing.ActorChanges(**given, clear=clear))
    _write(catalog, edited, "actor", dry_run=dry_run)


@click.command("edit-target", short_help="Change a target's label or description.")
@click.argument(
    "target_id", metavar="TARGET_ID", shell_complete=completer("target", bundled_ok=False)
)
@click.option("--label", metavar="TEXT", help="Short human label.")
@click.option("--description", metavar="TEXT", help="What exactly the target covers.")
@dry_run_option
@click.pass_context
def edit_target(
    ctx: click.Context,
    /,
    target_id: str,
    *,
    label: str | None,
    description: str | None,
    dry_run: bool,
) -> None:
    """Change a target's label or description in place.

    TARGET_ID names the target. The id cannot be changed, since stances name the target by it:
    add the target anew, move the stances to it with `edit --add-stance`/`--remove-stance`, then
    remove the old one. A label another target has gets a note. What changed is told on stderr,
    the id goes to stdout; an edit that changes nothing writes nothing.

    \b
    Exit codes: 0 edited (or nothing to change), 2 a refused value, an unknown id,
    an unusable claims file or one that changed meanwhile.

    \b
    Example:
      dprktrack edit-target panel-of-experts --label "UN Panel of Experts"
    """
    from dprktrack.curate import editing

    _refuse_blanks({"label": label, "description": description}, ("label", "description"))
    label = one_line(label, "--label")
    description = one_line(description, "--description")
    catalog = load_claims(ctx, bundled_ok=False)
    edited = editing.edited_target(catalog, target_id, label, description)
    _write(catalog, edited, "target", dry_run=dry_run)


def _removing(section: str, noun: str) -> Any:
    """The body every remove command shares: all named records dropped, or none."""

    def run(ctx: click.Context, ids: Sequence[str], *, dry_run: bool) -> None:
        from dprktrack.curate import editing

        catalog = load_claims(ctx, bundled_ok=False)
        text, removed = editing.removal(catalog, section, ids)
        told = [_removed_line(catalog, section, record_id) for record_id in removed]
        many = f"{len(removed)} {noun}s" if len(removed) > 1 else noun
        _save(catalog, text, told, removed, f"removed {many} from {catalog.name}", dry_run=dry_run)

    return run


def _removed_line(catalog: Catalog, section: str, record_id: str) -> str:
    """What a removed record was, in a few words."""
    if section == "claims":
        claim = catalog.claims[record_id]
        return f"{record_id}: removed ({claim.actor}: {claim.summary})"
    if section == "actors":
        return f"{record_id}: removed ({catalog.actors[record_id].name})"
    return f"{record_id}: removed ({catalog.targets[record_id].label})"


@click.command(short_help="Remove claims by id, all of them or none.")
@click.argument(
    "claim_ids",
    nargs=-1,
    required=True,
    metavar="CLAIM_ID...",
    shell_complete=completer("claim", bundled_ok=False),
)
@dry_run_option
@click.pass_context
def remove(ctx: click.Context, claim_ids: tuple[str, ...], *, dry_run: bool) -> None:
    """Remove claims from the claims file: every one named, or none.

    Each CLAIM_ID names a claim; an unknown id refuses them all, with the nearest ids. The
    removed ids go to stdout, each with its actor and summary on stderr.

    \b
    Exit codes: 0 removed, 2 an unknown id, an unusable claims file or one that
    changed meanwhile.

    \b
    Example:
      dprktrack remove c001 c002 --dry-run
    """
    _removing("claims", "claim")(ctx, claim_ids, dry_run=dry_run)


@click.command("remove-actor", short_help="Remove an actor that no claim or group names.")
@click.argument(
    "actor_ids",
    nargs=-1,
    required=True,
    metavar="ACTOR_ID...",
    shell_complete=completer("actor", bundled_ok=False),
)
@dry_run_option
@click.pass_context
def remove_actor(ctx: click.Context, actor_ids: tuple[str, ...], *, dry_run: bool) -> None:
    """Remove actors from the claims file: every one named, or none.

    Each ACTOR_ID names an actor. An actor that a claim still names (as its actor or its
    reported_via) or that is a member of a group is refused, with those claims and groups
    listed: edit or remove them first. An unknown id refuses them all.

    \b
    Exit codes: 0 removed, 2 an actor still named, an unknown id, an unusable claims
    file or one that changed meanwhile.

    \b
    Example:
      dprktrack remove-actor nebenzya  # refused while claims name the actor (exit 2)
    """
    _removing("actors", "actor")(ctx, actor_ids, dry_run=dry_run)


@click.command("remove-target", short_help="Remove a target that no stance names.")
@click.argument(
    "target_ids",
    nargs=-1,
    required=True,
    metavar="TARGET_ID...",
    shell_complete=completer("target", bundled_ok=False),
)
@dry_run_option
@click.pass_context
def remove_target(ctx: click.Context, target_ids: tuple[str, ...], *, dry_run: bool) -> None:
    """Remove targets from the claims file: every one named, or none.

    Each TARGET_ID names a target. A target that a claim's stance still names is refused, with
    those claims listed: change their stances first (`edit --remove-stance`). An unknown id
    refuses them all.

    \b
    Exit codes: 0 removed, 2 a target still named, an unknown id, an unusable claims
    file or one that changed meanwhile.

    \b
    Example:
      dprktrack remove-target panel-of-experts  # refused while stances name it (exit 2)
    """
    _removing("targets", "target")(ctx, target_ids, dry_run=dry_run)
