"""The `check` command: every quote against its source, reports for people and CI, repairs."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from dprktrack.cli.group import decide_exit, one_line_message
from dprktrack.cli.shared import completer, load_claims
from dprktrack.errors import EXIT_FAILURE, EXIT_INPUT, EXIT_OK, DprkError
from dprktrack.output.safetext import inert_in_logs, visible

if TYPE_CHECKING:
    from dprktrack.check.verdicts import Report
    from dprktrack.claimsfile.load import Catalog

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
@click.option("--strict", is_flag=True, help="Treat warnings (moved, typography, ...) as failures.")
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
    strict: bool,
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
    changed meanwhile. The file checked is --claims PATH or ./claims.json, never
    the bundled copy.

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
    from dprktrack.check.verdicts import finding_positions, result_records, run_check, summary

    if dry_run and not fix:
        raise click.UsageError("--dry-run goes with --fix")
    catalog = load_claims(ctx, bundled_ok=False)
    report = run_check(catalog, _known_claims(catalog, claim_ids) or None)
    # Settled before --fix prints its diff or note: a reader closing stdout or stderr then
    # ends the run with what nothing has settled yet, never with success.
    decide_exit(ctx, _verdict_exit(summary(report, strict=strict)))
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
    decide_exit(ctx, _verdict_exit(totals))  # before printing: `check | head` keeps it
    # With --dry-run, stdout carries the diff; the report goes to stderr.
    _emit_check(fmt, catalog.name, records, totals, sys.stderr if dry_run else sys.stdout)
    # What remains decides: after a write, less what it repaired; after a dry run, all of it.
    ctx.exit(_verdict_exit(totals))


def _verdict_exit(totals: dict[str, Any]) -> int:
    return EXIT_FAILURE if totals["failures"] else EXIT_OK


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

    from dprktrack.check.verdicts import apply_repairs
    from dprktrack.claimsfile.load import catalog_from_text
    from dprktrack.claimsfile.rewrite import dump_claims, replace_claims_file

    data, changed = apply_repairs(json.loads(catalog.raw), report)
    if not changed:
        click.echo("note: nothing to fix", err=True)
        return frozenset(), catalog.raw
    text = dump_claims(data, newline="\r\n" if "\r\n" in catalog.raw else "\n")
    catalog_from_text(catalog.path, text)  # a repair must never leave a file that cannot load
    if dry_run:
        name = _patch_name(catalog.path)
        diff = difflib.unified_diff(
            _patch_lines(catalog.raw),
            _patch_lines(text),
            f"a/{name}",
            f"b/{name}",
        )
        # A patch stays byte-faithful for `git apply`; only a terminal gets escapes.
        lines = [_ended(line) for line in diff]
        shown = [visible(line) for line in lines] if sys.stdout.isatty() else _log_inert(lines)
        sys.stdout.writelines(shown)
        return frozenset((finding.kind, finding.id) for finding in changed), catalog.raw
    replace_claims_file(catalog.path, text, catalog.raw)
    click.echo(
        f"note: --fix updated {len(changed)} record(s) in {one_line_message(catalog.name)}",
        err=True,
    )
    return frozenset((finding.kind, finding.id) for finding in changed), text


def _plain(out: TextIO) -> bool:
    """Whether rich would print no colour here anyway: not a terminal, and not forced."""
    forced = any(os.environ.get(name) for name in ("FORCE_COLOR", "TTY_COMPATIBLE"))
    return not forced and not out.isatty()


def _log_inert(lines: list[str]) -> list[str]:
    """The patch as it is, except lines holding `##[` (which dprktrack never writes, so only
    a hand-edited claims file has): a CI log must not take them for a workflow command."""
    inert = [inert_in_logs(line) for line in lines]
    changed = sum(1 for old, new in zip(lines, inert, strict=True) if old != new)
    if changed:
        click.echo(
            f"note: {changed} line(s) of the patch hold a CI workflow command, shown escaped "
            "('##\\x5b') so that no log runs it; the patch will not apply as it stands",
            err=True,
        )
    return inert


def _ended(line: str) -> str:
    """A patch line; a file's last line without a newline gets the marker patch tools need."""
    return line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"


def _patch_lines(text: str) -> list[str]:
    """Lines as `git apply` reads them, ended by `\\n` only: `str.splitlines` would also
    end one at a U+2028 or U+0085 that a JSON string holds raw, corrupting the patch."""
    return re.findall(r"[^\n]*\n|[^\n]+", text)


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
    from dprktrack.check.verdicts import summary_line

    if fmt == "json":
        from dprktrack.output.writers import write_json

        write_json({"summary": totals, "results": records}, out)
    elif fmt == "github":
        from dprktrack.output.writers import github_annotation

        for record in records:
            if record["severity"] == "pass" or (record["fixed"] and not totals["dry_run"]):
                continue
            level = "error" if record["severity"] == "failure" else "warning"
            where = {"file": name, "line": record["line"], "col": record["column"]}
            title = f"{record['id']} {record['verdict']}"
            body = record["message"] + (f"\n{record['diff']}" if record["diff"] else "")
            click.echo(github_annotation(level, {**where, "title": title}, body), file=out)
        click.echo(summary_line(totals), file=out)
    elif _plain(out):  # a pipe, a CI log, a hook: no need for rich
        from dprktrack.check.report import finding_lines, plain

        for line in finding_lines(name, records, summary_line(totals), planned=totals["dry_run"]):
            click.echo(plain(line), file=out)
    else:
        from dprktrack.render import check_findings, make_console, print_lines

        lines = check_findings(name, records, summary_line(totals), planned=totals["dry_run"])
        print_lines(make_console(out), lines)
