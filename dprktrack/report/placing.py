"""Where each claim stands, in `check`'s own words: its verdict and, when it passes, its span.

The report highlights a quote only where `dprktrack check` places it without failing
it (ok, moved, typography), never at a guessed place; a failing claim is flagged in
the table with the check's verdict and message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog


@dataclass(frozen=True, slots=True)
class Placement:
    """The check's verdict on one claim, and its passage when the claim does not fail."""

    verdict: str
    severity: str
    """pass, warning or failure (`check.findings.VERDICTS`)."""
    message: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Placements:
    """Every claim's placement, and the check's notes on sources (a pin that no longer holds)."""

    claims: dict[str, Placement]
    source_notes: dict[str, list[str]]


def place_claims(catalog: Catalog) -> Placements:
    """Run the check over the whole catalog once (each source read once) and keep its verdicts."""
    from dprktrack.check.run import run_check

    report = run_check(catalog)
    claims: dict[str, Placement] = {}
    notes: dict[str, list[str]] = {}
    for finding in report.findings:
        if finding.kind == "source":
            notes.setdefault(finding.source, []).append(f"{finding.verdict}: {finding.message}")
            continue
        severity = finding.severity()
        placed = severity != "failure" and finding.start is not None and finding.end is not None
        claims[finding.id] = Placement(
            finding.verdict,
            severity,
            finding.message,
            finding.start if placed else None,
            finding.end if placed else None,
        )
    return Placements(claims, notes)
