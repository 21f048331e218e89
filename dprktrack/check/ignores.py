"""Exceptions a repository allows: which findings its ignore rules cover, and which rules
cover nothing.

An ignored finding stays in the results, marked, and is counted apart: it neither fails
the run nor vanishes from the report. A rule names a claim, a verdict or both; one that
names both covers that verdict only, so a different failure of the same claim still fails.
A failure is covered only by a rule naming both its claim and its verdict, and a source
whose bytes changed (`source-changed`) by none: re-pin it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dprktrack.check.findings import Finding


@dataclass(frozen=True)
class IgnoreRule:
    """One exception: a claim, a verdict or both, and why it is allowed."""

    reason: str
    claim: str | None = None
    verdict: str | None = None

    def covers(self, finding: Finding) -> bool:
        """Whether the rule covers this finding (a claim rule never covers a source's)."""
        if self.claim is not None and (finding.kind != "claim" or finding.id != self.claim):
            return False
        if finding.severity() == "failure":
            # Excused only by name, claim and verdict both: a rule for a claim's warnings or
            # for a verdict across the file must never let a new misquote through.
            return self.claim is not None and self.verdict == finding.verdict
        return self.verdict is None or finding.verdict == self.verdict

    def describe(self) -> str:
        """`claim c012, verdict moved`: the rule as warnings name it."""
        parts = []
        if self.claim is not None:
            parts.append(f"claim {self.claim}")
        if self.verdict is not None:
            parts.append(f"verdict {self.verdict}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Ignored:
    """What a run's ignore rules covered: (kind, id) → reason, and the rules that covered
    nothing they could have (each with its index in the list, from 0)."""

    reasons: dict[tuple[str, str], str] = field(default_factory=dict)
    unmatched: tuple[tuple[int, IgnoreRule], ...] = ()


def apply_ignores(
    findings: Sequence[Finding], rules: Iterable[IgnoreRule], *, complete: bool
) -> Ignored:
    """Which findings (warnings and failures only: a pass needs no exception) the rules
    cover, the first covering rule giving the reason (every rule that covers one is used).

    A rule that covers nothing is reported, never dropped: in a complete run, always; in a
    run of some claims, when it names one of them (a rule for another claim says nothing).
    """
    rules = list(rules)
    reasons: dict[tuple[str, str], str] = {}
    used: set[int] = set()
    for finding in findings:
        if finding.severity() == "pass":
            continue
        for index, rule in enumerate(rules):
            if rule.covers(finding):
                reasons.setdefault((finding.kind, finding.id), rule.reason)
                used.add(index)
    checked = {finding.id for finding in findings if finding.kind == "claim"}
    unmatched = tuple(
        (index, rule)
        for index, rule in enumerate(rules)
        if index not in used and (complete or rule.claim in checked)
    )
    return Ignored(reasons, unmatched)
