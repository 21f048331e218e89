"""The order a person reads a check's findings in, and what `--quiet` and `--verbose` show.

Failures first, then warnings, then passes; within each, source by source and in
the order the quotes stand in the source, so a reader fixing a file works down it.
A run of claims moved by one edit of the source is told in one line (`--verbose`
lists each). Plain functions over findings and their records: the reporters for
people (text, rich, GitHub) use them; JSON keeps the claims file's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dprktrack.check.findings import Finding

SEVERITY_RANK = {"failure": 0, "warning": 1, "pass": 2}
"""Which severity is read first."""

SHORTEST_MOVED_RUN = 3
"""Fewest `moved` claims, shifted alike and side by side in a source, told in one line."""


@dataclass(frozen=True)
class View:
    """How much of a run a person asked to see."""

    quiet: bool = False
    """Failures only (and the summary)."""
    verbose: bool = False
    """Every finding on its own line: no run of moved claims told in one."""


def reading_order(findings: Sequence[Finding], *, strict: bool = False) -> list[Finding]:
    """The findings sorted by severity, then source (in the order the run met them), then
    place in the source: a source's own finding (its pin) first, then its quotes by where
    they were found, then those found nowhere in claims-file order. The sort is stable."""
    sources: dict[str, int] = {}
    for finding in findings:
        sources.setdefault(finding.source, len(sources))

    def key(item: tuple[int, Finding]) -> tuple[int, int, int, int, int]:
        index, finding = item
        if finding.kind == "source":
            place = (0, 0)
        else:
            place = (1, finding.start) if finding.start is not None else (2, 0)
        rank = SEVERITY_RANK[finding.severity(strict)]
        return (rank, sources[finding.source], *place, index)

    return [finding for _, finding in sorted(enumerate(findings), key=key)]


def failures_only(
    findings: Sequence[Finding],
    *,
    strict: bool = False,
    settled: frozenset[tuple[str, str]] = frozenset(),
) -> list[Finding]:
    """What `--quiet` shows: the failures that remain (`settled`: those `--fix` repaired)."""
    return [
        finding
        for finding in findings
        if finding.severity(strict) == "failure" and (finding.kind, finding.id) not in settled
    ]


def moved_runs(findings: Sequence[Finding], fixed: frozenset[tuple[str, str]]) -> list[list[int]]:
    """Indices of each run of `moved` findings that one edit of a source explains: of one
    source and repair state, next to each other among that source's moved
    quotes, each shifted by the same number of characters; SHORTEST_MOVED_RUN or more."""
    runs: list[list[int]] = []
    last: dict[tuple[str, bool], list[int]] = {}
    for index, finding in enumerate(findings):
        if finding.verdict != "moved" or finding.shift is None:
            continue
        group = (finding.source, (finding.kind, finding.id) in fixed)
        current = last.get(group)
        if current is not None and findings[current[-1]].shift == finding.shift:
            current.append(index)
        else:
            last[group] = [index]
            runs.append(last[group])
    return [run for run in runs if len(run) >= SHORTEST_MOVED_RUN]


def grouped_moves(
    findings: Sequence[Finding],
    records: Sequence[dict[str, Any]],
    fixed: frozenset[tuple[str, str]] = frozenset(),
) -> list[dict[str, Any]]:
    """The records (one per finding, in the same order), each run of moved claims
    (`moved_runs`) replaced by one record where its first claim stands."""
    dropped: set[int] = set()
    replaced: dict[int, dict[str, Any]] = {}
    for run in _told_alike(moved_runs(findings, fixed), records):
        first = findings[run[0]]
        replaced[run[0]] = {
            **records[run[0]],
            "id": f"{records[run[0]]['id']} and {len(run) - 1} more",
            "message": moved_run_message(len(run), first.shift or 0, first.place or first.source),
            "diff": None,
        }
        dropped.update(run[1:])
    return [
        replaced.get(index, record) for index, record in enumerate(records) if index not in dropped
    ]


def _told_alike(runs: list[list[int]], records: Sequence[dict[str, Any]]) -> list[list[int]]:
    """Each run cut where its records differ in what a reader must see apart (severity,
    ignored or not, and why): one line never tells an ignored claim and a failing one as one."""
    pieces: list[list[int]] = []
    for run in runs:
        pieces.append([run[0]])
        for index in run[1:]:
            if _seen_as(records[index]) == _seen_as(records[pieces[-1][-1]]):
                pieces[-1].append(index)
            else:
                pieces.append([index])
    return [piece for piece in pieces if len(piece) >= SHORTEST_MOVED_RUN]


def _seen_as(record: dict[str, Any]) -> tuple[Any, ...]:
    return record["severity"], record.get("ignored", False), record.get("ignore_reason")


def moved_run_message(count: int, shift: int, place: str) -> str:
    """`44 claims moved by +37 characters from seeds/a.txt:19:75 on (…)`."""
    return (
        f"{count} claims moved by {shift:+d} characters from {place} on (text was added "
        "or removed before there); --verbose lists each"
    )
