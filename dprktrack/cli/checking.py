"""The `check` command: every quote against its source, reports for people and CI, repairs."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dprktrack.check.reporters import FORMATS
from dprktrack.cli.group import decide_exit
from dprktrack.cli.shared import completer, load_claims, run_settings
from dprktrack.errors import EXIT_FAILURE, EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, DprkError
from dprktrack.output.safetext import one_line

if TYPE_CHECKING:
    from dprktrack.check.baseline import Baseline
    from dprktrack.check.run import CheckRun
    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.config import Settings

CHECK_FORMATS = FORMATS
"""Every `check --format`: one per reporter (`build_reporter`), named once, there."""
ReportSpec = tuple[str, Path]
"""`--report FORMAT:PATH`, parsed: a format and the file it is written to."""


def _report_specs(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[ReportSpec, ...]:
    """Each `--report FORMAT:PATH` as (format, path); a usage error for a bad one."""
    specs: list[ReportSpec] = []
    for value in values:
        fmt, colon, path = value.partition(":")
        fmt = fmt.strip().lower()
        if not colon or not path:
            raise click.BadParameter(f"{value!r}: expected FORMAT:PATH, e.g. sarif:check.sarif")
        if path == "-":
            raise click.BadParameter(f"{value!r}: stdout gets --format's report; name a file")
        if fmt not in CHECK_FORMATS:
            known = ", ".join(CHECK_FORMATS)
            raise click.BadParameter(f"{value!r}: unknown format {fmt!r}; known: {known}")
        from dprktrack.claimsfile.safeio import resolved

        if any(resolved(Path(path)) == resolved(Path(seen)) for _, seen in specs):
            raise click.BadParameter(f"{value!r}: {path} is named by another --report")
        specs.append((fmt, Path(path)))
    return tuple(specs)


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
    metavar="FORMAT",
    default=None,
    help="text (default), json, github workflow annotations (the default when "
    "GITHUB_ACTIONS=true), sarif (code scanning), junit (test reports) or gitlab (Code Quality).",
)
@click.option(
    "--report",
    "reports",
    multiple=True,
    metavar="FORMAT:PATH",
    callback=_report_specs,
    help="Also write the report in FORMAT to the file PATH, atomically (repeatable); "
    "stdout still gets --format's.",
)
@click.option(
    "--include-ok",
    is_flag=True,
    help="Report passing claims too: as notes in sarif, as info issues in gitlab "
    "(json and junit always list them).",
)
@click.option(
    "--strict/--no-strict",
    default=None,
    help="Treat warnings (moved, typography, ...) as failures, or not. Default: the settings "
    "file's strict, else not.",
)
@click.option(
    "--base",
    metavar="REV",
    help="A git revision (a pull request's target branch) whose sources' pins must hold: "
    "a source whose text and pin changed since then fails as source-repinned.",
)
@click.option("--fix", is_flag=True, help="Write the safe repairs into the claims file.")
@click.option(
    "-q", "--quiet", is_flag=True, help="Show failures only, then the summary (not in JSON)."
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="List every moved claim, not a run of claims moved alike as one line (not in JSON).",
)
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
    reports: tuple[ReportSpec, ...],
    *,
    include_ok: bool,
    strict: bool | None,
    base: str | None,
    fix: bool,
    dry_run: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Verify that every claim's quote still stands in its source, where the claim says.

    Each claim gets a verdict: ok; moved, typography (warnings: --fix repairs them);
    changed, missing, ambiguous, source-missing (failures: a person must look);
    altered, a quote whose omissions (…) or brackets ([t]he) no person approved
    (`dprktrack approve` shows them and writes the claim's review_pin). A
    source whose bytes no longer match its sha256 pin is reported as source-changed
    (a failure) and its quotes are checked one by one. With --base REV (in CI, the
    pull request's target), a source whose pin differs from REV's fails as
    source-repinned: the pin lives in the file a pull request edits, so an article
    edited together with its pin and quotes is caught only against the base. Findings are listed as
    claims.json:LINE:COL with a word diff where the text differs: failures first,
    then warnings, each in the order of the quotes in their source; the summary
    counts every verdict. Three or more claims moved alike by one edit of a source
    are told in one line (--verbose lists each). A missing or changed finding
    names the quote it looked for, cut at a word, with its length.

    \b
    Scores of a changed quote's closest passage, each from 0 to 1:
      edit      1 - edits/length of the quote: at least 0.75 (long quotes) to 0.9
                (20 characters or fewer) for a passage to count; below, missing
      context   how much of the recorded prefix and suffix still surround it
      position  1 - its distance from the recorded start / the source's length

    --fix writes new anchors (start, end, prefix, suffix), the source's characters
    for a typography match (as one line with single spaces, never a control,
    zero-width or bidi character), and a renewed pin once every claim of the source
    holds; it never touches a failing claim, nor a source whose line endings or byte
    order mark were converted. A quote that differs from its source in white space
    only is re-anchored and kept. The write is atomic and refused if the file
    changed meanwhile. The file checked is --claims PATH, the settings file's claims
    or ./claims.json, never the bundled copy. Each CLAIM_ID given limits the check to
    those claims.

    Settings come from dprktrack.toml or pyproject.toml's [tool.dprktrack] (`dprktrack
    config` shows them): claims, strict, format, and ignore entries, each with its
    reason; options override them. An ignored finding is still listed, marked, and
    counted as ignored: it fails nothing, and an entry that matches none is a warning.

    \b
    Exit codes: 0 no failure (warnings allowed unless --strict), 1 a failure,
    2 unusable input (invalid claims file, unknown claim id, usage) or a --report
    file that could not be written; the format never changes it. With --fix,
    what remains after the write counts; with --fix --dry-run, nothing is settled.

    \b
    Examples:
      dprktrack check
      dprktrack check --strict --format json c014 c015
      dprktrack check --fix --dry-run
      dprktrack check --quiet
      dprktrack check --report sarif:check.sarif --report junit:check.xml
      dprktrack check --strict --base HEAD
    """
    from dprktrack.check.layout import View
    from dprktrack.check.reporters import build_reporter, report_fix
    from dprktrack.check.run import check_claims

    if dry_run and not fix:
        raise click.UsageError("--dry-run goes with --fix")
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose do not go together")
    settings = run_settings(ctx)
    strict = settings.strict if strict is None else strict
    fmt = fmt or settings.format
    catalog = load_claims(ctx, bundled_ok=False, name_shadowed=False)
    _say_which_claims_file(ctx, catalog, settings)
    _refuse_overwriting_data(catalog, reports)
    claims = _known_claims(catalog, claim_ids) or None
    pinned = _baseline(catalog, base) if base is not None else None
    run = check_claims(
        catalog,
        claims,
        strict=strict,
        fix=fix,
        dry_run=dry_run,
        ignore=settings.ignore,
        base=pinned,
    )
    _warn_unmatched(run, settings.origins.get("ignore", "ignore"))
    # Settled before --fix prints its diff or note: a reader closing stdout or stderr then
    # ends the run with what nothing has settled yet, never with success.
    decide_exit(ctx, _verdict_exit(failing=run.found_failing()))
    report_fix(run, sys.stdout)
    # What remains decides: after a write, less what it repaired; after a dry run, all of it.
    code = _verdict_exit(failing=run.failing())
    decide_exit(ctx, code)  # before printing: `check | head` keeps it
    unwritten = _write_reports(run, reports, include_ok=include_ok)  # before a pipe may close
    if unwritten:
        decide_exit(ctx, EXIT_OUTPUT)
    # With --dry-run, stdout carries the diff; the report goes to stderr.
    out = sys.stderr if dry_run else sys.stdout
    view = View(quiet=quiet, verbose=verbose)
    build_reporter(fmt, out, include_ok=include_ok).report(run, view)
    if unwritten:
        raise DprkError(unwritten, EXIT_OUTPUT)
    ctx.exit(code)


def _baseline(catalog: Catalog, revision: str) -> Baseline:
    """What `revision` (read with git) says of the sources: its claims file's pins, and
    the sha256 of each source's file there."""
    from dprktrack.check.baseline import Baseline, base_pins
    from dprktrack.revisions import hashes_at, read_revision

    try:
        raw, name = read_revision(catalog.path, revision)
        files = {source: catalog.source_path(source) for source in catalog.sources}
        held = hashes_at(catalog.path, revision, files)
        return Baseline(name, base_pins(raw, name), held)
    except DprkError as err:
        lines = [f"--base: {line.removesuffix(', nor a file of that name')}" for line in err.lines]
        raise DprkError(lines, err.exit_code) from None


def _refuse_overwriting_data(catalog: Catalog, reports: tuple[ReportSpec, ...]) -> None:
    """A usage error for a --report that would replace the claims file or a source."""
    from dprktrack.claimsfile.safeio import resolved

    data = {resolved(catalog.path): "the claims file"}
    data.update({resolved(catalog.source_path(s)): f"source {s!r}" for s in catalog.sources})
    for fmt, path in reports:
        overwritten = _overwritten(data, path)
        if overwritten is not None:
            spec = f"{fmt}:{path}"
            raise click.BadParameter(f"{spec!r}: {path} is {overwritten}", param_hint="'--report'")


def _say_which_claims_file(ctx: click.Context, catalog: Catalog, settings: Settings) -> None:
    """A note on stderr when the file checked is not plainly ./claims.json by the settings'
    choice or through a link: a pull request that points CI elsewhere shows in its log."""
    default = Path("claims.json")
    chosen_by_settings = ctx.find_root().params.get("claims_path") is None and settings.claims
    linked = catalog.path == default and default.is_symlink()
    redirected = chosen_by_settings and catalog.path.resolve() != default.resolve()
    if redirected or linked:
        why = "a symbolic link" if linked else settings.origins.get("claims", "the settings")
        click.echo(
            f"note: checking {one_line(str(catalog.path.resolve()))} ({one_line(why)})",
            err=True,
        )


def _overwritten(data: dict[Path, str], path: Path) -> str | None:
    """What a report at `path` would replace or write through that it must not, or None."""
    from dprktrack.config import CONFIG_FILENAME, PYPROJECT

    try:
        if path.is_symlink():
            return "a symbolic link (a report replaces a file, never writes through one)"
        if path.name in (CONFIG_FILENAME, PYPROJECT):  # the settings every run reads
            return "a settings file's name"
        # A relative path is the repository's to shape (a pull request can commit a link in
        # it); an absolute one is CI's own command line.
        folder = path.absolute().parent
        if not path.is_absolute() and Path(os.path.realpath(folder)) != Path(
            os.path.normpath(folder)
        ):
            return "in a folder reached through a symbolic link"
        return data.get(path.resolve())
    except (OSError, RuntimeError) as err:  # a loop of links, a name too long
        return f"not a usable path ({err.strerror if isinstance(err, OSError) else err})"


def _write_reports(
    run: CheckRun, reports: tuple[ReportSpec, ...], *, include_ok: bool
) -> list[str]:
    """Write each --report file; the one-line error of each that could not be written."""
    from dprktrack.check.reporters import write_report_file

    unwritten: list[str] = []
    for fmt, path in reports:
        try:
            write_report_file(fmt, path, run, include_ok=include_ok)
        except DprkError as err:
            unwritten.extend(f"--report {fmt}: {line}" for line in err.lines)
    return unwritten


def _warn_unmatched(run: CheckRun, where: str) -> None:
    """An ignore entry that covers nothing is said, never dropped: the claim it excused may
    be fixed (drop the entry) or failing otherwise (which it does not excuse)."""
    for index, rule in run.ignored.unmatched:
        click.echo(
            f"warning: {one_line(where)}[{index}] ({one_line(rule.describe())}) matches no finding",
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
