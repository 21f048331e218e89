"""The `check` command: every quote against its source, reports for people and CI, repairs."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from dprktrack.cli.group import decide_exit, one_line_message
from dprktrack.cli.shared import completer, load_claims, run_settings
from dprktrack.errors import EXIT_FAILURE, EXIT_INPUT, EXIT_OK, DprkError

if TYPE_CHECKING:
    from dprktrack.check.run import CheckRun
    from dprktrack.claimsfile.catalog import Catalog

CHECK_FORMATS = ("text", "json", "github")


@click.command(short_help="Verify that every quote still stands in its source.")
@click.argument(
    "claim_ids",
    nargs=-1,
    metavar="[CLAIM_ID]...",
    shell_complete=completer("claim", bundled_ok=False),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS, case_sensitive=False),
    default=None,
    help="text (default), json, or github workflow annotations "
    "(the default when GITHUB_ACTIONS=true).",
)
@click.option(
    "--strict/--no-strict",
    default=None,
    help="Treat warnings (moved, typography, ...) as failures, or not. Default: the settings "
    "file's strict, else not.",
)
@click.option("--fix", is_flag=True, help="Write the safe repairs into the claims file.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="With --fix: print the change as a diff (stdout) and the report (stderr); write "
    "nothing, and exit as check would.",
)
@click.pass_context
def check(
    ctx: click.Context,
    claim_ids: tuple[str, ...],
    fmt: str | None,
    *,
    strict: bool | None,
    fix: bool,
    dry_run: bool,
) -> None:
    """Verify that every claim's quote still stands in its source, where the claim says.

    Each claim gets a verdict: ok; moved, typography (warnings: --fix repairs them);
    changed, missing, ambiguous, source-missing (failures: a person must look);
    altered, a quote whose omissions (…) or brackets ([t]he) no person approved
    (`dprktrack approve` shows them and writes the claim's review_pin). A
    source whose bytes no longer match its sha256 pin is reported as source-changed
    (a failure) and its quotes are checked one by one. Findings are listed as
    claims.json:LINE:COL with a word diff where the text differs.

    --fix writes new anchors (start, end, prefix, suffix), the source's characters
    for a typography match (as one line with single spaces, never a control,
    zero-width or bidi character), and a renewed pin once every claim of the source
    holds; it never touches a failing claim, nor a source whose line endings or byte
    order mark were converted. A quote that differs from its source in white space
    only is re-anchored and kept. The write is atomic and refused if the file
    changed meanwhile. The file checked is --claims PATH, the settings file's claims
    or ./claims.json, never the bundled copy.

    Settings come from dprktrack.toml or pyproject.toml's [tool.dprktrack] (`dprktrack
    config` shows them): claims, strict, format, and ignore entries, each with its
    reason; options override them. An ignored finding is still listed, marked, and
    counted as ignored: it fails nothing, and an entry that matches none is a warning.

    \b
    Exit codes: 0 no failure (warnings allowed unless --strict), 1 a failure,
    2 unusable input (invalid claims file, unknown claim id, usage). With --fix,
    what remains after the write counts; with --fix --dry-run, nothing is settled.

    \b
    Examples:
      dprktrack check
      dprktrack check --strict --format json c014 c015
      dprktrack check --fix --dry-run
    """
    from dprktrack.check.reporters import build_reporter, report_fix
    from dprktrack.check.run import check_claims

    if dry_run and not fix:
        raise click.UsageError("--dry-run goes with --fix")
    settings = run_settings(ctx)
    strict = settings.strict if strict is None else strict
    fmt = fmt or settings.format
    catalog = load_claims(ctx, bundled_ok=False)
    claims = _known_claims(catalog, claim_ids) or None
    run = check_claims(
        catalog, claims, strict=strict, fix=fix, dry_run=dry_run, ignore=settings.ignore
    )
    _warn_unmatched(run, settings.origins.get("ignore", "ignore"))
    # Settled before --fix prints its diff or note: a reader closing stdout or stderr then
    # ends the run with what nothing has settled yet, never with success.
    decide_exit(ctx, _verdict_exit(failing=run.found_failing()))
    report_fix(run, sys.stdout)
    # What remains decides: after a write, less what it repaired; after a dry run, all of it.
    code = _verdict_exit(failing=run.failing())
    decide_exit(ctx, code)  # before printing: `check | head` keeps it
    # With --dry-run, stdout carries the diff; the report goes to stderr.
    build_reporter(fmt, sys.stderr if dry_run else sys.stdout).report(run)
    ctx.exit(code)


def _warn_unmatched(run: CheckRun, where: str) -> None:
    """An ignore entry that covers nothing is said, never dropped: the claim it excused may
    be fixed (drop the entry) or failing otherwise (which it does not excuse)."""
    for index, rule in run.ignored.unmatched:
        click.echo(
            f"warning: {one_line_message(where)}[{index}] ({one_line_message(rule.describe())}) "
            "matches no finding",
            err=True,
        )


def _verdict_exit(*, failing: bool) -> int:
    return EXIT_FAILURE if failing else EXIT_OK


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
