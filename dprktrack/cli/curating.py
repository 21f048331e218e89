"""Commands for curators: locate a passage, add claims, actors and targets, the schema."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from dprktrack.cli.asking import (
    ask,
    choice,
    dry_run_option,
    one_line,
    optional_text,
    prompt_option,
    require,
    required_text,
    show_choices,
    will_ask,
)
from dprktrack.cli.group import decide_exit, one_line_message
from dprktrack.cli.shared import completer, load_claims
from dprktrack.errors import EXIT_FAILURE, EXIT_OK, DprkError
from dprktrack.output.safetext import visible, visible_json
from dprktrack.schema.vocabulary import ACTOR_KINDS, CLAIM_KINDS, QUOTE_TYPES, STANCES

if TYPE_CHECKING:
    import datetime

    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.curate.adding import ClaimAnswers
    from dprktrack.curate.anchoring import Anchored, Located
    from dprktrack.curate.approving import Approval
    from dprktrack.matching.departures import Review
    from dprktrack.matching.matcher import Document


@click.command(short_help="Print the claims file's JSON Schema, for editors.")
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
    from dprktrack.schema.models import schema_text

    # Bytes, so the output is the committed file's on every platform (no CRLF, any locale).
    sys.stdout.buffer.write(schema_text().encode("utf-8"))


@click.command(short_help="Find a passage in the sources, ready to quote.")
@click.argument("text")
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="ID",
    shell_complete=completer("source"),
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
    from dprktrack.curate.anchoring import locate as find
    from dprktrack.curate.fields import located_record
    from dprktrack.query import pick_source

    if not text.strip():
        raise click.UsageError("TEXT is empty")
    catalog = load_claims(ctx)
    chosen = list(dict.fromkeys(pick_source(catalog, source) for source in sources))
    located = find(catalog, text, chosen)
    quotable = any(hit.problem is None for hit in located.hits)
    decide_exit(ctx, EXIT_OK if quotable else EXIT_FAILURE)  # kept if the reader closes early
    if fmt == "json":
        from dprktrack.output.writers import write_json

        write_json(located_record(text, located), sys.stdout)
    else:
        _print_located(located)
    ctx.exit(EXIT_OK if quotable else EXIT_FAILURE)


def _print_located(located: Located) -> None:
    from dprktrack.matching.matcher import LONGEST_APPROXIMATE
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
    elif located.too_long:
        click.echo(
            "note: not in the sources verbatim, and too long to look for close passages "
            f"(over {LONGEST_APPROXIMATE} characters)",
            err=True,
        )
    else:
        click.echo("note: not in the sources, and nothing there is close", err=True)


def _write_record(
    catalog: Catalog, section: str, record: dict[str, Any], *, dry_run: bool, detail: str = ""
) -> None:
    """Append the record and write the file atomically; --dry-run prints it instead.

    The new file is loaded and validated whole before it is written, and the write
    is refused if the file changed on disk since it was read (as `check --fix`).
    """
    from dprktrack.curate import adding
    from dprktrack.output.writers import write_json

    adding.save(catalog, adding.appended(catalog, section, record), dry_run=dry_run)
    if dry_run:
        write_json(record, sys.stdout)
        click.echo(f"note: --dry-run: {one_line_message(catalog.name)} not changed", err=True)
        return
    click.echo(record["id"])
    noun = section.removesuffix("s")
    added = f"added {noun} {record['id']} to {catalog.name}{detail}"
    click.echo(f"note: {one_line_message(added)}", err=True)


@click.command(short_help="Add a claim, its quote anchored in the source.")
@click.option(
    "--actor",
    metavar="NAME",
    shell_complete=completer("actor", bundled_ok=False),
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
    shell_complete=completer("stance", bundled_ok=False),
    help="A position, e.g. panel-of-experts=oppose; repeat for several targets.",
)
@click.option(
    "--quote-type",
    type=click.Choice(QUOTE_TYPES, case_sensitive=False),
    help="direct (own words, the default), indirect (paraphrase) or mixed.",
)
@click.option(
    "--kind",
    type=click.Choice(CLAIM_KINDS, case_sensitive=False),
    help="statement (said or written, the default) or act (a vote, a veto, a draft submitted).",
)
@click.option("--summary", metavar="TEXT", help="One line in your own words.")
@click.option(
    "--reported-via",
    metavar="NAME",
    shell_complete=completer("actor", bundled_ok=False),
    help="Actor relaying the statement, if any.",
)
@click.option(
    "--date",
    metavar="YYYY-MM-DD",
    help="Date of the statement, if the source gives the day (else say it in the summary).",
)
@click.option(
    "--source",
    metavar="ID",
    shell_complete=completer("source", bundled_ok=False),
    help="Source quoted (needed only when there are several).",
)
@click.option(
    "--occurrence",
    type=int,
    metavar="N",
    help="Which occurrence, for a quote found more than once (1 is the first).",
)
@click.option(
    "--approve",
    "approve_departures",
    is_flag=True,
    help="Approve the quote's omissions and alterations as shown, without asking.",
)
@click.option(
    "--from-json",
    metavar="FILE",
    help="Add a claim for each draft in FILE (- for stdin): a JSON array or JSON Lines.",
)
@dry_run_option
@prompt_option
@click.pass_context
def add(
    ctx: click.Context,
    /,
    *,
    approve_departures: bool,
    dry_run: bool,
    prompt: bool | None,
    **given: Any,
) -> None:
    """Add a claim to claims.json, its quote anchored in the source first.

    The quote is looked up as `check` would: found exactly or in other typography,
    it is stored in the source's own characters with its anchors (start, end,
    prefix, suffix). A quote found several times needs more words or --occurrence;
    one not found is refused with the closest passage. The id is the next free one
    (c060 after c059). On a terminal, what is missing is asked for. The write is
    atomic and refused if the file changed meanwhile; --dry-run prints the claim.
    The new id goes to stdout.

    --from-json FILE adds one claim per draft (a JSON array, as `suggest --format
    json` writes it, or JSON Lines; keys as the options: source, actor, quote,
    quote_type, kind, stances, summary, date, reported_via, occurrence). Every draft
    is checked as a claim given here would be before anything is written; the first
    slip is named by line:column and index, and nothing is written.

    \b
    Example:
      dprktrack add --actor nebenzya --stance sanctions-regime=oppose --date 2024-03-28 \\
        --quote "long overdue" --summary "The sanctions regime is overdue for an update."
    """
    from dprktrack.curate import adding

    from_json = given.pop("from_json")
    if from_json is not None:
        from dprktrack.cli.batching import add_from_json

        if prompt:
            raise click.UsageError("--from-json asks nothing; leave out --prompt")
        add_from_json(ctx, from_json, given, approve=approve_departures, dry_run=dry_run)
        return
    asking = will_ask(prompt)
    given, details = _claim_options(given, asking)
    catalog = load_claims(ctx, bundled_ok=False)
    document, answers, occurrence = _claim_answers(catalog, given, asking=asking, details=details)
    new = adding.new_claim(catalog, document, answers)
    claim_id = new.record["id"]
    if new.review.departures:
        _show_departures(claim_id, new.places, new.review)
        if not approve_departures:
            _confirm(claim_id, asking=asking)
    if new.problem:
        raise DprkError(f"the quote would not pass `dprktrack check`: {new.problem}")
    _notes_on_the_claim(answers.anchored, new.twins)
    try:
        detail = f" (its quote at {answers.anchored.where})"
        _write_record(catalog, "claims", new.record, dry_run=dry_run, detail=detail)
    except DprkError:
        if asking:  # keep the answers: the same claim, without the questions
            command = _add_command(ctx, new.record, occurrence)
            click.echo(f"note: to add it once the file is settled: {visible(command)}", err=True)
        raise


def _claim_options(given: dict[str, Any], asking: bool) -> tuple[dict[str, Any], bool]:
    """The options of `add` checked before the claims file is read (each missing one named
    at once off a terminal), and whether to ask about the optional details too: only in
    a session that asks anyway."""
    required = {option: given[key] for key, option in _CLAIM_REQUIRED.items()}
    optional = {option: given[key] for key, option in _CLAIM_OPTIONAL.items()}
    require(required, asking, optional)
    details = asking and any(value in (None, ()) for value in required.values())
    return {**given, "summary": one_line(given["summary"], "--summary")}, details


_CLAIM_REQUIRED = {
    "actor": "--actor",
    "quote": "--quote",
    "stances": "--stance",
    "summary": "--summary",
}
_CLAIM_OPTIONAL = {"reported_via": "--reported-via", "date": "--date", "source": "--source"}


def _claim_answers(
    catalog: Catalog, given: dict[str, Any], *, asking: bool, details: bool
) -> tuple[Document, ClaimAnswers, int | None]:
    """The source quoted and every answer for the new claim, each asked for if missing, with
    the occurrence chosen (for the command line that would add it without asking)."""
    from dprktrack.curate import adding, fields
    from dprktrack.query import pick_source

    source, relay, date = given["source"], given["reported_via"], given["date"]
    if source is None and len(catalog.sources) > 1 and asking:
        source = ask("Source", lambda value: pick_source(catalog, value))
    source_id = pick_source(catalog, source)
    published = catalog.sources[source_id].published
    if date is not None:
        date = fields.check_date(date, "--date", published)
    relay = fields.resolve_actor(catalog, relay, "--reported-via") if relay else None
    document = adding.quotable_source(catalog, source_id)
    actor_id = _actor_answer(catalog, given["actor"])
    anchored, occurrence = _quote_answer(document, given["quote"], given["occurrence"])
    entries = _stances_answer(catalog, given["stances"])
    summary = given["summary"]
    if summary is None:
        summary = ask("Summary (one line)", required_text("--summary"))
    quote_type = given["quote_type"]
    if details:
        quote_type, relay, date = _asked_details(catalog, quote_type, relay, date, published)
    answers = adding.ClaimAnswers(
        source_id, actor_id, anchored, entries, summary, quote_type, relay, date, given["kind"]
    )
    return document, answers, occurrence


def _notes_on_the_claim(anchored: Anchored, twins: Sequence[str]) -> None:
    """What the curator should know about the claim about to be written."""
    if anchored.retyped:
        click.echo(
            f"note: the quote is stored in the source's own characters: "
            f"{visible_json(anchored.quote)}",
            err=True,
        )
    for twin in twins:
        click.echo(f"note: {visible(twin)} already quotes this passage for this actor", err=True)


def _confirm(claim_id: str, *, asking: bool) -> None:
    if not asking:
        raise DprkError(
            f"{claim_id}: the quote departs from the source's words; read the departures "
            "above and give --approve (add) or --yes (approve) if they keep its meaning"
        )
    if not click.confirm("Approve them?", default=False, err=True):
        raise DprkError(f"{claim_id}: departures not approved; nothing written", EXIT_FAILURE)


def _show_departures(claim_id: str, places: Sequence[str], review: Review) -> None:
    count = len(review.departures)
    noun = "place" if count == 1 else "places"
    click.echo(f"{claim_id}'s quote departs from the source's words in {count} {noun}:", err=True)
    for place, departure in zip(places, review.departures, strict=True):
        source = visible_json(departure.source) if departure.source else "(nothing)"
        click.echo(
            f"  {one_line_message(place)}: {departure.kind}: the source's {source}, "
            f"the quote's {visible_json(departure.replacement)}",
            err=True,
        )


@click.command(short_help="Approve a claim's omissions and alterations after reading them.")
@click.argument(
    "claim_ids",
    nargs=-1,
    required=True,
    metavar="CLAIM_ID...",
    shell_complete=completer("claim", bundled_ok=False),
)
@click.option("--yes", is_flag=True, help="Approve what is shown without asking.")
@click.option(
    "--dry-run", is_flag=True, help="Show the departures and the new pins; write nothing."
)
@click.pass_context
def approve(ctx: click.Context, claim_ids: tuple[str, ...], *, yes: bool, dry_run: bool) -> None:
    """Approve the omissions and alterations of each claim's quote, after showing them.

    `check` fails a quote whose omission marks (…) or brackets ([t]he) no person has
    approved (verdict `altered`). This shows each departure as the source's words
    beside the quote's, asks, and writes the claim's review_pin: a hash over exactly
    those departures, so any later change to them fails again. A quote that `check`
    fails for another reason (not found, a dropped negation, a bracket that reverses
    the source) cannot be approved. Each CLAIM_ID is a claim to approve; the approved
    ids go to stdout.

    \b
    Exit codes: 0 approved (or nothing left to approve), 1 not approved when asked,
    2 a claim that cannot be approved, an unknown id, an unusable claims file, or no
    terminal to ask on without --yes.

    \b
    Examples:
      dprktrack approve c014
      dprktrack approve --yes --dry-run c014 c015
    """
    from dprktrack.curate import adding, approving

    catalog = load_claims(ctx, bundled_ok=False)
    approvals = approving.approvals(catalog, claim_ids)
    pending = [approved for approved in approvals if not approved.done]
    _show_approvals(approvals)
    if not pending:
        return
    if not (yes or dry_run) and not sys.stdin.isatty():
        raise click.UsageError("not a terminal to ask on: read the departures, then give --yes")
    if not (yes or dry_run) and not click.confirm("Approve them?", default=False, err=True):
        click.echo("note: nothing approved; nothing written", err=True)
        ctx.exit(EXIT_FAILURE)
    adding.save(catalog, approving.approved_text(catalog.raw, pending), dry_run=dry_run)
    if dry_run:
        click.echo(f"note: --dry-run: {one_line_message(catalog.name)} not changed", err=True)
    for approved in pending:
        click.echo(approved.claim.id)
        click.echo(f"note: {approved.claim.id}: review_pin {approved.review.pin}", err=True)


def _show_approvals(approvals: Sequence[Approval]) -> None:
    """Each claim's departures to approve, or a note that it has none left."""
    for approved in approvals:
        if approved.done:
            state = "approved already" if approved.review.departures else "none to approve"
            click.echo(f"note: {approved.claim.id}: omissions and alterations {state}", err=True)
            continue
        _show_departures(approved.claim.id, approved.places, approved.review)


def _asked_details(
    catalog: Catalog,
    quote_type: str | None,
    relay: str | None,
    date: str | None,
    published: datetime.date,
) -> tuple[str | None, str | None, str | None]:
    """The claim's optional details, each asked for unless given."""
    from dprktrack.curate.fields import check_date, resolve_actor

    if quote_type is None:
        quote_type = ask(
            f"Quote type ({'/'.join(QUOTE_TYPES)})",
            lambda value: choice(value, QUOTE_TYPES),
            default="direct",
        )
    if relay is None:
        relay = ask(
            "Reported via (actor, blank for none)",
            lambda value: resolve_actor(catalog, value, "--reported-via") if value.strip() else "",
            default="",
        )
    if date is None:
        date = ask(
            "Date (YYYY-MM-DD, blank for none)",
            lambda value: check_date(value, "--date", published) if value.strip() else None,
            default="",
        )
    return quote_type, relay, date


def _actor_answer(catalog: Catalog, given: str | None) -> str:
    """The claim's actor: as given, else asked for with the actors listed."""
    from dprktrack.curate.fields import resolve_actor

    if given is not None:
        return resolve_actor(catalog, given, "--actor")
    show_choices("Actors", {key: found.name for key, found in catalog.actors.items()})
    return ask("Actor (id, name or alias)", lambda value: resolve_actor(catalog, value, "--actor"))


def _quote_answer(
    document: Document, given: str | None, occurrence: int | None
) -> tuple[Anchored, int | None]:
    """The quote anchored in the source, and the occurrence chosen (asked for when a quote
    typed at the prompt is found several times)."""
    from dprktrack.curate.anchoring import Ambiguous, anchor_quote

    if given is not None:
        return anchor_quote(document, given, occurrence), occurrence

    def anchor(value: str) -> tuple[Anchored, int | None]:
        try:
            return anchor_quote(document, value, occurrence), occurrence
        except Ambiguous as err:
            if occurrence is not None:
                raise
            count = len(err.places)
            chosen = ask(
                f"Which occurrence (1-{count}, by line:column: {', '.join(err.places)})",
                lambda answer: _number(answer, count),
            )
            return anchor_quote(document, value, chosen), chosen

    return ask("Quote (the source's words)", anchor)


def _number(answer: str, count: int) -> int:
    if not answer.strip().isdigit() or not 1 <= int(answer) <= count:
        raise DprkError(f"give a number from 1 to {count}")
    return int(answer)


def _stances_answer(catalog: Catalog, given: tuple[str, ...]) -> list[dict[str, str]]:
    """The claim's stances: as given, else asked for with the targets listed."""
    from dprktrack.curate.fields import parse_stances

    if given:
        return parse_stances(given, catalog.targets)
    show_choices("Targets", {key: target.label for key, target in catalog.targets.items()})
    return ask(
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
    for key in ("kind", "reported_via", "date"):
        if record.get(key):
            words += [f"--{key.replace('_', '-')}", record[key]]
    if occurrence is not None:
        words += ["--occurrence", str(occurrence)]
    return shlex.join([*words, "--no-prompt"])


@click.command("add-actor", short_help="Add an actor the claims can name.")
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
@click.option(
    "--member",
    "members",
    multiple=True,
    metavar="NAME",
    shell_complete=completer("actor", bundled_ok=False),
    help="For a group (--kind group): an actor in it, named as --actor names one; repeatable.",
)
@dry_run_option
@prompt_option
@click.pass_context
def add_actor(ctx: click.Context, /, *, dry_run: bool, prompt: bool | None, **given: Any) -> None:
    """Add an actor to claims.json: someone the source quotes or paraphrases.

    The id is a slug made from the name unless --id gives one. An actor that exists
    (the --id given, or an actor of that name) is not added again: its id is named
    and nothing is written. A group's members are actors,
    named as --actor names one. On a terminal, what is missing is asked for. The new
    id goes to stdout; --dry-run prints the record instead of writing it.

    \b
    Exit codes: 0 added, 1 the actor exists already (nothing written), 2 a refused
    value, an unusable claims file or one that changed meanwhile.

    \b
    Example:
      dprktrack add-actor --name "Linda Thomas-Greenfield" --kind person \\
        --alias Thomas-Greenfield --role "US ambassador to the UN" --country "United States"
    """
    from dprktrack.curate import adding

    asking = will_ask(prompt)
    optional = {option: given[key] for key, option in _ACTOR_OPTIONAL.items()}
    require({"--name": given["name"], "--kind": given["kind"]}, asking, optional)
    details = asking and (given["name"] is None or given["kind"] is None)
    for key, option in (("name", "--name"), ("role", "--role"), ("country", "--country")):
        given[key] = one_line(given[key], option)
    catalog = load_claims(ctx, bundled_ok=False)
    answers = _actor_answers(catalog, given, details=details)
    record, clashes = adding.new_actor(catalog, **answers)
    for other in clashes:
        click.echo(f"note: actor {visible(other)} has the same name or alias", err=True)
    _write_record(catalog, "actors", record, dry_run=dry_run)


_ACTOR_OPTIONAL = {  # the options that may be left out, in the order messages name them
    "actor_id": "--id",
    "role": "--role",
    "country": "--country",
    "aliases": "--alias",
    "members": "--member",
}


def _actor_answers(catalog: Catalog, given: dict[str, Any], *, details: bool) -> dict[str, Any]:
    """The new actor's fields as `curate.new_actor` takes them, each asked for if missing
    (the optional ones only when the required ones were asked for too)."""
    from dprktrack.curate.fields import existing_actor, resolve_actor

    name, kind = given["name"], given["kind"]
    if name is None:
        name = ask("Name", required_text("--name"))
    existing = existing_actor(catalog, name, given["actor_id"])
    if existing is not None:
        raise DprkError(
            f"actor {existing} ({catalog.actors[existing].name}) exists already; nothing written"
            " (`dprktrack edit-actor` changes it)",
            EXIT_FAILURE,
        )
    members = [resolve_actor(catalog, member, "--member") for member in given["members"]]
    if kind is None:
        kind = ask(f"Kind ({'/'.join(ACTOR_KINDS)})", lambda value: choice(value, ACTOR_KINDS))
    new_id = _chosen_id(catalog.actors, given["actor_id"], name, "actor", asking=details)
    aliases, role, country = given["aliases"], given["role"], given["country"]
    if details and not aliases:
        aliases = tuple(
            ask("Aliases (comma-separated, blank for none)", str, default="").split(",")
        )
    if details and role is None:
        role = ask("Role (blank for none)", optional_text("--role"), default="")
    if details and country is None:
        country = ask("Country (blank for none)", optional_text("--country"), default="")
    aliases = [one_line(alias, "--alias") or "" for alias in aliases]
    return {
        "actor_id": new_id,
        "name": name,
        "aliases": aliases,
        "kind": kind,
        "role": role,
        "country": country,
        "members": members,
    }


@click.command("add-target", short_help="Add a target stances can be taken toward.")
@click.option("--id", "target_id", metavar="SLUG", help="Id (default: made from the label).")
@click.option("--label", metavar="TEXT", help="Short human label.")
@click.option("--description", metavar="TEXT", help="What exactly the target covers.")
@dry_run_option
@prompt_option
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
    from dprktrack.curate import adding, fields

    asking = will_ask(prompt)
    require({"--label": label, "--description": description}, asking, {"--id": target_id})
    details = asking and (label is None or description is None)
    label = one_line(label, "--label")
    description = one_line(description, "--description")
    catalog = load_claims(ctx, bundled_ok=False)
    if label is None:
        label = ask("Label", required_text("--label"))
    if description is None:
        description = ask("Description", required_text("--description"))
    new_id = _chosen_id(catalog.targets, target_id, label, "target", asking=details)
    for other in fields.label_clashes(catalog, label):
        click.echo(f"note: target {visible(other)} has the same label", err=True)
    record = adding.new_target(new_id, label, description)
    _write_record(catalog, "targets", record, dry_run=dry_run)


def _chosen_id(
    known: dict[str, Any], given: str | None, name: str, noun: str, *, asking: bool
) -> str:
    """The new record's id: as given, else asked for (offering a slug of the name), else
    that slug."""
    from dprktrack.curate.fields import free_id, slug

    made = slug(name)
    if given is None and asking:
        return ask("Id", lambda value: free_id(known, value, noun), default=made or None)
    if given is None and not made:
        raise DprkError(f"--id: no id can be made from {name!r}; give one with --id")
    return free_id(known, given or made, noun)
