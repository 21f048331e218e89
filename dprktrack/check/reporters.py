"""Presenting a check run: one `Reporter` per `check --format`, chosen by `build_reporter`.

Every form shows the same records (`result_records`) and summary. Text is lines of
styled pieces (`finding_lines`): a pipe, a CI log or a pre-commit hook gets them as
plain text without importing rich at all; a colour terminal gets the same pieces
drawn by rich. JSON lists passing claims too; the other forms show findings and
what `--fix` changed. Only the rich reporter imports rich, when it writes. The CI
platforms' formats (SARIF, JUnit, GitLab Code Quality) are built in their own modules,
imported when one is written; `write_report_file` saves any form to a file.
"""

from __future__ import annotations

import io
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

import click

from dprktrack.check.findings import Finding, SourceText, plural
from dprktrack.check.layout import View, failures_only, grouped_moves, reading_order
from dprktrack.claimsfile.jsonpos import locate, locate_claims
from dprktrack.errors import JsonPath
from dprktrack.output.safetext import inert_in_logs, one_line, visible

if TYPE_CHECKING:
    from pathlib import Path

    from rich.text import Text

    from dprktrack.check.run import CheckRun

Line = list[tuple[str, str]]
"""One line of the text report: pieces of text, each with its rich style ("" for none)."""

SEVERITY_STYLES = {"pass": "green", "warning": "yellow", "failure": "bold red"}
_DIFF_PART = re.compile(r"(\[-.*?-\]|\{\+.*?\+\})")


def finding_positions(raw: str, findings: Iterable[Finding]) -> dict[JsonPath, tuple[int, int]]:
    """Where each finding stands in the claims file: a claim's id key, a source's pin."""
    claims, others = [], []
    for finding in findings:
        index = finding.path[1]
        if finding.kind == "claim" and isinstance(index, int):
            claims.append((index, finding.id))
        else:
            others.append(finding.path)
    return {**locate_claims(raw, claims), **locate(raw, others)}


def result_records(
    findings: Iterable[Finding],
    positions: dict[JsonPath, tuple[int, int]],
    *,
    strict: bool = False,
    fixed: frozenset[tuple[str, str]] = frozenset(),
    ignored: Mapping[tuple[str, str], str] | None = None,
) -> list[dict[str, Any]]:
    """One flat record per finding: the JSON results, and what the text and GitHub forms show.

    `line` and `column` are where the claim (or the source's pin) stands in the claims file;
    `ignored` and `ignore_reason` say whether the repository's settings allow the finding.
    """
    records = []
    ignored = ignored or {}
    for finding in findings:
        line, column = positions.get(finding.path, (1, 1))
        reason = ignored.get((finding.kind, finding.id))
        records.append(
            {
                "id": finding.id,
                "kind": finding.kind,
                "verdict": finding.verdict,
                "severity": finding.severity(strict),
                "source": finding.source,
                "start": finding.start,
                "end": finding.end,
                "line": line,
                "column": column,
                "expected": finding.expected,
                "found": finding.found,
                "diff": finding.diff,
                "message": finding.message,
                "fixed": (finding.kind, finding.id) in fixed,
                "ignored": reason is not None,
                "ignore_reason": reason,
            }
        )
    return records


def summary_line(totals: dict[str, Any]) -> str:
    """`59 claims checked: 57 ok, 2 moved. 0 failures, 2 warnings.`

    Every verdict found is counted, and `ignored` too when the totals have it. A run
    that checked no claim says so, and never reads like a pass.
    """
    counts = [f"{count} {verdict}" for verdict, count in totals["verdicts"].items() if count]
    checked = f"{plural(totals['claims'], 'claim')} checked" if totals["claims"] else ""
    head = ": ".join(part for part in (checked or "no claims checked", ", ".join(counts)) if part)
    ignored = f", {totals['ignored']} ignored" if totals.get("ignored") else ""
    verb = "would update" if totals.get("dry_run") else "updated"
    fixed = f"; --fix {verb} {totals['fixed']}" if totals["fixed"] else ""
    failures = plural(totals["failures"], "failure")
    warnings = plural(totals["warnings"], "warning")
    if not checked and not totals["failures"] and not totals["warnings"]:
        strictly = ", which --strict counts as a failure" if totals.get("strict") else ""
        return f"{head}{fixed}. Nothing was verified{strictly}{ignored}."
    return f"{head}{fixed}. {failures}, {warnings}{ignored}."


def finding_lines(
    name: str, records: Sequence[dict[str, Any]], totals_line: str, *, planned: bool = False
) -> list[Line]:
    """`claims.json:LINE:COL: ID verdict: message` per finding, its diff below, then the summary.

    A finding is one line whatever the terminal's width, so tools reading
    `file:line:col:` see each one whole.
    """
    lines: list[Line] = []
    for record in records:
        if record["verdict"] == "ok":
            continue
        place = f"{one_line(name)}:{record['line']}:{record['column']}"
        line = [
            (f"{place}: {one_line(record['id'])} ", ""),
            (record["verdict"], SEVERITY_STYLES[record["severity"]]),
            (f": {one_line(record['message'])}", ""),
        ]
        if record["fixed"]:
            line.append((" (--fix would repair it)" if planned else " (fixed)", "green"))
        if record.get("ignored"):
            line.append((f" (ignored: {one_line(record['ignore_reason'])})", "dim"))
        lines.append(line)
        if record["diff"]:
            lines.append(_diff_line(record["diff"]))
    lines.append([(totals_line, "bold")])
    return lines


def plain(line: Line) -> str:
    """The line's text without its styles, for a pipe or a log."""
    return "".join(text for text, _ in line)


def _diff_line(diff: str) -> Line:
    """A word diff indented under its finding: claim's words red, source's words green."""
    line: Line = [("    ", "")]
    for part in _DIFF_PART.split(one_line(diff)):
        if part.startswith("[-") and part.endswith("-]"):
            line.append((part, "red"))
        elif part.startswith("{+") and part.endswith("+}"):
            line.append((part, "green"))
        elif part:
            line.append((part, ""))
    return line


def check_findings(
    name: str, records: Sequence[dict[str, Any]], totals_line: str, *, planned: bool = False
) -> list[Text]:
    """The text report (see `finding_lines`) as rich text, for a colour terminal."""
    from rich.text import Text

    lines = finding_lines(name, records, totals_line, planned=planned)
    return [Text.assemble(*line) for line in lines]


def _github_data(text: str) -> str:
    """A workflow command's message: nothing in it may end the command or start a line."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """A workflow command's property value: nor may it end the property."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(level: str, properties: dict[str, Any], message: str) -> str:
    """One GitHub workflow command (`::error file=…,line=…::message`), escaped per its rules.

    `%`, CR and LF are escaped everywhere and `:` and `,` in properties too, so text
    from data can neither end the command early nor start a second one. Control
    characters are shown as escapes, since the log is read on a terminal too.
    """
    fields = ",".join(
        f"{key}={_github_property(visible(str(value)))}" for key, value in properties.items()
    )
    return f"::{level} {fields}::{_github_data(visible(message))}"


class Reporter(ABC):
    """Writes a check run's findings and its summary to one stream, in one form."""

    shows_passing: ClassVar[bool] = False
    """Whether claims that passed (and that `--fix` left alone) are listed too."""

    def __init__(self, stream: TextIO, *, include_ok: bool = False) -> None:
        self.stream = stream
        self.include_ok = include_ok
        """`--include-ok`: list passing claims too (the platform formats report them)."""

    for_people: ClassVar[bool] = True
    """Whether findings come in reading order (`layout`), `--quiet` and `--verbose` apply;
    JSON keeps the claims file's order and lists everything."""

    def report(self, run: CheckRun, view: View | None = None) -> None:
        """Write the run: its findings where they stand in the claims file, then its totals."""
        self.write(run.name, self.records(run, view), run.totals())

    def records(self, run: CheckRun, view: View | None = None) -> list[dict[str, Any]]:
        """The records of the findings this reporter shows (`result_records`), in reading
        order with runs of moved claims told once where the reporter is for people."""
        fixed = run.fixed
        findings = run.report.findings
        if self.for_people:
            findings = _for_people(run, findings, view or View())
        passing = self.shows_passing or self.include_ok
        shown = [
            finding
            for finding in findings
            if passing or finding.verdict != "ok" or (finding.kind, finding.id) in fixed
        ]
        positions = finding_positions(run.text, shown)
        records = result_records(
            shown, positions, strict=run.strict, fixed=fixed, ignored=run.ignored.reasons
        )
        if self.for_people and not (view and view.verbose):
            records = grouped_moves(shown, records, fixed)
        return records

    @abstractmethod
    def write(self, name: str, records: list[dict[str, Any]], totals: dict[str, Any]) -> None:
        """Write the records of the claims file `name`, then the totals."""


def _for_people(run: CheckRun, findings: list[Finding], view: View) -> list[Finding]:
    """Failures first, each group in source order; with `--quiet`, the failures that remain."""
    ordered = reading_order(findings, strict=run.strict)
    if not view.quiet:
        return ordered
    settled = frozenset() if run.dry_run else run.fixed
    return failures_only(ordered, strict=run.strict, settled=settled)


class JsonReporter(Reporter):
    """`{"summary": …, "results": […]}`, every claim checked listed, in claims-file order."""

    shows_passing = True
    for_people = False

    def write(self, name: str, records: list[dict[str, Any]], totals: dict[str, Any]) -> None:
        from dprktrack.output.writers import write_json

        write_json({"summary": totals, "results": records}, self.stream)


class GithubReporter(Reporter):
    """A workflow annotation per warning or failure that remains, then the summary line."""

    def write(self, name: str, records: list[dict[str, Any]], totals: dict[str, Any]) -> None:
        for record in records:
            if record["severity"] == "pass" or (record["fixed"] and not totals["dry_run"]):
                continue
            level = "error" if record["severity"] == "failure" else "warning"
            message = record["message"]
            if record["ignored"]:  # allowed by the settings: a note, not a failure
                level, message = "notice", f"{message} (ignored: {record['ignore_reason']})"
            where = {"file": name, "line": record["line"], "col": record["column"]}
            title = f"{record['id']} {record['verdict']}"
            body = message + (f"\n{record['diff']}" if record["diff"] else "")
            click.echo(github_annotation(level, {**where, "title": title}, body), file=self.stream)
        click.echo(summary_line(totals), file=self.stream)


class TextReporter(Reporter):
    """`claims.json:LINE:COL: ID verdict: message` lines as plain text, for a pipe or a log."""

    def write(self, name: str, records: list[dict[str, Any]], totals: dict[str, Any]) -> None:
        planned = totals["dry_run"]
        for line in finding_lines(name, records, summary_line(totals), planned=planned):
            click.echo(plain(line), file=self.stream)


class RichReporter(Reporter):
    """The text report's lines in colour, drawn by rich, each unwrapped whatever the width."""

    def write(self, name: str, records: list[dict[str, Any]], totals: dict[str, Any]) -> None:
        from dprktrack.output.console import make_console

        console = make_console(self.stream)
        planned = totals["dry_run"]
        for line in check_findings(name, records, summary_line(totals), planned=planned):
            console.print(line, soft_wrap=True)  # tools reading `file:line:col:` see it whole


class SarifReporter(Reporter):
    """A SARIF 2.1.0 log (`check.sarif`): warnings and failures, passes with --include-ok."""

    for_people = False  # a platform sorts and filters for itself; every finding, each once

    def report(self, run: CheckRun, view: View | None = None) -> None:
        self._write(run.name, self.records(run), run.totals(), run.report.sources)

    def write(self, name: str, records: list[dict[str, Any]], totals: dict[str, Any]) -> None:
        self._write(name, records, totals, {})

    def _write(
        self,
        name: str,
        records: list[dict[str, Any]],
        totals: dict[str, Any],
        sources: Mapping[str, SourceText],
    ) -> None:
        from dprktrack.check.sarif import sarif_log
        from dprktrack.output.writers import write_json

        shown = _platform_records(records, totals, include_ok=self.include_ok)
        write_json(sarif_log(name, shown, totals, sources), self.stream)


class JunitReporter(Reporter):
    """JUnit XML (`check.junit`): every claim checked is a test case."""

    shows_passing = True
    for_people = False

    def write(self, name: str, records: list[dict[str, Any]], totals: dict[str, Any]) -> None:
        from dprktrack.check.junit import junit_xml

        self.stream.write(junit_xml(name, records, totals, ascii_only=not _unicode(self.stream)))


class GitlabReporter(Reporter):
    """A GitLab Code Quality report (`check.codequality`): warnings and failures, passes
    with --include-ok."""

    for_people = False

    def write(self, name: str, records: list[dict[str, Any]], totals: dict[str, Any]) -> None:
        from dprktrack.check.codequality import code_quality
        from dprktrack.output.writers import write_json

        shown = _platform_records(records, totals, include_ok=self.include_ok)
        write_json(code_quality(name, shown, totals), self.stream)


def _platform_records(
    records: list[dict[str, Any]], totals: dict[str, Any], *, include_ok: bool
) -> list[dict[str, Any]]:
    """What a platform is told: what remains to settle, and with --include-ok what passes
    (a claim `--fix` repaired passes; a dry run repairs nothing)."""
    if include_ok:
        return records
    settled = not totals["dry_run"]
    return [r for r in records if r["severity"] != "pass" and not (r["fixed"] and settled)]


def _unicode(stream: TextIO) -> bool:
    """Whether the stream takes every character (a UTF encoding, or none named)."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    return encoding.startswith("utf")


def _plain(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether rich would print no colour here anyway: not a terminal, and not forced."""
    forced = any(environ.get(name) for name in ("FORCE_COLOR", "TTY_COMPATIBLE"))
    return not forced and not stream.isatty()


def _text_reporter(stream: TextIO, environ: Mapping[str, str]) -> Reporter:
    """Plain lines for a pipe, a CI log or a hook (no need for rich); colour on a terminal."""
    return TextReporter(stream) if _plain(stream, environ) else RichReporter(stream)


_FACTORIES: dict[str, Callable[[TextIO, Mapping[str, str]], Reporter]] = {
    "text": _text_reporter,
    "json": lambda stream, _: JsonReporter(stream),
    "github": lambda stream, _: GithubReporter(stream),
    "sarif": lambda stream, _: SarifReporter(stream),
    "junit": lambda stream, _: JunitReporter(stream),
    "gitlab": lambda stream, _: GitlabReporter(stream),
}

FORMATS = tuple(_FACTORIES)
"""Every name `check --format` takes."""


def default_format(environ: Mapping[str, str]) -> str:
    """github in a GitHub Actions run, text elsewhere."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def build_reporter(
    fmt: str | None,
    stream: TextIO,
    environ: Mapping[str, str] | None = None,
    *,
    include_ok: bool = False,
) -> Reporter:
    """The reporter for `check --format fmt` (the default for `environ` when None)."""
    environ = os.environ if environ is None else environ
    name = fmt or default_format(environ)
    factory = _FACTORIES.get(name)
    if factory is None:
        raise ValueError(f"unknown check format {name!r}; known: {', '.join(FORMATS)}")
    reporter = factory(stream, environ)
    reporter.include_ok = include_ok
    return reporter


def write_report_file(fmt: str, path: Path, run: CheckRun, *, include_ok: bool = False) -> None:
    """`check --report FORMAT:PATH`: the run in that format, written to `path` atomically
    (whole or not at all) as UTF-8; a failure is a one-line DprkError naming the file."""
    from dprktrack.claimsfile.safeio import write_atomically

    text = io.StringIO()
    build_reporter(fmt, text, {}, include_ok=include_ok).report(run)
    data = text.getvalue().encode("utf-8", "backslashreplace")
    write_atomically(path, lambda stream: stream.write(data))


def report_fix(run: CheckRun, out: TextIO) -> None:
    """What `--fix` did, told before the report: a dry run's patch on `out`, else a note
    on stderr."""
    plan = run.plan
    if plan is None:
        return
    if not plan.changed:
        click.echo("note: nothing to fix", err=True)
    elif run.dry_run:
        _write_patch(plan.patch(), out)
    else:
        count = len(plan.changed)
        click.echo(f"note: --fix updated {count} record(s) in {one_line(run.name)}", err=True)


def _write_patch(lines: list[str], out: TextIO) -> None:
    """A dry run's patch, byte-faithful for `git apply`; only a terminal gets escapes."""
    out.writelines([visible(line) for line in lines] if out.isatty() else _log_inert(lines))


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
