"""What a check finds: the verdict slugs, one finding, and the findings of one run.

Plain data, cheap to import: the judging (`verdicts`, `pins`), the repairs and the
reporters all speak it, and none of them needs another's imports for it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from dprktrack.errors import JsonPath

Severity = Literal["pass", "warning", "failure"]

VERDICTS: dict[str, Severity] = {
    "ok": "pass",
    "moved": "warning",
    "typography": "warning",
    "changed": "failure",
    "altered": "failure",
    "missing": "failure",
    "ambiguous": "failure",
    "source-missing": "failure",
    "source-changed": "failure",
    "source-repinned": "failure",
}
"""Every verdict slug and its default severity, in the order summaries count them."""


@dataclass(slots=True)  # not frozen: a frozen dataclass costs twice as much to build, per claim
class Finding:
    """The verdict on one claim (or one source), with what was expected and found."""

    id: str
    kind: Literal["claim", "source"]
    verdict: str
    source: str
    message: str
    path: JsonPath
    start: int | None = None
    end: int | None = None
    expected: str | None = None
    found: str | None = None
    diff: str | None = None
    repair: dict[str, Any] | None = None
    shift: int | None = None
    """A `moved` quote's found start less its recorded start: claims moved by one edit
    of the source share it, and the report can tell them in one line."""
    place: str | None = None
    """Where a `moved` quote was found, `PATH:LINE:COL` of its source."""

    def severity(self, strict: bool = False) -> Severity:
        """The verdict's severity; with `strict`, a warning fails."""
        severity = VERDICTS[self.verdict]
        return "failure" if strict and severity == "warning" else severity


class SourceText(NamedTuple):
    """A source as the run read it: its path from the current folder, and its text."""

    name: str
    text: str


@dataclass
class Report:
    """All findings of one run, sources first within each source's claims, in file order."""

    findings: list[Finding] = field(default_factory=list)
    complete: bool = True
    """Whether every claim was checked (so a source's pin may be renewed)."""
    sources: dict[str, SourceText] = field(default_factory=dict)
    """Each source read, by id: where a report for a CI platform places each passage found."""

    def counts(self) -> dict[str, int]:
        """How many findings had each verdict, every verdict listed."""
        tally = Counter(finding.verdict for finding in self.findings)
        return {verdict: tally[verdict] for verdict in VERDICTS}

    def claims_checked(self) -> int:
        """How many claims were checked (source findings are not claims)."""
        return sum(1 for finding in self.findings if finding.kind == "claim")


def plural(count: int, noun: str) -> str:
    """`1 failure`, `2 failures`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
