"""`check --format gitlab`: a check run as a GitLab Code Quality report (Code Climate JSON).

One issue per warning or failure that remains (and per pass, with `--include-ok`):
its description, check name (the verdict), fingerprint (`platforms.fingerprint`, so
an issue keeps its identity when lines shift), severity and place in the claims file.
Standard library only; plain data in, plain data out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dprktrack.check.platforms import fingerprint, relative_path, remaining, without_surrogates

SEVERITIES = {"failure": "major", "warning": "minor", "ignored": "info", "pass": "info"}
"""A severity as GitLab ranks it (info, minor, major, critical, blocker)."""


def code_quality(
    name: str, records: Sequence[Mapping[str, Any]], totals: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The Code Quality issues of one check of the claims file `name` (`records` as
    `reporters.result_records` gives them, passes listed only if they are to be shown)."""
    path = relative_path(name)
    issues = []
    for record in records:
        description = f"{record['id']} {record['verdict']}: {record['message']}{_excused(record)}"
        issues.append(
            {
                "type": "issue",
                "description": description,
                "check_name": f"dprktrack/{record['verdict']}",
                "fingerprint": fingerprint(record),
                "severity": SEVERITIES[remaining(record, totals)],
                "location": {"path": path, "lines": {"begin": record["line"]}},
            }
        )
    return list(without_surrogates(issues))


def _excused(record: Mapping[str, Any]) -> str:
    """` (ignored: REASON)` for a finding the settings file excuses, else nothing."""
    return f" (ignored: {record['ignore_reason']})" if record.get("ignored") else ""
