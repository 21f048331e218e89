"""Each field a curator gives, checked on its own: ids and slugs, actor names, stances,
dates; and the record they make, refused in plain words where the models refuse it."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.curate.anchoring import Located, Passage
from dprktrack.errors import DprkError
from dprktrack.query import fold, match_actors, nearest_actors
from dprktrack.schema.records import Actor, Target
from dprktrack.schema.rules import PATTERN_MESSAGES, SLUG_PATTERN, iso_date
from dprktrack.schema.vocabulary import STANCES

if TYPE_CHECKING:
    from pydantic import BaseModel


def next_claim_id(existing: Iterable[str]) -> str:
    """The next free id in the style the file already uses: c059 is followed by c060.

    The style is the commonest prefix of ids that end in a number (the first in file
    order on a tie), padded to the narrowest width those ids use; a file without such
    ids starts at c001.
    """
    ordered = list(existing)
    taken = set(ordered)
    numbered = [
        (match.group(1), match.group(2))
        for match in (re.fullmatch(r"(.*?)([0-9]+)", identifier) for identifier in ordered)
        if match
    ]
    if not numbered:
        prefix, width, number = "c", 3, 1
    else:
        prefix = Counter(prefix for prefix, _ in numbered).most_common(1)[0][0]
        digits = [digits for known, digits in numbered if known == prefix]
        width = min(len(run) for run in digits)
        number = max(int(run) for run in digits) + 1
    while f"{prefix}{number:0{width}d}" in taken:
        number += 1
    return f"{prefix}{number:0{width}d}"


def slug(text: str) -> str:
    """A slug id made from a name: "Russia–DPRK rapprochement" gives russia-dprk-rapprochement."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    latin = re.sub("['’]", "", bare.casefold().translate(_UNDECOMPOSED))  # Russia's: russias
    return "-".join(re.findall(r"[a-z0-9]+", latin))[:64].strip("-")


_UNDECOMPOSED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d",
                               "ð": "d", "þ": "th", "ı": "i"})  # fmt: skip
"""Latin letters NFKD does not split into a base letter and an accent."""


def free_id(known: Iterable[str], value: str, noun: str) -> str:
    """A new record's id, refused when blank, not a slug (so never in capitals) or taken."""
    wanted = value.strip()
    if not wanted:
        raise DprkError(f"--id: the {noun} id is empty")
    if not re.fullmatch(SLUG_PATTERN, wanted):
        raise DprkError(f"--id: {PATTERN_MESSAGES[SLUG_PATTERN]} (got {wanted!r})")
    if wanted in set(known):
        raise DprkError(f"{noun} id {wanted!r} is taken; choose another with --id")
    return wanted


def label_clashes(catalog: Catalog, label: str) -> list[str]:
    """Targets with the same label, which a reader of tables could not tell apart."""
    return [target.id for target in catalog.targets.values() if fold(target.label) == fold(label)]


def resolve_actor(catalog: Catalog, text: str, option: str) -> str:
    """The one actor `text` names, found as `list --actor` finds actors (an id exactly, else
    words beginning a name or alias); a text that fits several is refused with them listed,
    one that fits none with the nearest names."""
    found = match_actors(catalog.actors.values(), text)
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(f"{actor_id} ({catalog.actors[actor_id].name})" for actor_id in found)
        raise DprkError(f"{option} {text!r} names several actors: {listed}; give one id")
    near = nearest_actors(catalog, text)
    hint = f"did you mean {', '.join(near)}?" if near else f"actors: {', '.join(catalog.actors)}"
    raise DprkError(f"{option}: no actor {text!r}; {hint}")


def parse_stances(values: Iterable[str], targets: Mapping[str, Target]) -> list[dict[str, str]]:
    """`target=stance` pairs (each value may hold several, comma-separated) as stance
    entries; a slip is refused with the valid values."""
    by_fold = {target_id.casefold(): target_id for target_id in targets}
    entries: list[dict[str, str]] = []
    pairs = [pair.strip() for value in values for pair in value.split(",") if pair.strip()]
    for value in pairs:
        target_text, equals, stance_text = value.partition("=")
        target = by_fold.get(target_text.strip().casefold())
        stance = stance_text.strip().casefold()
        if not equals:
            raise DprkError(
                f"--stance {value!r}: write TARGET=STANCE, e.g. panel-of-experts=oppose"
            )
        if target is None:
            raise DprkError(
                f"--stance {value!r}: no target {target_text.strip()!r}; "
                f"targets: {', '.join(targets)}"
            )
        if stance not in STANCES:
            raise DprkError(f"--stance {value!r}: the stance is one of {', '.join(STANCES)}")
        if any(entry["target"] == target for entry in entries):
            raise DprkError(f"--stance: target {target!r} is given twice")
        entries.append({"target": target, "stance": stance})
    return entries


def build_record(
    model: type[BaseModel], values: Mapping[str, Any], options: Mapping[str, str]
) -> dict[str, Any]:
    """A new record with its absent optional fields (None, no aliases) left out, valid or
    refused. An empty prefix or suffix stays: it anchors a quote at the source's edge.

    Each problem names the option that supplied the value (from `options`), since
    the curator typed options, not JSON.
    """
    from pydantic import ValidationError

    from dprktrack.claimsfile.problems import problem_from_pydantic

    record = {key: value for key, value in values.items() if value is not None and value != []}
    try:
        model.model_validate(record)
    except ValidationError as err:
        messages = []
        for error in err.errors(include_url=False):
            problem = problem_from_pydantic(error, record)
            field = str(problem.path[0]) if problem.path else ""
            messages.append(f"{options.get(field, field)}: {problem.message}")
        raise DprkError(messages) from None
    return record


def existing_actor(catalog: Catalog, name: str, actor_id: str | None) -> str | None:
    """The actor a new one would repeat: the id given, or one whose id or name is the new
    name (case and punctuation aside); None for a new actor. A shared alias is only noted
    (`name_clashes`): two people may share a surname."""
    if actor_id is not None and actor_id.strip() in catalog.actors:
        return actor_id.strip()
    wanted = fold(name)
    for actor in catalog.actors.values():
        if wanted and wanted in (fold(actor.id), fold(actor.name)):
            return actor.id
    return None


def name_clashes(catalog: Catalog, actor: Actor) -> list[str]:
    """Existing actors a new actor's name or aliases would also select in lookups."""
    names = {fold(name) for name in (actor.name, *actor.aliases)}
    return [
        other.id
        for other in catalog.actors.values()
        if names & {fold(name) for name in (other.name, *other.aliases)}
    ]


def same_passage(catalog: Catalog, record: Mapping[str, Any]) -> list[str]:
    """Claims of the same actor already anchored on exactly this passage: a likely repeat."""
    return [
        claim.id
        for claim in catalog.claims.values()
        if (claim.actor, claim.source, claim.start, claim.end)
        == (record["actor"], record["source"], record["start"], record["end"])
    ]


def located_record(text: str, located: Located) -> dict[str, Any]:
    """What `locate --format json` prints: the hits, else the closest passages."""

    def record(passage: Passage) -> dict[str, Any]:
        return {
            "source": passage.source,
            "path": passage.path,
            "line": passage.line,
            "column": passage.column,
            "start": passage.span.start,
            "end": passage.span.end,
            "match": passage.kind,
            "score": None if passage.score is None else round(passage.score, 3),
            "occurrence": passage.occurrence,
            "quote": passage.spelling,
            "problem": passage.problem,
            "case_only": passage.case_only,
            "sentence": passage.sentence,
        }

    return {
        "text": text,
        "found": bool(located.hits),
        "occurrences": len(located.hits),
        "uncounted": located.uncounted,
        "too_long": located.too_long,
        "hits": [record(passage) for passage in located.hits],
        "closest": [record(passage) for passage in located.close],
    }


def check_date(value: str, option: str, published: date | None = None) -> str:
    """A statement date as the claims file takes it (YYYY-MM-DD), checked when typed rather
    than after every other question; a source cannot quote a statement made after it was
    published."""
    wanted = value.strip()
    try:
        iso_date(wanted)
    except ValueError as err:
        raise DprkError(f"{option}: {err} (got {value!r})") from None
    if published is not None and wanted > published.isoformat():
        raise DprkError(f"{option}: {wanted} is after the source was published ({published})")
    return wanted
