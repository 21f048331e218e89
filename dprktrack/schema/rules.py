"""The rules a claims file's values follow, free of pydantic so lookups can load fast.

The pydantic models (models.py) apply the patterns, limits and rules here; the quick
check (quickcheck.py) applies them too; `cross_reference_problems` reports what a schema
cannot express (unknown or duplicate ids, a source path leaving the claims folder).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, TypeGuard

from dprktrack.errors import JsonPath, Problem
from dprktrack.output.safetext import visible

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
TEXT_PATTERN = r"\S"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
REVIEW_PIN_PATTERN = r"^[0-9a-f]{16}$"
_UNSEEN = r"\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
WEB_ADDRESS_PATTERN = rf"^https?://[^\s/?#{_UNSEEN}]+[^\s{_UNSEEN}]*$"
"""An http(s) address with a host, no white space and no character a reader cannot see
(controls, zero-width and direction marks): what a browser opens as a link."""
LANGUAGE_PATTERN = r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$"
"""A BCP 47 language tag's shape (en, en-GB, zh-Hant-TW): a language, then subtags."""
MAX_WEB_ADDRESS = 2_048
MAX_LANGUAGE_TAG = 35
QUOTE_PATTERN = r"\w\W*\w"
"""Two letters or digits: a quote of one character (or of punctuation) ties nothing down."""
MAX_TEXT = 10_000
"""The longest text field, in characters: a longer quote is a passage, not a quote."""
PATTERN_MESSAGES = {
    SLUG_PATTERN: "must be a slug: lowercase letters and digits joined by single hyphens",
    TEXT_PATTERN: "must not be empty or only white space",
    SHA256_PATTERN: "must be 64 lowercase hexadecimal digits",
    REVIEW_PIN_PATTERN: "must be 16 lowercase hexadecimal digits (written by `dprktrack approve`)",
    QUOTE_PATTERN: "must hold at least two letters or digits",
    WEB_ADDRESS_PATTERN: "must be a web address beginning http:// or https://, without spaces",
    LANGUAGE_PATTERN: "must be a BCP 47 language tag such as en, ko or en-GB",
}
"""What each pattern means, said to a curator instead of the regular expression."""
DATE_PATTERN = r"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
"""A date's shape, for editors only: `iso_date` checks it (and that the date is real)."""
DATE_FORM = "expected a date as YYYY-MM-DD"
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def iso_date(value: Any) -> str:
    """The value if it is a real calendar date written YYYY-MM-DD; else why not.

    Nothing else passes: a year alone or a month (the day unknown) belongs in the
    summary, and a number or a date with a time is a slip that sorting and
    comparing would otherwise carry on silently.
    """
    match = _ISO_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(DATE_FORM)
    year, month, day = (int(part) for part in match.groups())
    try:
        date(year, month, day)
    except ValueError as err:
        raise ValueError(f"is not a real date ({err})") from None
    return match.string


def offsets_problem(start: int | None, end: int | None) -> str | None:
    """What is wrong with a claim's offsets (start and end, given as non-negative integers
    or left out), or None: the models' validator and the quick check both ask this."""
    if (start is None) != (end is None):
        return "start and end are given together or not at all"
    if start is not None and end is not None and end < start:
        return f"end ({end}) comes before start ({start})"
    return None


def cross_reference_problems(data: Any) -> list[Problem]:
    """Everything a schema cannot say: duplicate ids, dangling references, escaping paths.

    Works on the raw JSON data, skipping whatever has the wrong shape (the schema
    reports that), so a file with schema errors gets these problems reported too.
    """
    problems: list[Problem] = []
    known: dict[str, set[str]] = {}
    for section in ("sources", "actors", "targets", "claims"):
        known[section] = _ids(section, data, problems)
    for index, source in _records(data, "sources"):
        path = source.get("path")
        reason = unsafe_relative_path(path) if isinstance(path, str) else None
        if reason:
            problems.append(Problem(("sources", index, "path"), reason))
    problems += member_problems(_records(data, "actors"), known["actors"])
    problems += date_problems(_records(data, "sources"), _records(data, "claims"))
    claims = _records(data, "claims")
    if _all_references_hold([claim for _, claim in claims], known):
        return problems
    # A list the schema refused whole is one slip: its ids are not also called unknown.
    refused = {section for section in known if not _is_list(data, section)}
    for index, claim in claims:
        if not _references_hold(claim, known):
            problems.extend(_claim_reference_problems(index, claim, known, refused))
    return problems


def date_problems(
    sources: list[tuple[int, dict[str, Any]]], claims: list[tuple[int, dict[str, Any]]]
) -> list[Problem]:
    """Dates out of order: a statement dated after its source was published, a text taken
    from the web before it was published. Dates of the wrong form are the schema's to
    report; YYYY-MM-DD strings compare as the dates do."""
    published: dict[str, str] = {}
    problems: list[Problem] = []
    for index, source in sources:
        day, taken = source.get("published"), source.get("retrieved")
        if not _is_date(day):
            continue
        published[str(source.get("id"))] = day
        if _is_date(taken) and taken < day:
            message = f"retrieved {taken}, before the source was published ({day})"
            problems.append(Problem(("sources", index, "retrieved"), message))
    for index, claim in claims:
        day, source_id = claim.get("date"), claim.get("source")
        if _is_date(day) and isinstance(source_id, str) and day > published.get(source_id, day):
            when = published[source_id]
            message = f"dated {day}, after its source {source_id!r} was published ({when})"
            claim_id = claim.get("id") if isinstance(claim.get("id"), str) else None
            problems.append(Problem(("claims", index, "date"), message, claim_id))
    return problems


def _is_date(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and _ISO_DATE.fullmatch(value) is not None


def member_problems(actors: list[tuple[int, dict[str, Any]]], known: set[str]) -> list[Problem]:
    """What is wrong with the groups: a member that is no actor, given twice, the group
    itself, or a group with members of its own (list its members instead: one level keeps
    every lookup linear and no loop possible); members on an actor that is no group."""
    groups = {
        actor["id"]
        for _, actor in actors
        if isinstance(members := actor.get("members"), list) and members
    }
    if not groups:
        return []  # the usual case: no groups at all
    problems: list[Problem] = []
    for index, actor in actors:
        members = actor.get("members")
        if isinstance(members, list) and members:
            problems += _group_problems(index, actor, members, known, groups)
    return problems


def _group_problems(
    index: int, actor: dict[str, Any], members: list[Any], known: set[str], groups: set[Any]
) -> list[Problem]:
    actor_id = actor.get("id")
    found: list[Problem] = []
    if actor.get("kind") != "group":
        found.append(Problem(("actors", index, "members"), "only a group (kind group) has members"))
    seen: set[str] = set()
    for position, member in enumerate(members):
        if not isinstance(member, str):
            continue  # the schema says what is wrong with it
        at = ("actors", index, "members", position)
        if member == actor_id:
            found.append(Problem(at, f"a group cannot be a member of itself ({member!r})"))
        elif member not in known:
            found.append(Problem(at, f"unknown actor {member!r}; known: {_listing(known)}"))
        elif member in seen:
            found.append(Problem(at, f"member {member!r} is given more than once"))
        elif member in groups:
            message = f"{member!r} is a group with members of its own; list its members instead"
            found.append(Problem(at, message))
        seen.add(member)
    return found


def _is_list(data: Any, section: str) -> bool:
    return isinstance(data, dict) and isinstance(data.get(section), list)


def _all_references_hold(claims: list[dict[str, Any]], known: dict[str, set[str]]) -> bool:
    """One pass of set arithmetic for the usual case, a file whose references all hold.

    Anything unusual (a missing key, a value of the wrong type) answers no, and the
    claim-by-claim pass that can say what is wrong takes over.
    """
    try:
        stances = [claim["stances"] for claim in claims]
        targets = [[entry["target"] for entry in entries] for entries in stances]
        relays = {claim.get("reported_via") for claim in claims} - {None}
        return (
            {claim["source"] for claim in claims} <= known["sources"]
            and {claim["actor"] for claim in claims} | relays <= known["actors"]
            and {target for listed in targets for target in listed} <= known["targets"]
            and all(len(listed) == 1 or len(set(listed)) == len(listed) for listed in targets)
        )
    except (KeyError, TypeError):
        return False


def _references_hold(claim: dict[str, Any], known: dict[str, set[str]]) -> bool:
    """A quick yes for the common case, so only a claim with a slip gets the detailed pass."""
    source, actor, relay = claim.get("source"), claim.get("actor"), claim.get("reported_via")
    stances = claim.get("stances")
    if not (isinstance(source, str) and isinstance(actor, str) and isinstance(stances, list)):
        return False
    actors = known["actors"]
    if source not in known["sources"] or actor not in actors:
        return False
    if relay is not None and (not isinstance(relay, str) or relay not in actors):
        return False
    targets = [entry.get("target") if isinstance(entry, dict) else None for entry in stances]
    if not all(isinstance(target, str) and target in known["targets"] for target in targets):
        return False
    return len(set(targets)) == len(targets)


def _records(data: Any, section: str) -> list[tuple[int, dict[str, Any]]]:
    """The entries of one top-level list that are JSON objects, with their positions."""
    entries = data.get(section) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    return [(index, entry) for index, entry in enumerate(entries) if isinstance(entry, dict)]


def _ids(section: str, data: Any, problems: list[Problem]) -> set[str]:
    records = _records(data, section)
    ids = [record.get("id") for _, record in records]
    strings = [record_id for record_id in ids if isinstance(record_id, str)]
    unique = set(strings)
    if len(unique) == len(ids):
        return unique  # the usual case, at set speed
    first_seen: dict[str, int] = {}
    for index, record in records:
        record_id = record.get("id")
        if not isinstance(record_id, str):
            continue
        if record_id in first_seen:
            first = f"$.{section}[{first_seen[record_id]}]"
            claim_id = record_id if section == "claims" else None
            message = f"duplicate id {record_id!r} (first at {first})"
            problems.append(Problem((section, index, "id"), message, claim_id))
        else:
            first_seen[record_id] = index
    return set(first_seen)


def _claim_reference_problems(
    index: int, claim: dict[str, Any], known: dict[str, set[str]], refused: set[str]
) -> list[Problem]:
    claim_id = claim.get("id") if isinstance(claim.get("id"), str) else None
    problems = []

    def check(path: JsonPath, kind: str, section: str, value: Any) -> None:
        if isinstance(value, str) and section not in refused and value not in known[section]:
            valid = _listing(known[section])
            message = f"unknown {kind} {value!r}; known: {valid}"
            problems.append(Problem(("claims", index, *path), message, claim_id))

    check(("source",), "source", "sources", claim.get("source"))
    check(("actor",), "actor", "actors", claim.get("actor"))
    check(("reported_via",), "actor", "actors", claim.get("reported_via"))
    stances = claim.get("stances")
    seen_targets: set[str] = set()
    for position, entry in enumerate(stances if isinstance(stances, list) else []):
        target = entry.get("target") if isinstance(entry, dict) else None
        check(("stances", position, "target"), "target", "targets", target)
        if isinstance(target, str) and target in seen_targets:
            message = f"target {target!r} is given more than once in this claim"
            problems.append(
                Problem(("claims", index, "stances", position, "target"), message, claim_id)
            )
        if isinstance(target, str):
            seen_targets.add(target)
    return problems


def _listing(values: Iterable[str], limit: int = 12) -> str:
    ordered = sorted(values)
    shown = ", ".join(ordered[:limit])
    return shown + (f", … ({len(ordered) - limit} more)" if len(ordered) > limit else "")


def unsafe_relative_path(path: str) -> str | None:
    """Why a source path may not be used, judged on its text alone; None when it is fine.

    Paths are POSIX-style and relative to the folder of claims.json; `..` may be used
    only as long as it never climbs above that folder. Hidden files and folders are
    never sources: .git/config holds a CI's token, .env files hold secrets.
    """
    posix = PurePosixPath(path)
    rules = [
        (
            visible(path) != path or "\n" in path or "\t" in path,
            "must not hold control characters (\\x1b, \\u202e, …)",
        ),
        (path.startswith("/"), "must be relative to the folder of the claims file"),
        (
            "\\" in path or bool(PureWindowsPath(path).drive),
            "must use forward slashes and no drive letter",
        ),
        (
            any(part.startswith(".") and part not in (".", "..") for part in posix.parts),
            "must not name a hidden file or folder (such as .git)",
        ),
        (_climbs_out(posix), "leaves the folder of the claims file"),
    ]
    return next((f"source path {path!r} {reason}" for broken, reason in rules if broken), None)


def _climbs_out(path: PurePosixPath) -> bool:
    depth = 0
    for part in path.parts:
        depth += -1 if part == ".." else (0 if part == "." else 1)
        if depth < 0:
            return True
    return False
