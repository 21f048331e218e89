"""`diff`: what changed between two versions of a claims file, record by record, field by field.

A pure function of two loaded catalogs: records are matched by id; a record in one
version only is added or removed; a record in both is changed when any field of
meaning differs. A claim whose anchors alone moved (the offsets of a quote found once,
or a prefix or suffix written where there was none) is "re-anchored": `check --fix`
writes those, and they change no meaning. Other anchor changes are changes: they can
move a quote found twice to its other place (`_other_passage`). Nothing else is left out: a
change of any other field, however small, is named.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError

KINDS = ("claim", "actor", "target", "source")
"""The record kinds, in the order a reader wants them: claims first."""
STATUSES = ("added", "removed", "changed", "re-anchored")
ANCHORS = ("start", "end", "prefix", "suffix")
"""Where a claim's quote was last found: written by `check --fix`, no part of its meaning."""


@dataclass(frozen=True)
class FieldChange:
    """One field of a record, before and after (as plain JSON values)."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class RecordChange:
    """One record added, removed, changed or re-anchored."""

    kind: str
    id: str
    status: str
    fields: tuple[FieldChange, ...] = ()
    """Changed fields of meaning (for "changed")."""
    anchors: tuple[FieldChange, ...] = ()
    """Changed anchors of a claim (alone: "re-anchored"; else beside its changes)."""
    record: dict[str, Any] | None = None
    """The whole record, for "added" (the new one) and "removed" (the old one)."""


def plain(value: Any) -> Any:
    """A record's value as JSON would hold it: dates as ISO text, entries as objects."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {key: plain(item) for key, item in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _records(catalog: Catalog, kind: str) -> Mapping[str, NamedTuple]:
    tables: dict[str, Mapping[str, Any]] = {
        "claim": catalog.claims,
        "actor": catalog.actors,
        "target": catalog.targets,
        "source": catalog.sources,
    }
    return tables[kind]


def _other_passage(change: FieldChange, unique: bool) -> bool:
    """Whether an anchor change may point the quote at another passage: a recorded prefix
    or suffix that reads differently or is gone, or offsets that moved for a quote that is
    not found exactly once in its source (words found twice are told apart only by their
    anchors: moving them to the other place changes whose words are cited). A first
    anchoring (a prefix or suffix where there was none), or offsets of a unique quote, do
    not."""
    if change.field in ("prefix", "suffix"):
        return change.before is not None
    return not unique


def record_change(
    kind: str, before: NamedTuple, after: NamedTuple, *, unique: bool = True
) -> RecordChange | None:
    """How one record differs between two versions, or None when it does not. `unique`:
    whether a claim's quote stands exactly once in its source (`_unique_quote`)."""
    if before == after:
        return None
    old, new = plain(before), plain(after)
    changed = [
        FieldChange(key, old.get(key), new.get(key))
        for key in dict.fromkeys([*old, *new])
        if old.get(key) != new.get(key) or type(old.get(key)) is not type(new.get(key))
    ]
    anchors = tuple(
        change
        for change in changed
        if kind == "claim" and change.field in ANCHORS and not _other_passage(change, unique)
    )
    fields = tuple(change for change in changed if change not in anchors)
    status = "changed" if fields else "re-anchored"
    return RecordChange(kind, new["id"], status, fields, anchors)


def diff_catalogs(old: Catalog, new: Catalog) -> list[RecordChange]:
    """Every record added, removed, changed or re-anchored from `old` to `new`.

    Claims first, then actors, targets and sources; within a kind in the old file's
    order, records only in the new one after, in its order.
    """
    changes: list[RecordChange] = []
    for kind in KINDS:
        before, after = _records(old, kind), _records(new, kind)
        for record_id in dict.fromkeys([*before, *after]):
            if record_id not in after:
                changes.append(
                    RecordChange(kind, record_id, "removed", record=plain(before[record_id]))
                )
            elif record_id not in before:
                changes.append(
                    RecordChange(kind, record_id, "added", record=plain(after[record_id]))
                )
            elif before[record_id] != after[record_id]:  # the usual case at C speed: equal
                new_record = after[record_id]
                unique = kind != "claim" or _unique_quote(new, new_record)
                change = record_change(kind, before[record_id], new_record, unique=unique)
                if change is not None:
                    changes.append(change)
    return changes


def _unique_quote(catalog: Catalog, claim: Any) -> bool:
    """Whether the claim's quote stands exactly once in its source as the catalog reads it
    (unreadable, or found otherwise than verbatim: not known to be unique)."""
    try:
        text = catalog.source_text(claim.source)
        first = text.find(claim.quote)
        return first >= 0 and text.find(claim.quote, first + 1) < 0
    except (DprkError, OSError, LookupError, TypeError):  # a record no file would hold
        return False


def summary(changes: Iterable[RecordChange]) -> dict[str, dict[str, int]]:
    """How many records of each kind were added, removed, changed, re-anchored (non-zero)."""
    counts = Counter((change.kind, change.status) for change in changes)
    return {
        kind: {status: counts[kind, status] for status in STATUSES if counts[kind, status]}
        for kind in KINDS
        if any(counts[kind, status] for status in STATUSES)
    }


_TOKEN = re.compile(r"\s+|\S+")


def word_ops(before: str, after: str) -> list[tuple[str, str]]:
    """Two texts as runs of kept (`=`), removed (`-`) and added (`+`) words, spaces kept:
    joining the `=` and `-` runs gives `before`, the `=` and `+` runs `after`."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    ops: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(old[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(new[j1:j2])))
    return ops


def stance_changes(before: list[dict[str, str]], after: list[dict[str, str]]) -> list[str]:
    """A claim's stances before and after, target by target: `panel-of-experts: support →
    oppose`, `russia-veto: added (support)`, `…: removed (oppose)`; `order: a, b → b, a`
    when only the order moved (the first stance is the claim's main one)."""
    old = {entry["target"]: entry["stance"] for entry in before}
    new = {entry["target"]: entry["stance"] for entry in after}
    lines = []
    for target in dict.fromkeys([*old, *new]):
        if target not in new:
            lines.append(f"{target}: removed ({old[target]})")
        elif target not in old:
            lines.append(f"{target}: added ({new[target]})")
        elif old[target] != new[target]:
            lines.append(f"{target}: {old[target]} → {new[target]}")
    if not lines:
        lines.append(f"order: {', '.join(old)} → {', '.join(new)}")
    return lines


def diff_document(old_name: str, new_name: str, changes: list[RecordChange]) -> dict[str, Any]:
    """The diff as JSON data: both names, the counts, then each change with its fields."""
    return {
        "old": old_name,
        "new": new_name,
        "summary": summary(changes),
        "changes": [
            {
                "kind": change.kind,
                "id": change.id,
                "status": change.status,
                "fields": [vars(field) for field in change.fields],
                "anchors": [vars(field) for field in change.anchors],
                "record": change.record,
            }
            for change in changes
        ],
    }


def summary_line(changes: list[RecordChange]) -> str:
    """`claims: 1 added, 2 changed; actors: 1 removed`, or `no changes`."""
    counts = summary(changes)
    if not counts:
        return "no changes"
    return "; ".join(
        f"{kind}s: " + ", ".join(f"{count} {status}" for status, count in tally.items())
        for kind, tally in counts.items()
    )


WORD_DIFFED = ("quote", "summary", "description", "title", "role", "label", "name")
"""Text fields shown as a word diff; other fields as `before → after` JSON values."""


def shown_ops(change: FieldChange) -> list[tuple[str, str]] | None:
    """A text field's word diff, whitespace-only runs spelt out (`·` a space), or None
    for a field shown as its two values."""
    if change.field not in WORD_DIFFED:
        return None
    if not isinstance(change.before, str) or not isinstance(change.after, str):
        return None
    ops = word_ops(change.before, change.after)
    if _mostly_rewritten(ops, change.before, change.after):
        return None
    return [(tag, text if tag == "=" or text.strip() else _spelt(text)) for tag, text in ops]


def _mostly_rewritten(ops: list[tuple[str, str]], before: str, after: str) -> bool:
    """Whether the text was written anew: edited in several places with less than half of
    the longer version kept. Its two versions then read better than alternating one-word
    edits; a sentence added to a kept one stays a word diff."""
    kept = sum(len(text.strip()) for tag, text in ops if tag == "=")
    edits = sum(tag != "=" for tag, _ in ops)
    return edits >= 4 and kept * 2 < max(len(before.strip()), len(after.strip()))


def _spelt(blank: str) -> str:
    """Added or removed whitespace made visible: `·` a space, `⏎` a line break, `⇥` a tab."""
    named = {" ": "·", "\n": "⏎", "\t": "⇥", "\r": "␍"}
    return "".join(named.get(char, f"\\u{ord(char):04x}") for char in blank)


def gist(record: dict[str, Any]) -> str:
    """What a record is, in a few words: a claim's quote, an actor's name, a target's label,
    a source's title."""
    for key in ("quote", "name", "label", "title"):
        if isinstance(record.get(key), str):
            return str(record[key])
    return ""


def value_text(value: Any) -> str:
    """A field's value on one line, as JSON writes it (`null`, `"text"`, `["a", "b"]`)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def field_lines(change: FieldChange) -> list[str]:
    """A changed field's values in words, one line each (stances target by target; a text
    written anew as its two versions, `- before` and `+ after`)."""
    if change.field == "stances":
        return stance_changes(change.before or [], change.after or [])
    if (
        change.field in WORD_DIFFED
        and isinstance(change.before, str)
        and isinstance(change.after, str)
    ):
        return [f"- {change.before}", f"+ {change.after}"]
    return [f"{value_text(change.before)} → {value_text(change.after)}"]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>~|!&@#])")
"""What inline Markdown (GitHub's included) could read as markup, a link, an HTML tag or
entity, a mention or an issue reference; each is backslash-escaped."""


def _md(text: str) -> str:
    """Text from data, inert in Markdown: one line, every character markup could use escaped."""
    from dprktrack.output.safetext import one_line

    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def _md_run(tag: str, text: str) -> str:
    """One run of a word diff in Markdown: struck out, bold or plain, its edge spaces kept
    outside the marks (`** a**` would not render bold)."""
    if not text.strip():
        return text if set(text) <= {" "} else _md(text)  # a line end shown, never obeyed
    core = text.strip()
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    marks = {"=": "{}", "-": "~~{}~~", "+": "**{}**"}
    return lead + marks[tag].format(_md(core)) + trail


def _md_field(change: FieldChange) -> list[str]:
    ops = shown_ops(change)
    if ops is not None:
        shown = "".join(_md_run(tag, text) for tag, text in ops)
        return [f"  - `{change.field}`: {shown}"]
    return [f"  - `{change.field}`: {_md(line)}" for line in field_lines(change)]


def _md_change(change: RecordChange) -> list[str]:
    head = f"- **{change.status}** {change.kind} `{change.id}`"
    if change.record is not None:
        return [f"{head}: {_md(gist(change.record))}"]
    lines = [head]
    for field in change.fields:
        lines.extend(_md_field(field))
    if change.anchors:
        moved = ", ".join(field.field for field in change.anchors)
        lines.append(f"  - re-anchored ({_md(moved)}): the quote's place, not its meaning")
    return lines


def diff_markdown(old_name: str, new_name: str, changes: list[RecordChange]) -> str:
    """The diff for a pull-request comment: a heading, the counts, a list per kind."""
    out = [f"### Claims file: {_md(old_name)} → {_md(new_name)}", "", _md(summary_line(changes))]
    for kind in KINDS:
        of_kind = [change for change in changes if change.kind == kind]
        if of_kind:
            out.extend(["", f"#### {kind.capitalize()}s", ""])
            for change in of_kind:
                out.extend(_md_change(change))
    return "\n".join(out) + "\n"
