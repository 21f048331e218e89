"""Checking a claims file: every claim's quote against its source, each source read once.

`run_check` gives one finding per claim checked (and one per source whose bytes no
longer match their pin); `check_claims` adds what `--fix` plans or writes, and
gives the `CheckRun` that the reporters show and the exit code is decided on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dprktrack.check.findings import Finding, Report, SourceText
from dprktrack.check.ignores import Ignored, IgnoreRule, apply_ignores
from dprktrack.check.pins import pin_finding
from dprktrack.check.repairs import RepairPlan, plan_repairs, renewable, unrepaired
from dprktrack.check.verdicts import claim_finding
from dprktrack.claimsfile.collector import paused
from dprktrack.claimsfile.read import decode_utf8
from dprktrack.errors import DprkError, UnsafeInput
from dprktrack.matching.approximate import Budget, claim_budget, run_budget
from dprktrack.matching.matcher import Document

if TYPE_CHECKING:
    from dprktrack.check.baseline import Baseline
    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.schema.records import Claim


def run_check(
    catalog: Catalog, claim_ids: Iterable[str] | None = None, budget: Budget | None = None
) -> Report:
    """Check the given claims (all when None), source by source, each source read once.

    The close-passage searches of the run share one budget (`run_budget` for the
    number of claims checked, when None): a hostile file's cost grows with its number
    of claims, not with the lengths of its quotes and sources.
    """
    wanted = set(claim_ids) if claim_ids is not None else None
    report = Report(complete=wanted is None)
    positions = {claim_id: index for index, claim_id in enumerate(catalog.claims)}
    by_source: dict[str, list[Claim]] = {source_id: [] for source_id in catalog.sources}
    for claim in catalog.claims.values():
        if wanted is None or claim.id in wanted:
            by_source[claim.source].append(claim)
    if budget is None:
        budget = run_budget(sum(len(claims) for claims in by_source.values()))
    with paused():
        for source_index, (source_id, claims) in enumerate(by_source.items()):
            if not claims and wanted is not None:
                continue
            _check_source(
                catalog,
                source_index=source_index,
                source_id=source_id,
                claims=claims,
                positions=positions,
                report=report,
                budget=budget,
            )
    return report


def _check_source(
    catalog: Catalog,
    *,
    source_index: int,
    source_id: str,
    claims: list[Claim],
    positions: dict[str, int],
    report: Report,
    budget: Budget,
) -> None:
    """Add the findings of one source's claims (and of its pin) to the report."""
    try:
        data = catalog.source_bytes(source_id)
        text = decode_utf8(data, str(catalog.source_path(source_id)))
    except UnsafeInput:
        raise  # not a verdict on the claims: the whole run is refused
    except DprkError as err:
        reason = "; ".join(err.lines)
        report.findings.extend(_unreadable(source_index, source_id, claims, positions, reason))
        return
    pin = pin_finding(catalog, source_index, source_id, data, claims)
    document = Document(text, catalog.shown_path(source_id))  # the bytes just read, decoded
    report.sources[source_id] = SourceText(document.name, text)
    verdicts = [
        claim_finding(document, claim, positions[claim.id], claim_budget(budget))
        for claim in claims
    ]
    if pin is not None and pin.repair is None:
        # A converted copy: its offsets would be wrong in every other checkout.
        reason = "the source's line endings or byte order mark changed"
        verdicts = [unrepaired(finding, reason) for finding in verdicts]
    if pin is not None:
        report.findings.append(renewable(pin, verdicts, report.complete))
    report.findings.extend(verdicts)


def _unreadable(
    source_index: int, source_id: str, claims: list[Claim], positions: dict[str, int], reason: str
) -> list[Finding]:
    """source-missing for each claim of a source that cannot be read (or for the source,
    when no claim quotes it); the reason is given once, at its first claim."""
    if not claims:
        where = ("sources", source_index, "path")
        return [Finding(source_id, "source", "source-missing", source_id, reason, where)]
    findings = []
    for number, claim in enumerate(claims):
        message = reason if not number else f"source {source_id!r} unreadable (see {claims[0].id})"
        path = ("claims", positions[claim.id])
        findings.append(
            Finding(
                claim.id, "claim", "source-missing", source_id, message, path, expected=claim.quote
            )
        )
    return findings


def summary(
    report: Report,
    *,
    strict: bool = False,
    fixed: frozenset[tuple[str, str]] = frozenset(),
    planned: bool = False,
    ignored: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, Any]:
    """Counts per verdict, and the failures and warnings that remain (fixed ones do not;
    ignored ones are counted apart, never as passing nor as failing).

    `planned`: the fixes are a dry run's, which settle nothing: everything remains, so
    a dry run exits as `check` would, and `fixed` counts what `--fix` would update.
    """
    settled = frozenset() if planned else fixed
    ignored = ignored or {}
    remaining = Counter(
        "ignored" if key in ignored else finding.severity(strict)
        for finding in report.findings
        if (key := (finding.kind, finding.id)) not in settled
    )
    return {
        "claims": report.claims_checked(),
        "verdicts": report.counts(),
        "failures": remaining["failure"],
        "warnings": remaining["warning"],
        "ignored": remaining["ignored"],
        "fixed": len(fixed),
        "dry_run": planned,
        "strict": strict,
    }


@dataclass(frozen=True)
class CheckRun:
    """One `check` of a claims file: its findings, and what `--fix` planned or wrote."""

    report: Report
    name: str
    """The claims file, as messages name it."""
    raw: str
    """The claims file's text when it was checked."""
    strict: bool = False
    plan: RepairPlan | None = None
    """What `--fix` changes (None without `--fix`)."""
    dry_run: bool = False
    """Whether the plan was only shown, not written."""
    ignored: Ignored = field(default_factory=Ignored)
    """The findings the repository's ignore rules cover, and the rules that covered none."""

    @property
    def fixed(self) -> frozenset[tuple[str, str]]:
        """(kind, id) of each record `--fix` changed, or would change in a dry run."""
        return self.plan.fixed if self.plan is not None else frozenset()

    @property
    def text(self) -> str:
        """The claims file's text now, where each finding's line and column are found."""
        return self.plan.after if self.plan is not None and not self.dry_run else self.raw

    def totals(self) -> dict[str, Any]:
        """The summary of what remains once `--fix` has written (all of it after a dry run)."""
        return summary(
            self.report,
            strict=self.strict,
            fixed=self.fixed,
            planned=self.dry_run,
            ignored=self.ignored.reasons,
        )

    def failing(self) -> bool:
        """Whether a failure remains, or, under --strict, nothing was verified at all (a
        claims file emptied in a pull request must not pass a strict CI)."""
        return bool(self.totals()["failures"]) or self.verified_nothing()

    def verified_nothing(self) -> bool:
        return self.strict and self.report.claims_checked() == 0

    def found_failing(self) -> bool:
        """Whether the check found a failure, before any repair: what a run cut short
        while telling what `--fix` did must exit with."""
        found = summary(self.report, strict=self.strict, ignored=self.ignored.reasons)
        return bool(found["failures"]) or self.verified_nothing()


def check_claims(
    catalog: Catalog,
    claim_ids: Iterable[str] | None = None,
    *,
    strict: bool = False,
    fix: bool = False,
    dry_run: bool = False,
    ignore: Iterable[IgnoreRule] = (),
    base: Baseline | None = None,
) -> CheckRun:
    """Check the claims (all when None); with `fix`, write the safe repairs (or, with
    `dry_run`, only plan them). The rewrite is atomic and refused if the file changed.
    `ignore`: the repository's exceptions (`apply_ignores`). `base`: what a base revision
    says of the sources, which must hold (`baseline`)."""
    from dprktrack.check.baseline import repinned_sources

    report = run_check(catalog, claim_ids)
    if base is not None:
        report.findings.extend(repinned_sources(catalog, base))
    ignored = apply_ignores(report.findings, ignore, complete=report.complete)
    plan = plan_repairs(catalog, report) if fix else None
    if plan is not None and plan.changed and not dry_run:
        plan.write()
    return CheckRun(
        report,
        catalog.name,
        catalog.raw,
        strict=strict,
        plan=plan,
        dry_run=dry_run,
        ignored=ignored,
    )
