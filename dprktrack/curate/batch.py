"""`add --from-json`: many claim drafts checked as `add` checks one, then written at once.

A batch is all or nothing: every record is checked (and its quote anchored) before the
claims file is touched, so a slip in the last record leaves the file as it was. The
first slip is reported on one line naming the file, the record's line:column and its
index, as `drafts.json:12:3: [3].stances: …`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.curate.adding import (
    CLAIM_OPTIONS,
    ClaimAnswers,
    NewClaim,
    new_claim,
    quotable_source,
)
from dprktrack.errors import DprkError
from dprktrack.matching.matcher import Document
from dprktrack.schema.vocabulary import CLAIM_KINDS, QUOTE_TYPES

DRAFT_FIELDS = (
    "source",
    "actor",
    "quote",
    "quote_type",
    "kind",
    "stances",
    "summary",
    "date",
    "reported_via",
    "occurrence",
)
"""The keys a draft may give: the fields of `add` (`occurrence` as `add --occurrence`)."""
T = TypeVar("T")

INFORMATIONAL = frozenset({"suggestion"})
"""Keys `suggest --format json` adds for the curator, read by no one."""
MAX_DRAFTS = 10_000
"""Records in one batch; a source of a few hundred statements needs far fewer."""
MAX_DRAFT_BYTES = 16 * 1024 * 1024
"""The largest batch read (a draft is under a kilobyte)."""


@dataclass(frozen=True)
class Draft:
    """One record of a batch, and where it stands in its file for messages."""

    index: int
    line: int
    column: int
    values: Any
    """As parsed: checked to be an object with known keys by `checked_claims`."""


def drafts_text(data: bytes, name: str) -> str:
    """A batch's bytes as text: strict UTF-8, no byte order mark, not empty."""
    from dprktrack.claimsfile.read import decode_utf8

    if data.startswith(b"\xef\xbb\xbf"):
        raise DprkError(f"{name}:1:1: starts with a byte order mark; save it as UTF-8 without BOM")
    if not data.strip():
        raise DprkError(f"{name}:1:1: empty; give a JSON array of drafts or JSON Lines")
    return decode_utf8(data, name)


def read_drafts(text: str, name: str) -> list[Draft]:
    """The records of a JSON array (what `suggest --format json` writes) or of JSON Lines.

    Parsed strictly (no NaN, no repeated keys, bounded depth and size), each record placed
    at its line:column for messages."""
    from dprktrack.claimsfile.jsonparse import parse_json

    if text.lstrip(" \t\r\n").startswith("[") and not _json_lines(text):
        data, _ = parse_json(text, name)
        _refuse_too_many(len(data), name)
        return _placed(text, data)
    drafts: list[Draft] = []
    for number, line in enumerate(text.split("\n"), start=1):  # JSON Lines ends lines at \n
        if not line.strip():
            continue
        _refuse_too_many(len(drafts) + 1, name)
        value = _parsed_line(line, name, number)
        column = len(line) - len(line.lstrip()) + 1
        drafts.append(Draft(len(drafts), number, column, value))
    return drafts


def _json_lines(text: str) -> bool:
    """Whether a text that begins with `[` is JSON Lines after all: its first line a whole
    JSON value and more lines after it (an array spread over lines has no such first line)."""
    import json

    first, _, rest = text.lstrip(" \t\r\n").partition("\n")
    if not rest.strip():
        return False
    try:
        json.loads(first)
    except (ValueError, RecursionError):
        return False
    return True


def _parsed_line(line: str, name: str, number: int) -> Any:
    """One line of JSON Lines parsed, a slip placed at its line of the file."""
    from dprktrack.claimsfile.jsonparse import parse_json

    try:
        return parse_json(line, name)[0]
    except DprkError as err:
        prefix = f"{name}:1:"
        lines = [
            f"{name}:{number}:{message.removeprefix(prefix)}"
            if message.startswith(prefix)
            else message
            for message in err.lines
        ]
        raise DprkError(lines) from None


def _refuse_too_many(count: int, name: str) -> None:
    if count > MAX_DRAFTS:
        raise DprkError(f"{name}: more than {MAX_DRAFTS:,} drafts; split the batch")


def _placed(text: str, records: list[Any]) -> list[Draft]:
    from dprktrack.claimsfile.jsonpos import locate

    places = locate(text, [(index,) for index in range(len(records))])
    return [
        Draft(index, *places.get((index,), (1, 1)), value) for index, value in enumerate(records)
    ]


def checked_claims(
    catalog: Catalog, drafts: Sequence[Draft], name: str, *, approve: bool = False
) -> list[NewClaim]:
    """Every draft made into a claim as `add` makes one, or the first slip on one line.

    Ids follow on from the file's and from each other; a passage an earlier claim (in the
    file or the batch) quotes for the same actor is refused, as a batch fed twice would
    repeat every claim. Departures from the source's words need `approve`, as `add` off a
    terminal needs --approve.
    """
    documents: dict[str, Document] = {}
    ids = _fresh_ids(catalog.claims)
    passages: dict[tuple[str, str, int, int], str] = {}
    made: list[NewClaim] = []
    for draft in drafts:
        try:
            new = _checked_claim(catalog, documents, draft.values, approve=approve)
            new = replace(new, record={**new.record, "id": next(ids)})
            _refuse_repeat(new, passages)
        except _FieldError as err:
            where = f"{name}:{draft.line}:{draft.column}: [{draft.index}]{err.field}"
            raise DprkError(f"{where}: {err.message}") from None
        made.append(new)
    return made


class _FieldError(Exception):
    """A slip in one field of a draft (`field` as `.stances`, or empty for the record)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _checked_claim(
    catalog: Catalog, documents: dict[str, Document], values: Any, *, approve: bool
) -> NewClaim:
    """One draft as `add` would take it, each field checked as add checks its option."""
    fields = _known_fields(values)
    source_id, document = _source(catalog, documents, fields.get("source"))
    published = catalog.sources[source_id].published
    answers = ClaimAnswers(
        source_id,
        _field("actor", lambda: _actor(catalog, _required_text(fields, "actor"))),
        _field("quote", lambda: _anchored(document, fields)),
        _field("stances", lambda: _stances(catalog, fields.get("stances"))),
        _field("summary", lambda: _one_line(_required_text(fields, "summary"))),
        _field("quote_type", lambda: _word(fields.get("quote_type"), QUOTE_TYPES)),
        _field("reported_via", lambda: _relay(catalog, fields.get("reported_via"))),
        _field("date", lambda: _date(fields.get("date"), published)),
        _field("kind", lambda: _word(fields.get("kind"), CLAIM_KINDS)),
    )
    new = _field("", lambda: new_claim(catalog, document, answers))
    if new.review.departures and not approve:
        places = ", ".join(
            f"{d.kind} at {p}" for d, p in zip(new.review.departures, new.places, strict=True)
        )
        raise _FieldError(
            ".quote",
            f"departs from the source's words ({places}); give --approve if they keep its meaning",
        )
    if new.problem:
        raise _FieldError(".quote", f"would not pass `dprktrack check`: {new.problem}")
    return new


def _field(field: str, check: Callable[[], T]) -> T:
    """The value `check` gives, its DprkError turned into a slip of `field`."""
    try:
        return check()
    except DprkError as err:
        message = "; ".join(err.lines)
        if not field:  # from the record as a whole: its message names the option
            field, message = _option_field(message)
        raise _FieldError(f".{field}" if field else "", _without_option(message)) from None


_OPTION_FIELDS = {option: field for field, option in CLAIM_OPTIONS.items()}


def _option_field(message: str) -> tuple[str, str]:
    """The field a record-wide message names by its `add` option (`--quote: …`)."""
    match = re.match(r"(--[a-z-]+):? ", message)
    if match and match.group(1) in _OPTION_FIELDS:
        return _OPTION_FIELDS[match.group(1)], message[match.end() :]
    return "", message


def _without_option(message: str) -> str:
    """A field's message without the `add` option it begins with (the field is named)."""
    return re.sub(r"^--[a-z-]+:? ", "", message)


def _known_fields(values: Any) -> dict[str, Any]:
    """The draft as an object of known keys; anything else is refused by name."""
    if not isinstance(values, dict):
        raise _FieldError("", f"a draft is a JSON object, not {_json_kind(values)}")
    repeated = getattr(values, "repeated", ())
    if repeated:
        raise _FieldError(f".{repeated[0]}", "the key is given twice; keep one")
    unknown = [key for key in values if key not in DRAFT_FIELDS and key not in INFORMATIONAL]
    if unknown:
        known = ", ".join(DRAFT_FIELDS)
        raise _FieldError("", f"unknown key {unknown[0]!r}; a draft has {known}")
    return {key: values[key] for key in DRAFT_FIELDS if values.get(key) is not None}


def _json_kind(value: Any) -> str:
    kinds = {list: "a list", str: "a string", bool: "true or false", type(None): "null"}
    return kinds.get(type(value), "a number")


def _source(catalog: Catalog, documents: dict[str, Document], given: Any) -> tuple[str, Document]:
    from dprktrack.query import pick_source

    source_id = _field("source", lambda: pick_source(catalog, _text(given, "source"), "source"))
    if source_id not in documents:
        documents[source_id] = _field("source", lambda: quotable_source(catalog, source_id))
    return source_id, documents[source_id]


def _text(value: Any, field: str) -> Any:
    if value is not None and not isinstance(value, str):
        raise DprkError(f"a string, not {_json_kind(value)}")
    return value


def _required_text(fields: Mapping[str, Any], field: str) -> str:
    value = _text(fields.get(field), field)
    if value is None or not value.strip():
        raise DprkError("empty; give a value")
    return str(value)


def _one_line(value: str) -> str:
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise DprkError("one line, please (it holds a line break or control character)")
    return value.strip()


def _actor(catalog: Catalog, name: str) -> str:
    from dprktrack.curate.fields import resolve_actor

    return resolve_actor(catalog, name, "--actor")


def _relay(catalog: Catalog, name: Any) -> str | None:
    from dprktrack.curate.fields import resolve_actor

    text = _text(name, "reported_via")
    return resolve_actor(catalog, text, "--reported-via") if text and text.strip() else None


def _date(value: Any, published: Any) -> str | None:
    from dprktrack.curate.fields import check_date

    text = _text(value, "date")
    return check_date(text, "--date", published) if text is not None else None


def _word(value: Any, words: Sequence[str]) -> str | None:
    text = _text(value, "")
    if text is None:
        return None
    if text.strip().lower() not in words:
        raise DprkError(f"one of {', '.join(words)} (got {text!r})")
    return str(text.strip().lower())


def _anchored(document: Document, fields: Mapping[str, Any]) -> Any:
    from dprktrack.curate.anchoring import anchor_quote

    quote = _required_text(fields, "quote")
    occurrence = fields.get("occurrence")
    if occurrence is not None and (type(occurrence) is not int or occurrence < 1):
        raise DprkError(f"occurrence: a whole number from 1, not {occurrence!r}")
    return anchor_quote(document, quote, occurrence)


def _stances(catalog: Catalog, given: Any) -> list[dict[str, str]]:
    """The stances as add takes them: an object target→stance, a list of "TARGET=STANCE"
    strings, or a list of {"target", "stance"} objects as the claims file writes them."""
    from dprktrack.curate.fields import parse_stances

    pairs = list(_stance_pairs(given))
    if not pairs:
        raise DprkError("empty; give at least one target and its stance")
    return parse_stances(pairs, catalog.targets)


def _stance_pairs(given: Any) -> Iterator[str]:
    if given is None:
        return
    if isinstance(given, dict):
        repeated = getattr(given, "repeated", ())
        if repeated:
            raise DprkError(f"target {repeated[0]!r} is given twice")
        entries: list[Any] = [[target, stance] for target, stance in given.items()]
    elif isinstance(given, list):
        entries = [_stance_entry(entry) for entry in given]
    else:
        raise DprkError(f"an object of target: stance, not {_json_kind(given)}")
    for entry in entries:
        if isinstance(entry, str):
            yield entry
            continue
        target, stance = entry
        if not isinstance(target, str) or not isinstance(stance, str):
            raise DprkError(f"a stance is a string, not {_json_kind(stance)}")
        if "=" in target or "," in target or "," in stance:
            raise DprkError(f"no target {target!r}")
        yield f"{target}={stance}"


def _stance_entry(entry: Any) -> Any:
    """One item of a list of stances: "TARGET=STANCE" or {"target": …, "stance": …}."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and set(entry) == {"target", "stance"}:
        return [entry["target"], entry["stance"]]
    raise DprkError('each stance is "TARGET=STANCE" or {"target": …, "stance": …}')


def _fresh_ids(existing: Mapping[str, Any]) -> Iterator[str]:
    """The ids the batch's claims take, in order: each the next free one after the last."""
    from dprktrack.curate.fields import next_claim_id

    taken = list(existing)
    first = next_claim_id(taken)
    match = re.fullmatch(r"(.*?)([0-9]+)", first)
    assert match is not None  # next_claim_id always ends in a number
    prefix, width, number = match.group(1), len(match.group(2)), int(match.group(2))
    known = set(taken)
    while True:
        candidate = f"{prefix}{number:0{width}d}"
        if candidate not in known:
            yield candidate
        number += 1


def _refuse_repeat(new: NewClaim, passages: dict[tuple[str, str, int, int], str]) -> None:
    """A passage quoted for the same actor already, in the file or earlier in the batch."""
    record = new.record
    key = (record["actor"], record["source"], record["start"], record["end"])
    earlier = new.twins[:1] or ([passages[key]] if key in passages else [])
    if earlier:
        raise _FieldError(
            ".quote", f"claim {earlier[0]} already quotes this passage for this actor"
        )
    passages[key] = record["id"]


def with_claims(raw: str, records: Sequence[Mapping[str, Any]]) -> str:
    """The claims file's text with `records` appended to its claims, in one rewrite."""
    import json

    from dprktrack.claimsfile.rewrite import dump_claims, newline_of

    data = json.loads(raw)
    data["claims"] = [*data.get("claims", []), *records]
    return dump_claims(data, newline=newline_of(raw))
