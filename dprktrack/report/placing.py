"""Where each claim stands, in `check`'s own words: its verdict and, when it passes, its span.

The report highlights a quote only where `dprktrack check` places it without failing
it (ok, moved, typography), never at a guessed place; a failing claim is flagged in
the table with the check's verdict and message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dprktrack.check.ignores import IgnoreRule
    from dprktrack.claimsfile.catalog import Catalog


@dataclass(frozen=True, slots=True)
class Placement:
    """The check's verdict on one claim, and its passage when the claim does not fail."""

    verdict: str
    severity: str
    """pass, warning, failure or ignored: as `check` counts it with the settings in force
    (under strict a warning fails; an ignore rule's finding fails nothing)."""
    message: str
    start: int | None
    end: int | None
    parts: tuple[tuple[int, int], ...] = ()
    """The passage's quoted parts: the whole span, or for a quote with omissions (…) each
    kept piece where the check found it, the omitted words between them left out."""


@dataclass(frozen=True)
class Placements:
    """Every claim's placement, and the check's notes on sources (a pin that no longer holds)."""

    claims: dict[str, Placement]
    source_notes: dict[str, list[str]]


def place_claims(
    catalog: Catalog, *, strict: bool = False, ignore: Iterable[IgnoreRule] = ()
) -> Placements:
    """Run the check over the whole catalog once (each source read once) and keep its verdicts,
    judged as `dprktrack check` judges them with the same `strict` and `ignore` rules."""
    from dprktrack.check.findings import VERDICTS
    from dprktrack.check.ignores import apply_ignores
    from dprktrack.check.parts import QuotedParts
    from dprktrack.check.run import run_check

    report = run_check(catalog)
    ignored = apply_ignores(report.findings, ignore, complete=report.complete).reasons
    parts = QuotedParts()
    claims: dict[str, Placement] = {}
    notes: dict[str, list[str]] = {}
    for finding in report.findings:
        if finding.kind == "source":
            notes.setdefault(finding.source, []).append(f"{finding.verdict}: {finding.message}")
            continue
        severity = "ignored" if ("claim", finding.id) in ignored else finding.severity(strict)
        # A passage stands where the check found it unless the check fails it (strict
        # included); a failure excused by an ignore rule is still no sure place.
        sure = VERDICTS[finding.verdict] != "failure" and severity != "failure"
        if not sure or finding.start is None or finding.end is None:
            claims[finding.id] = Placement(finding.verdict, severity, finding.message, None, None)
            continue
        span = (finding.start, finding.end)
        claim = catalog.claims[finding.id]
        quoted = parts.of(claim.source, catalog.source_text(claim.source), claim.quote, span)
        claims[finding.id] = Placement(finding.verdict, severity, finding.message, *span, quoted)
    return Placements(claims, notes)
