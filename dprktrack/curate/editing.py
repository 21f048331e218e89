"""`edit`, `edit-actor`, `edit-target` and the `remove` commands: a record of the claims file
replaced or dropped by id, the rest of the file left as it was, and each change told in words.

The section functions (`record_in`, `replaced`, `dropped`, `referrers`) work on any section,
so that other kinds of record can be edited the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.claimsfile.rewrite import dump_claims, newline_of
from dprktrack.curate.adding import (
    ACTOR_OPTIONS,
    CLAIM_OPTIONS,
    TARGET_OPTIONS,
    quotable_source,
)
from dprktrack.curate.anchoring import anchor_quote
from dprktrack.curate.approving import departures_to_approve
from dprktrack.curate.fields import (
    build_record,
    check_date,
    label_clashes,
    name_clashes,
    parse_stances,
    resolve_actor,
)
from dprktrack.errors import DprkError
from dprktrack.matching.departures import Review
from dprktrack.output.safetext import visible_json
from dprktrack.query import closest_ids
from dprktrack.schema.records import actor_of, claim_of
from dprktrack.schema.vocabulary import CLAIM_KINDS

if TYPE_CHECKING:
    from pydantic import BaseModel

Record = dict[str, Any]
PLAIN = ("kind", "quote_type", "date")
"""Fields told without quotes: their values are words of a closed list, or dates."""
ANCHORS = ("start", "end", "prefix", "suffix", "review_pin")
"""A claim's keys that follow from its quote: rewritten with it, told with it."""
CLEARABLE = {
    "claims": {
        "date": "date",
        "via": "reported_via",
        "reported-via": "reported_via",
        "kind": "kind",
    },
    "actors": {"role": "role", "country": "country", "aliases": "aliases", "members": "members"},
    "targets": {},
}
"""The optional fields `--clear` takes, by the name given on the command line."""
EDIT_OPTIONS = {
    # The options of `add`, but for those edit names otherwise or does not take.
    "claims": {key: option for key, option in CLAIM_OPTIONS.items() if key != "source"}
    | {"reported_via": "--via"},
    "actors": {key: option for key, option in ACTOR_OPTIONS.items() if key != "id"}
    | {"aliases": "--add-alias"},
    "targets": {key: option for key, option in TARGET_OPTIONS.items() if key != "id"},
}
"""The option that supplies each field, for the models' messages."""


# --- records by id, in any section -------------------------------------------------------


def known_id(known: Iterable[str], wanted: str, noun: str, catalog_name: str) -> str:
    """The id of an existing record (letter case aside), or an error with the nearest ids."""
    ids = list(known)
    by_fold = {identifier.casefold(): identifier for identifier in ids}
    found = by_fold.get(wanted.strip().casefold())
    if found is not None:
        return found
    near = closest_ids(ids, wanted.strip().casefold())
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise DprkError(f"no {noun} {wanted!r} in {catalog_name}{hint}")


def record_in(raw: str, section: str, record_id: str) -> Record:
    """A record as the file holds it (key order and all), found by id."""
    for record in json.loads(raw).get(section, []):
        if isinstance(record, dict) and record.get("id") == record_id:
            return dict(record)
    raise DprkError(f"no {section.removesuffix('s')} {record_id!r}")


def replaced(raw: str, section: str, record: Record) -> str:
    """The claims file's text with the record of the same id replaced, in its place."""
    data = json.loads(raw)
    data[section] = [
        record if isinstance(old, dict) and old.get("id") == record["id"] else old
        for old in data[section]
    ]
    return dump_claims(data, newline=newline_of(raw))


def dropped(raw: str, section: str, record_ids: Iterable[str]) -> str:
    """The claims file's text without the records of these ids."""
    gone = set(record_ids)
    data = json.loads(raw)
    data[section] = [
        old for old in data[section] if not (isinstance(old, dict) and old.get("id") in gone)
    ]
    return dump_claims(data, newline=newline_of(raw))


def patch(catalog: Catalog, text: str) -> list[str]:
    """The change from the file on disk to `text`, as a unified diff `git apply` takes."""
    from dprktrack.check.repairs import RepairPlan

    return RepairPlan(catalog.path, catalog.raw, text, ()).patch()


def with_values(old: Record, changes: Mapping[str, Any], order: Sequence[str]) -> Record:
    """`old` with `changes` made (None removes a key), its keys in their order; a new key
    goes after the nearest key the model lists before it."""
    result = {key: changes.get(key, value) for key, value in old.items()}
    result = {key: value for key, value in result.items() if value is not None}
    for key in order:
        if key in result or changes.get(key) is None:
            continue
        earlier = [name for name in order[: order.index(key)] if name in result]
        items = list(result.items())
        at = [name for name, _ in items].index(earlier[-1]) + 1 if earlier else 0
        items.insert(at, (key, changes[key]))
        result = dict(items)
    return result


def _validated(section: str, record: Record) -> Record:
    """The record checked whole by its model (its options named in messages)."""
    build_record(_model(section), record, EDIT_OPTIONS[section])
    return record


def _field_order(section: str) -> list[str]:
    return list(_model(section).model_fields)


def _model(section: str) -> type[BaseModel]:
    from dprktrack.schema.models import Actor, Claim, Source, Target

    models: dict[str, type[BaseModel]] = {
        "claims": Claim,
        "actors": Actor,
        "targets": Target,
        "sources": Source,
    }
    return models[section]


# --- who refers to a record ------------------------------------------------------------


def referrers(catalog: Catalog, section: str, record_id: str) -> list[str]:
    """The claims and groups that name a record, each with how: what keeps it from being
    removed."""
    found: list[str] = []
    if section == "actors":
        for claim in catalog.claims.values():
            roles = [
                role for role in ("actor", "reported_via") if getattr(claim, role) == record_id
            ]
            found += [f"{claim.id} ({role})" for role in roles]
        found += [
            f"group {actor.id} (member)"
            for actor in catalog.actors.values()
            if record_id in actor.members
        ]
    elif section == "targets":
        found += [
            f"{claim.id} (stance)"
            for claim in catalog.claims.values()
            if any(entry.target == record_id for entry in claim.stances)
        ]
    elif section == "sources":
        found += [
            f"{claim.id} (source)" for claim in catalog.claims.values() if claim.source == record_id
        ]
    return found


def removal(catalog: Catalog, section: str, wanted: Sequence[str]) -> tuple[str, list[str]]:
    """The file's text without the named records, and their ids: all or nothing (an unknown
    id refuses them all, as does a record that claims or groups still name)."""
    noun = section.removesuffix("s")
    sections: dict[str, Mapping[str, object]] = {
        "claims": catalog.claims,
        "actors": catalog.actors,
        "targets": catalog.targets,
        "sources": catalog.sources,
    }
    known = sections[section]
    problems: list[str] = []
    ids: list[str] = []
    for text in dict.fromkeys(wanted):
        try:
            ids.append(known_id(known, text, noun, catalog.name))
        except DprkError as err:
            problems += err.lines
    for record_id in dict.fromkeys(ids):
        named_by = [] if section == "claims" else referrers(catalog, section, record_id)
        if named_by:
            problems.append(
                f"{noun} {record_id} is still named by {', '.join(named_by)}; "
                "edit or remove them first"
            )
    if problems:
        raise DprkError([*problems, "nothing removed"])
    ids = list(dict.fromkeys(ids))
    return dropped(catalog.raw, section, ids), ids


# --- claims ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimChanges:
    """What `edit` was asked to change in a claim; None (or empty) leaves a field as it is."""

    actor: str | None = None
    via: str | None = None
    quote: str | None = None
    occurrence: int | None = None
    quote_type: str | None = None
    kind: str | None = None
    summary: str | None = None
    date: str | None = None
    stances: tuple[str, ...] = ()
    add_stances: tuple[str, ...] = ()
    remove_stances: tuple[str, ...] = ()
    clear: frozenset[str] = field(default_factory=frozenset)
    """Fields to remove, as CLEARABLE names them (date, via, kind)."""


@dataclass(frozen=True)
class Edited:
    """A record as an edit leaves it, the file's text with it, and what to tell the curator."""

    old: Record
    record: Record
    text: str
    told: list[str]
    """Each change in words, e.g. "c014: stances panel-of-experts oppose → mixed"."""
    notes: list[str] = field(default_factory=list)
    """What else the curator should know (a shared name, a quote retyped, a warning)."""
    review: Review = field(default_factory=lambda: Review((), ()))
    """A new quote's departures, which a person must approve before it is written."""
    places: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.record != self.old


def edited_claim(catalog: Catalog, claim_id: str, changes: ClaimChanges) -> Edited:
    """The claim with the changes made, valid as a record and passing `check`, or refused."""
    claim_id = known_id(catalog.claims, claim_id, "claim", catalog.name)
    old = record_in(catalog.raw, "claims", claim_id)
    values = _claim_values(catalog, old, changes)
    document = quotable_source(catalog, old["source"])
    notes: list[str] = []
    review = Review((), ())
    if changes.quote is not None:
        anchored = anchor_quote(document, changes.quote, changes.occurrence)
        values.update(
            quote=anchored.quote,
            start=anchored.start,
            end=anchored.end,
            prefix=anchored.prefix,
            suffix=anchored.suffix,
            review_pin=None,
        )
        if anchored.retyped:
            notes.append(
                f"the quote is stored in the source's own characters: "
                f"{visible_json(anchored.quote)}"
            )
        unpinned = with_values(old, values, _field_order("claims"))
        review = departures_to_approve(document, unpinned)
        if review.departures:
            values["review_pin"] = review.pin
    record = _validated("claims", with_values(old, values, _field_order("claims")))
    notes += _verdict_notes(document, record)
    places = tuple(document.where(departure.at) for departure in review.departures)
    told = told_claim(catalog, old, record, document.where)
    return Edited(old, record, replaced(catalog.raw, "claims", record), told, notes, review, places)


def _claim_values(catalog: Catalog, old: Record, changes: ClaimChanges) -> dict[str, Any]:
    """The new value of each field the changes touch (None: removed), each checked alone."""
    values: dict[str, Any] = {CLEARABLE["claims"][name]: None for name in changes.clear}
    if changes.actor is not None:
        values["actor"] = resolve_actor(catalog, changes.actor, "--actor")
    if changes.via is not None:
        values["reported_via"] = resolve_actor(catalog, changes.via, "--via")
    actor = values.get("actor", old.get("actor"))
    relay = values.get("reported_via", old.get("reported_via"))
    if relay is not None and relay == actor:
        raise DprkError(
            f"--via: {relay} is the claim's actor itself; a claim is not relayed by its speaker"
        )
    if changes.summary is not None:
        values["summary"] = changes.summary
    if changes.quote_type is not None:
        values["quote_type"] = changes.quote_type.lower()
    if changes.kind is not None:
        kind = changes.kind.lower()
        if kind != old.get("kind", "statement") or "kind" in old:
            values["kind"] = kind
    if changes.date is not None:
        published = catalog.sources[old["source"]].published
        values["date"] = check_date(changes.date, "--date", published)
    stances = _stances(catalog, old.get("stances", []), changes)
    if stances is not None:
        values["stances"] = stances
    return values


def _stances(
    catalog: Catalog, old: list[dict[str, str]], changes: ClaimChanges
) -> list[dict[str, str]] | None:
    """The claim's stances: all replaced (--stance), or changed one target at a time."""
    if changes.stances:
        return parse_stances(changes.stances, catalog.targets)
    if not (changes.add_stances or changes.remove_stances):
        return None
    entries = [dict(entry) for entry in old]
    by_fold = {target.casefold(): target for target in catalog.targets}
    for text in changes.remove_stances:
        target = by_fold.get(text.strip().casefold())
        if target is None or not any(entry["target"] == target for entry in entries):
            held = ", ".join(entry["target"] for entry in entries)
            raise DprkError(
                f"--remove-stance {text!r}: the claim takes no stance toward it; "
                f"its targets: {held}"
            )
        entries = [entry for entry in entries if entry["target"] != target]
    for entry in parse_stances(changes.add_stances, catalog.targets):
        at = [index for index, held in enumerate(entries) if held["target"] == entry["target"]]
        if at:
            entries[at[0]] = entry
        else:
            entries.append(entry)
    if not entries:
        raise DprkError(
            "--remove-stance: a claim keeps one stance at least; give another with --add-stance"
        )
    return entries


def _verdict_notes(document: Any, record: Record) -> list[str]:
    """Refuse a claim that `check` would fail; a warning (anchors that moved) is a note."""
    from dprktrack.check.findings import VERDICTS
    from dprktrack.check.verdicts import claim_finding

    finding = claim_finding(document, claim_of(record), 0)
    if finding.verdict == "ok":
        return []
    told = f"{finding.verdict}: {finding.message}"
    if VERDICTS[finding.verdict] == "failure":
        raise DprkError(
            f"{record['id']}: the claim would not pass `dprktrack check` ({told}); "
            "nothing written (give a quote that stands in the source with --quote)"
        )
    return [f"{record['id']}: `dprktrack check` warns: {told} (`check --fix` renews it)"]


def told_claim(
    catalog: Catalog, old: Record, new: Record, where: Callable[[int], str]
) -> list[str]:
    """Each change to a claim in words, the anchors told with the quote they follow."""
    told = []
    for key in _changed_keys(old, new):
        if key in ANCHORS:
            continue
        if key == "quote":
            told.append(f"quote {visible_json(new['quote'])} at {where(new['start'])}")
        elif key == "stances":
            told.append(f"stances {_stances_told(old.get('stances', []), new['stances'])}")
        elif key in ("actor", "reported_via") and key in new:
            actor = catalog.actors[new[key]]
            told.append(f"{key.replace('_', ' ')} {actor.name} ({actor.id})")
        else:
            told.append(_value_told(key, old.get(key), new.get(key)))
    if old.get("review_pin") != new.get("review_pin") and new.get("review_pin"):
        told.append(f"review_pin {new['review_pin']} (its departures approved)")
    return [f"{new['id']}: {line}" for line in told]


def _changed_keys(old: Record, new: Record) -> list[str]:
    keys = [*new, *(key for key in old if key not in new)]
    return [key for key in keys if old.get(key) != new.get(key)]


def _stances_told(old: list[dict[str, str]], new: list[dict[str, str]]) -> str:
    """Stance changes as "panel-of-experts oppose → mixed, + sanctions-regime support"."""
    before = {entry["target"]: entry["stance"] for entry in old}
    after = {entry["target"]: entry["stance"] for entry in new}
    parts = []
    for target, stance in after.items():
        if target not in before:
            parts.append(f"+ {target} {stance}")
        elif before[target] != stance:
            parts.append(f"{target} {before[target]} → {stance}")
    parts += [
        f"− {target} (was {stance})" for target, stance in before.items() if target not in after
    ]
    return ", ".join(parts) or "reordered"


def _value_told(key: str, old: Any, new: Any) -> str:
    if key == "kind" and old is None and new in CLAIM_KINDS:
        old = "statement"  # a claim without a kind is a statement
    if key == "kind" and new is None and old in CLAIM_KINDS:
        new = "statement"

    def shown(value: Any) -> str:
        if key in PLAIN and isinstance(value, str):
            return value
        return (
            visible_json(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        )

    if new is None:
        return f"{key} cleared (was {shown(old)})"
    if old is None:
        return f"{key} {shown(new)}"
    return f"{key} {shown(old)} → {shown(new)}"


# --- actors and targets ----------------------------------------------------------------


@dataclass(frozen=True)
class ActorChanges:
    """What `edit-actor` was asked to change; None (or empty) leaves a field as it is."""

    name: str | None = None
    add_aliases: tuple[str, ...] = ()
    remove_aliases: tuple[str, ...] = ()
    kind: str | None = None
    role: str | None = None
    country: str | None = None
    members: tuple[str, ...] = ()
    add_members: tuple[str, ...] = ()
    remove_members: tuple[str, ...] = ()
    clear: frozenset[str] = field(default_factory=frozenset)


def edited_actor(catalog: Catalog, actor_id: str, changes: ActorChanges) -> Edited:
    """The actor with the changes made, valid with the whole file, or refused."""
    actor_id = known_id(catalog.actors, actor_id, "actor", catalog.name)
    old = record_in(catalog.raw, "actors", actor_id)
    values: dict[str, Any] = {CLEARABLE["actors"][name]: None for name in changes.clear}
    for key in ("name", "role", "country"):
        if getattr(changes, key) is not None:
            values[key] = getattr(changes, key)
    if changes.kind is not None:
        values["kind"] = changes.kind.lower()
    aliases = _aliases(old, str(values.get("name", old["name"])), changes)
    if aliases is not None:
        values["aliases"] = aliases or None
    members = _members_after(catalog, actor_id, old.get("members", []), changes)
    if members is not None:
        values["members"] = members or None
    record = _validated("actors", with_values(old, values, _field_order("actors")))
    if record.get("members") and record.get("kind") != "group":
        raise DprkError(
            f"--member: only a group has members; {actor_id} is a {record['kind']} "
            "(give --kind group)"
        )
    clashes = [other for other in name_clashes(catalog, actor_of(record)) if other != actor_id]
    notes = [f"actor {other} has the same name or alias" for other in clashes]
    told = [f"{actor_id}: {line}" for line in _told_fields(old, record)]
    return Edited(old, record, replaced(catalog.raw, "actors", record), told, notes)


def _aliases(old: Record, name: str, changes: ActorChanges) -> list[str] | None:
    """The actor's aliases with some added or removed (once each, never the name itself)."""
    if not (changes.add_aliases or changes.remove_aliases) and "aliases" not in changes.clear:
        return None
    aliases = [] if "aliases" in changes.clear else list(old.get("aliases", []))
    for alias in changes.remove_aliases:
        if alias.strip() not in aliases:
            held = ", ".join(repr(known) for known in aliases) or "none"
            raise DprkError(
                f"--remove-alias {alias!r}: not an alias of {old['id']}; its aliases: {held}"
            )
        aliases.remove(alias.strip())
    aliases += [alias.strip() for alias in changes.add_aliases]
    return [alias for alias in dict.fromkeys(aliases) if alias and alias != name]


def _members_after(
    catalog: Catalog, group_id: str, old: Sequence[str], changes: ActorChanges
) -> list[str] | None:
    """A group's members, resolved like --actor: replaced, or added and removed one by one.
    A group may not contain itself."""
    if not (changes.members or changes.add_members or changes.remove_members):
        return [] if "members" in changes.clear else None
    members = [] if changes.members or "members" in changes.clear else list(old)
    for text in changes.remove_members:
        member = resolve_actor(catalog, text, "--remove-member")
        if member not in members:
            raise DprkError(f"--remove-member {text!r}: {member} is not a member of {group_id}")
        members.remove(member)
    for option, texts in (("--member", changes.members), ("--add-member", changes.add_members)):
        for text in texts:
            member = resolve_actor(catalog, text, option)
            if member == group_id:
                raise DprkError(
                    f"{option} {text!r} names {group_id}: a group cannot contain itself"
                )
            members.append(member)
    return list(dict.fromkeys(members))


def edited_target(
    catalog: Catalog, target_id: str, label: str | None, description: str | None
) -> Edited:
    """The target with a new label or description, valid, or refused."""
    target_id = known_id(catalog.targets, target_id, "target", catalog.name)
    old = record_in(catalog.raw, "targets", target_id)
    values = {
        key: value
        for key, value in (("label", label), ("description", description))
        if value is not None
    }
    record = _validated("targets", with_values(old, values, _field_order("targets")))
    notes = []
    if label is not None:
        same = [other for other in label_clashes(catalog, label) if other != target_id]
        notes += [f"target {other} has the same label" for other in same]
    told = [f"{target_id}: {line}" for line in _told_fields(old, record)]
    return Edited(old, record, replaced(catalog.raw, "targets", record), told, notes)


def _told_fields(old: Record, new: Record) -> list[str]:
    """Each changed field in words; lists (aliases, members) as what was added and removed."""
    told = []
    for key in _changed_keys(old, new):
        before, after = old.get(key), new.get(key)
        if isinstance(before or after, list):
            added = [item for item in after or [] if item not in (before or [])]
            gone = [item for item in before or [] if item not in (after or [])]
            parts = [f"+ {visible_json(item)}" for item in added]
            parts += [f"− {visible_json(item)}" for item in gone]
            told.append(f"{key} {', '.join(parts) or 'reordered'}")
        else:
            told.append(_value_told(key, before, after))
    return told
