"""What `check --fix` writes: fresh anchors, the source's spelling, renewed pins.

A finding carries its repair (the new field values) only when writing it is safe;
this module holds what decides that beyond one claim (`unrepaired`, `renewable`)
and the rewrite of the claims file itself: the repairs applied to its raw JSON,
the new text checked to load, written atomically or shown as a patch.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from dprktrack.check.findings import Finding, Report

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.matching.matcher import Document
    from dprktrack.matching.textpos import Span

ANCHOR_KEYS = ("start", "end", "prefix", "suffix")
"""Where new anchor fields go in a claim: right after its quote, in this order."""


def fresh_anchors(document: Document, span: Span) -> dict[str, Any]:
    """The anchor fields that point at `span` of the source as it reads now."""
    fresh = document.hints_for(span)
    return {"start": fresh.start, "end": fresh.end, "prefix": fresh.prefix, "suffix": fresh.suffix}


def unrepaired(finding: Finding, reason: str) -> Finding:
    """The finding without its repair, its message saying why `--fix` leaves it alone."""
    if not finding.repair:
        return finding
    message = f"{finding.message} (--fix leaves it alone: {reason})"
    return replace(finding, repair=None, message=message)


def renewable(pin: Finding, verdicts: list[Finding], complete: bool) -> Finding:
    """A changed source is re-pinned only when every one of its claims was checked and holds.

    The pin is a lock: a source off it fails the check until `--fix` renews it. A claim
    holds when it does not fail once `--fix` has written its repairs; as every repair
    offered passes at once (see `verdicts.judged`), that is when none fails now. A
    warning left unrepaired stays reported, on the renewed pin too.
    """
    failing = [f.id for f in verdicts if f.severity() == "failure"]
    if complete and not failing:
        return pin
    reason = (
        f"; pin kept until {len(failing)} failing claim(s) are settled"
        if failing
        else "; pin kept because only some claims were checked"
    )
    return Finding(pin.id, pin.kind, pin.verdict, pin.source, pin.message + reason, pin.path)


def apply_repairs(data: dict[str, Any], report: Report) -> tuple[dict[str, Any], list[Finding]]:
    """The claims document with every safe repair applied, and the ids of what changed.

    Works on the raw JSON data so that key order and every field the schema does not
    know about stay as the curator wrote them.
    """
    repaired = dict(data)
    sections = {name: list(data.get(name, [])) for name in ("sources", "claims")}
    changed: list[Finding] = []
    for finding in report.findings:
        if not finding.repair:
            continue
        section, index = finding.path[0], finding.path[1]
        assert isinstance(section, str)
        assert isinstance(index, int)
        record = sections[section][index]
        updated = with_fields(record, finding.repair)
        if updated != record:
            sections[section][index] = updated
            changed.append(finding)
    repaired.update(sections)
    return repaired, changed


def with_fields(record: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """`record` with `values` set: known keys keep their place, anchors follow the quote."""
    result: dict[str, Any] = {}
    for key, value in record.items():
        result[key] = values.get(key, value)
        if key == "quote":
            for anchor in ANCHOR_KEYS:
                if anchor in values and anchor not in record:
                    result[anchor] = values[anchor]
    for key, value in values.items():
        result.setdefault(key, value)
    return result


class RepairPlan(NamedTuple):
    """The claims file before and after `--fix`, and the findings whose repairs changed it.

    A named tuple: locate and check import this module, and a frozen dataclass costs
    about a millisecond to create at start, five times as much.
    """

    path: Path
    before: str
    after: str
    changed: tuple[Finding, ...]

    @property
    def fixed(self) -> frozenset[tuple[str, str]]:
        """(kind, id) of each record the repairs change."""
        return frozenset((finding.kind, finding.id) for finding in self.changed)

    def write(self) -> None:
        """Replace the claims file, atomically; refused if it changed since it was read."""
        from dprktrack.claimsfile.rewrite import replace_claims_file

        replace_claims_file(self.path, self.after, self.before)

    def patch(self) -> list[str]:
        """The change as a unified diff that `git apply` run here takes, line by line."""
        import difflib

        name = _patch_name(self.path)
        diff = difflib.unified_diff(
            _patch_lines(self.before), _patch_lines(self.after), f"a/{name}", f"b/{name}"
        )
        return [_ended(line) for line in diff]


def plan_repairs(catalog: Catalog, report: Report) -> RepairPlan:
    """Every safe repair of the report applied to the claims file's text, which must load."""
    from dprktrack.claimsfile.load import catalog_from_text
    from dprktrack.claimsfile.rewrite import dump_claims

    data, changed = apply_repairs(json.loads(catalog.raw), report)
    if not changed:
        return RepairPlan(catalog.path, catalog.raw, catalog.raw, ())
    text = dump_claims(data, newline="\r\n" if "\r\n" in catalog.raw else "\n")
    catalog_from_text(catalog.path, text)  # a repair must never leave a file that cannot load
    return RepairPlan(catalog.path, catalog.raw, text, tuple(changed))


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
