"""Analyst lookups over a loaded catalog: filters, and the flat records every format shares.

Records are plain dicts with stable keys (documented in the README), built once
and handed to whichever writer the user asked for.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from dprktrack.claimsfile import catalog as _catalog
from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError
from dprktrack.schema.records import Actor, Claim, StanceEntry
from dprktrack.schema.vocabulary import STANCES

if TYPE_CHECKING:
    from dprktrack.matching.textpos import LineIndex, Span
    from dprktrack.output.textfragment import FoldedText

Record = dict[str, Any]

CLAIM_FIELDS = (
    "id",
    "actor_id",
    "actor",
    "quote_type",
    "stances",
    "quote",
    "source",
    "start",
    "end",
    "line",
    "column",
    "summary",
    "reported_via",
    "date",
    "kind",
    "members",
    "jointly_with",
    "link",
)
ACTOR_FIELDS = (
    "id",
    "name",
    "kind",
    "role",
    "country",
    "aliases",
    "members",
    "claims",
    "joint_claims",
    "stances",
)
CELL_FIELDS = ("actor_id", "actor", "target", "stance", "counts", "claims", "jointly")
TARGET_FIELDS = ("id", "label", "description", "claims", "counts")


def fold(text: str) -> str:
    """A case-, accent- and punctuation-blind form, for matching what people type."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold()).split())


def actor_names(actor: Actor) -> list[str]:
    return [actor.id, actor.name, *actor.aliases]


def match_actors(actors: Iterable[Actor], query: str) -> list[str]:
    """Ids of the actors `query` names.

    An actor id selects exactly that actor. Any other text is a search: every word
    of it must begin a word of the actor's name or of one of its aliases, so "kim"
    finds both Kims and "us" finds the US actors but not Russia.
    """
    candidates = list(actors)
    wanted = fold(query)
    if not wanted:
        return []
    by_id = [actor.id for actor in candidates if fold(actor.id) == wanted]
    if by_id:
        return by_id
    words = wanted.split()
    return [
        actor.id
        for actor in candidates
        if any(_begins_words(words, fold(name).split()) for name in actor_names(actor))
    ]


def _begins_words(words: list[str], name_words: list[str]) -> bool:
    """Whether every query word begins some word of the name."""
    return all(any(name_word.startswith(word) for name_word in name_words) for word in words)


class ClaimFilter(NamedTuple):
    """What the analyst asked for. Values of one filter OR together; different filters AND.

    This module's records are named tuples: each lookup imports it, and a frozen dataclass
    costs about a millisecond at start where a named tuple costs a fifth of that.
    """

    actors: tuple[str, ...] = ()
    relays: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    quote_types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    greps: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    """statement, act: what a claim records (a claim file without acts has statements only)."""


def group_members(catalog: Catalog) -> dict[str, frozenset[str]]:
    """Each group's members (loading refuses groups inside groups: one level).

    A group's claim is also each member's: "Russia and China proposed" is something
    Russia proposed, jointly with China.
    """
    return {
        actor.id: frozenset(actor.members) for actor in catalog.actors.values() if actor.members
    }


def speakers(claim_actor: str, members: dict[str, frozenset[str]]) -> frozenset[str]:
    """Whose claim a claim is: its actor, and every member when the actor is a group."""
    return members.get(claim_actor, frozenset()) | {claim_actor}


def asked_actors(catalog: Catalog, wanted: ClaimFilter) -> frozenset[str]:
    """The ids --actor names: a group's claim found through one of them is marked joint."""
    return frozenset(_matched_ids(catalog, wanted.actors))


def jointly_with(catalog: Catalog, claim_actor: str, asked: frozenset[str]) -> list[str]:
    """The other members' names, when an asked actor made this claim as one of a group."""
    members = catalog.actors[claim_actor].members
    if claim_actor in asked or not asked.intersection(members):
        return []
    return [catalog.actors[member].name for member in members if member not in asked]


def _known(kind: str, option: str, values: Sequence[str], known: Iterable[str]) -> set[str]:
    """Resolve ids case-insensitively; unknown ones are a usage error listing the valid ids."""
    by_fold = {value.casefold(): value for value in known}
    unknown = [value for value in values if value.casefold() not in by_fold]
    if unknown:
        raise DprkError(
            f"unknown {kind} {unknown[0]!r} for {option}; valid: {', '.join(by_fold.values())}"
        )
    return {by_fold[value.casefold()] for value in values}


def stance_matcher(catalog: Catalog, wanted: ClaimFilter) -> Callable[[StanceEntry], bool]:
    """Whether one stance entry matches --target and --stance (both on the same entry)."""
    targets = _known("target", "--target", wanted.targets, catalog.targets)
    stances = set(wanted.stances)

    def matches(entry: StanceEntry) -> bool:
        return (not targets or entry.target in targets) and (not stances or entry.stance in stances)

    return matches


def _matched_ids(catalog: Catalog, queries: Iterable[str]) -> set[str]:
    return {i for query in queries for i in match_actors(catalog.actors.values(), query)}


def unmatched_actor_notes(catalog: Catalog, wanted: ClaimFilter) -> list[str]:
    """For each --actor or --via text that names no actor, a note with the nearest names."""
    notes = []
    for option, queries in (("--actor", wanted.actors), ("--via", wanted.relays)):
        for query in queries:
            if match_actors(catalog.actors.values(), query):
                continue
            ids = nearest_actors(catalog, query)
            hint = f"; did you mean {', '.join(ids)}?" if ids else "; `dprktrack actors` lists them"
            notes.append(f"no actor matches {option} {query!r}{hint}")
    return notes


def nearest_actors(catalog: Catalog, query: str) -> list[str]:
    """Ids of the actors whose id, name or alias is nearest a text that names none, for the
    "did you mean" every command that takes an actor gives after a slip."""
    from difflib import get_close_matches  # only for a slip: a lookup spares the import

    names = {
        fold(name): actor.id for actor in catalog.actors.values() for name in actor_names(actor)
    }
    near = get_close_matches(fold(query), list(names), n=6, cutoff=0.6)
    return list(dict.fromkeys(names[name] for name in near))[:3]


def select_claims(catalog: Catalog, wanted: ClaimFilter) -> list[Claim]:
    """The claims matching every given filter, in file order."""
    stance_matches = stance_matcher(catalog, wanted)
    sources = _known("source", "--source", wanted.sources, catalog.sources)
    actor_ids = _matched_ids(catalog, wanted.actors)
    relay_ids = _matched_ids(catalog, wanted.relays)
    greps = [fold(text) for text in wanted.greps]
    tests: list[Callable[[Claim], bool]] = []
    if wanted.actors:
        members = group_members(catalog)
        actor_ids |= {group for group, inside in members.items() if inside & actor_ids}
        tests.append(lambda claim: claim.actor in actor_ids)
    if wanted.kinds:
        kinds = {kind.lower() for kind in wanted.kinds}
        tests.append(lambda claim: claim.kind in kinds)
    if wanted.relays:
        tests.append(lambda claim: claim.reported_via in relay_ids)
    if wanted.quote_types:
        tests.append(lambda claim: claim.quote_type in wanted.quote_types)
    if sources:
        tests.append(lambda claim: claim.source in sources)
    if wanted.targets or wanted.stances:
        tests.append(lambda claim: any(map(stance_matches, claim.stances)))
    if greps:
        tests.append(lambda claim: any(g in fold(f"{claim.quote}\n{claim.summary}") for g in greps))
    return [claim for claim in catalog.claims.values() if all(test(claim) for test in tests)]


def claim_span(text: str, claim: Claim) -> Span | None:
    """The passage a claim quotes, where `dprktrack check` places it, or None.

    Quick when the claim's anchors hold (as `check --fix` leaves them); otherwise the
    check's own verdict decides, so lookups and check never disagree.
    """
    from dprktrack.matching.textpos import Span

    start, end = claim.start, claim.end
    if start is not None and end is not None and text[start:end] == claim.quote:
        return Span(start, end)
    from dprktrack.check.verdicts import placed_span
    from dprktrack.matching.matcher import Document

    return placed_span(Document(text), claim)


def claim_records(
    catalog: Catalog,
    claims: Iterable[Claim],
    asked: frozenset[str] = frozenset(),
    *,
    links: bool = True,
) -> list[Record]:
    """Flat claim records with the quote's offsets and line:column in its source, and a link
    that opens the source's web page at the quote (where the source has a url; None without
    `links`, for a view that shows none: each costs a search of its source).

    `asked` are the actors the user asked for (`asked_actors`): a group's claim found
    through one of them names the other members in `jointly_with`.
    """
    from dprktrack.matching.textpos import LineIndex
    from dprktrack.output.textfragment import quote_link

    line_indexes: dict[str, LineIndex] = {}
    folded: dict[str, FoldedText] = {}  # the sources last linked, folded once, a few kept
    records = []
    for claim in claims:
        text = catalog.source_text(claim.source)
        span = claim_span(text, claim)
        line = column = link = None
        url = catalog.sources[claim.source].url
        if span is not None:
            if url and links:
                link = quote_link(
                    url, _folded_source(folded, claim.source, text), span.start, span.end
                )
            if claim.source not in line_indexes:
                line_indexes[claim.source] = LineIndex(text)
            line, column = line_indexes[claim.source].position(span.start)
        records.append(
            {
                "id": claim.id,
                "actor_id": claim.actor,
                "actor": catalog.actors[claim.actor].name,
                "quote_type": claim.quote_type,
                "stances": [{"target": e.target, "stance": e.stance} for e in claim.stances],
                "quote": claim.quote,
                "source": claim.source,
                "start": span.start if span else None,
                "end": span.end if span else None,
                "line": line,
                "column": column,
                "summary": claim.summary,
                "reported_via": claim.reported_via,
                "date": claim.date,
                "kind": claim.kind,
                "members": list(catalog.actors[claim.actor].members),
                "jointly_with": jointly_with(catalog, claim.actor, asked),
                "link": link,
            }
        )
    return records


FOLDED_KEPT = 16
"""Sources kept folded while linking: claims mostly come grouped by source, and a folded
text costs as much memory again as the text."""


def _folded_source(kept: dict[str, FoldedText], source_id: str, text: str) -> FoldedText:
    """The source folded for its links, from `kept` (the least recently used dropped)."""
    from dprktrack.output.textfragment import fold

    if source_id in kept:
        kept[source_id] = kept.pop(source_id)  # most recent last
    else:
        if len(kept) >= FOLDED_KEPT:
            del kept[next(iter(kept))]
        kept[source_id] = fold(text)
    return kept[source_id]


def _in_stance_order(tally: Counter[str]) -> dict[str, int]:
    """Non-zero counts keyed support, oppose, neutral, mixed: the same order in every output."""
    return {stance: tally[stance] for stance in STANCES if tally[stance]}


def actor_records(catalog: Catalog, wanted: ClaimFilter) -> list[Record]:
    """Who is in the file, with claim and stance counts over the claims `wanted` selects.

    With no filter every actor is listed, silent ones too; with a filter only the
    actors that have a matching claim.
    """
    claims = select_claims(catalog, wanted)
    stance_matches = stance_matcher(catalog, wanted)
    members = group_members(catalog)
    claim_counts = Counter(claim.actor for claim in claims)
    joint_counts = Counter(member for claim in claims for member in members.get(claim.actor, ()))
    claim_counts.update(joint_counts)
    # One pass of C-speed counting over (actor, target, stance), then grouped.
    triples = Counter(
        (speaker, entry.target, entry.stance)
        for claim in claims
        for entry in filter(stance_matches, claim.stances)
        for speaker in speakers(claim.actor, members)
    )
    counts: dict[str, dict[str, Counter[str]]] = {}
    for (actor, target, stance), count in triples.items():
        counts.setdefault(actor, {}).setdefault(target, Counter())[stance] = count
    filtered = wanted != ClaimFilter()
    asked = asked_actors(catalog, wanted)  # --actor russia: Russia's row, not China's
    return [
        {
            "id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "role": actor.role,
            "country": actor.country,
            "aliases": list(actor.aliases),
            "members": list(actor.members),
            "claims": claim_counts[actor.id],
            "joint_claims": joint_counts[actor.id],
            "stances": {
                target: _in_stance_order(tally)
                for target, tally in counts.get(actor.id, {}).items()
            },
        }
        for actor in catalog.actors.values()
        if (not filtered or claim_counts[actor.id]) and (not asked or actor.id in asked)
    ]


def stance_cells(catalog: Catalog, wanted: ClaimFilter) -> list[Record]:
    """One cell per (actor, target) pair with a stance: the grid behind `dprktrack stances`.

    A cell's `stance` is the actor's one stance toward the target, or `mixed` when
    their claims disagree; `counts` keeps the detail.
    """
    stance_matches = stance_matcher(catalog, wanted)
    members = group_members(catalog)
    asked = asked_actors(catalog, wanted)  # --actor russia: Russia's cells, not China's
    cells: dict[tuple[str, str], tuple[Counter[str], list[str]]] = {}
    jointly: dict[tuple[str, str], list[str]] = {}
    for claim in select_claims(catalog, wanted):
        for entry in filter(stance_matches, claim.stances):
            for speaker in speakers(claim.actor, members):
                if asked and speaker not in asked:
                    continue
                tally, ids = cells.setdefault((speaker, entry.target), (Counter(), []))
                tally[entry.stance] += 1
                ids.append(claim.id)  # once: a claim names each target once (loading checks)
                if speaker != claim.actor:
                    jointly.setdefault((speaker, entry.target), []).append(claim.id)
    actor_order = {actor_id: index for index, actor_id in enumerate(catalog.actors)}
    target_order = {target_id: index for index, target_id in enumerate(catalog.targets)}
    ordered = sorted(
        cells.items(), key=lambda item: (actor_order[item[0][0]], target_order[item[0][1]])
    )
    return [
        {
            "actor_id": actor_id,
            "actor": catalog.actors[actor_id].name,
            "target": target,
            "stance": next(iter(tally)) if len(tally) == 1 else "mixed",
            "counts": _in_stance_order(tally),
            "claims": ids,
            "jointly": jointly.get((actor_id, target), []),
        }
        for (actor_id, target), (tally, ids) in ordered
    ]


def target_records(catalog: Catalog) -> list[Record]:
    """Every target with how many claims take a stance on it, and which stances."""
    tallies: dict[str, Counter[str]] = {target: Counter() for target in catalog.targets}
    for claim in catalog.claims.values():
        for entry in claim.stances:
            tallies[entry.target][entry.stance] += 1
    return [
        {
            "id": target.id,
            "label": target.label,
            "description": target.description,
            "claims": sum(tallies[target.id].values()),
            "counts": _in_stance_order(tallies[target.id]),
        }
        for target in catalog.targets.values()
    ]


def closest_ids(known: Iterable[str], wanted: str, limit: int = 3) -> list[str]:
    """Ids that look like a mistyped one, for a helpful 'did you mean'.

    Ids equal but for zero padding ("c20" for "c020") come first.
    """
    from difflib import get_close_matches

    candidates = list(known)
    unpadded = _unpad(wanted)
    same_number = [candidate for candidate in candidates if _unpad(candidate) == unpadded]
    similar = get_close_matches(wanted, candidates, n=limit, cutoff=0.5)
    return (same_number + [c for c in similar if c not in same_number])[:limit]


def _unpad(identifier: str) -> str:
    return re.sub(r"\d+", lambda match: str(int(match.group())), identifier.casefold())


def claim_paragraph(catalog: Catalog, record: Record, context: int = 0) -> tuple[str, int | None]:
    """The source paragraph around a claim's quote, with `context` paragraphs before and
    after it, and the quote's offset in that text.

    A quote that cannot be placed has no paragraph: ("", None).
    """
    from dprktrack.matching.textpos import Span, paragraphs

    if record["start"] is None:
        return "", None
    text = catalog.source_text(record["source"])
    bounds = paragraphs(text, Span(record["start"], record["end"]), context)
    return text[bounds.start : bounds.end].rstrip(), record["start"] - bounds.start


def claim_details(catalog: Catalog, record: Record) -> list[tuple[str, str]]:
    """The labelled facts `show` prints above the quote."""
    actor = catalog.actors[record["actor_id"]]
    source = catalog.sources[record["source"]]
    where = str(catalog.source_path(source.id))
    if record["start"] is None:
        where += " (quote not placed in the source; `dprktrack check` says why)"
    else:
        where += f":{record['line']}:{record['column']} (offsets {record['start']}–{record['end']})"
    relay = record["reported_via"]
    members = [catalog.actors[member].name for member in actor.members]
    return [
        *([("members", ", ".join(members))] if members else []),
        ("role", actor.role or "—"),
        ("country", actor.country or "—"),
        ("type", record["quote_type"] + (" (an act)" if record["kind"] == "act" else "")),
        ("date", record["date"] or "—"),
        ("via", catalog.actors[relay].name if relay else "—"),
        ("summary", record["summary"]),
        ("source", f"{source.title} ({source.outlet}, {source.published})"),
        ("at", where),
        *([("link", record["link"])] if record.get("link") else []),
    ]


def unplaced_note(
    records: Sequence[Record], consequence: str = "their offsets are null"
) -> str | None:
    """A note naming the claims whose quote `check` cannot place, and what that means here."""
    missing = [record["id"] for record in records if record["start"] is None]
    if not missing:
        return None
    return (
        f"{len(missing)} quote(s) not placed in their source, so {consequence} "
        f"(`dprktrack check` says why): {', '.join(missing)}"
    )


class Annotation(NamedTuple):
    """One claimed span of a source, as the annotated article shows it."""

    start: int
    end: int
    claim_id: str
    actor: str
    stances: tuple[tuple[str, str], ...]
    """(target, stance) pairs, the main one first: it gives the span its colour."""


pick_source = _catalog.pick_source
"""(Kept here for its callers: it lives beside the Catalog, so a command that needs no
query imports none.)"""


def source_annotations(catalog: Catalog, source_id: str) -> tuple[list[Annotation], list[str]]:
    """The spans of a source's claims, and the ids of claims whose quote it cannot place."""
    text = catalog.source_text(source_id)
    annotations, unplaced = [], []
    for claim in catalog.claims.values():
        if claim.source != source_id:
            continue
        span = claim_span(text, claim)
        if span is None:
            unplaced.append(claim.id)
            continue
        stances = tuple((entry.target, entry.stance) for entry in claim.stances)
        name = catalog.actors[claim.actor].name
        annotations.append(Annotation(span.start, span.end, claim.id, name, stances))
    return annotations, unplaced


class Article(NamedTuple):
    """A source as `read` shows it: its text with every claimed span it can place."""

    source: str
    title: str
    text: str
    annotations: list[Annotation]
    unplaced: list[str]
    """Claims of this source whose quote it cannot place, so not shown."""


def article(catalog: Catalog, source_id: str | None) -> Article:
    """The source named (or the only one) with its claims' spans, ready to show."""
    source = pick_source(catalog, source_id, "the SOURCE argument")
    annotations, unplaced = source_annotations(catalog, source)
    title = catalog.sources[source].title
    return Article(source, title, catalog.source_text(source), annotations, unplaced)
